/**
 * R13 渐退期 (低保复核): a 低保复核 household with current_recipient = 是 and at least one counted member with
 * employed = 是, which fails the income test on the lower bound while every other test passes on both bounds, is
 * 符合 with GRADUAL_EXIT (info, with gradual_exit_months); benefit_monthly is null. R15 step 3 still applies.
 *
 * Decision: under 渐退期 the failed income test is not listed as INCOME_OVER_LINE (an adverse reason beside a 符合
 * verdict would contradict it); the GRADUAL_EXIT message carries p and the line instead, and the trace keeps the
 * failed test.
 */
import type { Program } from '../../policy/types.js';
import type { MemberInput } from '../input.js';
import type { TraceTest } from '../trace.js';

export function gradualExitApplies(
  program: Program,
  currentRecipient: boolean,
  counted: readonly MemberInput[],
  tests: readonly TraceTest[],
): boolean {
  if (program !== '低保复核' || !currentRecipient) return false;
  if (!counted.some((m) => m.employed)) return false;
  let incomeFails = false;
  for (const t of tests) {
    if (t.id === 'income') incomeFails = !t.lower.pass;
    else if (!t.lower.pass || !t.upper.pass) return false;
  }
  return incomeFails;
}
