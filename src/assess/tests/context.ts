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
