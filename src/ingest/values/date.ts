import { daysInMonth, maxYear, minYear, yearMonthProblem } from './calendar.js';
import { codeAt, digitAt, foldWidth, isSpaceCode, pad2 } from './chars.js';
import { fail, ok, type Parsed } from './types.js';

/**
 * Date cells → 'YYYY-MM-DD' (data-contract.md “Types”): `2024-06-01`, `2024/6/1`, `2024.6.1`, `2024年6月1日`,
 * `20240601`; month and day take 1 or 2 digits in the separated forms, and both separators must be the same.
 * A trailing time of day (`2024-06-01 00:00:00`, `2024/6/1 0:00`, `2024-06-01T08:30`) is tolerated and dropped:
 * Excel writes one when a date-time cell is saved as CSV, and the contract's dates are calendar days. A time zone
 * suffix (`Z`, `+08:00`) is refused, because the day could then differ in China.
 * Day-first and month-first forms (`1/6/2024`) are refused: they are ambiguous.
 */

export const dateHint = '日期请写成 2024-06-01、2024/6/1、2024.6.1、2024年6月1日 或 20240601';
export const unrecognisedDate = '格式无法识别';

const NIAN = 0x5e74; // 年
const YUE = 0x6708; // 月
const RI = 0x65e5; // 日
const COLON = 0x3a;
/** '1900'…'2100', so building a date does not convert a number to text on every call. */
const yearText: readonly string[] = Array.from({ length: maxYear - minYear + 1 }, (_, i) => String(minYear + i));

/** End index of 1–2 digits starting at i, or -1 when there are none or more than 2. */
function endOfShortNumber(text: string, i: number): number {
  if (digitAt(text, i) < 0) return -1;
  if (digitAt(text, i + 1) < 0) return i + 1;
  return digitAt(text, i + 2) < 0 ? i + 2 : -1;
}

function readNumber(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + digitAt(text, i);
  return n;
}

/** True when text[i…] is a time of day: H[H]:MM[:SS[.fff]], 00:00–23:59:59. */
function isTimeOfDay(text: string, i: number): boolean {
  const hourEnd = endOfShortNumber(text, i);
  if (hourEnd < 0 || readNumber(text, i, hourEnd) > 23) return false;
  let j = hourEnd;
  for (let part = 0; part < 2 && foldWidth(codeAt(text, j)) === COLON; part++) {
    if (digitAt(text, j + 1) < 0 || digitAt(text, j + 2) < 0 || readNumber(text, j + 1, j + 3) > 59) return false;
    j += 3;
  }
  if (j === hourEnd) return false; // an hour alone is not a time
  if (codeAt(text, j) === 0x2e) for (j++; digitAt(text, j) >= 0; j++);
  return j === text.length;
}

/** True when text[i…] is empty or a separator followed by a time of day. */
function isDateEnd(text: string, i: number): boolean {
  if (i === text.length) return true;
  const c = codeAt(text, i);
  if (c === 0x54) return isTimeOfDay(text, i + 1); // 'T' (ISO 8601)
  if (!isSpaceCode(c)) return false;
  while (isSpaceCode(codeAt(text, i))) i++;
  return isTimeOfDay(text, i);
}

export function parseDate(text: string): Parsed<string> {
  if (isCanonicalShape(text)) {
    // Hot path: most exports already write 'YYYY-MM-DD'; one pass, and the text itself is the result.
    const year = asciiNumber(text, 0, 4);
    const month = asciiNumber(text, 5, 7);
    const day = asciiNumber(text, 8, 10);
    if (year >= minYear && year <= maxYear && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return ok(text);
    }
  }
  for (let i = 0; i < 4; i++) if (digitAt(text, i) < 0) return fail('BAD_DATE', unrecognisedDate, dateHint);
  const year = readNumber(text, 0, 4);
  let month: number;
  let day: number;
  let end: number;

  if (digitAt(text, 4) >= 0) {
    // yyyymmdd: exactly 8 digits
    for (let i = 5; i < 8; i++) if (digitAt(text, i) < 0) return fail('BAD_DATE', unrecognisedDate, dateHint);
    if (digitAt(text, 8) >= 0) return fail('BAD_DATE', unrecognisedDate, dateHint);
    month = readNumber(text, 4, 6);
    day = readNumber(text, 6, 8);
    end = 8;
  } else {
    const sep = foldWidth(codeAt(text, 4));
    if (sep !== 0x2d && sep !== 0x2f && sep !== 0x2e && sep !== NIAN) return fail('BAD_DATE', unrecognisedDate, dateHint);
    const monthEnd = endOfShortNumber(text, 5);
    if (monthEnd < 0) return fail('BAD_DATE', unrecognisedDate, dateHint);
    const daySep = sep === NIAN ? YUE : sep;
    if (foldWidth(codeAt(text, monthEnd)) !== daySep) return fail('BAD_DATE', unrecognisedDate, dateHint);
    const dayEnd = endOfShortNumber(text, monthEnd + 1);
    if (dayEnd < 0) return fail('BAD_DATE', unrecognisedDate, dateHint);
    month = readNumber(text, 5, monthEnd);
    day = readNumber(text, monthEnd + 1, dayEnd);
    end = dayEnd;
    if (sep === NIAN) {
      if (codeAt(text, end) !== RI) return fail('BAD_DATE', unrecognisedDate, dateHint);
      end++;
    }
  }
  if (!isDateEnd(text, end)) return fail('BAD_DATE', unrecognisedDate, dateHint);

  const problem = yearMonthProblem(year, month);
  if (problem !== undefined) return fail('BAD_DATE', problem, dateHint);
  if (day < 1 || day > daysInMonth(year, month)) return fail('BAD_DATE', `${year}年${month}月没有${day}日`, dateHint);
  return ok(`${yearText[year - minYear]}-${pad2[month]}-${pad2[day]}`);
}

/** 'dddd-dd-dd' in ASCII. */
function isCanonicalShape(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return false;
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(i);
    if (i !== 4 && i !== 7 && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}

/** The ASCII digits text[from, to) as a number (the caller has checked they are digits). */
function asciiNumber(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 0x30;
  return n;
}
