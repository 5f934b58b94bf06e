/**
 * The trace of one household's assessment (style.md “A trace is a first-class result”): what every rule compared,
 * with the source rows (SourceRef: kind, file, line) and the parameter values (with the period's citation) behind
 * every figure. The PDF report and `hedui explain` render this object; they never recompute a figure.
 *
 * Units: money in integer 分, areas in hundredths of m², months `YYYY-MM`, dates `YYYY-MM-DD`. Members are referred
 * to by their input `ordinal` (see `members`). ID numbers appear only masked; account numbers only masked.
 * Every `formula`/`text` field is Chinese with the actual numbers in yuan, ready to print.
 */
import type { SourceRef } from './input.js';
import type { Program } from '../policy/types.js';

export type Bound = 'lower' | 'upper';
/** R4: confirmed = names agree after normalisation; suspect = names differ (or a cross-province figure is missing). */
export type EvidenceGrade = 'confirmed' | 'suspect';

export interface TraceMember {
  ordinal: number;
  name: string;
  /** First 6 + last 4 (data-contract.md masking). */
  idMasked: string;
  relation: string;
  isSelf: boolean;
  /** R1: counted in this assessment. */
  counted: boolean;
  /** Chinese: why not counted (the excluded_reason, or 特困仅核对本人); null when counted. */
  notCountedReason: string | null;
  authorized: boolean;
  /** 周岁 at application_date (R12); null when the ID gives no birth date. */
  age: number | null;
  idValid: boolean;
  idProblem: string | null;
  idUpgraded: boolean;
  idRegionUnknown: boolean;
  /** R3: the same ID appears in another application of the batch. */
  duplicate: boolean;
  /** e.g. “肢体二级”; null = none. */
  disability: string | null;
  seriousIllness: boolean;
  employed: boolean;
  /** 分 per month; null = not declared. */
  declaredMonthlyIncome: number | null;
  /** 分 per year; null = blank (0). */
  rigidExpenseAnnual: number | null;
  ref: SourceRef;
}

/** Every parameter value a program's tests used, for the household's area (a), as resolved from the pack. */
export interface TraceProgramParams {
  program: Program;
  /** 低保标准 dibao[a], 分/人/月. */
  dibao: number;
  /** 特困 basic-living standard for a, 分/月 (informative, R8). */
  tekun: number;
  /** Chinese: “固定标准” or “1.3 × 低保标准，向上取整到元”. */
  tekunBasis: string;
  /** Decimal text, e.g. “1.5”. */
  edgeMultiplier: string;
  /** edge_multiplier × dibao[a], rounded half-up to 1 分. */
  edgeLine: number;
  /** R8: the line this program's income test compares. */
  incomeLine: number;
  incomeLineName: string;
  incomeMonths: number;
  incomeTest: 'lt' | 'le';
  employmentCostRate: string;
  excludedIncomeItems: string[];
  /** Chinese: “24 个月低保标准” / “3 年低保标准” / “固定 30000.00 元”. */
  financialAssetsRule: string;
  financialAssetLimit: number;
  exemptMotorcycles: boolean;
  inactiveStatus: string[];
  maxResidentialUnits: number;
  /** m² per counted member, decimal text. */
  areaPerCapitaLimit: string;
  nonResidentialDisqualifies: boolean;
  gradualExitMonths: number;
  tekunMinorAge: number;
  tekunDisabilities: Record<string, string[]>;
  objectionDays: number;
}

export interface TracePolicy {
  region: { code: string; name: string };
  period: { from: string; to?: string; citation: string };
  area: 'urban' | 'rural';
  /** The program applied for first, then every other program whose values a tier test used. */
  programs: TraceProgramParams[];
}

export interface TraceWindow {
  from: string;
  to: string;
  months: number;
}

