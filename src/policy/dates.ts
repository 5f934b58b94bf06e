/**
 * Pack dates are `YYYY-MM-DD` text (never Date objects: no time zones), compared as strings — for valid ISO dates
 * string order is calendar order.
 */
import { daysInMonth, isRealDate } from '../identity/calendar.js';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function split(text: string): Ymd | undefined {
  const match = isoPattern.exec(text);
  if (!match) return undefined;
  const ymd = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  return isRealDate(ymd.y, ymd.m, ymd.d) ? ymd : undefined;
}

function iso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isIsoDate(text: string): boolean {
  return split(text) !== undefined;
}

function mustSplit(text: string): Ymd {
  const ymd = split(text);
  if (!ymd) throw new RangeError(`not a YYYY-MM-DD calendar date: ${text}`);
  return ymd;
}

/** The day before a valid ISO date (for the “add `to: …`” hint of an overlap). */
export function dayBefore(text: string): string {
  const { y, m, d } = mustSplit(text);
  if (d > 1) return iso({ y, m, d: d - 1 });
  if (m > 1) return iso({ y, m: m - 1, d: daysInMonth(y, m - 1) });
  return iso({ y: y - 1, m: 12, d: 31 });
}

/** The date `months` calendar months later, the day clamped to the month's end (2024-08-31 + 6 → 2025-02-28). */
export function addMonths(text: string, months: number): string {
  const { y, m, d } = mustSplit(text);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return iso({ y: year, m: month, d: Math.min(d, daysInMonth(year, month)) });
}
