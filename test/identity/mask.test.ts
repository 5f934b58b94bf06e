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