export type IncomeRowStatus =
  /** Counts (in at least one bound). */
  | 'counted'
  /** 社保个人缴费, deducted (in at least one bound). */
  | 'deduction'
  /** item is in excluded_income_items (R6; the citation is the period's). */
  | 'excluded_item'
  /** No month of the row's period lies in the window (R5). */
  | 'outside_window'
  /** Another source's row describing the same income counted instead (R6). */
  | 'corroboration'
  /** A cross-province 有 without the monthly amount: suspect, fails the upper bound (R4). */
  | 'missing_amount';

export interface TraceIncomeRow {
  ref: SourceRef;
  memberOrdinal: number;
  evidence: EvidenceGrade;
  /** The name written on the source row when it differs from the member's (suspect, R4); else null. */
  nameOnRow: string | null;
  /** As reported: 工资性 … 社保个人缴费, or the cross-province item (工资, 养老金). */
  category: string;
  /** The category it counts as (cross-province 工资 → 工资性, 养老金 → 转移净). */
  countedAs: string;
  item: string;
  source: string | null;
  /** As reported, 分 (monthly for a cross-province row). */
  amount: number | null;
  /** YYYY-MM; null for a cross-province row (monthly amount × N). */
  periodStart: string | null;
  periodEnd: string | null;
  /** |[s, e] ∩ window| and |[s, e]| (R5); a cross-province row is amount × N: N and 1. */
  monthsInWindow: number;
  monthsInSpan: number;
  /** amount × monthsInWindow / monthsInSpan rounded half-up (half away from zero) to 1 分. */
  prorated: number;
  status: IncomeRowStatus;
  /** For excluded_item: where the exclusion list comes from; else null. */
  citation: string | null;
  /** Rows describing one income (same member, category, item, period, different sources) share a group number. */
  group: number | null;
  /** What the row adds to the member's income (a deduction: what it deducts) in each bound, 分. */
  lower: number;
  upper: number;
}

export interface TraceIncomeFigures {
  /** Σ counted income of the member (all categories, signed). */
  income: number;
  /** Counted 工资性 income (employment-cost base). */
  wageIncome: number;
  deductions: number;
  employmentCost: number;
  /** max(0, income − deductions − employmentCost). */
  verified: number;
  /** max(declared, verified). */
  used: number;
}

export interface TraceMemberIncome {
  memberOrdinal: number;
  employed: boolean;
  /** declared_monthly_income × N, or null when not declared (R7). */
  declared: number | null;
  lower: TraceIncomeFigures;
  upper: TraceIncomeFigures;
  /** Chinese, lower bound, with the numbers. */
  formula: string;
}

export interface TraceIncome {
  window: TraceWindow;
  rows: TraceIncomeRow[];
  members: TraceMemberIncome[];
  /** Household window income I and per-capita monthly income p (R7), per bound. */
  lower: { total: number; perCapita: number };
  upper: { total: number; perCapita: number };
  /** 刚性支出 only (R8): E = Σ rigid × N / 12 and p′ = max(0, I − E) / N / n per bound. */
  rigid: { expense: number; lower: number; upper: number; formula: string } | null;
  /** Cross-province 有 rows without their amount: the upper bound fails the income test (R4). */
  missingFigures: SourceRef[];
  formula: string;
}

export interface TraceAccount {
  memberOrdinal: number;
  institution: string | null;
  /** Masked, last 4 kept; null when blank. */
  accountMasked: string | null;
  assetType: string;
  asOf: string;
  /** 分; null on a flag-only row. */
  balance: number | null;
  /** R9: the latest as_of (ties: later file, then later line) among all rows of the account. */
  chosen: SourceRef;
  superseded: SourceRef[];
  evidence: EvidenceGrade;
  /** The name written on the source row when it differs from the member's (suspect, R4); else null. */
  nameOnRow: string | null;
  /** Chinese, when this row is an over-limit flag (R9 FIN_ASSETS_FLAG); else null. */
  flag: string | null;
  /** Balance counted in each bound, 分. */
  lower: number;
  upper: number;
}

export type CrossprovClass = 'financial' | 'vehicle' | 'property' | 'non_residential' | 'business' | 'wage' | 'pension' | 'other';

