import { codeAt, foldWidth, isSpaceCode } from './chars.js';
import { decimalFailureDetail, scanHundredths } from './decimal.js';
import { fail, ok, type Parsed } from './types.js';

/**
 * Money cells (data-contract.md “Types”): yuan with at most 2 decimals, optional `¥`/`￥` prefix and `元` suffix,
 * thousands separators in groups of exactly 3, parsed to integer 分 without floating point (rules.md “Money”).
 * A leading minus is allowed only where the contract allows it (income `amount`); it may stand before or after the
 * currency sign (`-¥1,234.50元`, `¥-1,234.50`). Spaces are tolerated only next to the sign and the unit (`¥ 100`,
 * `100 元`), never between digits. `+` is not accepted: no export writes it and the contract does not list it.
 */

export interface MoneyOptions {
  allowNegative: boolean;
}

const YEN = 0xa5; // ¥; full-width ￥ (U+FFE5) is checked separately, it lies outside U+FF01–FF5E
const FULL_WIDTH_YEN = 0xffe5;
const YUAN = 0x5143; // 元
const MINUS_SIGN = 0x2212; // − (typographic minus, pasted from documents)

const hint = '金额请以元为单位，最多两位小数，如 1234.50、1,234.50、¥1234.50 或 1234.50元';
const signedHint = `${hint}；负数写成 -1234.50`;
/** Chinese magnitude units: the contract wants plain yuan, so these are refused with a dedicated message. */
const units = ['万', '亿', '千', '百'] as const;

function isMinus(code: number): boolean {
  const c = foldWidth(code);
  return c === 0x2d || c === MINUS_SIGN;
}

export function parseMoney(text: string, options: MoneyOptions): Parsed<number> {
  let start = 0;
  let end = text.length;
  let negative = false;
  if (isMinus(codeAt(text, start))) {
    negative = true;
    start++;
  }
  const sign = codeAt(text, start);
  if (sign === YEN || sign === FULL_WIDTH_YEN) {
    start++;
    while (isSpaceCode(codeAt(text, start))) start++;
    if (!negative && isMinus(codeAt(text, start))) {
      negative = true;
      start++;
    }
  }
  if (end > start && codeAt(text, end - 1) === YUAN) {
    end--;
    while (end > start && isSpaceCode(codeAt(text, end - 1))) end--;
  }
  // -0 is refused too: one rule (“no minus sign”) is easier to explain than an exception for zero.
  if (negative && !options.allowNegative) return fail('BAD_MONEY', '金额不能为负数', hint);

  const fen = scanHundredths(text, start, end);
  if (fen < 0) return fail('BAD_MONEY', moneyDetail(text, fen), options.allowNegative ? signedHint : hint);
  return ok(negative && fen !== 0 ? -fen : fen);
}

function moneyDetail(text: string, code: number): string {
  for (const unit of units) {
    if (text.includes(unit)) return `不支持“${unit}”为单位，请换算成元`;
  }
  return decimalFailureDetail(text, code);
}
