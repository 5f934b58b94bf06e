/** What every test of one evaluation shares (see evaluate.ts). */
import type { PolicyParams } from '../../policy/resolve.js';
import type { Area } from '../../policy/types.js';
import type { MemberRows } from '../prepare.js';
import type { TraceCrossprovItem, TraceProgramParams } from '../trace.js';

export interface EvaluationContext {
  area: Area;
  applicationDate: string;
  /** Prepared.crossprov (R14 de-duplicated), indexed by MemberRows.crossprov. */
  crossprov: readonly TraceCrossprovItem[];
  /** R10: the household's exempt_plates (normalised). */
  exemptPlates: ReadonlySet<string>;
  /**
   * Per household: parts of a test that do not depend on the program's values (or depend only on some of them) are
   * computed once per scope and those values, and shared by every evaluation that needs them (the program applied
   * for and the R15 tiers). Keys: `${scope}\u0000${the values' key}`.
   */
  memo: Map<string, unknown>;
}

export interface TestInput {
  members: readonly MemberRows[];
  n: number;
  params: PolicyParams;
  /** The program's parameter texts and derived lines (cached per period). */
  texts: TraceProgramParams;
  ctx: EvaluationContext;
  scope: 'household' | 'self';
}

/** The memoised value for `key`, computing it the first time. */
export function memoized<T>(t: TestInput, part: string, valuesKey: string, compute: () => T): T {
  const key = `${part}\u0000${t.scope}\u0000${valuesKey}`;
  const hit = t.ctx.memo.get(key);
  if (hit !== undefined) return hit as T;
  const value = compute();
  t.ctx.memo.set(key, value);
  return value;
}

const valueKeys = new WeakMap<PolicyParams, { income: string; vehicles: string }>();

/** Keys of the values a test part depends on, computed once per resolved program. */
export function valuesKeyOf(params: PolicyParams): { income: string; vehicles: string } {
  let k = valueKeys.get(params);
  if (!k) {
    const rate = params.employmentCostRate;
    k = {
      // R5/R6/R7: window length, employment cost rate, excluded items (the window's end is the application's).
      income: `${params.incomeMonths}|${rate.num}/${rate.den}|${params.excludedIncomeItems.join('\u0001')}`,
      // R10: exempt_motorcycles and inactive_status.
      vehicles: `${params.vehicles.exemptMotorcycles}|${params.vehicles.inactiveStatus.join('')}`,
    };
    valueKeys.set(params, k);
  }
  return k;
}
