import { describe, expect, it } from 'vitest';
import type { ColumnSpec, ValueType } from '../../../src/ingest/columns.js';
import type { SheetCell } from '../../../src/ingest/readers/types.js';
import { adaptSheetCell } from '../../../src/ingest/values/xlsxCell.js';

/** Column specs are built inline, shaped like those of columns.ts, so these tests do not move when a label does. */
const spec = (type: ValueType, key: string, numberLike?: ColumnSpec['numberLike']): ColumnSpec => {
  const base: ColumnSpec = { key, label: key, aliases: [], type, required: false };
  return numberLike ? { ...base, numberLike } : base;
};
const ofType = (type: ValueType): ColumnSpec => spec(type, 'x');

const balance = spec('money', 'balance');
const amount = spec('signedMoney', 'amount');
const area = spec('number', 'area');
const count = spec('integer', 'count');
const asOf = spec('date', 'as_of');
const periodStart = spec('month', 'period_start');
const authorized = spec('bool', 'authorized');
const idNumber = spec('idNumber', 'id_number', 'id');
const accountNo = spec('text', 'account_no', 'account');
const certNo = spec('text', 'cert_no', 'certificate');
const applicationId = spec('text', 'application_id', 'account');
const regionCode = spec('regionCode', 'region_code');
const plateType = spec('text', 'plate_type');
const plate = spec('text', 'plate');
const share = spec('share', 'share');
const grade = spec('disabilityGrade', 'disability_grade');

const num = (v: number): SheetCell => ({ t: 'number', v });

describe('adaptSheetCell: string cells go to the text parsers', () => {
  it('keeps the text (the caller trims)', () => {
    expect(adaptSheetCell({ t: 'string', v: ' 1,234.50 ' }, balance)).toEqual({ text: ' 1,234.50 ' });
    expect(adaptSheetCell({ t: 'string', v: '110105194912310025' }, idNumber)).toEqual({ text: '110105194912310025' });
  });
});

describe('adaptSheetCell: numeric money cells (within 1e-6 yuan of a whole 分)', () => {
  it.each([
    [1234.5, 123450],
    [0.1 + 0.2, 30],
    [19.99, 1999],
    [650.35, 65035],
    [1.13, 113],
    [0.29, 29],
    [12.340000000001, 1234],
    [1000000 * 1.1, 110000000],
    [0, 0],
    [99999999.99, 9999999999],
  ])('%d → %i 分', (v, fen) => {
    expect(adaptSheetCell(num(v), balance)).toEqual({ value: fen });
  });

  it.each([12.345, 12.345000000001, 12.3449, 1.005, 0.001, 12.34001])('%d is not a whole 分 → BAD_MONEY', (v) => {
    expect(adaptSheetCell(num(v), balance)).toMatchObject({ ok: false, code: 'BAD_MONEY' });
  });

  it('negative only in signedMoney (income amount)', () => {
    expect(adaptSheetCell(num(-12.5), amount)).toEqual({ value: -1250 });
    expect(adaptSheetCell(num(-12.5), balance)).toMatchObject({ ok: false, code: 'BAD_MONEY', detail: '金额不能为负数' });
    expect(adaptSheetCell(num(-0), balance)).toEqual({ value: 0 });
    expect(Object.is((adaptSheetCell(num(-0), amount) as { value: number }).value, 0)).toBe(true);
  });

  it('refuses amounts beyond the safe-integer range', () => {
    expect(adaptSheetCell(num(1e14), balance)).toMatchObject({ ok: false, code: 'BAD_MONEY' });
  });
});

describe('adaptSheetCell: numeric number and integer cells', () => {
  it('number → hundredths', () => {
    expect(adaptSheetCell(num(89.5), area)).toEqual({ value: 8950 });
    expect(adaptSheetCell(num(120.35), area)).toEqual({ value: 12035 });
    expect(adaptSheetCell(num(89.555), area)).toMatchObject({ ok: false, code: 'BAD_NUMBER' });
    expect(adaptSheetCell(num(-1), area)).toMatchObject({ ok: false, code: 'BAD_NUMBER', detail: '数值不能为负数' });
  });
  it('integer → whole only', () => {
    expect(adaptSheetCell(num(3), count)).toEqual({ value: 3 });
    expect(adaptSheetCell(num(2.5), count)).toMatchObject({ ok: false, code: 'BAD_NUMBER' });
    expect(adaptSheetCell(num(-1), count)).toMatchObject({ ok: false, code: 'BAD_NUMBER' });
  });
});

