/**
 * The pure assessment core (rules.md R1–R15): one household's input, the policy pack and the batch as-of date in;
 * verdict, figures, reasons and the trace out. No I/O, no clock, no randomness; every list in the output has a
 * deterministic order that does not depend on the order of the source rows.
 */
import { edgeLineFen, passesIncomeTest } from '../policy/lines.js';
import { rationalText } from '../policy/rational.js';
import type { PolicyParams } from '../policy/resolve.js';
import type { PolicyPack, Program } from '../policy/types.js';
import { ageOn } from '../identity/age.js';
import { evaluate, type Evaluation, type EvaluationContext } from './evaluate.js';
import { areaOf, type HouseholdInput } from './input.js';
import { squareMetres, yuan } from './money.js';
import { paramsTraceOf, resolveForHousehold, sameProgramValues } from './policyCache.js';
import { prepare, type Prepared } from './prepare.js';
import { maskedIdOf, memberLabel, ReasonList } from './reasonList.js';
import { verdictCodeOf, type Figures, type HouseholdAssessment, type Reason, type Tier, type Verdict } from './result.js';
import { headcount, tekunSelfOnlyNote, type Headcount } from './rules/r1Members.js';
import { authMissingNote, unauthorizedMembers } from './rules/r2Authorization.js';
import { identityReasons, idProblemOf } from './rules/r3Identity.js';
import { benefitMonthly, failedComparisonWord } from './rules/r8Lines.js';
import { labourCapacity, labourTest } from './rules/r12Labour.js';
import { gradualExitApplies } from './rules/r13GradualExit.js';
import { singlePersonGround } from './rules/r14Findings.js';
import { blockingCodes, reviewCodes, verdictOf } from './rules/r15Verdict.js';
import type { Trace, TraceDeath, TraceMember, TracePolicy, TraceStep, TraceTest, TraceTier } from './trace.js';

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
  const deaths = findings(prep, asOf, reasons);

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
  adverseReasons(main, tests, gradualExit, reasons);
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

function noMembersDetail(hc: Headcount, program: Program): string {
  if (hc.ordered.length === 0) return '名单中没有成员';
  if (program === '特困' && hc.self && hc.self.excludedReason !== null) return `特困仅核对本人，本人不计入（${hc.self.excludedReason}）`;
  return '所有成员均有不计入原因';
}

function traceMembers(input: HouseholdInput, hc: Headcount): TraceMember[] {
  const duplicates = new Set(input.duplicateMemberIds);
  return hc.ordered.map((m) => {
    const usable = idProblemOf(m, input.applicationDate) === null && m.birthDate !== null;
    return {
      ordinal: m.ordinal,
      name: m.name,
      idMasked: maskedIdOf(m),
      relation: m.relation,
      isSelf: m.isSelf,
      counted: !hc.notCounted.has(m.ordinal),
      notCountedReason: hc.notCounted.get(m.ordinal) ?? null,
      authorized: m.authorized,
      age: usable ? ageOn(m.birthDate!, input.applicationDate) : null,
      idValid: m.idValid,
      idProblem: idProblemOf(m, input.applicationDate),
      idUpgraded: m.idUpgraded,
      idRegionUnknown: m.idRegionUnknown,
      duplicate: duplicates.has(m.idNumber),
      disability: m.disabilityGrade === null ? null : `${m.disabilityType ?? ''}${m.disabilityGrade}`,
      seriousIllness: m.seriousIllness,
      employed: m.employed,
      declaredMonthlyIncome: m.declaredMonthlyIncome,
      rigidExpenseAnnual: m.rigidExpenseAnnual,
      ref: m.ref,
    };
  });
}

/** R14: cross-province pending / business findings, and deaths (MEMBER_DECEASED). */
function findings(prep: Prepared, asOf: string, reasons: ReasonList): TraceDeath[] {
  const deaths: TraceDeath[] = [];
  for (const mr of prep.members) {
    const m = mr.member;
    for (const { index } of mr.crossprov) {
      const item = prep.crossprov[index]!;
      if (item.result === '未反馈') {
        reasons.add('CROSSPROV_PENDING', 'R14', { member: memberLabel(m), province: item.province, item: item.item }, { member: m, evidence: [item.chosen] });
      } else if (item.result === '有' && item.itemClass === 'business') {
        reasons.add('BUSINESS_REGISTERED', 'R14', { member: memberLabel(m), province: item.province }, { member: m, evidence: [item.chosen] });
      }
    }
    let earliest: string | null = null;
    const refs = [];
    for (const row of mr.death) {
      const onOrBefore = asOf !== '' && row.death_date <= asOf;
      deaths.push({
        memberOrdinal: m.ordinal,
        ref: row.ref,
        deathDate: row.death_date,
        evidence: row.nameNorm === m.nameNorm ? 'confirmed' : 'suspect',
        onOrBeforeAsOf: onOrBefore,
      });
      if (onOrBefore) {
        refs.push(row.ref);
        if (earliest === null || row.death_date < earliest) earliest = row.death_date;
      }
    }
    if (earliest !== null) reasons.add('MEMBER_DECEASED', 'R14', { member: memberLabel(m), date: earliest }, { member: m, evidence: refs });
  }
  return deaths;
}

