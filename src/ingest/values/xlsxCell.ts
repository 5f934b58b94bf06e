import type { ColumnSpec, ValueType } from '../columns.js';
import type { SheetCell } from '../readers/types.js';
import type { ImportReasonCode } from '../../reasons.js';
import { fail, type ParseFailure } from './types.js';

/**
 * A typed XLSX cell → text for the text parsers, a value already parsed, or a failure (data-contract.md “XLSX
 * cells”). Only what the cell's type decides is handled here; everything else goes through the same text parsers as
 * CSV, so both formats accept and refuse the same values.
 */

export type AdaptedCell = { text: string } | { value: unknown } | ParseFailure;

/**
 * A numeric cell counts as a whole 分 (or hundredth) when it lies within 1e-6 yuan of one, i.e. 1e-4 in 分. Formula
 * results carry binary noise (=0.1+0.2 is 0.30000000000000004, about 1e-15 relative); for any amount below
 * ~10^9 yuan that noise is under 1e-5 分, well inside the tolerance, while a real third decimal (≥ 0.001 yuan = 0.1 分)
 * is far outside it, so 12.345 and 12.3449 are refused and 12.340000000001 is 1234.
 */
const wholeTolerance = 1e-4;

const formatAsText = '请将该列设置为“文本”格式，重新录入或从源系统重新导出后再导入';
const lostDigitsHint = `该列在 Excel 中是数字格式，长号码已丢失末几位；${formatAsText}`;
const dateColumnHint = '请将该列设置为“日期”或“文本”格式，如 2024-06-01';
const monthColumnHint = '请将该列设置为“文本”格式，写成 2024-06';
const numericColumnHint = '请将该列设置为“数值”或“文本”格式后重新录入';
const formulaHint = '请在 Excel 中修正该单元格的公式或直接填写值';

/** The reason code a refused cell of this type gets (the BAD_* code of its parser). */
export function badCodeFor(type: ValueType): ImportReasonCode {
  switch (type) {
    case 'money':
    case 'signedMoney':
      return 'BAD_MONEY';
    case 'number':
    case 'integer':
    case 'share':
      return 'BAD_NUMBER';
    case 'date':
      return 'BAD_DATE';
    case 'month':
      return 'BAD_MONTH';
    default:
      return 'BAD_ENUM';
  }
}

export function adaptSheetCell(cell: SheetCell, spec: ColumnSpec): AdaptedCell {
  switch (cell.t) {
    case 'string':
      return { text: cell.v };
    case 'number':
      return adaptNumber(cell.v, spec);
    case 'date':
      return adaptDate(cell.ymd, spec.type);
    case 'bool':
      return adaptBool(cell.v, spec.type);
    case 'error':
      return fail(badCodeFor(spec.type), `单元格是 Excel 错误值 ${cell.v}`, formulaHint);
  }
}

/** v × 100 as an integer when v is (within tolerance) a whole hundredth, else undefined. */
function wholeHundredths(v: number): number | undefined {
  const scaled = v * 100;
  const r = Math.round(scaled);
  if (!Number.isSafeInteger(r) || Math.abs(scaled - r) > wholeTolerance) return undefined;
  return r === 0 ? 0 : r; // no -0
}

/** The failure detail's view of a numeric cell; built only on failure (numeric cells are the XLSX hot path). */
const shownNumber = (v: number) => `单元格是数字 ${String(v)}`;

