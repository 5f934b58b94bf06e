/**
 * One evaluation of the tests (R5–R12) for a set of counted members under one program's merged parameters, in both
 * bounds (R4). The program applied for is one evaluation; each tier of R15 that needs other values or other members
 * (特困: 本人 alone) is another. Each test is assembled by its own function in tests/.
 */
import type { PolicyParams } from '../policy/resolve.js';
import type { MemberInput } from './input.js';
import type { MemberRows } from './prepare.js';
import { paramsTraceOf } from './policyCache.js';
import type { Figures } from './result.js';
import { labourCapacity, labourTest } from './rules/r12Labour.js';
import type { EvaluationContext, TestInput } from './tests/context.js';
import { financialTestOf } from './tests/financialTest.js';
import { housingTestOf } from './tests/housingTest.js';
import { incomeTestOf } from './tests/incomeTest.js';
import { vehicleTestOf } from './tests/vehicleTest.js';
import type { TraceAccount, TraceEvaluation, TraceTest } from './trace.js';

export type { EvaluationContext } from './tests/context.js';

export interface Evaluation {
  trace: TraceEvaluation;
  params: PolicyParams;
  lower: Figures;
  upper: Figures;
  /** The income figure compared (p, or p′ for 刚性支出) and its line, for messages. */
  income: { lower: number; line: number; lineName: string; label: string };
  /** R7: members whose lower-bound verified income exceeds the declared by more than 10 %. */
  understated: { member: MemberInput; verified: number; declared: number }[];
  /** Lower-bound over-limit flags (R9) with their member. */
  flags: { member: MemberInput; account: TraceAccount }[];
  /** Plates counted in the lower bound (R10), and cross-province vehicle counts. */
  plates: string[];
  /** Lower-bound non-residential property descriptions (R11). */
  nonResidential: string[];
}

export function evaluate(
  members: readonly MemberRows[],
  params: PolicyParams,
  scope: 'household' | 'self',
  ctx: EvaluationContext,
  withLabour: boolean,
): Evaluation {
  const texts = paramsTraceOf(params, ctx.area);
  const t: TestInput = { members, n: members.length, params, texts, ctx, scope };
  const income = incomeTestOf(t);
  const financial = financialTestOf(t);
  const vehicles = vehicleTestOf(t);
  const housing = housingTestOf(t);
  const tests: TraceTest[] = [income.test, financial.test, financial.flagTest, vehicles.test, housing.test, housing.nonResidentialTest];
  let labour: TraceEvaluation['labour'] = null;
  if (withLabour) {
    const self = members[0]!.member;
    labour = labourCapacity(self, params, ctx.applicationDate);
    tests.push(labourTest(labour, params, self));
  }
  const figures = (bound: 'lower' | 'upper'): Figures => ({
    householdIncomeWindow: income.trace[bound].total,
    perCapitaMonthlyIncome: income.trace[bound].perCapita,
    perCapitaAfterRigid: income.trace.rigid === null ? null : income.trace.rigid[bound],
    incomeLine: texts.incomeLine,
    financialAssetsTotal: financial.trace[bound].total,
    perCapitaFinancialAssets: financial.trace[bound].perCapita,
    financialAssetLimit: financial.trace.limit,
    vehiclesCounted: vehicles.trace[bound],
    residentialUnits: housing.trace[bound].units,
    residentialAreaPerCapita: housing.trace[bound].areaPerCapita,
  });
  return {
    trace: {
      program: params.program,
      scope,
      memberOrdinals: members.map((mr) => mr.member.ordinal),
      n: members.length,
      income: income.trace,
      financial: financial.trace,
      vehicles: vehicles.trace,
      housing: housing.trace,
      labour,
      tests,
    },
    params,
    lower: figures('lower'),
    upper: figures('upper'),
    income: { lower: income.comparedLower, line: texts.incomeLine, lineName: texts.incomeLineName, label: income.label },
    understated: income.understated,
    flags: financial.flags,
    plates: vehicles.plates,
    nonResidential: housing.nonResidential,
  };
}
