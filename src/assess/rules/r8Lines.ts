/**
 * R8 Lines by program (a = area_type): 低保, 低保复核, 特困 compare p with dibao[a] (特困: 本人 alone, R1); 低保边缘
 * compares p with edge_multiplier × dibao[a]; 刚性支出 compares p′ with that edge line, where E = Σ
 * rigid_expense_annual × N / 12 (rounded half-up once) and p′ = max(0, I − E) / N / n. The income test passes when
 * p < L (lt) or p ≤ L (le); else INCOME_OVER_LINE. benefit_monthly = (dibao[a] − p) × n for 低保/低保复核 when 符合.
 */
import { incomeLineFen, passesIncomeTest } from '../../policy/lines.js';
import type { PolicyParams } from '../../policy/resolve.js';
import type { Area } from '../../policy/types.js';
import type { MemberInput } from '../input.js';
import { divHalfUp } from '../money.js';
import { perCapitaMonthly } from './r7DeclaredIncome.js';

export function incomeLine(params: PolicyParams, area: Area): { line: number; name: string } {
  const line = incomeLineFen(params, area);
  const edge = params.program === '低保边缘' || params.program === '刚性支出';
  return { line, name: edge ? '低保边缘标准' : '低保标准' };
}

/** E = Σ rigid_expense_annual × N / 12, rounded half-up once (blank = 0). */
export function rigidExpense(members: readonly MemberInput[], months: number): number {
  let annual = 0;
  for (const m of members) annual += m.rigidExpenseAnnual ?? 0;
  return divHalfUp(annual * months, 12);
}

export function perCapitaAfterRigid(total: number, expense: number, months: number, n: number): number {
  return perCapitaMonthly(Math.max(0, total - expense), months, n);
}

export function incomePasses(perCapita: number, line: number, test: PolicyParams['incomeTest']): boolean {
  return passesIncomeTest(perCapita, line, test);
}

/** “低于 939.00 元” (lt) / “不高于 939.00 元” (le). */
export function incomeThresholdWord(test: PolicyParams['incomeTest']): string {
  return test === 'lt' ? '低于' : '不高于';
}

/** The comparison that failed, for INCOME_OVER_LINE: lt fails at p ≥ L, le at p > L. */
export function failedComparisonWord(test: PolicyParams['incomeTest']): string {
  return test === 'lt' ? '不低于' : '高于';
}

export function benefitMonthly(dibao: number, perCapita: number, n: number): number {
  return (dibao - perCapita) * n;
}
