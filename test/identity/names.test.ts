import { describe, expect, it } from 'vitest';
import { namesAgree, normalizeName } from '../../src/identity/names.js';

describe('normalizeName', () => {
  const dotVariants: Record<string, string> = {
    'U+00B7': '\u00B7',
    'U+2022': '\u2022',
    'U+2027': '\u2027',
    'U+2219': '\u2219',
    'U+22C5': '\u22C5',
    'U+30FB': '\u30FB',
    'U+FF65': '\uFF65',
    'U+FE52': '\uFE52',
    'U+FF0E': '\uFF0E',
    'U+002E': '.',
    'U+2E31': '\u2E31',
    'U+0387': '\u0387',
    'U+16EB': '\u16EB',
    'U+318D': '\u318D',
    'U+A78F': '\uA78F',
    'U+2E33': '\u2E33',
    'U+2024': '\u2024',
  };

  for (const [codePoint, dot] of Object.entries(dotVariants)) {
    it(`unifies the middle-dot variant ${codePoint} to U+00B7`, () => {
      expect(normalizeName(`阿依古丽${dot}买买提`)).toBe('阿依古丽\u00B7买买提');
    });
  }

  it('removes every kind of whitespace', () => {
    expect(normalizeName(' 阿依古丽 · 买买提 ')).toBe('阿依古丽·买买提');
    expect(normalizeName('\u3000张\u00A0三\t')).toBe('张三');
  });

  it('applies NFKC (full-width letters, compatibility ideographs)', () => {
    expect(normalizeName('ＡＢＣ')).toBe('ABC');
    expect(normalizeName('\uF900')).toBe('\u8C48'); // CJK compatibility ideograph 豈 → unified 豈
  });
});

describe('namesAgree', () => {
  it('treats the usual spellings of one minority name as equal', () => {
    const spellings = ['阿依古丽·买买提', '阿依古丽•买买提', '阿依古丽．买买提', '阿依古丽 · 买买提'];
    for (const spelling of spellings) expect(namesAgree(spelling, spellings[0]!)).toBe(true);
  });

  it('tells different names apart', () => {
    expect(namesAgree('张三', '张山')).toBe(false);
    expect(namesAgree('阿依古丽·买买提', '阿依古丽买买提')).toBe(false);
  });
});
