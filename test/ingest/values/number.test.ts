import { describe, expect, it } from 'vitest';
import { parseInteger, parseNumber } from '../../../src/ingest/values/number.js';

describe('parseNumber (area, ×100)', () => {
  it.each([
    ['89.5', 8950],
    ['89.50', 8950],
    ['89', 8900],
    ['0', 0],
    ['1,234.56', 123456],
    ['.5', 50],
    ['120.35', 12035],
    ['89.5㎡', 8950],
    ['89.5 ㎡', 8950],
    ['89.5m²', 8950],
    ['89.5m2', 8950],
    ['89.5平方米', 8950],
    ['89.5平米', 8950],
    ['８９．５', 8950],
  ])('%s → %i', (text, expected) => {
    expect(parseNumber(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['-5', '数值不能为负数'],
    ['89.555', '小数超过两位'],
    ['1,23', '千分位分组不正确：1,23'],
    ['约90', '含有无法识别的字符“约”'],
    ['㎡', '没有数字'],
    ['90米', '含有无法识别的字符“米”'],
  ])('%s → BAD_NUMBER “%s”', (text, detail) => {
    expect(parseNumber(text)).toMatchObject({ ok: false, code: 'BAD_NUMBER', detail });
  });
});

describe('parseInteger (count)', () => {
  it.each([
    ['0', 0],
    ['2', 2],
    ['1,234', 1234],
    ['2.0', 2],
    ['2.00', 2],
    ['３', 3],
  ])('%s → %i', (text, expected) => {
    expect(parseInteger(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2.5', '应为整数'],
    ['2.000', '应为整数'],
    ['-1', '数量不能为负数'],
    ['两', '含有无法识别的字符“两”'],
    ['1,23', '千分位分组不正确：1,23'],
  ])('%s → BAD_NUMBER “%s”', (text, detail) => {
    expect(parseInteger(text)).toMatchObject({ ok: false, code: 'BAD_NUMBER', detail });
  });
});
