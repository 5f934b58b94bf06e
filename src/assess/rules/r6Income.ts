/**
 * R6 Income items, exclusions, deductions — one member's counted income in both bounds (R4).
 * - Categories 工资性, 经营净, 财产净, 转移净, 其他 count, except rows whose item equals (exactly) an entry of
 *   excluded_income_items (shown as excluded, with the citation). Negative amounts net within the member.
 * - Rows of one member with the same category, item, period_start and period_end from different sources describe one
 *   income: the largest counts, the others are shown as corroboration.
 * - 社保个人缴费 is a deduction. Employment cost: an employed counted member deducts employment_cost_rate × counted
 *   工资性 income, rounded half-up to 1 分.
 * - Cross-province 工资 / 养老金 with result 有: the monthly amount counts × N, as 工资性 (employment cost applies) /
 *   转移净.
 * - verified = max(0, counted − deductions − employment cost).
 *
 * Decisions:
 * - Corroboration: within one (category, item, period) group holding rows of two or more sources, each source's
 *   admitted rows are summed (a source may split one income over several rows) and the largest source total counts;
 *   equal totals go to the source whose first row comes first. Rows of a single source all count (two employers
 *   can each report 工资 for the same months). A blank source is a source of its own (“未注明”). The choice is made
 *   per bound over the rows that bound admits (R4), so a confirmed row still counts in the lower bound when a
 *   larger suspect row exists — the confirmed row alone proves that much income.
 * - Employment cost on a negative 工资性 total is 0 (a cost cannot add income).
 * - excluded_income_items applies to the five income categories (not to 社保个人缴费) and to cross-province 工资 /
 *   养老金 items as well.
 */
import { mulFenHalfUp } from '../../policy/rational.js';
import type { IncomeRow, SourceRef } from '../input.js';
import type { MemberRows } from '../prepare.js';
import type { PolicyParams } from '../../policy/resolve.js';
import { yuan } from '../money.js';
import type { Bound, TraceCrossprovItem, TraceIncomeFigures, TraceIncomeRow } from '../trace.js';
import { admits, gradeOf, nameOnRow } from './r4Evidence.js';
import { prorate, type IncomeWindow } from './r5IncomeWindow.js';

const deductionCategory = '社保个人缴费';
const wageCategory = '工资性';

export interface MemberIncomeResult {
  rows: TraceIncomeRow[];
  /** `used` is 0 here: R7 sets it. */
  lower: TraceIncomeFigures;
  upper: TraceIncomeFigures;
  /** Cross-province 有 rows without their amount (the upper bound fails the income test). */
  missing: SourceRef[];
}

interface Candidate {
  trace: TraceIncomeRow;
  /** The income-file row (null for a cross-province item). */
  row: IncomeRow | null;
  deduction: boolean;
  wage: boolean;
  adverse: boolean;
  source: string;
}

