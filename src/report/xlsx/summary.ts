/**
 * The 汇总 sheet: households by region × program × verdict with totals, households per reason code, and the batch's
 * identity. The data is small (one count per region × program × verdict), so it is built in memory in one pass over
 * the households' SummaryItems (or by SQL GROUP BY: any producer of SummaryData will do) and laid out here.
 */
import { householdReasonCodes, type HouseholdReasonCode, type Severity, type Verdict } from '../../assess/result.js';
import { regionFullName } from '../../identity/regions.js';
import { householdReasons, importReasons } from '../../reasons.js';
import type { Row } from './columns.js';
import type { SummaryItem } from './workbookRows.js';

export interface SummaryCount {
  regionCode: string;
  program: string;
  verdict: Verdict;
  households: number;
  /** Σ benefit_monthly (分) of these households. */
  benefitMonthly: number;
}

export interface SummaryData {
  /** One entry per (regionCode, program, verdict) present; any order (the layout sorts). */
  counts: SummaryCount[];
  /** Households per reason code (a household counts once per code); any order. */
  reasons: { code: string; households: number }[];
  /** Policy periods used by at least one household, for the 参数 sheet (parameterRows). Sorted. */
  policyPeriods: { region: string; from: string }[];
}

/** One pass over the households (in any order) → SummaryData. */
export class SummaryCounter {
  private readonly counts = new Map<string, SummaryCount>();
  private readonly reasons = new Map<string, number>();
  private readonly periods = new Map<string, { region: string; from: string }>();

  add(item: SummaryItem): void {
    const key = `${item.regionCode}\u0000${item.program}\u0000${item.verdict}`;
    let c = this.counts.get(key);
    if (!c) {
      c = { regionCode: item.regionCode, program: item.program, verdict: item.verdict, households: 0, benefitMonthly: 0 };
      this.counts.set(key, c);
    }
    c.households++;
    c.benefitMonthly += item.benefitMonthly ?? 0;
    for (const code of new Set(item.reasonCodes)) this.reasons.set(code, (this.reasons.get(code) ?? 0) + 1);
    if (item.policyPeriod) this.periods.set(`${item.policyPeriod.region}\u0000${item.policyPeriod.from}`, item.policyPeriod);
  }

  data(): SummaryData {
    return {
      counts: [...this.counts.values()],
      reasons: [...this.reasons].map(([code, households]) => ({ code, households })),
      policyPeriods: [...this.periods.values()].sort((a, b) => cmp(a.region, b.region) || cmp(a.from, b.from)),
    };
  }
}

/** Code-point order (the order results.json uses), not locale order, so the layout is the same on every machine. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const programOrder = ['低保', '特困', '低保边缘', '刚性支出', '低保复核'];
const programRank = (p: string) => {
  const i = programOrder.indexOf(p);
  return i < 0 ? programOrder.length : i;
};

const severityOf = new Map<string, Severity>();
for (const [sev, list] of Object.entries(householdReasonCodes) as [Severity, readonly string[]][]) for (const c of list) severityOf.set(c, sev);
const severityText: Record<Severity, string> = { blocking: '阻断（待复核）', adverse: '不利（不符合）', review: '需复核（待复核）', info: '提示' };
const severityRank: Record<Severity, number> = { blocking: 0, adverse: 1, review: 2, info: 3 };

/** What each household reason code means, in a few words (the messages themselves carry the figures). */
export const reasonNames: Record<HouseholdReasonCode, string> = {
  AUTH_MISSING: '有成员未签署核对授权书',
  ID_INVALID: '身份证号无效',
  NO_MEMBERS: '无计入家庭成员',
  POLICY_NOT_FOUND: '未找到适用的地区标准',
  INCOME_OVER_LINE: '家庭月人均收入超过标准',
  FIN_ASSETS_OVER_LIMIT: '人均金融资产超过限额',
  FIN_ASSETS_FLAG: '金融机构反馈家庭金融资产超限',
  VEHICLE_OWNED: '成员名下有机动车',
  HOUSING_OVER_LIMIT: '住房超过套数和人均面积限制',
  NON_RESIDENTIAL_PROPERTY: '成员名下有非住宅类房产',
  LABOUR_CAPACITY: '申请人不属于无劳动能力人员',
  SUSPECT_EVIDENCE: '计入疑似信息后不通过，需人工复核',
  CROSSPROV_PENDING: '跨省核对尚未反馈',
  BUSINESS_REGISTERED: '有工商登记信息，需入户核实',
  DUPLICATE_MEMBER: '成员同时出现在其他申请家庭中',
  MEMBER_DECEASED: '计入成员已登记死亡',
  NAME_MISMATCH: '证件号一致但姓名不一致（疑似信息）',
  ID_UPGRADED: '15位身份证号已升级为18位',
  ID_REGION_UNKNOWN: '身份证号地址码不在区划代码表中',
  DECLARED_INCOME_UNDERSTATED: '核实收入高于申报收入10%以上',
  GRADUAL_EXIT: '收入超过标准但有成员就业，给予渐退期',
  SINGLE_PERSON_SUGGESTED: '建议符合条件的成员按单人户申请',
};

