import { checkIdNumber, normalizeName } from '../identity/index.js';
import { importMessage, type ImportReasonCode } from '../reasons.js';
import { kindTables } from '../store/kindTables.js';
import type { SqlValue } from '../store/rowWriter.js';
import type { ColumnSpec, Kind, KindSpec } from './columns.js';
import { replacementChar } from './encoding.js';
import { hashValues } from './rowHash.js';
import type { HeaderMapping } from './headers.js';
import { maxCellChars } from './readers/csvTokenizer.js';
import type { Cell, TokenizedRecord } from './readers/types.js';
import { adaptSheetCell, blankDefault, normalizeKeyText, normalizePlate, parserFor } from './values/index.js';
import type { Fraction, Parsed } from './values/types.js';

export interface RowRejection {
  /** The header text of the offending column as the file wrote it; null for whole-row faults. */
  column: string | null;
  code: ImportReasonCode;
  message: string;
  hint: string;
}

export type RowResult =
  | { ok: true; params: SqlValue[]; hash: number; applicationId: string | null }
  | { ok: false; rejection: RowRejection; applicationId: string | null };

interface ColumnReader {
  spec: ColumnSpec;
  /** -1 when the file has no such column (optional columns only). */
  index: number;
  header: string;
  parse: (text: string) => Parsed<unknown>;
}

const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

function reject(column: string | null, code: ImportReasonCode, detail: string, hint: string, value = ''): RowRejection {
  return { column, code, message: importMessage(code, { column: column ?? '', value: shown(value), detail }), hint };
}

/**
 * Builds the per-file row parser: cell → typed value → SQL columns, with the first problem (left to right) rejecting
 * the row. The returned function is the hot path of ingest; everything that can be decided per file is decided here.
 */
export function createRowParser(spec: KindSpec, mapping: HeaderMapping, format: 'csv' | 'xlsx'): (rec: TokenizedRecord) => RowResult {
  const readers: ColumnReader[] = spec.columns
    .map((c) => {
      const index = mapping.indexByKey.get(c.key) ?? -1;
      const header = mapping.mapped.find((m) => m.spec.key === c.key)?.header ?? c.label;
      return { spec: c, index, header, parse: parserFor(c.type) };
    })
    // File order, so the operator is told about the leftmost problem first.
    .sort((a, b) => (a.index === -1 ? 1e9 : a.index) - (b.index === -1 ? 1e9 : b.index));
  const appIdIndex = spec.kind === 'applicants' ? (mapping.indexByKey.get('application_id') ?? -1) : -1;
  const finish = kindRules[spec.kind];
  const { dedupeIndex } = kindTables[spec.kind];

  return (rec) => {
    const applicationId = appIdIndex >= 0 ? cellText(rec.cells[appIdIndex] ?? null).trim() || null : null;
    const fail = (rejection: RowRejection): RowResult => ({ ok: false, rejection, applicationId });

    const fault = rec.fault;
    if (fault?.kind === 'cellTooLong') {
      const header = mapping.mapped.find((m) => m.index === fault.column)?.header ?? `第 ${fault.column + 1} 列`;
      return fail({
        column: header,
        code: 'CELL_TOO_LONG',
        message: importMessage('CELL_TOO_LONG', { column: header, length: fault.length, limit: maxCellChars }),
        hint: '该单元格超过 Excel 的单元格上限，通常是引号不配对或导出出错；请检查源文件此行后重新导出',
      });
    }
    if (fault?.kind === 'unterminatedQuote') {
      return fail(reject(null, 'RAGGED_ROW', '双引号没有闭合，从此行到文件末尾被读成了一行', '请检查此行的双引号是否成对（内容中的引号要写成两个""），修正后重新导入'));
    }
    if (format === 'csv' && rec.cells.length !== mapping.width) {
      return fail({
        column: null,
        code: 'RAGGED_ROW',
        message: importMessage('RAGGED_ROW', {
          actual: rec.cells.length,
          expected: mapping.width,
          detail: rec.cells.length > mapping.width ? '多出的列可能是内容中未加引号的逗号' : '缺少单元格',
        }),
        hint: '含逗号的内容须用英文双引号括起来，例如 "1,234.50"；请核对此行的列数后重新导出',
      });
    }

    const values: Record<string, unknown> = {};
    for (const r of readers) {
      const cell = r.index >= 0 ? (rec.cells[r.index] ?? null) : null;
      const result = readCell(cell, r);
      if (!result.ok) return fail(reject(r.header, result.code, result.detail, result.hint, result.shownValue));
      values[r.spec.key] = result.value;
    }
    const checked = finish(values, (key) => readers.find((r) => r.spec.key === key)!.header);
    if (checked) return fail(checked);
    const params = toParams(spec.kind, values, rec.raw);
    return { ok: true, params, hash: hashValues(params, dedupeIndex), applicationId };
  };
}

type CellResult = { ok: true; value: unknown } | { ok: false; code: ImportReasonCode; detail: string; hint: string; shownValue: string };

