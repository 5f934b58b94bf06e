import { yearMonthProblem } from './calendar.js';
import { codeAt, digitAt, foldWidth, pad2 } from './chars.js';
import { parseDate, unrecognisedDate } from './date.js';
import { fail, ok, type Parsed } from './types.js';

/**
 * Month cells → 'YYYY-MM' (data-contract.md “Types”): `2024-06`, `2024/6`, `202406`, `2024年6月`, also `2024-6` and
 * `2024.6`. A full date (any form parseDate accepts) is read as its month: an XLSX date cell in a month column is
 * read that way (xlsxCell.ts), and a CSV saved from the same sheet must give the same result.
 */

export const monthHint = '月份请写成 2024-06、2024/6、202406 或 2024年6月';

const NIAN = 0x5e74; // 年
const YUE = 0x6708; // 月

export function parseMonth(text: string): Parsed<string> {
  const n = text.length;
  for (let i = 0; i < 4; i++) if (digitAt(text, i) < 0) return fail('BAD_MONTH', unrecognisedDate, monthHint);
  let monthStart = 4;
  let monthEnd: number;
  if (digitAt(text, 4) >= 0) {
    // yyyymm, or yyyymmdd which is a date
    if (n !== 6) return fromDate(text);
    monthEnd = 6;
  } else {
    const sep = foldWidth(codeAt(text, 4));
    if (sep !== 0x2d && sep !== 0x2f && sep !== 0x2e && sep !== NIAN) return fail('BAD_MONTH', unrecognisedDate, monthHint);
    monthStart = 5;
    monthEnd = digitAt(text, 5) < 0 ? -1 : digitAt(text, 6) < 0 ? 6 : 7;
    if (monthEnd < 0) return fail('BAD_MONTH', unrecognisedDate, monthHint);
    const expectedEnd = sep === NIAN ? monthEnd + 1 : monthEnd;
    if (sep === NIAN && codeAt(text, monthEnd) !== YUE) return fail('BAD_MONTH', unrecognisedDate, monthHint);
    if (n !== expectedEnd) return fromDate(text);
  }
  let year = 0;
  for (let i = 0; i < 4; i++) year = year * 10 + digitAt(text, i);
  let month = 0;
  for (let i = monthStart; i < monthEnd; i++) month = month * 10 + digitAt(text, i);
  const problem = yearMonthProblem(year, month);
  if (problem !== undefined) return fail('BAD_MONTH', problem, monthHint);
  if (isCanonical(text)) return ok(text);
  return ok(`${year}-${pad2[month]}`);
}

function fromDate(text: string): Parsed<string> {
  const date = parseDate(text);
  if (date.ok) return ok(date.value.slice(0, 7));
  // A date-shaped value keeps parseDate's precise detail (“2024年2月没有30日”); anything else is just unrecognised.
  return fail('BAD_MONTH', date.detail, monthHint);
}

/** Already 'YYYY-MM' in ASCII (the caller has validated the digits' values). */
function isCanonical(text: string): boolean {
  if (text.length !== 7 || codeAt(text, 4) !== 0x2d) return false;
  for (let i = 0; i < 7; i++) {
    const c = codeAt(text, i);
    if (i !== 4 && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}