/** A code's short meaning; an unknown code (none today) shows its template with placeholders as “…”. */
function reasonDescription(code: string): string | null {
  const name = (reasonNames as Record<string, string>)[code];
  if (name) return name;
  const template = (householdReasons as Record<string, string>)[code] ?? (importReasons as Record<string, string>)[code];
  return template ? template.replace(/\{\w+\}/g, '…') : null;
}

export interface SummaryIdentity {
  batchId: string;
  asOf: string;
  toolVersion: string;
  policy: { id: string; version: string; sha256: string };
  /** Rows in 拒收记录, when the caller knows it (the 汇总 sheet is written before 拒收记录). */
  rejectedRows?: number;
}

export interface SummaryLayout {
  rows: Row[];
  /** 0-based indexes (into rows) of rows to print bold: totals and block headers. */
  boldRows: number[];
  /** Data rows covered by the autofilter under the header (the region × program table and its totals). */
  filterRows: number;
}

/**
 * 汇总 rows under the sheet header (summaryColumns): region × program rows, per-program totals over all regions and
 * the grand total; a blank row; the reason-code table; a blank row; the batch identity.
 */
export function summaryLayout(data: SummaryData, id: SummaryIdentity): SummaryLayout {
  type Acc = { 符合: number; 不符合: number; 待复核: number; benefit: number };
  const empty = (): Acc => ({ 符合: 0, 不符合: 0, 待复核: 0, benefit: 0 });
  const byRegionProgram = new Map<string, { regionCode: string; program: string; acc: Acc }>();
  const byProgram = new Map<string, Acc>();
  const total = empty();
  for (const c of data.counts) {
    const key = `${c.regionCode}\u0000${c.program}`;
    let e = byRegionProgram.get(key);
    if (!e) byRegionProgram.set(key, (e = { regionCode: c.regionCode, program: c.program, acc: empty() }));
    let p = byProgram.get(c.program);
    if (!p) byProgram.set(c.program, (p = empty()));
    for (const acc of [e.acc, p, total]) {
      acc[c.verdict] += c.households;
      acc.benefit += c.benefitMonthly;
    }
  }
  const line = (a: Acc): (number | null)[] => [a.符合, a.不符合, a.待复核, a.符合 + a.不符合 + a.待复核, a.benefit];
  const rows: Row[] = [];
  const boldRows: number[] = [];
  const sorted = [...byRegionProgram.values()].sort(
    (x, y) => cmp(x.regionCode, y.regionCode) || programRank(x.program) - programRank(y.program) || cmp(x.program, y.program),
  );
  for (const e of sorted) rows.push([e.regionCode, regionFullName(e.regionCode) ?? null, e.program, ...line(e.acc)]);
  const programs = [...byProgram.keys()].sort((x, y) => programRank(x) - programRank(y) || cmp(x, y));
  for (const p of programs) {
    boldRows.push(rows.length);
    rows.push(['全部地区', null, `${p}合计`, ...line(byProgram.get(p)!)]);
  }
  boldRows.push(rows.length);
  rows.push(['全部地区', null, '总计', ...line(total)]);
  const filterRows = rows.length;

  rows.push([]);
  boldRows.push(rows.length);
  rows.push(['原因代码', '类别', '说明', '户数']);
  const reasons = [...data.reasons].sort((x, y) => {
    const sx = severityOf.get(x.code);
    const sy = severityOf.get(y.code);
    return (sx ? severityRank[sx] : 9) - (sy ? severityRank[sy] : 9) || cmp(x.code, y.code);
  });
  if (reasons.length === 0) rows.push(['（无）', null, null, 0]);
  for (const r of reasons) {
    const sev = severityOf.get(r.code);
    rows.push([r.code, sev ? severityText[sev] : null, reasonDescription(r.code), r.households]);
  }

  rows.push([]);
  boldRows.push(rows.length);
  rows.push(['批次信息']);
  rows.push(['批次编号', id.batchId]);
  rows.push(['核对基准日', id.asOf === '' ? '（无）' : id.asOf]);
  rows.push(['参数包', id.policy.id]);
  rows.push(['参数包版本', id.policy.version]);
  rows.push(['参数包 SHA-256', id.policy.sha256]);
  rows.push(['工具版本', id.toolVersion]);
  rows.push(['家庭数', String(total.符合 + total.不符合 + total.待复核)]);
  if (id.rejectedRows !== undefined) rows.push(['拒收记录数', String(id.rejectedRows)]);
  return { rows, boldRows, filterRows };
}
