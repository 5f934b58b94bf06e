/**
 * The income test of one evaluation: R5 window, R6 per-member income, R7 income used, I and p, R8 line (and 刚性支出's
 * E and p′), in both bounds (R4). A cross-province income 有 without its amount fails the upper bound.
 */
import type { MemberInput, SourceRef } from '../input.js';
import { yuan } from '../money.js';
import { memberLabel } from '../reasonList.js';
import { memberIncome, memberIncomeFormula } from '../rules/r6Income.js';
import { declaredUnderstated, declaredWindowIncome, incomeUsed, perCapitaMonthly } from '../rules/r7DeclaredIncome.js';
import { incomePasses, incomeThresholdWord, perCapitaAfterRigid, rigidExpense } from '../rules/r8Lines.js';
import { incomeWindow, type IncomeWindow } from '../rules/r5IncomeWindow.js';
import type { TraceIncome, TraceIncomeRow, TraceMemberIncome, TraceTest } from '../trace.js';
import { memoized, type TestInput } from './context.js';
import { incomeSymbol, passText, testNames } from './testText.js';

export interface IncomeOutcome {
  trace: TraceIncome;
  test: TraceTest;
  /** The figure compared (p, or p′ for 刚性支出), per bound. */
  comparedLower: number;
  comparedUpper: number;
  label: string;
  understated: { member: MemberInput; verified: number; declared: number }[];
}

interface IncomeCore {
  window: IncomeWindow;
  rows: TraceIncomeRow[];
  members: TraceMemberIncome[];
  missing: SourceRef[];
  understated: IncomeOutcome['understated'];
  totalLower: number;
  totalUpper: number;
}

/** R5–R7 for every member of the scope: depends on the window, the rate and the excluded items only. */
function incomeCore(t: TestInput): IncomeCore {
  const { members, params, texts, ctx } = t;
  const window = incomeWindow(ctx.applicationDate, params.incomeMonths);
  const N = window.months;
  const group = { value: 1 };
  const rows: TraceIncomeRow[] = [];
  const memberIncomes: TraceMemberIncome[] = [];
  const missing: SourceRef[] = [];
  const understated: IncomeOutcome['understated'] = [];
  let totalLower = 0;
  let totalUpper = 0;
  for (const mr of members) {
    const m = mr.member;
    const r = memberIncome(mr, params, window, ctx.crossprov, group);
    for (const row of r.rows) rows.push(row);
    for (const ref of r.missing) missing.push(ref);
    const declared = declaredWindowIncome(m.declaredMonthlyIncome, N);
    r.lower.used = incomeUsed(declared, r.lower.verified);
    r.upper.used = incomeUsed(declared, r.upper.verified);
    totalLower += r.lower.used;
    totalUpper += r.upper.used;
    if (declaredUnderstated(declared, r.lower.verified)) understated.push({ member: m, verified: r.lower.verified, declared: declared! });
    memberIncomes.push({
      memberOrdinal: m.ordinal,
      employed: m.employed,
      declared,
      lower: r.lower,
      upper: r.upper,
      formula: memberIncomeFormula(memberLabel(m), r.lower, declared, texts.employmentCostRate, m.employed),
    });
  }
  return { window, rows, members: memberIncomes, missing, understated, totalLower, totalUpper };
}

export function incomeTestOf(t: TestInput): IncomeOutcome {
  const { members, n, params } = t;
  const core = memoized(t, 'income', () => incomeCore(t));
  const { window, rows, missing, understated, totalLower, totalUpper } = core;
  const memberIncomes = core.members;
  const N = window.months;
  const pLower = perCapitaMonthly(totalLower, N, n);
  const pUpper = perCapitaMonthly(totalUpper, N, n);
  const usedList = memberIncomes.map((mi) => yuan(mi.lower.used)).join(' + ');
  let formula = `I = ${usedList} = ${yuan(totalLower)} 元；p = ${yuan(totalLower)} ÷ ${N} 个月 ÷ ${n} 人 = ${yuan(pLower)} 元（四舍五入到分）`;
  let rigid: TraceIncome['rigid'] = null;
  let comparedLower = pLower;
  let comparedUpper = pUpper;
  let label = t.scope === 'self' ? '申请人月人均收入' : '家庭月人均收入';
  if (params.program === '刚性支出') {
    const expense = rigidExpense(members.map((mr) => mr.member), N);
    let annual = 0;
    for (const mr of members) annual += mr.member.rigidExpenseAnnual ?? 0;
    comparedLower = perCapitaAfterRigid(totalLower, expense, N, n);
    comparedUpper = perCapitaAfterRigid(totalUpper, expense, N, n);
    const rigidFormula =
      `E = 年刚性支出合计 ${yuan(annual)} 元 × ${N} ÷ 12 = ${yuan(expense)} 元；` +
      `p′ = max(0, ${yuan(totalLower)} − ${yuan(expense)}) ÷ ${N} 个月 ÷ ${n} 人 = ${yuan(comparedLower)} 元`;
    rigid = { expense, lower: comparedLower, upper: comparedUpper, formula: rigidFormula };
    formula += `；${rigidFormula}`;
    label = '扣除刚性支出后月人均收入';
  }
  const trace: TraceIncome = {
    window: { from: window.from, to: window.to, months: N },
    rows,
    members: memberIncomes,
    lower: { total: totalLower, perCapita: pLower },
    upper: { total: totalUpper, perCapita: pUpper },
    rigid,
    missingFigures: missing,
    formula,
  };
  return { trace, test: test(t, trace, comparedLower, comparedUpper, label), comparedLower, comparedUpper, label, understated };
}

function test(t: TestInput, trace: TraceIncome, lowerValue: number, upperValue: number, label: string): TraceTest {
  const kind = t.params.incomeTest;
  const line = t.texts.incomeLine;
  const lineName = t.texts.incomeLineName;
  const lowerPass = incomePasses(lowerValue, line, kind);
  const upperValuePass = incomePasses(upperValue, line, kind);
  const missing = trace.missingFigures.length;
  const upperPass = upperValuePass && missing === 0;
  const evidence: SourceRef[] = [];
  const suspect: SourceRef[] = [];
  for (const r of trace.rows) {
    if (r.lower !== 0) evidence.push(r.ref);
    else if (r.upper !== 0) suspect.push(r.ref);
  }
  for (const ref of trace.missingFigures) suspect.push(ref);
  return {
    id: 'income',
    rule: 'R8',
    name: testNames.income,
    unit: 'fen',
    threshold: line,
    thresholdText: `${incomeThresholdWord(kind)} ${yuan(line)} 元（${lineName}）`,
    lower: {
      pass: lowerPass,
      actual: lowerValue,
      formula: `${label} ${yuan(lowerValue)} 元 ${incomeSymbol(kind, lowerPass)} ${lineName} ${yuan(line)} 元，${passText(lowerPass)}`,
    },
    upper: {
      pass: upperPass,
      actual: upperValue,
      formula:
        `${label} ${yuan(upperValue)} 元 ${incomeSymbol(kind, upperValuePass)} ${lineName} ${yuan(line)} 元` +
        (missing > 0 ? `；另有 ${missing} 项跨省收入有记录但缺少金额，上限口径按不通过计` : '') +
        `，${passText(upperPass)}`,
    },
    evidence,
    suspect,
  };
}
