import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../src/ingest/values/money.js';

const unsigned = { allowNegative: false };
const signed = { allowNegative: true };
const fen = (text: string, options = unsigned) => {
  const r = parseMoney(text, options);
  if (!r.ok) throw new Error(`${text}: ${r.detail}`);
  return r.value;
};
const failure = (text: string, options = unsigned) => {
  const r = parseMoney(text, options);
  if (r.ok) throw new Error(`${text} parsed as ${r.value}`);
  return r;
};

describe('parseMoney: spellings the contract lists', () => {
  it.each([
    ['1234.50', 123450],
    ['1234.5', 123450],
    ['1234', 123400],
    ['0', 0],
    ['0.01', 1],
    ['¥1234.50', 123450],
    ['￥1234.50', 123450],
    ['1234.50元', 123450],
    ['¥1234.50元', 123450],
    ['1,234.50', 123450],
    ['1,234.50元', 123450],
    ['1,234,567.89', 123456789],
    ['¥0.10', 10],
    ['123', 12300],
    ['999', 99900],
    ['1,000', 100000],
  ])('%s → %i 分', (text, expected) => {
    expect(fen(text)).toBe(expected);
  });
});

describe('parseMoney: decisions where the contract is silent', () => {
  it.each([
    ['.5', 50],
    ['5.', 500],
    ['007', 700],
    ['¥ 100', 10000],
    ['100 元', 10000],
    ['100\u3000元', 10000],
  ])('%s → %i 分', (text, expected) => {
    expect(fen(text)).toBe(expected);
  });

  it.each(['+12', '(12.00)', '1 234.50', '12元5角', 'RMB12', '¥', '元', '.', '-', '1.2.3'])('refuses %s', (text) => {
    expect(failure(text, signed).code).toBe('BAD_MONEY');
  });

  it('names the problem for inner spaces, a second point and a misplaced minus', () => {
    expect(failure('1 234.50').detail).toBe('数字中间有空格');
    expect(failure('1.2.3').detail).toBe('小数点多于一个');
    expect(failure('12-', signed).detail).toBe('负号只能写在最前面');
    expect(failure('元').detail).toBe('没有数字');
    expect(failure('12元5角').detail).toBe('含有无法识别的字符“元”');
  });
});

describe('parseMoney: full-width input is normalised first', () => {
  it.each([
    ['１２３．５０', 12350],
    ['１，２３４．５０元', 123450],
    ['￥１２３', 12300],
  ])('%s → %i 分', (text, expected) => {
    expect(fen(text)).toBe(expected);
  });
  it('full-width minus in a signed column', () => {
    expect(fen('－１２．５', signed)).toBe(-1250);
  });
});

describe('parseMoney: negatives', () => {
  it('allowed only with allowNegative', () => {
    expect(fen('-12.5', signed)).toBe(-1250);
    const r = failure('-12.5');
    expect(r.code).toBe('BAD_MONEY');
    expect(r.detail).toBe('金额不能为负数');
  });
  it.each([
    ['-¥1,234.50元', -123450],
    ['¥-1,234.50', -123450],
    ['−8.00', -800],
    ['-0', 0],
  ])('%s → %i 分', (text, expected) => {
    expect(Object.is(fen(text, signed), expected)).toBe(true);
  });
  it('refuses a second minus', () => {
    expect(failure('-¥-5', signed).code).toBe('BAD_MONEY');
  });
  it('the hint of a signed column shows how to write a negative', () => {
    expect(failure('abc', signed).hint).toContain('-1234.50');
    expect(failure('abc').hint).not.toContain('-1234.50');
  });
});

describe('parseMoney: bad values the contract names', () => {
  it.each([
    ['1万', '不支持“万”为单位，请换算成元'],
    ['1.5万元', '不支持“万”为单位，请换算成元'],
    ['万', '不支持“万”为单位，请换算成元'],
    ['2亿', '不支持“亿”为单位，请换算成元'],
    ['1.234', '小数超过两位'],
    ['1,234.567', '小数超过两位'],
    ['1,23', '千分位分组不正确：1,23'],
    ['12,34.5', '千分位分组不正确：12,34.5'],
    [',123', '千分位分组不正确：,123'],
    ['1234,567', '千分位分组不正确：1234,567'],
    ['1,2345', '千分位分组不正确：1,2345'],
    ['1,,234', '千分位分组不正确：1,,234'],
    ['1,234,', '千分位分组不正确：1,234,'],
    ['0,123', '千分位分组不正确：0,123'],
    ['1.5,0', '含有无法识别的字符“,”'],
  ])('%s → BAD_MONEY “%s”', (text, detail) => {
    const r = failure(text);
    expect(r).toMatchObject({ code: 'BAD_MONEY', detail });
    expect(r.hint).toBe('金额请以元为单位，最多两位小数，如 1234.50、1,234.50、¥1234.50 或 1234.50元');
  });
});

describe('parseMoney: exact, never through binary floating point', () => {
  it.each([
    ['0.29', 29],
    ['19.99', 1999],
    ['650.35', 65035],
    ['1.13', 113],
    ['4.35', 435],
    ['1234.57', 123457],
    ['0.07', 7],
    ['9.95', 995],
    ['1,005.01', 100501],
  ])('%s → %i 分', (text, expected) => {
    expect(fen(text)).toBe(expected);
  });
  it('1.005 is three decimals, not 1.01 or 1.00', () => {
    expect(failure('1.005').detail).toBe('小数超过两位');
  });
});

describe('parseMoney: the safe-integer guard', () => {
  it('accepts the largest exact amount', () => {
    expect(fen('90,071,992,547,409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(fen('-90071992547409.91', signed)).toBe(-Number.MAX_SAFE_INTEGER);
  });
  it.each(['90071992547409.92', '90071992547410', '1000000000000000000000', '99999999999999999999.99'])('refuses %s', (text) => {
    expect(failure(text)).toMatchObject({ code: 'BAD_MONEY', detail: '数值过大' });
  });
});
