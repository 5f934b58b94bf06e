/**
 * R7 Declared income. A member's declared window income = declared_monthly_income × N; the income used =
 * max(declared, verified). When declared_monthly_income is present (0 included) and the lower-bound verified income
 * exceeds the declared by more than 10 % (verified × 10 > declared × 11): DECLARED_INCOME_UNDERSTATED (info). Blank =
 * absent: 0, no flag. I = Σ counted members' income used; p = I / N / n, rounded half-up once, at the end.
 */
import { divHalfUp } from '../money.js';

export function declaredWindowIncome(declaredMonthly: number | null, months: number): number | null {
  return declaredMonthly === null ? null : declaredMonthly * months;
}

export function incomeUsed(declared: number | null, verified: number): number {
  return Math.max(declared ?? 0, verified);
}

export function declaredUnderstated(declared: number | null, verifiedLower: number): boolean {
  return declared !== null && verifiedLower * 10 > declared * 11;
}

/** p (or p′ from I − E) = total / N / n, rounded half-up to 1 分 once. */
export function perCapitaMonthly(total: number, months: number, n: number): number {
  return divHalfUp(total, months * n);
}
