/** R15 tier (分层分类): which of 特困, 低保, 低保边缘 the household would pass, from the lower bound. */
import type { PolicyParams } from '../../policy/resolve.js';
import type { Program } from '../../policy/types.js';
import { evaluate, type Evaluation, type EvaluationContext } from '../evaluate.js';
import { sameProgramValues } from '../policyCache.js';
import type { Prepared } from '../prepare.js';
import type { Tier } from '../result.js';
import type { TraceTest, TraceTier, TraceTierTest } from '../trace.js';
import type { Headcount } from './r1Members.js';
import { labourCapacity, labourTest } from './r12Labour.js';

export const tierProgram = { 特困: '特困', 低保: '低保', 低保边缘: '低保边缘' } as const satisfies Record<string, Program>;

/**
 * R15 tier: 特困 (本人 alone), else 低保, else 低保边缘, else none; each with its program's values, lower bound.
 * An evaluation is reused when it is the same computation (same members, same values, same line): the program
 * applied for, or a program whose merged values equal it. The 特困 tier first checks R12, which needs no evidence:
 * without it 本人 cannot be 特困, and the other 特困 tests are not run (the trace says so).
 */
export function tiers(
  program: Program,
  main: Evaluation,
  prep: Prepared,
  byProgram: Record<Program, PolicyParams>,
  ctx: EvaluationContext,
  hc: Headcount,
): { tier: Tier; tierTraces: TraceTier[] } {
  const out: TraceTier[] = [];
  const passes = (tests: readonly TraceTest[]) => tests.every((t) => t.lower.pass);
  const compact = (tests: readonly TraceTest[]): TraceTierTest[] =>
    tests.map((x) => ({ id: x.id, rule: x.rule, name: x.name, thresholdText: x.thresholdText, pass: x.lower.pass, actual: x.lower.actual, formula: x.lower.formula }));
  const withoutLabour = (tests: TraceTest[]) => tests.filter((t) => t.id !== 'labour_capacity');

  const selfRows = hc.self ? prep.byOrdinal.get(hc.self.ordinal) : undefined;
  if (!selfRows) {
    out.push({ tier: '特困', program: '特困', scope: 'self', pass: false, tests: [], note: '本人不计入，不能按特困分层' });
  } else {
    let tests: TraceTest[];
    let note: string | null = null;
    if (program === '特困') tests = main.trace.tests;
    else {
      const labour = labourCapacity(selfRows.member, byProgram.特困, ctx.applicationDate);
      if (labour.lacksCapacity) tests = evaluate([selfRows], byProgram.特困, 'self', ctx, true).trace.tests;
      else {
        tests = [labourTest(labour, byProgram.特困, selfRows.member)];
        note = '本人不属于无劳动能力人员，不再核对特困其他条件';
      }
    }
    const pass = passes(tests);
    out.push({ tier: '特困', program: '特困', scope: 'self', pass, tests: compact(tests), note });
    if (pass) return { tier: '特困', tierTraces: out };
  }

  // The program applied for already evaluated the household with the 低保 line (低保, 低保复核, and 特困 — whose
  // household is 本人 alone) when its values equal 低保's.
  const dibaoLine = program === '低保' || program === '低保复核' || program === '特困';
  const dibaoTests =
    dibaoLine && sameProgramValues(byProgram[program], byProgram.低保)
      ? withoutLabour(main.trace.tests)
      : evaluate(prep.members, byProgram.低保, 'household', ctx, false).trace.tests;
  const dibaoPass = passes(dibaoTests);
  out.push({ tier: '低保', program: '低保', scope: 'household', pass: dibaoPass, tests: compact(dibaoTests), note: null });
  if (dibaoPass) return { tier: '低保', tierTraces: out };

  const edgeTests =
    program === '低保边缘' ? main.trace.tests : evaluate(prep.members, byProgram.低保边缘, 'household', ctx, false).trace.tests;
  const edgePass = passes(edgeTests);
  out.push({ tier: '低保边缘', program: '低保边缘', scope: 'household', pass: edgePass, tests: compact(edgeTests), note: null });
  return { tier: edgePass ? '低保边缘' : 'none', tierTraces: out };
}

export function tierStep(tier: Tier, traces: readonly TraceTier[], verdict: string): string {
  const tried = traces.map((t) => `${t.tier}${t.pass ? '通过' : '不通过'}`).join('，');
  const name = tier === 'none' ? '不属于特困、低保、低保边缘' : tier;
  return `分层（按下限口径）：${tried}，分层结果为${name}${verdict === '待复核' ? '（待复核，暂定）' : ''}`;
}
