import { describe, expect, it } from 'vitest';
import {
  compareRational,
  decimalToRational,
  mulFenCeilYuan,
  mulFenHalfUp,
  rational,
  rationalText,
  yuanToFen,
} from '../../src/policy/rational.js';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined);

describe('money in the pack → integer 分', () => {
  it('reads yuan with up to 2 decimals', () => {
    expect(value(yuanToFen(939))).toBe(93900);
    expect(value(yuanToFen(939.5))).toBe(93950); // 939.50 元 = 93950 分
    expect(value(yuanToFen(0.01))).toBe(1);
    expect(value(yuanToFen(1220.7))).toBe(122070); // 1220.70 元 = 122070 分 (the digits, not 1220.7 × 100 in floats)
    expect(value(yuanToFen(1.15))).toBe(115); // in doubles 1.15 × 100 = 114.99999999999999
  });

  it('refuses more than 2 decimals, negatives and non-finite numbers', () => {
    expect(yuanToFen(939.123)).toMatchObject({ ok: false, message: expect.stringContaining('小数位过多') });
    expect(yuanToFen(-1)).toMatchObject({ ok: false, message: expect.stringContaining('负数') });
    expect(yuanToFen(Infinity)).toMatchObject({ ok: false });
    expect(yuanToFen(NaN)).toMatchObject({ ok: false });
    expect(yuanToFen(1e21)).toMatchObject({ ok: false, message: expect.stringContaining('过大') });
  });
});

describe('rates and multipliers → exact rationals from the decimal text', () => {
  it('takes the digits of String(x), not the binary value', () => {
    expect(value(decimalToRational(0.1))).toEqual({ num: 1, den: 10 }); // YAML 0.10 → 0.1 → 10/100 = 1/10
    expect(value(decimalToRational(1.3))).toEqual({ num: 13, den: 10 });
    expect(value(decimalToRational(1.5))).toEqual({ num: 3, den: 2 }); // 15/10 in lowest terms
    expect(value(decimalToRational(24))).toEqual({ num: 24, den: 1 });
    expect(value(decimalToRational(0.000001))).toEqual({ num: 1, den: 1_000_000 }); // 6 decimals: the maximum
  });

  it('refuses more than 6 decimals (also in exponent form) and non-finite numbers', () => {
    expect(decimalToRational(1.2345678)).toMatchObject({ ok: false, message: expect.stringContaining('小数位过多') });
    expect(decimalToRational(1e-7)).toMatchObject({ ok: false, message: expect.stringContaining('小数位过多') }); // String → "1e-7"
    expect(decimalToRational(Infinity)).toMatchObject({ ok: false });
    expect(decimalToRational(-0.5)).toMatchObject({ ok: false });
  });

  it('prints and compares exactly', () => {
    expect(rationalText({ num: 3, den: 2 })).toBe('1.5');
    expect(rationalText({ num: 1, den: 10 })).toBe('0.1');
    expect(rationalText({ num: 13, den: 10 })).toBe('1.3');
    expect(rationalText({ num: 12, den: 1 })).toBe('12');
    expect(rationalText({ num: 1, den: 1_000_000 })).toBe('0.000001');
    expect(rationalText({ num: 1, den: 3 })).toBe('1/3');
    expect(compareRational({ num: 3, den: 2 }, { num: 15, den: 10 })).toBe(0);
    expect(compareRational({ num: 1, den: 10 }, { num: 1, den: 9 })).toBe(-1);
  });
});

describe('why not floating point (rules.md: 650 × 1.1 rounds the wrong way)', () => {
  it('650 × 1.1 rounded up to the yuan is 715, not 716', () => {
    // In doubles 650 * 1.1 = 715.0000000000001, so Math.ceil gives 716: one yuan too many.
    expect(650 * 1.1).not.toBe(715);
    expect(Math.ceil(650 * 1.1)).toBe(716);
    // As a rational: 65000 分 × 11/10 = 715000/10 = 71500 分 exactly; already whole yuan → 715 元.
    const m = value(decimalToRational(1.1))!;
    expect(mulFenCeilYuan(65000, m)).toBe(71500);
  });

  it('50 分 × 1.15 rounded half-up is 58 分, not 57', () => {
    // In doubles 50 * 1.15 = 57.49999999999999, so Math.round gives 57.
    expect(Math.round(50 * 1.15)).toBe(57);
    // Exactly: 50 × 23/20 = 1150/20 = 57.5 → half-up → 58.
    expect(mulFenHalfUp(50, value(decimalToRational(1.15))!)).toBe(58);
  });
});

describe('rounding', () => {
  it('特困 from a multiplier is rounded up to the whole yuan', () => {
    const m13 = rational(13, 10);
    expect(mulFenCeilYuan(93900, m13)).toBe(122100); // 939 × 1.3 = 1220.7 → 1221 元
    expect(mulFenCeilYuan(76100, m13)).toBe(99000); // 761 × 1.3 = 989.3 → 990 元
    expect(mulFenCeilYuan(78800, m13)).toBe(102500); // 788 × 1.3 = 1024.4 → 1025 元
    expect(mulFenCeilYuan(58000, m13)).toBe(75400); // 580 × 1.3 = 754 exactly → 754 元, no extra yuan
    expect(mulFenCeilYuan(93950, m13)).toBe(122200); // 939.50 × 1.3 = 1221.35 → 1222 元
  });

  it('derived lines are rounded half-up to 1 分', () => {
    expect(mulFenHalfUp(93900, rational(3, 2))).toBe(140850); // 939 × 1.5 = 1408.50 元, exact
    expect(mulFenHalfUp(1, rational(1, 2))).toBe(1); // 0.5 分 → 1
    expect(mulFenHalfUp(3, rational(1, 2))).toBe(2); // 1.5 分 → 2
    expect(mulFenHalfUp(93901, rational(3, 2))).toBe(140852); // 140851.5 → 140852
    expect(mulFenHalfUp(7, rational(1, 10))).toBe(1); // 0.7 → 1
    expect(mulFenHalfUp(4, rational(1, 10))).toBe(0); // 0.4 → 0
  });
});
