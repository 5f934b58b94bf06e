/**
 * An independent reference implementation ("oracle") of the assessment rules (shared/spec/rules.md R1–R15), written
 * from the spec alone to cross-check hedui on generated batches. It reads the workspace SQLite database that
 * `hedui batch` wrote (accepted rows only) and recomputes, per household: verdict, ordered reason codes, per-capita
 * monthly income, benefit and tier.
 *
 * Deliberately simple and slow: every household re-reads its members' source rows; all money is BigInt 分 and every
 * rate, share or quotient is an exact BigInt rational. Nothing here imports src/assess or src/match; from src/policy
 * only the pack types and `resolveAllPrograms` (region/period lookup and program override merging) are used — every
 * line, limit and rounding is derived here again.
 *
 * Readings of the spec where it is silent or ambiguous are marked `READING:` and listed in test/oracle/README.md.
 */
import Database from 'better-sqlite3';
import { isKnownRegion, parseIdNumber, ageOn } from '../../src/identity/index.js';
import { resolveAllPrograms, type PolicyPack, type PolicyParams, type Program, type Rational } from '../../src/policy/index.js';

// ---------------------------------------------------------------------------------------------------------------
// Exact arithmetic
// ---------------------------------------------------------------------------------------------------------------

/** An exact rational n/d with d > 0 (not necessarily reduced; comparisons cross-multiply). */
export interface Q {
  n: bigint;
  d: bigint;
}

function q(n: bigint, d: bigint = 1n): Q {
  if (d === 0n) throw new Error('division by zero');
  return d < 0n ? { n: -n, d: -d } : { n, d };
}
const qAdd = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const qSub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const qMul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const qDiv = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
/** -1, 0, 1 */
function qCmp(a: Q, b: Q): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
const fromPack = (r: Rational): Q => q(BigInt(r.num), BigInt(r.den));

/**
 * Half-up rounding to an integer (1 分 when x is in 分). READING: for a negative value (only a prorated negative
 * 经营净 row can be one) "half-up" is taken as half away from zero (四舍五入 on the magnitude).
 */
function roundHalfUp(x: Q): bigint {
  if (x.n < 0n) return -roundHalfUp(q(-x.n, x.d));
  return (2n * x.n + x.d) / (2n * x.d);
}

const maxB = (a: bigint, b: bigint): bigint => (a > b ? a : b);

// ---------------------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------------------

interface Applicant {
  application_id: string;
  region_code: string | null;
  area_type: string | null;
  program: string | null;
  application_date: string | null;
  name_norm: string;
  id_number: string;
  id_valid: number;
  id_upgraded: number;
  is_self: number;
  relation: string;
  authorized: number;
  excluded_reason: string | null;
  disability_grade: string | null;
  disability_type: string | null;
  serious_illness: number;
  employed: number;
  declared_monthly_income: number | null;
  rigid_expense_annual: number | null;
  current_recipient: number;
  exempt_plates: string | null;
  file: string;
  line: number;
}

interface SourceBase {
  id_number: string;
  name_norm: string;
  file: string;
  line: number;
}
interface BankRow extends SourceBase {
  institution: string | null;
  asset_type: string;
  account_no: string | null;
  balance: number | null;
  as_of: string;
  over_limit: number;
  over_limit_blank: number;
}
interface VehicleRow extends SourceBase {
  plate_norm: string;
  plate_type: string | null;
  vehicle_type: string | null;
  status: string;
}
interface EstateRow extends SourceBase {
  cert_norm: string;
  usage: string;
  area: number;
  share_num: number | null;
  share_den: number | null;
  status: string | null;
}
interface IncomeRow extends SourceBase {
  category: string;
  item: string;
  amount: number;
  period_start: string;
  period_end: string;
  source: string | null;
}
interface CrossRow extends SourceBase {
  province: string;
  item: string;
  result: string;
  amount: number | null;
  count: number | null;
  area: number | null;
  feedback_date: string | null;
}
interface DeathRow extends SourceBase {
  death_date: string;
}

interface Sources {
  bank: BankRow[];
  vehicle: VehicleRow[];
  realestate: EstateRow[];
  income: IncomeRow[];
  crossprov: CrossRow[];
  death: DeathRow[];
}
type Kind = keyof Sources;
const kinds: Kind[] = ['bank', 'vehicle', 'realestate', 'income', 'crossprov', 'death'];