describe('adaptSheetCell: numbers in date and month columns', () => {
  it('an 8-digit integer is yyyymmdd, checked later by parseDate', () => {
    expect(adaptSheetCell(num(20240601), asOf)).toEqual({ text: '20240601' });
    expect(adaptSheetCell(num(19000101), asOf)).toEqual({ text: '19000101' });
    expect(adaptSheetCell(num(21001231), asOf)).toEqual({ text: '21001231' });
  });
  it.each([45444, 18991231, 21010101, 20240601.5, 2024])('%d in a date column → BAD_DATE', (v) => {
    const r = adaptSheetCell(num(v), asOf);
    expect(r).toMatchObject({ ok: false, code: 'BAD_DATE', hint: '请将该列设置为“日期”或“文本”格式，如 2024-06-01' });
  });
  it('a 6-digit yyyymm (or 8-digit date) in a month column', () => {
    expect(adaptSheetCell(num(202406), periodStart)).toEqual({ text: '202406' });
    expect(adaptSheetCell(num(20240601), periodStart)).toEqual({ text: '20240601' });
    expect(adaptSheetCell(num(45444), periodStart)).toMatchObject({ ok: false, code: 'BAD_MONTH' });
    expect(adaptSheetCell(num(2024.06), periodStart)).toMatchObject({ ok: false, code: 'BAD_MONTH' });
  });
});

describe('adaptSheetCell: numbers in bool columns', () => {
  it('1/0 become text for parseBool', () => {
    expect(adaptSheetCell(num(1), authorized)).toEqual({ text: '1' });
    expect(adaptSheetCell(num(0), authorized)).toEqual({ text: '0' });
    expect(adaptSheetCell(num(2), authorized)).toMatchObject({ ok: false, code: 'BAD_ENUM' });
  });
});

describe('adaptSheetCell: numbers in text columns', () => {
  const lostDigitsHint =
    '该列在 Excel 中是数字格式，长号码已丢失末几位；请将该列设置为“文本”格式，重新录入或从源系统重新导出后再导入';
  it.each([
    [idNumber, 110105194912310020, '单元格是数字 110105194912310020'],
    [idNumber, 1.1010519491231e17, '单元格是数字 110105194912310000'],
    [accountNo, 6222020200112233, '单元格是数字 6222020200112233'],
    [accountNo, 1234, '单元格是数字 1234'],
    [certNo, 12345, '单元格是数字 12345'],
    [applicationId, 20240001, '单元格是数字 20240001'],
  ])('a numeric ID/account/certificate cell is TEXT_AS_NUMBER (%#)', (spec, v, detail) => {
    expect(adaptSheetCell(num(v), spec)).toEqual({ ok: false, code: 'TEXT_AS_NUMBER', detail, hint: lostDigitsHint });
  });

  it('other text columns take a safe integer as its digits', () => {
    expect(adaptSheetCell(num(110105), regionCode)).toEqual({ text: '110105' });
    expect(adaptSheetCell(num(110105001000), regionCode)).toEqual({ text: '110105001000' });
    expect(adaptSheetCell(num(12345), plate)).toEqual({ text: '12345' });
    expect(adaptSheetCell(num(2), grade)).toEqual({ text: '2' });
  });
  it('and refuse anything else', () => {
    expect(adaptSheetCell(num(1.5), plate)).toMatchObject({ ok: false, code: 'TEXT_AS_NUMBER' });
    expect(adaptSheetCell(num(1e20), plate)).toMatchObject({ ok: false, code: 'TEXT_AS_NUMBER' });
  });

  it('plate_type 1–99 is a two-digit code', () => {
    expect(adaptSheetCell(num(2), plateType)).toEqual({ text: '02' });
    expect(adaptSheetCell(num(7), plateType)).toEqual({ text: '07' });
    expect(adaptSheetCell(num(51), plateType)).toEqual({ text: '51' });
    expect(adaptSheetCell(num(100), plateType)).toEqual({ text: '100' });
  });

  it('a share cell holds the number itself (a percent-formatted 50% is 0.5)', () => {
    expect(adaptSheetCell(num(0.5), share)).toEqual({ text: '0.5' });
    expect(adaptSheetCell(num(50), share)).toEqual({ text: '50' });
  });
});

