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
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || !isRealDate(year, month, day)) throw new RangeError(`not a YYYY-MM-DD calendar date: ${text}`);
  return { year, month, day };
}