function adverseReasons(main: Evaluation, tests: readonly TraceTest[], gradualExit: boolean, reasons: ReasonList): void {
  const p = main.params;
  const f = main.lower;
  for (const t of tests) {
    if (t.lower.pass) {
      if (!t.upper.pass) reasons.add('SUSPECT_EVIDENCE', 'R4', { test: `${t.name}核对` }, { evidence: t.suspect });
      continue;
    }
    switch (t.id) {
      case 'income':
        if (gradualExit) break;
        reasons.add(
          'INCOME_OVER_LINE',
          'R8',
          {
            label: main.income.label,
            p: yuan(main.income.lower),
            cmp: failedComparisonWord(p.incomeTest),
            lineName: main.income.lineName,
            line: yuan(main.income.line),
          },
          { evidence: t.evidence },
        );
        break;
      case 'financial_assets':
        reasons.add('FIN_ASSETS_OVER_LIMIT', 'R9', { f: yuan(f.perCapitaFinancialAssets), limit: yuan(f.financialAssetLimit) }, { evidence: t.evidence });
        break;
      case 'financial_flag':
        for (const flag of main.flags) {
          const ref = flag.account.chosen;
          reasons.add(
            'FIN_ASSETS_FLAG',
            'R9',
            { member: memberLabel(flag.member), where: `${ref.file} 第 ${ref.line} 行，${flag.account.flag ?? ''}` },
            { member: flag.member, evidence: [ref] },
          );
        }
        break;
      case 'vehicles':
        reasons.add('VEHICLE_OWNED', 'R10', { plates: main.plates.join('、') }, { evidence: t.evidence });
        break;
      case 'housing':
        reasons.add(
          'HOUSING_OVER_LIMIT',
          'R11',
          {
            units: f.residentialUnits,
            area: squareMetres(f.residentialAreaPerCapita),
            max: p.housing.maxResidentialUnits,
            limit: rationalText(p.housing.areaPerCapitaLimit),
          },
          { evidence: t.evidence },
        );
        break;
      case 'non_residential':
        reasons.add('NON_RESIDENTIAL_PROPERTY', 'R11', { items: main.nonResidential.join('、') }, { evidence: t.evidence });
        break;
      case 'labour_capacity':
        reasons.add('LABOUR_CAPACITY', 'R12', { detail: main.trace.labour?.why ?? '' }, { evidence: t.evidence });
        break;
    }
  }
}


const tierProgram = { 特困: '特困', 低保: '低保', 低保边缘: '低保边缘' } as const satisfies Record<string, Program>;

/**
 * R15 tier: 特困 (本人 alone), else 低保, else 低保边缘, else none; each with its program's values, lower bound.
 * An evaluation is reused when it is the same computation (same members, same values, same line): the program
 * applied for, or a program whose merged values equal it. The 特困 tier first checks R12, which needs no evidence:
 * without it 本人 cannot be 特困, and the other 特困 tests are not run (the trace says so).
 */
function tiers(
  program: Program,
  main: Evaluation,
  prep: Prepared,
  byProgram: Record<Program, PolicyParams>,
  ctx: EvaluationContext,
  hc: Headcount,
): { tier: Tier; tierTraces: TraceTier[] } {
  const out: TraceTier[] = [];
  const passes = (tests: readonly TraceTest[]) => tests.every((t) => t.lower.pass);
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
    out.push({ tier: '特困', program: '特困', scope: 'self', pass, tests, note });
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
  out.push({ tier: '低保', program: '低保', scope: 'household', pass: dibaoPass, tests: dibaoTests, note: null });
  if (dibaoPass) return { tier: '低保', tierTraces: out };

  const edgeTests =
    program === '低保边缘' ? main.trace.tests : evaluate(prep.members, byProgram.低保边缘, 'household', ctx, false).trace.tests;
  const edgePass = passes(edgeTests);
  out.push({ tier: '低保边缘', program: '低保边缘', scope: 'household', pass: edgePass, tests: edgeTests, note: null });
  return { tier: edgePass ? '低保边缘' : 'none', tierTraces: out };
}

function tierStep(tier: Tier, traces: readonly TraceTier[], verdict: string): string {
  const tried = traces.map((t) => `${t.tier}${t.pass ? '通过' : '不通过'}`).join('，');
  const name = tier === 'none' ? '不属于特困、低保、低保边缘' : tier;
  return `分层（按下限口径）：${tried}，分层结果为${name}${verdict === '待复核' ? '（待复核，暂定）' : ''}`;
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

