import type { ValueType } from '../columns.js';
import { parseBool } from './bool.js';
import { parseDate } from './date.js';
import {
  parseAreaType,
  parseCrossprovResult,
  parseDisabilityGrade,
  parseDisabilityType,
  parseExcludedReason,
  parseIncomeCategory,
  parseProgram,
  parseRelation,
} from './enums.js';
import { parseMoney } from './money.js';
import { parseMonth } from './month.js';
import { parseInteger, parseNumber } from './number.js';
import { parsePlateList } from './plateList.js';
import { parseRegionCode } from './regionCode.js';
import { parseShare } from './share.js';
import { ok, type Parsed } from './types.js';
import { parseVehicleStatus } from './vehicleStatus.js';

/**
 * One parser per value type (src/ingest/columns.ts). Every parser takes the cell text already trimmed and non-blank;
 * blank cells never reach a parser (see blankDefault).
 */

export type TextParser = (text: string) => Parsed<unknown>;

const unsigned = { allowNegative: false } as const;
const signed = { allowNegative: true } as const;
const asIs: TextParser = (text) => ok(text);

const parsers: Record<ValueType, TextParser> = {
  text: asIs, // data-contract.md: text is kept exactly (after trimming)
  idNumber: asIs, // validated by src/identity, which owns ID_INVALID (rules.md R3)
  name: asIs, // kept as given; compared after normalisation (rules.md R4)
  regionCode: parseRegionCode,
  money: (text) => parseMoney(text, unsigned),
  signedMoney: (text) => parseMoney(text, signed),
  number: parseNumber,
  integer: parseInteger,
  date: parseDate,
  month: parseMonth,
  bool: parseBool,
  areaType: parseAreaType,
  program: parseProgram,
  relation: parseRelation,
  excludedReason: parseExcludedReason,
  disabilityGrade: parseDisabilityGrade,
  disabilityType: parseDisabilityType,
  vehicleStatus: parseVehicleStatus,
  incomeCategory: parseIncomeCategory,
  crossprovResult: parseCrossprovResult,
  share: parseShare,
  plateList: parsePlateList,
};

export function parserFor(type: ValueType): TextParser {
  return parsers[type];
}

/**
 * The value of a blank optional cell (data-contract.md “Blank optional cells”), by type:
 * - bool → false (否; for `authorized` that means AUTH_MISSING, rules.md R2, never a rejection);
 * - share → null, read as the whole unit (rules.md R11);
 * - money → null, i.e. absent: declared income stays absent (R7), and the assess layer reads an absent rigid
 *   expense as 0 — a per-column default that a per-type table cannot express;
 * - everything else → null (no disability, counted member, not exempt, …). Per-column text defaults such as
 *   real-estate status 现势 belong to the row layer for the same reason.
 */
export function blankDefault(type: ValueType): unknown {
  return type === 'bool' ? false : null;
}

export { adaptSheetCell, badCodeFor, type AdaptedCell } from './xlsxCell.js';
export { normalizeKeyText, normalizePlate } from './keyText.js';
export { parseMoney, type MoneyOptions } from './money.js';
export { parseNumber, parseInteger } from './number.js';
export { parseDate } from './date.js';
export { parseMonth } from './month.js';
export { parseBool } from './bool.js';
export { parseShare } from './share.js';
export { parsePlateList } from './plateList.js';
export { parseRegionCode } from './regionCode.js';
export { parseVehicleStatus } from './vehicleStatus.js';
export * from './enums.js';
export * from './types.js';