/** Code-point order of strings (file names), not locale order. */
function cpCompare(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
const byFileLine = (a: { file: string; line: number }, b: { file: string; line: number }): number =>
  cpCompare(a.file, b.file) || a.line - b.line;

// ---------------------------------------------------------------------------------------------------------------
// Reasons
// ---------------------------------------------------------------------------------------------------------------

const categoryOf: Record<string, number> = {
  AUTH_MISSING: 0, ID_INVALID: 0, NO_MEMBERS: 0, POLICY_NOT_FOUND: 0,
  INCOME_OVER_LINE: 1, FIN_ASSETS_OVER_LIMIT: 1, FIN_ASSETS_FLAG: 1, VEHICLE_OWNED: 1, HOUSING_OVER_LIMIT: 1,
  NON_RESIDENTIAL_PROPERTY: 1, LABOUR_CAPACITY: 1,
  SUSPECT_EVIDENCE: 2, CROSSPROV_PENDING: 2, BUSINESS_REGISTERED: 2, DUPLICATE_MEMBER: 2, MEMBER_DECEASED: 2,
  NAME_MISMATCH: 3, ID_UPGRADED: 3, ID_REGION_UNKNOWN: 3, DECLARED_INCOME_UNDERSTATED: 3, GRADUAL_EXIT: 3,
  SINGLE_PERSON_SUGGESTED: 3,
};
/** The rule each code belongs to. READING: a code of no numbered rule — POLICY_NOT_FOUND (“Policy pack” section) and
 *  MEMBER_DECEASED (data-contract.md `death`) — sorts after the numbered rules of its category (99). */
const ruleOf: Record<string, number> = {
  POLICY_NOT_FOUND: 99, NO_MEMBERS: 1, AUTH_MISSING: 2, ID_INVALID: 3,
  INCOME_OVER_LINE: 8, FIN_ASSETS_OVER_LIMIT: 9, FIN_ASSETS_FLAG: 9, VEHICLE_OWNED: 10, HOUSING_OVER_LIMIT: 11,
  NON_RESIDENTIAL_PROPERTY: 11, LABOUR_CAPACITY: 12,
  SUSPECT_EVIDENCE: 4, CROSSPROV_PENDING: 14, BUSINESS_REGISTERED: 14, DUPLICATE_MEMBER: 3, MEMBER_DECEASED: 99,
  NAME_MISMATCH: 4, ID_UPGRADED: 3, ID_REGION_UNKNOWN: 3, DECLARED_INCOME_UNDERSTATED: 7, GRADUAL_EXIT: 13,
  SINGLE_PERSON_SUGGESTED: 14,
};
/** Final tie-break: the order codes are listed in rules.md “Reason codes”. */
const listOrder = Object.keys(categoryOf);

interface Reason {
  code: string;
  /** Index of the member in household order (本人 0), or -1 for a household-level reason. */
  member: number;
  file?: string;
  line?: number;
  /** For SUSPECT_EVIDENCE: the rule of the test that only fails on the upper bound. */
  rule?: number;
}

function sortReasons(rs: Reason[]): Reason[] {
  return [...rs].sort(
    (a, b) =>
      categoryOf[a.code]! - categoryOf[b.code]! ||
      (a.rule ?? ruleOf[a.code]!) - (b.rule ?? ruleOf[b.code]!) ||
      a.member - b.member ||
      cpCompare(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      listOrder.indexOf(a.code) - listOrder.indexOf(b.code),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Normalisation helpers
// ---------------------------------------------------------------------------------------------------------------

/** R10: plates, certificate numbers and institutions: NFKC, upper case, no spaces, no dots. */
export function normKey(s: string | null): string {
  return (s ?? '').normalize('NFKC').toUpperCase().replace(/\s/gu, '').replace(/[.\u00B7\u2022\u2027\u2219\u22C5\u30FB]/gu, '');
}

const vehicleStatusNames: Record<string, string> = {
  正常: 'A', 转出: 'B', 被盗抢: 'C', 停驶: 'D', 注销: 'E', 违法未处理: 'G', 海关监管: 'H', 事故未处理: 'I', 嫌疑车: 'J',
  查封: 'K', 暂扣: 'L', 强制注销: 'M', 事故逃逸: 'N', 锁定: 'O', 报废: 'P', 逾期未检验: 'Q',
};
/** R10 status → set of letters (names mapped; several letters allowed). */
function statusLetters(status: string): Set<string> {
  const s = status.trim();
  if (vehicleStatusNames[s]) return new Set([vehicleStatusNames[s]]);
  const out = new Set<string>();
  for (const part of s.split(/[,，、;；\s]+/u)) {
    if (vehicleStatusNames[part]) out.add(vehicleStatusNames[part]);
    else for (const ch of part.toUpperCase()) out.add(ch);
  }
  return out;
}

/** 'YYYY-MM' or 'YYYY-MM-DD' → month index. */
function monthIndex(s: string): number {
  return Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
}

const incomeCategories = ['工资性', '经营净', '财产净', '转移净', '其他'];
const financialCrossItems = ['存款', '证券', '理财', '基金', '保险'];

// ---------------------------------------------------------------------------------------------------------------
// Figures and tests for one program, one set of counted members, one bound
// ---------------------------------------------------------------------------------------------------------------

type Bound = 'lower' | 'upper';
type TestCode =
  | 'INCOME_OVER_LINE'
  | 'FIN_ASSETS_OVER_LIMIT'
  | 'FIN_ASSETS_FLAG'
  | 'VEHICLE_OWNED'
  | 'HOUSING_OVER_LIMIT'
  | 'NON_RESIDENTIAL_PROPERTY'
  | 'LABOUR_CAPACITY';

interface Member {
  row: Applicant;
  index: number;
  src: Sources;
}

interface Evaluation {
  /** Household window income I (分). */
  I: bigint;
  /** Per-capita monthly income p (分, rounded). */
  p: bigint;
  /** 刚性支出 only. */
  pPrime: bigint | null;
  line: bigint;
  /** Lower-bound verified income per counted member (R7 flag). */
  verified: bigint[];
  failing: Set<TestCode>;
}

/** Cross-province rows of one member de-duplicated by (province, item): the latest feedback_date
 *  (READING: blank date = earliest; ties → later file in code-point order, then later line, as R9). */
function latestCross(rows: CrossRow[]): CrossRow[] {
  const best = new Map<string, CrossRow>();
  for (const r of rows) {
    const key = `${r.province}\u0000${r.item}`;
    const cur = best.get(key);
    if (!cur || laterCross(r, cur)) best.set(key, r);
  }
  return [...best.values()].sort(byFileLine);
}
function laterCross(a: CrossRow, b: CrossRow): boolean {
  const da = a.feedback_date ?? '';
  const db = b.feedback_date ?? '';
  if (da !== db) return da > db;
  return byFileLine(a, b) > 0;
}

const confirmed = (m: Member, r: SourceBase): boolean => r.name_norm === m.row.name_norm;

function evaluate(
  P: PolicyParams,
  program: Program,
  members: Member[],
  bound: Bound,
  household: { area: 'urban' | 'rural'; applicationDate: string; self: Member; exemptPlates: Set<string> },
): Evaluation {
  const failing = new Set<TestCode>();
  const n = BigInt(members.length);
  const N = BigInt(P.incomeMonths);
  const dibao = BigInt(P.dibao[household.area]);
  const adverseOk = (m: Member, r: SourceBase) => bound === 'upper' || confirmed(m, r);
  const deductionOk = (m: Member, r: SourceBase) => bound === 'lower' || confirmed(m, r);

  // --- R5–R7 income --------------------------------------------------------------------------------------------
  const M = monthIndex(household.applicationDate);
  const winFrom = M - P.incomeMonths;
  const winTo = M - 1;
  let I = 0n;
  let incomeFailsUpper = false;
  const verifiedList: bigint[] = [];
  for (const m of members) {
    // Group rows by (category, item, period) — R6 corroboration. READING: rows of one key from different sources
    // describe one income, so the largest source counts; rows of one key from the same source are separate incomes
    // and add up (a source's total is the sum of its rows; a blank source is a source of its own).
    const groups = new Map<string, IncomeRow[]>();
    for (const r of m.src.income) {
      const isIncome = incomeCategories.includes(r.category);
      const isDeduction = r.category === '社保个人缴费';
      if (!isIncome && !isDeduction) continue;
      if (isIncome && P.excludedIncomeItems.includes(r.item)) continue;
      // READING: a negative income row (a 经营净 loss) lowers the income like a deduction, so it is favourable
      // evidence: the lower bound (“most favourable”) takes it even when suspect, the upper only when confirmed.
      const favourable = !isIncome || r.amount < 0;
      if (favourable ? !deductionOk(m, r) : !adverseOk(m, r)) continue;
      const key = [r.category, r.item, r.period_start, r.period_end].join('\u0000');
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    let income = 0n;
    let deductions = 0n;
    let wages = 0n;
    for (const rows of groups.values()) {
      const r = rows[0]!;
      const s = monthIndex(r.period_start);
      const e = monthIndex(r.period_end);
      const overlap = Math.min(e, winTo) - Math.max(s, winFrom) + 1;
      if (overlap <= 0) continue;
      const bySource = new Map<string, bigint>();
      for (const x of rows) {
        const prorated = roundHalfUp(q(BigInt(x.amount) * BigInt(overlap), BigInt(e - s + 1)));
        bySource.set(x.source ?? '', (bySource.get(x.source ?? '') ?? 0n) + prorated);
      }
      const counted = [...bySource.values()].reduce((a, b) => (b > a ? b : a));
      if (r.category === '社保个人缴费') deductions += counted;
      else {
        income += counted;
        if (r.category === '工资性') wages += counted;
      }
    }
    for (const c of latestCross(m.src.crossprov)) {
      if (c.result !== '有' || (c.item !== '工资' && c.item !== '养老金')) continue;
      if (c.amount === null) {
        if (bound === 'upper') incomeFailsUpper = true; // R4: lacks its figure → fails its test in the upper bound
        continue;
      }
      if (!adverseOk(m, c)) continue;
      const amount = BigInt(c.amount) * N;
      income += amount;
      if (c.item === '工资') wages += amount;
    }
    const employmentCost = m.row.employed ? roundHalfUp(qMul(fromPack(P.employmentCostRate), q(wages))) : 0n;
    const verified = maxB(0n, income - deductions - employmentCost);
    verifiedList.push(verified);
    const declared = m.row.declared_monthly_income;
    const used = declared === null ? verified : maxB(BigInt(declared) * N, verified);
    I += used;
  }
  const p = roundHalfUp(q(I, N * n));

  // --- R8 line -------------------------------------------------------------------------------------------------
  const edgeLine = roundHalfUp(qMul(fromPack(P.edgeMultiplier), q(dibao)));
  const line = program === '低保边缘' || program === '刚性支出' ? edgeLine : dibao;
  let pPrime: bigint | null = null;
  let compared = p;
  if (program === '刚性支出') {
    let rigid = 0n;
    for (const m of members) rigid += BigInt(m.row.rigid_expense_annual ?? 0);
    const E = roundHalfUp(q(rigid * N, 12n));
    pPrime = roundHalfUp(q(maxB(0n, I - E), N * n));
    compared = pPrime;
  }
  const passes = P.incomeTest === 'lt' ? compared < line : compared <= line;
  if (!passes || incomeFailsUpper) failing.add('INCOME_OVER_LINE');

  // --- R9 financial assets -------------------------------------------------------------------------------------
  let F = 0n;
  let finFailsUpper = false;
  let flag = false;
  for (const m of members) {
    const accounts = new Map<string, BankRow>();
    for (const r of m.src.bank) {
      const key =
        r.account_no === null || r.account_no === ''
          ? `row\u0000${r.file}\u0000${r.line}`
          : `acct\u0000${normKey(r.institution)}\u0000${r.account_no}`;
      const cur = accounts.get(key);
      if (!cur || r.as_of > cur.as_of || (r.as_of === cur.as_of && byFileLine(r, cur) > 0)) accounts.set(key, r);
    }
    for (const r of accounts.values()) {
      if (!adverseOk(m, r)) continue;
      F += BigInt(r.balance ?? 0);
      // READING: the flag is read on the row that counts for its account (the latest), like its balance.
      if (r.over_limit === 1 || (r.asset_type === '超限标识' && r.over_limit_blank === 1)) flag = true;
    }
    for (const c of latestCross(m.src.crossprov)) {
      if (c.result !== '有' || !financialCrossItems.includes(c.item)) continue;
      if (c.amount === null) {
        if (bound === 'upper') finFailsUpper = true;
        continue;
      }
      if (adverseOk(m, c)) F += BigInt(c.amount);
    }
  }
  const f = roundHalfUp(q(F, n));
  const fa = P.financialAssets;
  const A =
    fa.kind === 'months_of_dibao'
      ? roundHalfUp(qMul(fromPack(fa.months), q(dibao)))
      : fa.kind === 'years_of_dibao'
        ? roundHalfUp(qMul(fromPack(fa.years), q(12n * dibao)))
        : BigInt(fa.fen);
  if (f > A || finFailsUpper) failing.add('FIN_ASSETS_OVER_LIMIT');
  if (flag) failing.add('FIN_ASSETS_FLAG');

  // --- R10 vehicles ----------------------------------------------------------------------------------------------
  const plates = new Set<string>();
  let vehicleCount = 0n;
  let vehicleFailsUpper = false;
  for (const m of members) {
    for (const r of m.src.vehicle) {
      if (!adverseOk(m, r)) continue;
      const letters = statusLetters(r.status);
      if (P.vehicles.inactiveStatus.some((l) => letters.has(l))) continue;
      const vt = r.vehicle_type ?? '';
      if (household.exemptPlates.has(r.plate_norm)) continue;
      if (vt.includes('残疾人')) continue;
      if (P.vehicles.exemptMotorcycles && (r.plate_type === '07' || r.plate_type === '08' || vt.includes('摩托'))) continue;
      plates.add(r.plate_norm);
    }
    for (const c of latestCross(m.src.crossprov)) {
      if (c.result !== '有' || c.item !== '车辆') continue;
      if (c.count === null) {
        if (bound === 'upper') vehicleFailsUpper = true;
        continue;
      }
      if (adverseOk(m, c)) vehicleCount += BigInt(c.count);
    }
  }
  vehicleCount += BigInt(plates.size);
  if (vehicleCount > 0n || vehicleFailsUpper) failing.add('VEHICLE_OWNED');

  // --- R11 housing ---------------------------------------------------------------------------------------------
  // (cert_no, member) de-duplicated (first row in file/line order), then grouped by cert_no.
  const units = new Map<string, { first: EstateRow; share: Q }>();
  for (const m of members) {
    const seen = new Set<string>();
    for (const r of [...m.src.realestate].sort(byFileLine)) {
      if (r.status === '注销') continue;
      if (!adverseOk(m, r)) continue;
      if (seen.has(r.cert_norm)) continue;
      seen.add(r.cert_norm);
      const share = r.share_num === null || r.share_den === null ? q(1n) : q(BigInt(r.share_num), BigInt(r.share_den));
      const cur = units.get(r.cert_norm);
      if (!cur) units.set(r.cert_norm, { first: r, share });
      else {
        if (byFileLine(r, cur.first) < 0) cur.first = r;
        cur.share = qAdd(cur.share, share);
      }
    }
  }
  let U = 0n;
  let S = q(0n); // hundredths of m²
  let nonResidential = false;
  for (const { first, share } of units.values()) {
    const capped = qCmp(share, q(1n)) > 0 ? q(1n) : share;
    const usage = first.usage.slice(first.usage.lastIndexOf('/') + 1);
    if (['商', '办公', '工业', '车位', '车库', '仓储'].some((w) => usage.includes(w))) nonResidential = true;
    else if (usage.includes('住宅')) {
      U += 1n;
      S = qAdd(S, qMul(q(BigInt(first.area)), capped));
    } else if (bound === 'upper') nonResidential = true;
  }
  let areaUnknown = false;
  let housingFailsUpper = false;
  for (const m of members) {
    for (const c of latestCross(m.src.crossprov)) {
      if (c.result !== '有') continue;
      if (c.item === '房产') {
        if (c.count === null) {
          if (bound === 'upper') housingFailsUpper = true;
          continue;
        }
        if (!adverseOk(m, c)) continue;
        U += BigInt(c.count);
        if (c.area === null) areaUnknown = true;
        else S = qAdd(S, q(BigInt(c.area)));
      } else if (c.item === '非住宅房产') {
        // READING: presence is the figure this test needs; a missing count does not make the row suspect.
        if (adverseOk(m, c)) nonResidential = true;
      }
    }
  }
  const maxUnits = BigInt(P.housing.maxResidentialUnits);
  const areaLimit = qMul(fromPack(P.housing.areaPerCapitaLimit), q(100n * n)); // hundredths of m²
  const overArea = qCmp(S, areaLimit) > 0 || (bound === 'upper' && areaUnknown);
  if ((U > maxUnits && overArea) || housingFailsUpper) failing.add('HOUSING_OVER_LIMIT');
  if (nonResidential && P.housing.nonResidentialDisqualifies) failing.add('NON_RESIDENTIAL_PROPERTY');

  // --- R12 labour capacity (特困) ---------------------------------------------------------------------------------
  if (program === '特困') {
    const self = household.self.row;
    const parsed = parseIdNumber(self.id_number);
    const age = parsed.ok ? ageOn(parsed.birthDate, household.applicationDate) : 0;
    const grades = self.disability_type ? (P.tekunDisabilities as Record<string, string[] | undefined>)[self.disability_type] : undefined;
    const disabled = !!self.disability_grade && !!grades && grades.includes(self.disability_grade);
    if (!(age >= 60 || age < P.tekunMinorAge || disabled)) failing.add('LABOUR_CAPACITY');
  }

  return { I, p, pPrime, line, verified: verifiedList, failing };
}

// ---------------------------------------------------------------------------------------------------------------
// The household
// ---------------------------------------------------------------------------------------------------------------

export interface OracleResult {
  verdict_code: 'eligible' | 'ineligible' | 'review';
  reasons: string[];
  per_capita_monthly_income: number | null;
  benefit_monthly: number | null;
  tier: string | null;
}

const yuan = (fen: bigint): number => Number(fen) / 100;

/** The batch as-of date when no --as-of is given: the latest application_date of an accepted 本人 row. */
export function latestApplicationDate(dbPath: string, batchId: number): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT MAX(application_date) AS d FROM applicants WHERE batch_id = ? AND is_self = 1`).get(batchId) as { d: string };
    return row.d;
  } finally {
    db.close();
  }
}

export function oracleAssess(dbPath: string, batchId: number, pack: PolicyPack, asOf: string): Map<string, OracleResult> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const applicants = db
      .prepare(
        `SELECT a.*, f.name AS file FROM applicants a JOIN files f ON f.id = a.file_id WHERE a.batch_id = ?`,
      )
      .all(batchId) as Applicant[];
    const loadKind = <T>(kind: Kind): Map<string, T[]> => {
      const rows = db
        .prepare(`SELECT s.*, f.name AS file FROM ${kind} s JOIN files f ON f.id = s.file_id WHERE s.batch_id = ?`)
        .all(batchId) as (T & SourceBase)[];
      const byId = new Map<string, T[]>();
      for (const r of rows.sort(byFileLine)) byId.set(r.id_number, [...(byId.get(r.id_number) ?? []), r]);
      return byId;
    };
    const sources = Object.fromEntries(kinds.map((k) => [k, loadKind(k)])) as { [K in Kind]: Map<string, Sources[K][number][]> };
    const sourcesOf = (id: string): Sources =>
      Object.fromEntries(kinds.map((k) => [k, sources[k].get(id) ?? []])) as unknown as Sources;

    // DUPLICATE_MEMBER: IDs present in more than one application of the batch.
    const applicationsById = new Map<string, Set<string>>();
    for (const a of applicants) {
      const set = applicationsById.get(a.id_number) ?? new Set<string>();
      set.add(a.application_id);
      applicationsById.set(a.id_number, set);
    }

    // R1: any rejected row of an application rejects every row of it, so a partial household is never assessed.
    const rejectedApplications = new Set(
      (
        db
          .prepare(
            `SELECT DISTINCT r.application_id FROM rejections r JOIN files f ON f.id = r.file_id
             WHERE f.batch_id = ? AND r.application_id IS NOT NULL`,
          )
          .all(batchId) as { application_id: string }[]
      ).map((r) => r.application_id),
    );

    const households = new Map<string, Applicant[]>();
    for (const a of applicants) {
      if (rejectedApplications.has(a.application_id)) continue;
      households.set(a.application_id, [...(households.get(a.application_id) ?? []), a]);
    }

    const out = new Map<string, OracleResult>();
    for (const [applicationId, rows] of households) {
      if (inconsistent(rows)) continue; // R1 HOUSEHOLD_INCONSISTENT: the application should have been rejected whole
      out.set(applicationId, assessHousehold(rows, pack, asOf, sourcesOf, applicationsById));
    }
    return out;
  } finally {
    db.close();
  }
}

function assessHousehold(
  rows: Applicant[],
  pack: PolicyPack,
  asOf: string,
  sourcesOf: (id: string) => Sources,
  applicationsById: Map<string, Set<string>>,
): OracleResult {
  // Household order: 本人 first, then input order (file name, line).
  const selfRow = selfRowOf(rows)!;
  const ordered = [selfRow, ...rows.filter((r) => r !== selfRow).sort(byFileLine)];
  if (rows.some((r) => (r.is_self === 1) !== (r === selfRow))) {
    throw new Error(`oracle: the stored is_self disagrees with R1's 本人 in ${selfRow.application_id}`);
  }
  const members: Member[] = ordered.map((row, index) => ({ row, index, src: sourcesOf(row.id_number) }));
  const self = members[0]!;
  const program = selfRow.program as Program;
  const applicationDate = selfRow.application_date!;
  const area = selfRow.area_type === '城市' ? 'urban' : 'rural';

  // R1 counted members; 特困 = 本人 alone (READING: an excluded 本人 leaves nobody → NO_MEMBERS).
  const counted = program === '特困' ? (isCounted(selfRow) ? [self] : []) : members.filter((m) => isCounted(m.row));
  const reasons: Reason[] = [];

  // ---- blocking ---------------------------------------------------------------------------------------------
  if (counted.length === 0) reasons.push({ code: 'NO_MEMBERS', member: -1 });
  for (const m of counted) if (!m.row.authorized) reasons.push({ code: 'AUTH_MISSING', member: m.index });
  for (const m of counted) {
    const parsed = parseIdNumber(m.row.id_number);
    const valid = m.row.id_valid === 1 && parsed.ok && parsed.birthDate <= applicationDate;
    if (!valid) reasons.push({ code: 'ID_INVALID', member: m.index });
  }
  const resolution = resolveAllPrograms(pack, { regionCode: selfRow.region_code!, applicationDate });
  if (!resolution.ok) reasons.push({ code: 'POLICY_NOT_FOUND', member: -1 });

  // ---- R3 identity facts (listed whether blocked or not) ------------------------------------------------------
  // READING: ID_UPGRADED / ID_REGION_UNKNOWN are facts about any listed member's ID (R3 limits only ID_INVALID to
  // counted members); DUPLICATE_MEMBER names any listed member (“counted or excluded”).
  for (const m of members) {
    if (m.row.id_upgraded) reasons.push({ code: 'ID_UPGRADED', member: m.index });
    const parsed = parseIdNumber(m.row.id_number);
    if (parsed.ok && !isKnownRegion(parsed.regionPrefix)) reasons.push({ code: 'ID_REGION_UNKNOWN', member: m.index });
  }
  for (const m of members) {
    if ((applicationsById.get(m.row.id_number)?.size ?? 0) > 1) reasons.push({ code: 'DUPLICATE_MEMBER', member: m.index });
  }

  const blocked = reasons.some((r) => categoryOf[r.code] === 0);
  if (blocked || !resolution.ok) {
    return { verdict_code: 'review', reasons: sortReasons(reasons).map((r) => r.code), per_capita_monthly_income: null, benefit_monthly: null, tier: null };
  }

  // ---- source-derived facts ---------------------------------------------------------------------------------
  for (const m of counted) {
    // R4 NAME_MISMATCH: every hit row whose name differs.
    for (const k of ['bank', 'vehicle', 'realestate', 'income', 'crossprov', 'death'] as Kind[]) {
      for (const r of m.src[k] as SourceBase[]) {
        if (!confirmed(m, r)) reasons.push({ code: 'NAME_MISMATCH', member: m.index, file: r.file, line: r.line });
      }
    }
    // MEMBER_DECEASED
    if (m.src.death.some((d) => d.death_date <= asOf)) reasons.push({ code: 'MEMBER_DECEASED', member: m.index });
    // R14
    for (const c of latestCross(m.src.crossprov)) {
      if (c.result === '未反馈') reasons.push({ code: 'CROSSPROV_PENDING', member: m.index, file: c.file, line: c.line });
      if (c.item === '工商' && c.result === '有') reasons.push({ code: 'BUSINESS_REGISTERED', member: m.index, file: c.file, line: c.line });
    }
  }

  // ---- tests ------------------------------------------------------------------------------------------------
  const exemptPlates = new Set<string>();
  for (const m of members) for (const p of (m.row.exempt_plates ?? '').split(';')) if (p.trim()) exemptPlates.add(normKey(p));
  const hh = { area: area as 'urban' | 'rural', applicationDate, self, exemptPlates };
  const P = resolution.byProgram[program];
  const lower = evaluate(P, program, counted, 'lower', hh);
  const upper = evaluate(P, program, counted, 'upper', hh);

  for (const code of upper.failing) {
    if (!lower.failing.has(code)) reasons.push({ code: 'SUSPECT_EVIDENCE', member: -1, rule: ruleOf[code] });
  }

  // R7 DECLARED_INCOME_UNDERSTATED (lower-bound verified vs declared window income).
  counted.forEach((m, i) => {
    const d = m.row.declared_monthly_income;
    if (d === null) return;
    const declaredWindow = BigInt(d) * BigInt(P.incomeMonths);
    if (lower.verified[i]! * 10n > declaredWindow * 11n) reasons.push({ code: 'DECLARED_INCOME_UNDERSTATED', member: m.index });
  });

  // R13 渐退期
  const onlyIncomeLower = lower.failing.size === 1 && lower.failing.has('INCOME_OVER_LINE');
  const gradualExit =
    program === '低保复核' &&
    selfRow.current_recipient === 1 &&
    counted.some((m) => m.row.employed === 1) &&
    onlyIncomeLower &&
    [...upper.failing].every((c) => c === 'INCOME_OVER_LINE');
  // READING: under 渐退期 the household is 符合, so the failed income test is reported by GRADUAL_EXIT (which carries
  // p and the line) and not also as the adverse INCOME_OVER_LINE; every other lower-bound failure is listed.
  if (gradualExit) reasons.push({ code: 'GRADUAL_EXIT', member: -1 });
  else for (const code of lower.failing) reasons.push({ code, member: -1 });

  // R15 verdict
  let verdict: OracleResult['verdict_code'];
  if (lower.failing.size > 0 && !gradualExit) verdict = 'ineligible';
  else if (reasons.some((r) => categoryOf[r.code] === 2)) verdict = 'review';
  else verdict = 'eligible';

  // R14 单人户
  const edgeEval = () => evaluate(resolution.byProgram['低保边缘'], '低保边缘', counted, 'lower', hh);
  if ((program === '低保' || program === '低保复核') && verdict === 'ineligible' && onlyIncomeLower) {
    if (!edgeEval().failing.has('INCOME_OVER_LINE')) {
      for (const m of counted) {
        const g = m.row.disability_grade;
        const t = m.row.disability_type;
        if (g === '一级' || g === '二级' || (g === '三级' && (t === '智力' || t === '精神')) || m.row.serious_illness === 1) {
          reasons.push({ code: 'SINGLE_PERSON_SUGGESTED', member: m.index });
        }
      }
    }
  }

  // R8 benefit
  let benefit: bigint | null = null;
  if ((program === '低保' || program === '低保复核') && verdict === 'eligible' && !gradualExit) {
    benefit = (BigInt(P.dibao[area]) - lower.p) * BigInt(counted.length);
  }

  // R15 tier (lower bound; each tier with its own program's merged values)
  let tier = 'none';
  const selfCounted = isCounted(selfRow) ? [self] : [];
  const assetCodes: TestCode[] = ['FIN_ASSETS_OVER_LIMIT', 'FIN_ASSETS_FLAG', 'VEHICLE_OWNED', 'HOUSING_OVER_LIMIT', 'NON_RESIDENTIAL_PROPERTY'];
  const passesIncomeAndAssets = (e: Evaluation) => !e.failing.has('INCOME_OVER_LINE') && assetCodes.every((c) => !e.failing.has(c));
  if (selfCounted.length === 1 && evaluate(resolution.byProgram['特困'], '特困', selfCounted, 'lower', hh).failing.size === 0) tier = '特困';
  else if (passesIncomeAndAssets(evaluate(resolution.byProgram['低保'], '低保', counted, 'lower', hh))) tier = '低保';
  else if (passesIncomeAndAssets(edgeEval())) tier = '低保边缘';

  return {
    verdict_code: verdict,
    reasons: sortReasons(reasons).map((r) => r.code),
    per_capita_monthly_income: yuan(lower.p),
    benefit_monthly: benefit === null ? null : yuan(benefit),
    tier,
  };
}

/** The 本人 row by R1: the one 本人, else the one 户主/申请人 when no row says 本人; undefined when not exactly one. */
function selfRowOf(rows: Applicant[]): Applicant | undefined {
  const benren = rows.filter((r) => r.relation.trim() === '本人');
  if (benren.length > 0) return benren.length === 1 ? benren[0] : undefined;
  const head = rows.filter((r) => ['户主', '申请人'].includes(r.relation.trim()));
  return head.length === 1 ? head[0] : undefined;
}

/** R1 checks on the accepted rows of one application (rows that passed import must satisfy them). */
function inconsistent(rows: Applicant[]): boolean {
  const self = selfRowOf(rows);
  if (!self) return true;
  if (new Set(rows.map((r) => r.id_number)).size !== rows.length) return true;
  const householdColumns = ['region_code', 'area_type', 'program', 'application_date'] as const;
  for (const r of rows) {
    for (const c of householdColumns) if (r[c] !== null && r[c] !== '' && r[c] !== self[c]) return true;
  }
  // current_recipient is a bool stored 0/1 (blank = 0), so only a 是 on another row can differ from a 否 on 本人's.
  if (rows.some((r) => r.current_recipient === 1 && self.current_recipient !== 1)) return true;
  return false;
}

function isCounted(a: Applicant): boolean {
  return a.excluded_reason === null || a.excluded_reason.trim() === '';
}
