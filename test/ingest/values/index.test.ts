import { describe, expect, it } from 'vitest';
import type { ValueType } from '../../../src/ingest/columns.js';
import { blankDefault, parserFor } from '../../../src/ingest/values/index.js';

const allTypes: ValueType[] = [
  'text', 'idNumber', 'name', 'regionCode', 'money', 'signedMoney', 'number', 'integer', 'date', 'month', 'bool',
  'areaType', 'program', 'relation', 'excludedReason', 'disabilityGrade', 'disabilityType', 'vehicleStatus',
  'incomeCategory', 'crossprovResult', 'share', 'plateList',
];

describe('parserFor', () => {
  it('has a parser for every value type', () => {
    for (const type of allTypes) expect(typeof parserFor(type)).toBe('function');
  });
  it.each([
    ['text', ' 京A12345 ', ' 京A12345 '],
    ['idNumber', '11010519491231002x', '11010519491231002x'],
    ['name', '阿依古丽·买买提', '阿依古丽·买买提'],
    ['regionCode', '110105', '110105'],
    ['money', '1,234.50元', 123450],
    ['signedMoney', '-12.5', -1250],
    ['number', '89.5', 8950],
    ['integer', '2', 2],
    ['date', '2024/6/1', '2024-06-01'],
    ['month', '2024年6月', '2024-06'],
    ['bool', '是', true],
    ['areaType', '城镇', '城市'],
    ['program', '低保', '低保'],
    ['relation', '本人', '本人'],
    ['excludedReason', '服刑', '服刑'],
    ['disabilityGrade', '1级', '一级'],
    ['disabilityType', '肢体残疾', '肢体'],
    ['vehicleStatus', 'GQ', 'GQ'],
    ['incomeCategory', '工资性收入', '工资性'],
    ['crossprovResult', '未返回', '未反馈'],
    ['share', '50%', { num: 1, den: 2 }],
    ['plateList', '京A12345;沪B67890', ['京A12345', '沪B67890']],
  ] as const)('%s: %s', (type, text, value) => {
    expect(parserFor(type)(text)).toEqual({ ok: true, value });
  });
  it('money refuses negatives, signedMoney takes them', () => {
    expect(parserFor('money')('-1')).toMatchObject({ ok: false, code: 'BAD_MONEY' });
    expect(parserFor('signedMoney')('-1')).toEqual({ ok: true, value: -100 });
  });
});

describe('blankDefault (data-contract.md “Blank optional cells”)', () => {
  it('bool → false (否), every other type → null (absent; share null = whole)', () => {
    for (const type of allTypes) expect(blankDefault(type)).toBe(type === 'bool' ? false : null);
  });
});
