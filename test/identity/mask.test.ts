import { describe, expect, it } from 'vitest';
import { maskAccount, maskId } from '../../src/identity/mask.js';

describe('maskId', () => {
  it('keeps the first 6 and last 4 of an 18-character ID', () => {
    expect(maskId('37170219840229123X')).toBe('371702********123X');
    expect(maskId('110105491231002')).toBe('110105*****1002');
  });

  it('keeps only the last 4 of an ID shorter than 11 characters, nothing at 4 or fewer', () => {
    expect(maskId('11010519491')).toBe('110105*9491');
    expect(maskId('1101051949')).toBe('******1949');
    expect(maskId('12345')).toBe('*2345');
    expect(maskId('1234')).toBe('****');
    expect(maskId('')).toBe('');
  });

  it('never reveals more than 10 characters', () => {
    for (let length = 0; length <= 30; length++) {
      const masked = maskId('7'.repeat(length));
      expect(masked).toHaveLength(length);
      expect(masked.replace(/\*/g, '').length).toBeLessThanOrEqual(10);
    }
  });
});

describe('maskAccount', () => {
  it('keeps the last 4 and the length', () => {
    expect(maskAccount('6222021234567890123')).toBe('***************0123');
    expect(maskAccount('12345')).toBe('*2345');
  });

  it('masks 4 or fewer characters completely', () => {
    expect(maskAccount('1234')).toBe('****');
    expect(maskAccount('12')).toBe('**');
    expect(maskAccount('')).toBe('');
  });
});

describe('masking counts characters, not UTF-16 units', () => {
  // The rule by characters, written plainly: the reference the fast path (no surrogate pair) must agree with.
  const byCharacters = (s: string, keepFirst: boolean) => {
    const c = Array.from(s);
    if (keepFirst && c.length >= 11) return c.slice(0, 6).join('') + '*'.repeat(c.length - 10) + c.slice(-4).join('');
    return c.length <= 4 ? '*'.repeat(c.length) : '*'.repeat(c.length - 4) + c.slice(-4).join('');
  };
  const samples = ['', 'X', '1234', '12345', '账户号码一二三四五', '37170219840229123X', '𠮷', '𠮷𠮷𠮷𠮷𠮷', '1101051949123𠮷X', '𠮷1234567890123456', 'ab𠮷cd'];

  it('an astral character (U+20BB7) is one character kept or masked whole', () => {
    expect(maskAccount('𠮷𠮷𠮷𠮷𠮷')).toBe('*𠮷𠮷𠮷𠮷');
    expect(maskId('𠮷1234567890123456')).toBe('𠮷12345*******3456');
  });

  it('agrees with the rule by characters on every sample', () => {
    for (const s of samples) {
      expect([s, maskId(s)]).toEqual([s, byCharacters(s, true)]);
      expect([s, maskAccount(s)]).toEqual([s, byCharacters(s, false)]);
    }
  });
});
