/**
 * R15 Verdict and tier.
 * 1. Any of AUTH_MISSING, ID_INVALID, NO_MEMBERS, POLICY_NOT_FOUND → 待复核; figures, window, benefit and tier null.
 * 2. Else, any test failed on the lower bound → 不符合 (all failing reasons listed), unless R13 makes it 符合.
 * 3. Else, any SUSPECT_EVIDENCE, CROSSPROV_PENDING, BUSINESS_REGISTERED or DUPLICATE_MEMBER → 待复核 (and
 *    MEMBER_DECEASED: data-contract.md “a counted member deceased on or before as-of → 待复核”).
 * 4. Else 符合.
 * Tier (from the lower bound; provisional when the verdict is 待复核): 特困 if 本人 passes the 特困 tests; else 低保 if
 * the household passes the 低保 income and asset tests; else 低保边缘 if p passes the 低保边缘 income test and its
 * asset tests; else none. Each tier's tests use that program's merged values and income_test.
 *
 * Decision: tier_provisional is exactly “the verdict is 待复核”, so it is true for a blocked household too (whose
 * tier is null).
 */
import type { HouseholdReasonCode, Verdict } from '../result.js';
import type { TraceStep } from '../trace.js';

export const blockingCodes: readonly HouseholdReasonCode[] = ['AUTH_MISSING', 'ID_INVALID', 'NO_MEMBERS', 'POLICY_NOT_FOUND'];
export const reviewCodes: readonly HouseholdReasonCode[] = [
  'SUSPECT_EVIDENCE',
  'CROSSPROV_PENDING',
  'BUSINESS_REGISTERED',
  'DUPLICATE_MEMBER',
  'MEMBER_DECEASED',
];

export function verdictOf(
  lowerFails: readonly string[],
  gradualExit: boolean,
  review: readonly string[],
  steps: TraceStep[],
): Verdict {
  if (lowerFails.length > 0 && !gradualExit) {
    steps.push({ rule: 'R15', text: `第 2 步：按下限口径不通过的核对项：${lowerFails.join('、')}，结论为不符合` });
    return '不符合';
  }
  if (gradualExit) steps.push({ rule: 'R13', text: '第 2 步：仅收入项不通过，符合渐退期条件，按符合处理' });
  else steps.push({ rule: 'R15', text: '第 2 步：各核对项按下限口径均通过' });
  if (review.length > 0) {
    steps.push({ rule: 'R15', text: `第 3 步：存在需复核事项：${review.join('、')}，结论为待复核` });
    return '待复核';
  }
  steps.push({ rule: 'R15', text: '第 3 步：无需复核事项；第 4 步：结论为符合' });
  return '符合';
}
