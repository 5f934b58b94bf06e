import { describe, expect, it } from 'vitest';
import { parseRegionCode } from '../../../src/ingest/values/regionCode.js';

describe('parseRegionCode', () => {
  it.each([
    ['110105', '110105'],
    ['110105001000', '110105001000'],
    ['１１０１０５', '110105'],
  ])('%s → %s', (text, expected) => {
    expect(parseRegionCode(text)).toEqual({ ok: true, value: expected });
  });
  it.each([
    ['11010', '区划代码有5位'],
    ['1101050', '区划代码有7位'],
    ['11010X', '含有非数字字符“X”'],
    ['110 05', '含有非数字字符“ ”'],
    ['北京市朝阳区', '含有非数字字符“北”'],
  ])('%s → BAD_ENUM “%s”', (text, detail) => {
    expect(parseRegionCode(text)).toEqual({ ok: false, code: 'BAD_ENUM', detail, hint: '区划代码应为6位或12位数字' });
  });
});
