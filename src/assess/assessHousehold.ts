/**
 * The pure assessment core (rules.md R1–R15): one household's input, the policy pack and the batch as-of date in;
 * verdict, figures, reasons and the trace out. No I/O, no clock, no randomness; every list in the output has a
 * deterministic order that does not depend on the order of the source rows.
 */
import { edgeLineFen, passesIncomeTest } from '../policy/lines.js';
import type { PolicyPack } from '../policy/types.js';
import { evaluate, type Evaluation, type EvaluationContext } from './evaluate.js';
import { areaOf, type HouseholdInput } from './input.js';
import { yuan } from './money.js';
import { paramsTraceOf, resolveForHousehold } from './policyCache.js';
import { prepare } from './prepare.js';
import { memberLabel, ReasonList } from './reasonList.js';
import { verdictCodeOf, type Figures, type HouseholdAssessment, type Reason, type Tier, type Verdict } from './result.js';
import { headcount, noMembersDetail, tekunSelfOnlyNote } from './rules/r1Members.js';
import { authMissingNote, unauthorizedMembers } from './rules/r2Authorization.js';
import { identityReasons } from './rules/r3Identity.js';
import { benefitMonthly, failedComparisonWord } from './rules/r8Lines.js';
import { gradualExitApplies } from './rules/r13GradualExit.js';
import { findingReasons, singlePersonGround } from './rules/r14Findings.js';
import { blockingCodes, reviewCodes, verdictOf } from './rules/r15Verdict.js';
import { tierProgram, tiers, tierStep } from './rules/r15Tier.js';
import { testReasons } from './testReasons.js';
import { traceMembers } from './traceMembers.js';
import type { Trace, TraceMember, TracePolicy, TraceStep } from './trace.js';

export function assessHousehold(input: HouseholdInput, pack: PolicyPack, asOf: string): HouseholdAssessment {
  const reasons = new ReasonList();
  const steps: TraceStep[] = [];
  const notes: string[] = [];
  const hc = headcount(input);
  const countedOrdinals = new Set(hc.counted.map((m) => m.ordinal));
  if (input.program === '特困') notes.push(tekunSelfOnlyNote);
  const area = areaOf(input.areaType);

  // R15 step 1: the blocking checks (R1, R2, R3, policy).
  if (hc.n === 0) reasons.add('NO_MEMBERS', 'R1', { detail: noMembersDetail(hc, input.program) });
  const unauthorized = unauthorizedMembers(hc.counted);
  for (const m of unauthorized) reasons.add('AUTH_MISSING', 'R2', { member: memberLabel(m) }, { member: m, evidence: [m.ref] });
  identityReasons(input, hc.ordered, countedOrdinals, reasons);
  const resolution = resolveForHousehold(pack, input.regionCode, input.applicationDate);
  // Decision: POLICY_NOT_FOUND has no rule id of its own (rules.md “Policy pack”); it is filed under R15, whose step 1
  // names it, so it sorts after the other blocking reasons.
  if (!resolution.ok) reasons.add('POLICY_NOT_FOUND', 'R15', { detail: resolution.detail });

  const members = traceMembers(input, hc);
  const policyPeriod = resolution.ok
    ? { region: resolution.region.code, from: resolution.period.from, citation: resolution.period.citation }
    : null;
  const policy: TracePolicy | null = resolution.ok
    ? { region: resolution.region, period: resolution.period, area, programs: [paramsTraceOf(resolution.byProgram[input.program], area)] }
    : null;
  const header: Header = {
    input,
    n: hc.n,
    policyPeriod,
    asOf,
    notes,
    members,
    policy,
    policyNotFound: resolution.ok ? null : resolution.detail,
  };

  const blocking = blockingCodes.filter((c) => reasons.has(c));
  if (blocking.length > 0 || !resolution.ok) {
    steps.push({ rule: 'R15', text: `第 1 步：存在阻断事项（${blocking.join('、')}），结论为待复核；不读取核对数据，不计算各项数据` });
    const blockedNote = unauthorized.length > 0 ? authMissingNote : `存在阻断事项（${blocking.join('、')}），未计算各项数据`;
    return assessment(header, {
      status: 'blocked',
      blockedNote,
      verdict: '待复核',
      reasons: reasons.ordered(),
      main: null,
      upper: null,
      benefit: null,
      tier: null,
      crossprov: [],
      deaths: [],
      ignoredRows: [],
      tiers: [],
      steps,
    });
  }
  steps.push({ rule: 'R15', text: '第 1 步：成员均已授权、身份证号有效、有适用标准，无阻断事项' });

  const byProgram = resolution.byProgram;
  const params = byProgram[input.program];
  const prep = prepare(input, hc.counted, hc.notCounted, reasons);
  const exemptPlates = new Set<string>();
  for (const m of input.members) for (const p of m.exemptPlates) exemptPlates.add(p);
  const ctx: EvaluationContext = { area, applicationDate: input.applicationDate, crossprov: prep.crossprov, exemptPlates, memo: new Map() };
  const isTekun = input.program === '特困';
  const main = evaluate(prep.members, params, isTekun ? 'self' : 'household', ctx, isTekun);
  const tests = main.trace.tests;

  // R7 info.
  for (const u of main.understated) {
    reasons.add(
      'DECLARED_INCOME_UNDERSTATED',
      'R7',
      { member: memberLabel(u.member), verified: yuan(u.verified), declared: yuan(u.declared) },
      { member: u.member, evidence: main.trace.income.rows.filter((r) => r.memberOrdinal === u.member.ordinal && r.lower !== 0).map((r) => r.ref) },
    );
  }
  // R14 findings.
  const deaths = findingReasons(prep, asOf, reasons);

  // R13, then the adverse reasons of every test failed on the lower bound, and SUSPECT_EVIDENCE (R4).
  const gradualExit = gradualExitApplies(input.program, input.currentRecipient, hc.counted, tests);
  if (gradualExit) {
    reasons.add('GRADUAL_EXIT', 'R13', {
      p: yuan(main.income.lower),
      cmp: failedComparisonWord(params.incomeTest),
      line: yuan(main.income.line),
      months: params.gradualExitMonths,
    });
  }
  testReasons(main, tests, gradualExit, reasons);
  const lowerFails = tests.filter((t) => !t.lower.pass).map((t) => t.name);
  const review = reviewCodes.filter((c) => reasons.has(c));
  const verdict = verdictOf(lowerFails, gradualExit, review, steps);

  // R14 单人户.
  if ((input.program === '低保' || input.program === '低保复核') && verdict === '不符合') {
    const onlyIncome = tests.every((t) => t.id === 'income' || t.lower.pass);
    const edge = byProgram.低保边缘;
    if (onlyIncome && passesIncomeTest(main.income.lower, edgeLineFen(edge, area), edge.incomeTest)) {
      for (const mr of prep.members) {
        const why = singlePersonGround(mr.member);
        if (why !== null) reasons.add('SINGLE_PERSON_SUGGESTED', 'R14', { member: memberLabel(mr.member), why }, { member: mr.member });
      }
    }
  }

  // R15 tier, from the lower bound.
  const { tier, tierTraces } = tiers(input.program, main, prep, byProgram, ctx, hc);
  for (const t of tierTraces) {
    const program = tierProgram[t.tier];
    if (!policy!.programs.some((p) => p.program === program)) policy!.programs = [...policy!.programs, paramsTraceOf(byProgram[program], area)];
  }
  steps.push({ rule: 'R15', text: tierStep(tier, tierTraces, verdict) });

  // R8 benefit.
  let benefit: number | null = null;
  if (verdict === '符合' && !gradualExit && (input.program === '低保' || input.program === '低保复核')) {
    benefit = benefitMonthly(params.dibao[area], main.lower.perCapitaMonthlyIncome, hc.n);
    steps.push({
      rule: 'R8',
      text: `月救助金 = (低保标准 ${yuan(params.dibao[area])} 元 − 月人均收入 ${yuan(main.lower.perCapitaMonthlyIncome)} 元) × ${hc.n} 人 = ${yuan(benefit)} 元`,
    });
  } else if (gradualExit) {
    steps.push({ rule: 'R13', text: `渐退期 ${params.gradualExitMonths} 个月，不计算月救助金` });
  }

  return assessment(header, {
    status: 'assessed',
    blockedNote: null,
    verdict,
    reasons: reasons.ordered(),
    main,
    upper: upperDiff(main.lower, main.upper),
    benefit,
    tier,
    crossprov: prep.crossprov,
    deaths,
    ignoredRows: prep.ignored,
    tiers: tierTraces,
    steps,
  });
}