export function memberIncome(
  mr: MemberRows,
  params: PolicyParams,
  window: IncomeWindow,
  crossprov: readonly TraceCrossprovItem[],
  nextGroup: { value: number },
): MemberIncomeResult {
  const m = mr.member;
  const excluded = params.excludedIncomeItems;
  const rows: TraceIncomeRow[] = [];
  const candidates: Candidate[] = [];
  // A member has a few incomes (groups): a linear search beats a Map made per member and evaluation.
  const groupOrder: Candidate[][] = [];

  // Indexed loops in this function: it runs per member and evaluation, and its for…of loops left iterator results
  // behind (~1.4 KB a household, session 9).
  for (let r = 0; r < mr.income.length; r++) {
    const row = mr.income[r]!;
    const deduction = row.category === deductionCategory;
    const evidence = gradeOf(row, m);
    const trace: TraceIncomeRow = {
      ref: row.ref,
      memberOrdinal: m.ordinal,
      evidence,
      nameOnRow: nameOnRow(row, m),
      category: row.category,
      countedAs: row.category,
      item: row.item,
      source: row.source,
      amount: row.amount,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      monthsInWindow: 0,
      monthsInSpan: 0,
      prorated: 0,
      status: 'outside_window',
      citation: null,
      group: null,
      lower: 0,
      upper: 0,
    };
    rows.push(trace);
    const p = prorate(row.amount, row.period_start, row.period_end, window);
    trace.monthsInWindow = p.monthsInWindow;
    trace.monthsInSpan = p.monthsInSpan;
    if (!deduction && excluded.includes(row.item)) {
      trace.status = 'excluded_item';
      trace.citation = params.period.citation;
      continue;
    }
    if (p.monthsInWindow === 0) continue;
    trace.prorated = p.prorated;
    trace.status = deduction ? 'deduction' : 'counted';
    const c: Candidate = {
      trace,
      row,
      deduction,
      wage: row.category === wageCategory,
      adverse: deduction ? p.prorated < 0 : p.prorated > 0,
      source: row.source ?? '',
    };
    candidates.push(c);
    let g: Candidate[] | undefined;
    for (let x = 0; x < groupOrder.length && !g; x++) if (sameIncome(groupOrder[x]![0]!.row!, row)) g = groupOrder[x];
    if (g) g.push(c);
    else groupOrder.push([c]);
  }

  // R6: one income reported by several sources — the largest counts, per bound.
  for (let k = 0; k < groupOrder.length; k++) {
    const g = groupOrder[k]!;
    let multiSource = false;
    for (let i = 1; i < g.length; i++) multiSource ||= g[i]!.source !== g[0]!.source;
    if (!multiSource) {
      for (let i = 0; i < g.length; i++) {
        const t = g[i]!.trace;
        if (admits('lower', t.evidence, g[i]!.adverse)) t.lower = t.prorated;
        if (admits('upper', t.evidence, g[i]!.adverse)) t.upper = t.prorated;
      }
      continue;
    }
    const group = nextGroup.value++;
    for (let i = 0; i < g.length; i++) g[i]!.trace.group = group;
    for (const c of largestSource(g, 'lower')) c.trace.lower = c.trace.prorated;
    for (const c of largestSource(g, 'upper')) c.trace.upper = c.trace.prorated;
    for (let i = 0; i < g.length; i++) {
      const t = g[i]!.trace;
      if (t.lower === 0 && t.upper === 0 && t.prorated !== 0) t.status = 'corroboration';
    }
  }

  const missing: SourceRef[] = [];
  const extra: Candidate[] = [];
  for (let x = 0; x < mr.crossprov.length; x++) {
    const item = crossprov[mr.crossprov[x]!.index]!;
    if (item.result !== '有' || (item.itemClass !== 'wage' && item.itemClass !== 'pension')) continue;
    const countedAs = item.itemClass === 'wage' ? wageCategory : '转移净';
    const trace: TraceIncomeRow = {
      ref: item.chosen,
      memberOrdinal: m.ordinal,
      evidence: item.evidence,
      nameOnRow: item.nameOnRow,
      category: item.item,
      countedAs,
      item: item.item,
      source: `跨省核对（${item.province}）`,
      amount: item.amount,
      periodStart: null,
      periodEnd: null,
      monthsInWindow: window.months,
      monthsInSpan: 1,
      prorated: 0,
      status: 'counted',
      citation: null,
      group: null,
      lower: 0,
      upper: 0,
    };
    rows.push(trace);
    if (excluded.includes(item.item)) {
      trace.status = 'excluded_item';
      trace.citation = params.period.citation;
      continue;
    }
    if (item.amount === null) {
      trace.status = 'missing_amount';
      missing.push(item.chosen);
      continue;
    }
    trace.prorated = item.amount * window.months;
    const c: Candidate = { trace, row: null, deduction: false, wage: item.itemClass === 'wage', adverse: trace.prorated > 0, source: '' };
    if (admits('lower', trace.evidence, c.adverse)) trace.lower = trace.prorated;
    if (admits('upper', trace.evidence, c.adverse)) trace.upper = trace.prorated;
    extra.push(c);
  }

  const all = extra.length === 0 ? candidates : candidates.concat(extra);
  return { rows, lower: totals(all, 'lower', m.employed, params), upper: totals(all, 'upper', m.employed, params), missing };
}

/** R6: the same category, item, period_start and period_end. */
function sameIncome(a: IncomeRow, b: IncomeRow): boolean {
  return a.item === b.item && a.category === b.category && a.period_start === b.period_start && a.period_end === b.period_end;
}

/** The admitted rows of the source with the largest admitted total (ties: the source seen first). */
function largestSource(g: Candidate[], bound: Bound): Candidate[] {
  const totals = new Map<string, number>();
  for (const c of g) {
    if (!admits(bound, c.trace.evidence, c.adverse)) continue;
    totals.set(c.source, (totals.get(c.source) ?? 0) + c.trace.prorated);
  }
  let best: string | undefined;
  let bestTotal = 0;
  for (const c of g) {
    const t = totals.get(c.source);
    if (t === undefined) continue;
    if (best === undefined || t > bestTotal) {
      best = c.source;
      bestTotal = t;
    }
  }
  if (best === undefined) return [];
  return g.filter((c) => c.source === best && admits(bound, c.trace.evidence, c.adverse));
}

function totals(all: Candidate[], bound: Bound, employed: boolean, params: PolicyParams): TraceIncomeFigures {
  let income = 0;
  let wageIncome = 0;
  let deductions = 0;
  for (const c of all) {
    const v = c.trace[bound];
    if (v === 0) continue;
    if (c.deduction) deductions += v;
    else {
      income += v;
      if (c.wage) wageIncome += v;
    }
  }
  const employmentCost = employed && wageIncome > 0 ? mulFenHalfUp(wageIncome, params.employmentCostRate) : 0;
  const verified = Math.max(0, income - deductions - employmentCost);
  return { income, wageIncome, deductions, employmentCost, verified, used: 0 };
}

/** Chinese formula of one member's verified income (R6) and income used (R7), lower bound. */
export function memberIncomeFormula(label: string, f: TraceIncomeFigures, declared: number | null, rate: string, employed: boolean): string {
  const parts = [`计入收入 ${yuan(f.income)} 元`];
  if (f.deductions !== 0) parts.push(`社保个人缴费 ${yuan(f.deductions)} 元`);
  if (employed) parts.push(`就业成本 ${yuan(f.employmentCost)} 元（工资性收入 ${yuan(f.wageIncome)} 元 × ${rate}）`);
  let text = `${label}：核实收入 = ${parts.join(' − ')}`;
  text += f.income - f.deductions - f.employmentCost < 0 ? `，不足 0 按 0 计 = 0.00 元` : ` = ${yuan(f.verified)} 元`;
  if (declared !== null) text += `；申报 ${yuan(declared)} 元；计入 max(申报, 核实) = ${yuan(f.used)} 元`;
  else text += `；未申报；计入 ${yuan(f.used)} 元`;
  return text;
}

