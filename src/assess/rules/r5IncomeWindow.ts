/**
 * R5 Income window: with M the calendar month of application_date and N = income_months, the window is the N whole
 * months [M−N, M−1]. A row covering months [s, e] counts amount × |[s, e] ∩ window| / |[s, e]|, rounded half-up to
 * 1 分 per row (a negative amount: its magnitude half-up, i.e. half away from zero — see money.ts divHalfUp).
 */
import { monthIndex, monthText, mulDivHalfUp } from '../money.js';
import type { TraceWindow } from '../trace.js';

export interface IncomeWindow extends TraceWindow {
  /** Month indexes (year × 12 + month − 1), inclusive. */
  first: number;
  last: number;
}

export function incomeWindow(applicationDate: string, months: number): IncomeWindow {
  const m = monthIndex(applicationDate.slice(0, 7));
  const first = m - months;
  const last = m - 1;
  return { from: monthText(first), to: monthText(last), months, first, last };
}

export interface Proration {
  monthsInWindow: number;
  monthsInSpan: number;
  prorated: number;
}

export function prorate(amount: number, periodStart: string, periodEnd: string, w: IncomeWindow): Proration {
  const s = monthIndex(periodStart);
  const e = monthIndex(periodEnd);
  const span = e - s + 1;
  const inWindow = Math.max(0, Math.min(e, w.last) - Math.max(s, w.first) + 1);
  if (span <= 0 || inWindow === 0) return { monthsInWindow: 0, monthsInSpan: Math.max(span, 0), prorated: 0 };
  const prorated = inWindow === span ? amount : mulDivHalfUp(amount, inWindow, span);
  return { monthsInWindow: inWindow, monthsInSpan: span, prorated };
}
