/**
 * Calendar facts for date and month cells (proleptic Gregorian, no Date objects, no time zones). The contract's range
 * of plausible years is 1900–2100: anything outside is a typo (0024, 2204), not a date.
 */

export const minYear = 1900;
export const maxYear = 2100;

export { daysInMonth } from '../../identity/calendar.js';

/** Chinese detail for an out-of-range year or month, or undefined when both are fine. */
export function yearMonthProblem(year: number, month: number): string | undefined {
  if (year < minYear || year > maxYear) return `年份${year}不在${minYear}–${maxYear}之间`;
  if (month < 1 || month > 12) return `没有${month}月`;
  return undefined;
}
