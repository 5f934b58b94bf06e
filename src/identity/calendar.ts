/** The few calendar facts the identity code needs (proleptic Gregorian, no time zones, no Date objects). */

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1–12) of `year`; 0 for a month outside 1–12, so a day check fails on it too. */
export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 1: case 3: case 5: case 7: case 8: case 10: case 12:
      return 31;
    case 4: case 6: case 9: case 11:
      return 30;
    case 2:
      return isLeapYear(year) ? 29 : 28;
    default:
      return 0;
  }
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return day >= 1 && day <= daysInMonth(year, month);
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Reads a `YYYY-MM-DD` string; throws on anything else, since callers pass dates the program produced. */
export function parseIsoDate(text: string): CalendarDate {
  // Digit by digit rather than a regular expression: this runs for every member of every household (age, R12).
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || year < 0 || month < 0 || day < 0 || !isRealDate(year, month, day)) {
    throw new RangeError(`not a YYYY-MM-DD calendar date: ${text}`);
  }
  return { year, month, day };
}

/** The number written by `count` ASCII digits from `at`, or -1 if any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}
