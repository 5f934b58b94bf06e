/** Shared wording of the tests in the trace (Chinese, user-facing). */
import type { PolicyParams } from '../../policy/resolve.js';
import type { TestId } from '../trace.js';

export const testNames: Record<TestId, string> = {
  income: '收入',
  financial_assets: '金融资产',
  financial_flag: '金融资产超限标识',
  vehicles: '机动车',
  housing: '住房',
  non_residential: '非住宅类房产',
  labour_capacity: '劳动能力（特困）',
};

export function passText(pass: boolean): string {
  return pass ? '通过' : '不通过';
}

/** R8 comparison symbol as it came out: lt passes with <, fails with ≥; le passes with ≤, fails with >. */
export function incomeSymbol(test: PolicyParams['incomeTest'], pass: boolean): string {
  if (test === 'lt') return pass ? '<' : '≥';
  return pass ? '≤' : '>';
}