function readCell(cell: Cell, r: ColumnReader): CellResult {
  let text: string;
  if (cell !== null && typeof cell !== 'string') {
    const adapted = adaptSheetCell(cell, r.spec);
    if ('ok' in adapted) return { ...adapted, shownValue: cellText(cell) };
    if ('value' in adapted) return { ok: true, value: adapted.value };
    text = adapted.text.trim();
  } else {
    text = cell === null ? '' : cell.trim();
  }
  if (text === '') {
    // A required bool (授权核对) blank is 否, never a rejection (data-contract.md, R2).
    if (r.spec.required === true && !r.spec.householdLevel && r.spec.type !== 'bool') {
      return { ok: false, code: 'MISSING_VALUE', detail: '', hint: `请填写“${r.header}”后重新导入`, shownValue: '' };
    }
    return { ok: true, value: r.spec.blankIsDistinct ? null : blankDefault(r.spec.type) };
  }
  if (text.includes(replacementChar)) {
    return {
      ok: false,
      code: 'ENCODING',
      detail: `“${r.header}”含有无法识别的字符`,
      hint: '文件的字符编码可能不对；请用 --encoding gb18030 或 --encoding utf-8 重新导入，或在源系统重新导出为 UTF-8',
      shownValue: text,
    };
  }
  const parsed = r.parse(text);
  if (!parsed.ok) return { ...parsed, shownValue: text };
  return { ok: true, value: parsed.value };
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  switch (cell.t) {
    case 'date':
      return cell.ymd;
    case 'string':
    case 'error':
      return cell.v;
    default:
      return String(cell.v);
  }
}

/** Cross-column rules of one kind; returns a rejection or undefined. */
type KindRule = (values: Record<string, unknown>, header: (key: string) => string) => RowRejection | undefined;

const idHint = '请核对原始证件号码；若源文件把号码存成了数字或科学计数法，请把该列设为文本后重新导出';

/** R3: a source row with an invalid ID is rejected at import; applicants keep theirs and the household is blocked. */
function sourceId(values: Record<string, unknown>, header: (key: string) => string): RowRejection | undefined {
  const id = checkIdNumber(values.id_number as string);
  if (!id.ok) return reject(header('id_number'), 'ID_INVALID', id.detail, id.hint || idHint, id.normalized);
  values.id_number = id.id;
  values.id_upgraded = id.upgraded;
  return undefined;
}

const kindRules: Record<Kind, KindRule> = {
  applicants: (values) => {
    const id = checkIdNumber(values.id_number as string);
    if (id.ok) {
      values.id_number = id.id;
      values.id_valid = true;
      values.id_upgraded = id.upgraded;
      values.id_problem = null;
    } else {
      values.id_number = id.normalized;
      values.id_valid = false;
      values.id_upgraded = false;
      values.id_problem = id.detail;
    }
    return undefined;
  },
  bank: (values, header) => {
    const bad = sourceId(values, header);
    if (bad) return bad;
    // data-contract.md: institution and balance may be blank only on a flag-only (超限标识) row.
    if (values.asset_type !== '超限标识') {
      for (const key of ['institution', 'balance']) {
        if (values[key] === null) {
          return reject(header(key), 'MISSING_VALUE', '', `请填写“${header(key)}”；仅“资产类别”为“超限标识”的行可以不填`);
        }
      }
    }
    return undefined;
  },
  vehicle: sourceId,
  realestate: sourceId,
  income: (values, header) => {
    const bad = sourceId(values, header);
    if (bad) return bad;
    if ((values.period_end as string) < (values.period_start as string)) {
      return reject(
        header('period_end'),
        'BAD_MONTH',
        `所属期止（${values.period_end as string}）早于所属期起（${values.period_start as string}）`,
        '请核对所属期起止月份，止月不能早于起月',
        values.period_end as string,
      );
    }
    return undefined;
  },
  crossprov: sourceId,
  death: sourceId,
};

const sqlOf = (v: unknown): SqlValue => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : (v as SqlValue));

/** The row as statement parameters in its table's column order (src/store/kindTables.ts). */
function toParams(kind: Kind, values: Record<string, unknown>, raw: string): SqlValue[] {
  values.name_norm = normalizeName(values.name as string);
  switch (kind) {
    case 'applicants': {
      const plates = values.exempt_plates as string[] | null;
      values.exempt_plates = plates && plates.length ? plates.join(';') : null;
      values.raw = raw;
      break;
    }
    case 'bank':
      // R9: blank and 否 differ on a 超限标识 row; the table keeps both the bool and whether the cell was blank.
      values.over_limit_blank = values.over_limit === null;
      values.over_limit = values.over_limit === true;
      break;
    case 'vehicle':
      values.plate_norm = normalizePlate(values.plate as string);
      break;
    case 'realestate': {
      values.cert_norm = normalizeKeyText(values.cert_no as string);
      const share = values.share as Fraction | null;
      values.share_num = share ? share.num : null;
      values.share_den = share ? share.den : null;
      break;
    }
    default:
      break;
  }
  const columns = kindTables[kind].columns;
  const params = new Array<SqlValue>(columns.length);
  for (let i = 0; i < columns.length; i++) params[i] = sqlOf(values[columns[i]!]);
  return params;
}