describe('adaptSheetCell: date cells', () => {
  const date: SheetCell = { t: 'date', ymd: '2024-06-01' };
  it('date → value, month → its month, text → its text', () => {
    expect(adaptSheetCell(date, asOf)).toEqual({ value: '2024-06-01' });
    expect(adaptSheetCell(date, periodStart)).toEqual({ value: '2024-06' });
    expect(adaptSheetCell({ t: 'date', ymd: '2024-06-30' }, periodStart)).toEqual({ value: '2024-06' });
    expect(adaptSheetCell(date, plate)).toEqual({ text: '2024-06-01' });
  });
  it('money/number/share/bool columns refuse it', () => {
    expect(adaptSheetCell(date, balance)).toMatchObject({ ok: false, code: 'BAD_MONEY', detail: '单元格是日期 2024-06-01' });
    expect(adaptSheetCell(date, area)).toMatchObject({ ok: false, code: 'BAD_NUMBER' });
    expect(adaptSheetCell(date, count)).toMatchObject({ ok: false, code: 'BAD_NUMBER' });
    expect(adaptSheetCell({ t: 'date', ymd: '2024-01-02' }, share)).toMatchObject({
      ok: false,
      code: 'BAD_NUMBER',
      detail: '单元格是日期 2024-01-02（在 Excel 中输入 1/2 会被自动转换成日期）',
    });
    expect(adaptSheetCell(date, authorized)).toMatchObject({ ok: false, code: 'BAD_ENUM' });
  });
});

describe('adaptSheetCell: bool cells', () => {
  it('bool → value; text → as Excel shows it; numeric and date columns refuse it', () => {
    expect(adaptSheetCell({ t: 'bool', v: true }, authorized)).toEqual({ value: true });
    expect(adaptSheetCell({ t: 'bool', v: false }, authorized)).toEqual({ value: false });
    expect(adaptSheetCell({ t: 'bool', v: true }, plate)).toEqual({ text: 'TRUE' });
    expect(adaptSheetCell({ t: 'bool', v: true }, balance)).toMatchObject({ ok: false, code: 'BAD_MONEY' });
    expect(adaptSheetCell({ t: 'bool', v: true }, area)).toMatchObject({ ok: false, code: 'BAD_NUMBER' });
    expect(adaptSheetCell({ t: 'bool', v: true }, asOf)).toMatchObject({ ok: false, code: 'BAD_DATE' });
    expect(adaptSheetCell({ t: 'bool', v: true }, periodStart)).toMatchObject({ ok: false, code: 'BAD_MONTH' });
  });
});

describe('adaptSheetCell: Excel error values', () => {
  it.each([
    ['money', 'BAD_MONEY'],
    ['signedMoney', 'BAD_MONEY'],
    ['number', 'BAD_NUMBER'],
    ['integer', 'BAD_NUMBER'],
    ['share', 'BAD_NUMBER'],
    ['date', 'BAD_DATE'],
    ['month', 'BAD_MONTH'],
    ['bool', 'BAD_ENUM'],
    ['text', 'BAD_ENUM'],
    ['program', 'BAD_ENUM'],
    ['idNumber', 'BAD_ENUM'],
  ] as const)('%s column → %s', (type, code) => {
    expect(adaptSheetCell({ t: 'error', v: '#N/A' }, ofType(type))).toEqual({
      ok: false,
      code,
      detail: '单元格是 Excel 错误值 #N/A',
      hint: '请在 Excel 中修正该单元格的公式或直接填写值',
    });
  });
});
