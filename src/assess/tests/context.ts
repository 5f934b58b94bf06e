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
   * for and the R15 tiers). Keys: part, scope and the values the part depends on (`memoKeysOf`).
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

/** The parts of a test that evaluations share (see `memo`), and the scope of an evaluation. */
export type MemoPart = 'income' | 'financial' | 'vehicles' | 'housing';
type Scope = TestInput['scope'];
type MemoKeys = Record<MemoPart, Record<Scope, string>>;

/** The memoised value of `part` for this evaluation's scope and values, computing it the first time. */
export function memoized<T>(t: TestInput, part: MemoPart, compute: () => T): T {
  const key = memoKeysOf(t.params)[part][t.scope];
  const hit = t.ctx.memo.get(key);
  if (hit !== undefined) return hit as T;
  const value = compute();
  t.ctx.memo.set(key, value);
  return value;
}

// Built once per resolved program and kept: the same string objects every household, so each memo look-up hashes a
// string whose hash V8 has cached (a key concatenated per call cost ~4 % of the core, session 9).
const memoKeys = new WeakMap<PolicyParams, MemoKeys>();

/** The memo keys of a resolved program: part, scope and the values the part depends on. */
function memoKeysOf(params: PolicyParams): MemoKeys {
  let keys = memoKeys.get(params);
  if (!keys) {
    const rate = params.employmentCostRate;
    const values: Record<MemoPart, string> = {
      // R5/R6/R7: window length, employment cost rate, excluded items (the window's end is the application's).
      income: `${params.incomeMonths}|${rate.num}/${rate.den}|${params.excludedIncomeItems.join('\u0001')}`,
      // R9 and R11 sums do not depend on the program's values (only their comparisons do).
      financial: '',
      // R10: exempt_motorcycles and inactive_status.
      vehicles: `${params.vehicles.exemptMotorcycles}|${params.vehicles.inactiveStatus.join('\u0001')}`,
      housing: '',
    };
    const of = (part: MemoPart): Record<Scope, string> => ({
      household: `${part}\u0000household\u0000${values[part]}`,
      self: `${part}\u0000self\u0000${values[part]}`,
    });
    keys = { income: of('income'), financial: of('financial'), vehicles: of('vehicles'), housing: of('housing') };
    memoKeys.set(params, keys);
  }
  return keys;
}
