/**
 * Lines and limits derived from resolved parameters (rules.md R8, R9). Each is a “derived line”, rounded half-up to
 * 1 分 when computed (rules.md “Money, rounding, dates”), with exact rational arithmetic.
 */
import { multiplyRational, mulFenHalfUp, rational } from './rational.js';
import type { PolicyParams } from './resolve.js';
import type { Area } from './types.js';

/** 低保边缘 line = edge_multiplier × 低保 (R8), e.g. 1.5 × 93900 = 140850 分. */
export function edgeLineFen(params: PolicyParams, area: Area): number {
  return mulFenHalfUp(params.dibao[area], params.edgeMultiplier);
}

/** R8 income line L: 低保, 低保复核 and 特困 compare with 低保; 低保边缘 and 刚性支出 with the 低保边缘 line. */
export function incomeLineFen(params: PolicyParams, area: Area): number {
  return params.program === '低保边缘' || params.program === '刚性支出' ? edgeLineFen(params, area) : params.dibao[area];
}

/** R9 per-capita financial asset limit A in 分: months × 低保, years × 12 × 低保, or the fixed amount. */
export function financialAssetLimitFen(params: PolicyParams, area: Area): number {
  const fa = params.financialAssets;
  switch (fa.kind) {
    case 'months_of_dibao':
      return mulFenHalfUp(params.dibao[area], fa.months);
    case 'years_of_dibao':
      return mulFenHalfUp(params.dibao[area], multiplyRational(fa.years, rational(12)));
    case 'yuan':
      return fa.fen;
  }
}

/** R8: p < L (`lt`) or p ≤ L (`le`), on rounded 分. */
export function passesIncomeTest(perCapitaFen: number, lineFen: number, test: PolicyParams['incomeTest']): boolean {
  return test === 'lt' ? perCapitaFen < lineFen : perCapitaFen <= lineFen;
}