interface Header {
  input: HouseholdInput;
  n: number;
  policyPeriod: HouseholdAssessment['policyPeriod'];
  asOf: string;
  notes: string[];
  members: TraceMember[];
  policy: TracePolicy | null;
  policyNotFound: string | null;
}

interface Outcome {
  status: Trace['status'];
  blockedNote: string | null;
  verdict: Verdict;
  reasons: Reason[];
  main: Evaluation | null;
  upper: Partial<Figures> | null;
  benefit: number | null;
  tier: Tier | null;
  crossprov: Trace['crossprov'];
  deaths: Trace['deaths'];
  ignoredRows: Trace['ignoredRows'];
  tiers: Trace['tiers'];
  steps: TraceStep[];
}

/** The result object, built field by field (object spread is a slow path in V8 and this runs per household). */
function assessment(h: Header, o: Outcome): HouseholdAssessment {
  const input = h.input;
  const trace: Trace = {
    asOf: h.asOf,
    applicationDate: input.applicationDate,
    program: input.program,
    areaType: input.areaType,
    status: o.status,
    blockedNote: o.blockedNote,
    notes: h.notes,
    members: h.members,
    policy: h.policy,
    policyNotFound: h.policyNotFound,
    main: o.main === null ? null : o.main.trace,
    crossprov: o.crossprov,
    deaths: o.deaths,
    ignoredRows: o.ignoredRows,
    tiers: o.tiers,
    steps: o.steps,
  };
  return {
    applicationId: input.applicationId,
    regionCode: input.regionCode,
    areaType: input.areaType,
    program: input.program,
    verdict: o.verdict,
    verdictCode: verdictCodeOf[o.verdict],
    reasons: o.reasons,
    policyPeriod: h.policyPeriod,
    membersCounted: h.n,
    incomeWindow: o.main === null ? null : o.main.trace.income.window,
    figures: o.main === null ? null : o.main.lower,
    upper: o.upper,
    benefitMonthly: o.benefit,
    tier: o.tier,
    tierProvisional: o.verdict === '待复核',
    trace,
  };
}

/** The upper-bound figures that differ from the lower bound, or null (R4, results.json `upper`). */
function upperDiff(lower: Figures, upper: Figures): Partial<Figures> | null {
  const out: Partial<Figures> = {};
  let any = false;
  for (const key of Object.keys(lower) as (keyof Figures)[]) {
    if (lower[key] !== upper[key]) {
      (out as Record<string, number | null>)[key] = upper[key];
      any = true;
    }
  }
  return any ? out : null;
}

