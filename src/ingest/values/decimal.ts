import { digitAt, foldWidth } from './chars.js';

/**
 * The decimal grammar shared by money and number (data-contract.md “Types”): digits, thousands separators `,` only
 * in groups of exactly 3, at most 2 decimals. Scanned by hand into integer hundredths — the digits never pass through
 * binary floating point, so `650.35` is exactly 65035 (rules.md “Money, rounding, dates”).
 *
 * `.5` and `5.` are accepted (0.50, 5.00): both are unambiguous and `.5` is what Oracle's TO_CHAR writes for 0.5.
 */

/** scanHundredths returns one of these (all negative) when the text is not a decimal. */
export const NO_DIGITS = -1;
export const BAD_GROUPING = -2;
export const TOO_MANY_DECIMALS = -3;
export const BAD_CHARACTER = -4;
export const TOO_LARGE = -5;

const COMMA = 0x2c;
const DOT = 0x2e;
const maxSafeHundredths = Number.MAX_SAFE_INTEGER;
/** Above this many units the next digit could leave the range where integers are exact. */
const maxUnits = Math.floor(maxSafeHundredths / 100);

const whitespace = /^\s$/u;

let errorIndex = 0;

/** Index in the text of the character that made the last scan fail (for the failure detail; not on the hot path). */
export function lastScanErrorIndex(): number {
  return errorIndex;
}

function failAt(index: number, code: number): number {
  errorIndex = index;
  return code;
}

/** text[start, end) as integer hundredths (≥ 0), or one of the negative codes above. */
export function scanHundredths(text: string, start: number, end: number): number {
  let units = 0;
  let groupDigits = 0;
  let grouped = false;
  let leadingZero = false;
  let i = start;
  for (; i < end; i++) {
    const code = text.charCodeAt(i); // i < end ≤ length: in bounds
    const d = code >= 0x30 && code <= 0x39 ? code - 0x30 : digitAt(text, i);
    if (d >= 0) {
      if (i === start) leadingZero = d === 0;
      units = units * 10 + d;
      if (units > maxUnits) return failAt(i, TOO_LARGE);
      groupDigits++;
      continue;
    }
    if (foldWidth(code) !== COMMA) break;
    // A group before a comma: 1–3 digits first (not “0,123”), exactly 3 after that.
    if (groupDigits === 0 || groupDigits > 3 || (grouped && groupDigits !== 3) || leadingZero) {
      return failAt(i, BAD_GROUPING);
    }
    grouped = true;
    groupDigits = 0;
  }
  if (grouped && groupDigits !== 3) return failAt(i, BAD_GROUPING);
  const intDigits = grouped || groupDigits > 0;

  let fraction = 0;
  let fractionDigits = 0;
  if (i < end && foldWidth(text.charCodeAt(i)) === DOT) {
    for (i++; i < end; i++) {
      const d = digitAt(text, i);
      if (d < 0) break;
      if (++fractionDigits > 2) return failAt(i, TOO_MANY_DECIMALS);
      fraction = fraction * 10 + d;
    }
  }
  if (i < end) return failAt(i, BAD_CHARACTER);
  if (!intDigits && fractionDigits === 0) return failAt(start, NO_DIGITS);
  if (fractionDigits === 1) fraction *= 10;
  if (units * 100 > maxSafeHundredths - fraction) return failAt(start, TOO_LARGE);
  return units * 100 + fraction;
}

/** Chinese detail for a failed scan of `text` (failure path only). */
export function decimalFailureDetail(text: string, code: number): string {
  switch (code) {
    case NO_DIGITS:
      return '没有数字';
    case BAD_GROUPING:
      return `千分位分组不正确：${text}`;
    case TOO_MANY_DECIMALS:
      return '小数超过两位';
    case TOO_LARGE:
      return '数值过大';
    default: {
      const ch = String.fromCodePoint(text.codePointAt(errorIndex) ?? 0xfffd);
      const folded = String.fromCharCode(foldWidth(ch.charCodeAt(0)));
      if (whitespace.test(ch)) return '数字中间有空格';
      if (folded === '.') return '小数点多于一个';
      if (folded === '-') return '负号只能写在最前面';
      return `含有无法识别的字符“${ch}”`;
    }
  }
}