export interface TraceCrossprovItem {
  memberOrdinal: number;
  province: string;
  item: string;
  itemClass: CrossprovClass;
  result: '有' | '无' | '未反馈';
  amount: number | null;
  count: number | null;
  area: number | null;
  feedbackDate: string | null;
  /** R14: the latest feedback_date among the rows of (member, province, item); superseded rows listed. */
  chosen: SourceRef;
  superseded: SourceRef[];
  evidence: EvidenceGrade;
  /** The name written on the source row when it differs from the member's (suspect, R4); else null. */
  nameOnRow: string | null;
  /** Names differ (R4). */
  nameMismatch: boolean;
  /** 有 without the figure its test needs (R4): suspect, fails the upper bound. */
  missingFigure: boolean;
  /** Chinese: how the item was used. */
  use: string;
}

export interface TraceFinancial {
  accounts: TraceAccount[];
  /** Cross-province financial items with result 有 (by index into Trace.crossprov). */
  crossprov: number[];
  lower: { total: number; perCapita: number };
  upper: { total: number; perCapita: number };
  limit: number;
  formula: string;
}

export interface TraceVehicleRow {
  ref: SourceRef;
  memberOrdinal: number;
  evidence: EvidenceGrade;
  /** The name written on the source row when it differs from the member's (suspect, R4); else null. */
  nameOnRow: string | null;
  status: string;
  /** No letter of inactive_status in status (R10). */
  active: boolean;
  plateType: string | null;
  vehicleType: string | null;
  /** Chinese, when the row itself makes the vehicle exempt (残疾人 / 摩托); else null. */
  exemptBy: string | null;
  /** Informative only (R10). */
  value: number | null;
  firstRegistered: string | null;
}

export interface TraceVehicle {
  plate: string;
  plateNorm: string;
  rows: TraceVehicleRow[];
  /** counted (in the lower bound), inactive, exempt, or suspect (counted in the upper bound only). */
  state: 'counted' | 'inactive' | 'exempt' | 'suspect';
  /** Chinese. */
  why: string;
  lower: boolean;
  upper: boolean;
}

export interface TraceVehicles {
  vehicles: TraceVehicle[];
  crossprov: number[];
  lower: number;
  upper: number;
  formula: string;
}

export type UsageClass = 'residential' | 'non_residential' | 'unknown';

export interface TraceOwnership {
  ref: SourceRef;
  memberOrdinal: number;
  evidence: EvidenceGrade;
  /** The name written on the source row when it differs from the member's (suspect, R4); else null. */
  nameOnRow: string | null;
  share: string;
  area: number;
  usage: string;
  usageClass: UsageClass;
  /** 权利状态 as written (null = 现势). */
  status: string | null;
  registered: string | null;
  /** Rows of the same (certificate, member) that this one stands for (R11 de-duplication). */
  duplicates: SourceRef[];
}

export interface TraceUnitBound {
  /** How the unit counts in this bound: residential, non_residential, or none (no evidence admitted / unknown usage in the lower bound). */
  as: 'residential' | 'non_residential' | 'none';
  /** Σ members' shares, capped at 1. */
  share: string;
  area: number;
  /** area × share, hundredths of m², rounded half-up for display (the test sums exactly). */
  areaShare: number;
}

export interface TraceUnit {
  certNo: string;
  location: string | null;
  owners: TraceOwnership[];
  lower: TraceUnitBound;
  upper: TraceUnitBound;
}

export interface TraceHousing {
  units: TraceUnit[];
  /** Rows with status 注销 (not counted). */
  cancelled: SourceRef[];
  crossprov: number[];
  lower: { units: number; areaPerCapita: number; nonResidential: boolean };
  upper: { units: number; areaPerCapita: number; nonResidential: boolean; areaUnknown: boolean };
  formula: string;
}

export interface TraceLabour {
  age: number | null;
  disability: string | null;
  /** Chinese: the ground that holds, or why none does. */
  why: string;
  lacksCapacity: boolean;
}