function adaptNumber(v: number, spec: ColumnSpec): AdaptedCell {
  // data-contract.md: an ID, account or certificate number in a numeric cell has already lost its digits.
  if (spec.numberLike !== undefined) return fail('TEXT_AS_NUMBER', shownNumber(v), lostDigitsHint);
  switch (spec.type) {
    case 'money':
    case 'signedMoney': {
      const fen = Number.isFinite(v) ? wholeHundredths(v) : undefined;
      if (fen === undefined) return fail('BAD_MONEY', `${shownNumber(v)}，不是整分金额`, '金额最多两位小数，如 1234.50');
      if (fen < 0 && spec.type === 'money') return fail('BAD_MONEY', '金额不能为负数', '金额请填写非负数');
      return { value: fen };
    }
    case 'number': {
      const hundredths = Number.isFinite(v) ? wholeHundredths(v) : undefined;
      if (hundredths === undefined) return fail('BAD_NUMBER', `${shownNumber(v)}，小数超过两位`, '最多两位小数，如 89.50');
      if (hundredths < 0) return fail('BAD_NUMBER', '数值不能为负数', '请填写非负数');
      return { value: hundredths };
    }
    case 'integer':
      if (!Number.isSafeInteger(v) || v < 0) return fail('BAD_NUMBER', `${shownNumber(v)}，不是非负整数`, '数量请写成整数，如 2');
      return { value: v === 0 ? 0 : v };
    case 'date':
      // data-contract.md: an 8-digit integer is yyyymmdd (parseDate checks the calendar); any other number is not a date.
      if (Number.isInteger(v) && v >= 19000101 && v <= 21001231) return { text: String(v) };
      return fail('BAD_DATE', `${shownNumber(v)}，不是日期（若是 Excel 日期序号，说明该列未设置日期格式）`, dateColumnHint);
    case 'month':
      if (Number.isInteger(v) && ((v >= 190001 && v <= 210012) || (v >= 19000101 && v <= 21001231))) {
        return { text: String(v) };
      }
      return fail('BAD_MONTH', `${shownNumber(v)}，不是月份`, monthColumnHint);
    case 'bool':
      if (v === 1 || v === 0) return { text: String(v) };
      return fail('BAD_ENUM', `${shownNumber(v)}，不是是/否值`, '请填写 是/否、Y/N、1/0 或 true/false');
    case 'share':
      // The value is what the sheet holds (a percent-formatted 50% is 0.5); parseShare applies R11 to it.
      if (Number.isFinite(v)) return { text: String(v) };
      return fail('BAD_NUMBER', shownNumber(v), '共有份额请写成 1/2、50%、50、0.5 或 共同共有');
    default:
      // 号牌种类 is a two-digit code (02 小型汽车); a numeric cell has dropped the leading zero.
      if (spec.key === 'plate_type' && Number.isInteger(v) && v >= 1 && v <= 99) {
        return { text: v < 10 ? `0${v}` : String(v) };
      }
      if (Number.isSafeInteger(v)) return { text: String(v) };
      return fail('TEXT_AS_NUMBER', shownNumber(v), `该列应为文本，${formatAsText}`);
  }
}

function adaptDate(ymd: string, type: ValueType): AdaptedCell {
  const shown = () => `单元格是日期 ${ymd}`;
  switch (type) {
    case 'date':
      return { value: ymd };
    case 'month':
      return { value: ymd.slice(0, 7) };
    case 'money':
    case 'signedMoney':
      return fail('BAD_MONEY', shown(), numericColumnHint);
    case 'number':
    case 'integer':
      return fail('BAD_NUMBER', shown(), numericColumnHint);
    case 'share':
      // Excel turns a typed 1/2 into 2 January: the share is lost, not recoverable from the date.
      return fail('BAD_NUMBER', `${shown()}（在 Excel 中输入 1/2 会被自动转换成日期）`, '请将该列设置为“文本”格式后重新录入，如 1/2');
    case 'bool':
      return fail('BAD_ENUM', shown(), '请填写 是/否、Y/N、1/0 或 true/false');
    default:
      return { text: ymd };
  }
}

function adaptBool(v: boolean, type: ValueType): AdaptedCell {
  const shown = () => `单元格是逻辑值 ${v ? 'TRUE' : 'FALSE'}`;
  switch (type) {
    case 'bool':
      return { value: v };
    case 'money':
    case 'signedMoney':
      return fail('BAD_MONEY', shown(), numericColumnHint);
    case 'number':
    case 'integer':
    case 'share':
      return fail('BAD_NUMBER', shown(), numericColumnHint);
    case 'date':
      return fail('BAD_DATE', shown(), dateColumnHint);
    case 'month':
      return fail('BAD_MONTH', shown(), monthColumnHint);
    default:
      // As Excel shows it; an enum column then refuses it with its own hint.
      return { text: v ? 'TRUE' : 'FALSE' };
  }
}