export type TestId = 'income' | 'financial_assets' | 'financial_flag' | 'vehicles' | 'housing' | 'non_residential' | 'labour_capacity';
export type TestUnit = 'fen' | 'count' | 'area' | 'flag';

export interface TraceTestBound {
  pass: boolean;
  /** The figure compared (unit as `unit`); null when the test has no number (a flag) or the figure is unknown. */
  actual: number | null;
  /** Chinese, with the numbers. */
  formula: string;
}

export interface TraceTest {
  id: TestId;
  rule: string;
  /** Chinese name of the test. */
  name: string;
  unit: TestUnit;
  /** The limit compared against (unit as `unit`); null for a flag. */
  threshold: number | null;
  /** Chinese, e.g. “低于 939.00 元（低保标准）”. */
  thresholdText: string;
  lower: TraceTestBound;
  upper: TraceTestBound;
  /** Source rows behind the lower-bound figure. */
  evidence: SourceRef[];
  /** Suspect rows that only the upper bound counted. */
  suspect: SourceRef[];
}

/** One evaluation of the tests: a set of counted members under one program's merged parameters. */
export interface TraceEvaluation {
  program: Program;
  scope: 'household' | 'self';
  memberOrdinals: number[];
  n: number;
  income: TraceIncome;
  financial: TraceFinancial;
  vehicles: TraceVehicles;
  housing: TraceHousing;
  labour: TraceLabour | null;
  tests: TraceTest[];
}

/** A tier's test, lower bound only (R15: the tier follows the lower bound). */
export interface TraceTierTest {
  id: TestId;
  rule: string;
  name: string;
  thresholdText: string;
  pass: boolean;
  actual: number | null;
  formula: string;
}

export interface TraceTier {
  tier: '特困' | '低保' | '低保边缘';
  program: Program;
  scope: 'household' | 'self';
  pass: boolean;
  /** The tests of that tier, with that program's merged values. */
  tests: TraceTierTest[];
  /** Chinese, when the tier could not be tested (e.g. 本人 not counted). */
  note: string | null;
}

export interface TraceDeath {
  memberOrdinal: number;
  ref: SourceRef;
  deathDate: string;
  evidence: EvidenceGrade;
  /** The name written on the source row when it differs from the member's (suspect, R4); else null. */
  nameOnRow: string | null;
  /** death_date ≤ as-of → MEMBER_DECEASED. */
  onOrBeforeAsOf: boolean;
}

export interface TraceIgnoredRow {
  ref: SourceRef;
  /** null when the row's ID matches no member (should not happen; match only passes members' rows). */
  memberOrdinal: number | null;
  /** Chinese, e.g. 不计入成员（服刑）的数据不读取. */
  why: string;
}

export interface TraceStep {
  rule: string;
  text: string;
}

export interface Trace {
  asOf: string;
  applicationDate: string;
  program: Program;
  areaType: '城市' | '农村';
  /** blocked = R15 step 1: nothing computed. */
  status: 'assessed' | 'blocked';
  /** Chinese, when blocked (e.g. 未取得授权，未开展核对). */
  blockedNote: string | null;
  /** Chinese remarks (e.g. 特困 法定义务人 check is manual). */
  notes: string[];
  /** All listed members, 本人 first, then input order. */
  members: TraceMember[];
  policy: TracePolicy | null;
  /** POLICY_NOT_FOUND detail (Chinese). */
  policyNotFound: string | null;
  /** The evaluation of the program applied for (null when blocked). */
  main: TraceEvaluation | null;
  /** De-duplicated cross-province feedback of counted members (R14). */
  crossprov: TraceCrossprovItem[];
  deaths: TraceDeath[];
  /** Source rows not read: rows of members not counted (R1). */
  ignoredRows: TraceIgnoredRow[];
  tiers: TraceTier[];
  /** How the verdict, tier and benefit followed (R13, R15), in order. */
  steps: TraceStep[];
}
