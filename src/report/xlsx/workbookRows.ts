/**
 * What one household contributes to summary.xlsx, as plain JSON rows (columns.ts). Pure: the worker that assessed the
 * household calls it, the rows are stored (as JSON) and streamed back in application_id order to the writer, so no
 * household has to stay in memory for the workbook. Nothing here recomputes a figure: every number is read from the
 * assessment and its trace (style: “A trace is a first-class result”).
 *
 * Masking (data-contract.md): ID numbers are masked (first 6 + last 4) unless `fullIds`; the trace only carries masked
 * IDs, so `fullIds` needs the household input for the full ones. Account numbers are masked in every output, with or
 * without `fullIds`.
 */
import type { HouseholdInput, SourceRef } from '../../assess/input.js';
import { squareMetres, yuan } from '../../assess/money.js';
import type { Figures, HouseholdAssessment, Reason, Tier, Verdict } from '../../assess/result.js';
import type { EvidenceGrade, IncomeRowStatus, TraceMember, TraceUnitBound, TraceVehicle } from '../../assess/trace.js';
import { InternalError } from '../../errors.js';
import { maskAccount, maskId } from '../../identity/mask.js';
import { regionFullName } from '../../identity/regions.js';
import type { RejectedRow } from '../../ingest/ledger.js';
import type { Cell, Row } from './columns.js';

export interface WorkbookRowsOptions {
  /** `--full-ids`: print full ID numbers (account numbers stay masked). */
  fullIds: boolean;
  /** Required when fullIds: the full IDs by member ordinal (the trace holds masked IDs only). */
  input?: Pick<HouseholdInput, 'members'>;
  /** results.json `report_no` (reportNumber(region, as-of, seq)); null when not known. */
  reportNo?: string | null;
}

/** The compact per-household figures the 汇总 sheet aggregates (summary.ts). */
export interface SummaryItem {
  regionCode: string;
  program: string;
  verdict: Verdict;
  /** Distinct reason codes of the household. */
  reasonCodes: string[];
  /** 分 per month or null. */
  benefitMonthly: number | null;
  /** The policy period used ({region, from}), or null when no policy applied. */
  policyPeriod: { region: string; from: string } | null;
}

export interface WorkbookRows {
  /** 家庭明细: exactly one row. */
  household: Row;
  /** 成员明细: every listed member, 本人 first, then input order. */
  members: Row[];
  /** 收入明细: every income row the main evaluation read, with its status. */
  income: Row[];
  /** 财产明细: bank accounts, vehicles, real-estate ownerships, cross-province property items. */
  assets: Row[];
  /** 待复核清单: one row per blocking or review reason of a 待复核 household (none otherwise). */
  review: Row[];
  /** For 汇总. */
  summary: SummaryItem;
}

const yesNo = (b: boolean): string => (b ? '是' : '否');
const evidenceText: Record<EvidenceGrade, string> = { confirmed: '确认', suspect: '疑似' };
const tierText = (t: Tier | null): string | null => (t === null ? null : t === 'none' ? '无' : t);
const nonEmpty = (s: string | null | undefined): string | null => (s === undefined || s === null || s === '' ? null : s);

export const incomeStatusText: Record<IncomeRowStatus, string> = {
  counted: '计入',
  deduction: '扣除（社保个人缴费）',
  excluded_item: '不计入（政策规定不计入的收入项目）',
  outside_window: '不计入（不在收入核算期内）',
  corroboration: '不重复计入（同一收入已按其他来源计入）',
  missing_amount: '疑似（跨省反馈有收入但无金额）',
};

const figureLabels: Record<keyof Figures, { label: string; unit: 'yuan' | 'count' | 'area'; suffix: string }> = {
  householdIncomeWindow: { label: '核算期家庭收入', unit: 'yuan', suffix: ' 元' },
  perCapitaMonthlyIncome: { label: '家庭月人均收入', unit: 'yuan', suffix: ' 元' },
  perCapitaAfterRigid: { label: '扣除刚性支出后月人均收入', unit: 'yuan', suffix: ' 元' },
  incomeLine: { label: '比较标准', unit: 'yuan', suffix: ' 元' },
  financialAssetsTotal: { label: '家庭金融资产合计', unit: 'yuan', suffix: ' 元' },
  perCapitaFinancialAssets: { label: '人均金融资产', unit: 'yuan', suffix: ' 元' },
  financialAssetLimit: { label: '人均金融资产限额', unit: 'yuan', suffix: ' 元' },
  vehiclesCounted: { label: '计入车辆数', unit: 'count', suffix: ' 辆' },
  residentialUnits: { label: '住宅套数', unit: 'count', suffix: ' 套' },
  residentialAreaPerCapita: { label: '人均住房建筑面积', unit: 'area', suffix: ' 平方米' },
};

/** “上限：家庭月人均收入 1012.50 元；计入车辆数 1 辆” — the upper-bound figures that differ (R4), for auditors. */
function upperText(upper: Partial<Figures> | null): string | null {
  if (!upper) return null;
  const parts: string[] = [];
  for (const key of Object.keys(figureLabels) as (keyof Figures)[]) {
    if (!(key in upper)) continue;
    const { label, unit, suffix } = figureLabels[key];
    const v = upper[key];
    const shown = v === null || v === undefined ? '未知' : unit === 'count' ? `${v}${suffix}` : `${unit === 'area' ? squareMetres(v) : yuan(v)}${suffix}`;
    parts.push(`${label} ${shown}`);
  }
  return parts.length ? `上限：${parts.join('；')}` : null;
}

/** What the operator should do about each reason that puts a household on the 待复核 list. */
export const reviewGuidance: Record<string, string> = {
  AUTH_MISSING: '取得该成员（无民事行为能力的由监护人）签署的核对授权书，补录“授权核对”后重新核对',
  ID_INVALID: '对照身份证件原件更正身份证号，重新导入申请名单后重新核对',
  NO_MEMBERS: '核实家庭成员及其不计入原因，确认至少一名成员计入后重新核对',
  POLICY_NOT_FOUND: '在参数包中补充该地区覆盖申请日期的标准期间（不改用上级地区标准），然后重新核对',
  SUSPECT_EVIDENCE: '逐条核实标为“疑似”的记录（姓名不一致或信息不全）是否属于该成员：属实的确认，不属实的标记为无效命中',
  CROSSPROV_PENDING: '催办跨省核对反馈，收到反馈后导入并重新核对',
  BUSINESS_REGISTERED: '入户核实工商登记的经营状况和经营收入',
  DUPLICATE_MEMBER: '核实该成员实际所属家庭，从不应列入的申请中移除后重新核对',
  MEMBER_DECEASED: '核实死亡登记；属实的调整家庭成员后重新核对',
};

const reviewSeverities = new Set<Reason['severity']>(['blocking', 'review']);

function refText(refs: readonly SourceRef[] | undefined): string | null {
  if (!refs || refs.length === 0) return null;
  return refs.map((r) => `${r.file} 第 ${r.line} 行`).join('；');
}

function vehicleHandling(v: TraceVehicle): string {
  const state = { counted: '计入', inactive: '不计入（非在用状态）', exempt: '豁免', suspect: '疑似（仅上限口径计入）' }[v.state];
  return v.why ? `${state}：${v.why}` : state;
}

const unitAs = (b: TraceUnitBound): string => ({ residential: '住宅', non_residential: '非住宅', none: '不计入' })[b.as];

/** Cross-province items that are property (income items are rows of 收入明细). */
const crossprovPropertyClasses = new Set(['financial', 'vehicle', 'property', 'non_residential', 'business', 'other']);
const crossprovClassText: Record<string, string> = {
  financial: '金融资产',
  vehicle: '机动车',
  property: '房产',
  non_residential: '非住宅房产',
  business: '工商登记',
  other: '其他',
};

export function workbookRowsOf(a: HouseholdAssessment, opts: WorkbookRowsOptions): WorkbookRows {
  const t = a.trace;
  const byOrdinal = new Map<number, TraceMember>(t.members.map((m) => [m.ordinal, m]));
  let fullIdOf: Map<number, string> | null = null;
  if (opts.fullIds) {
    if (!opts.input) throw new InternalError('WORKBOOK_FULL_IDS', 'workbookRowsOf: fullIds needs the household input (the trace holds masked IDs only)');
    fullIdOf = new Map(opts.input.members.map((m) => [m.ordinal, m.idNumber]));
  }
  const idOf = (ordinal: number | undefined): string | null => {
    if (ordinal === undefined) return null;
    const m = byOrdinal.get(ordinal);
    if (fullIdOf) {
      const full = fullIdOf.get(ordinal);
      if (full === undefined) throw new InternalError('WORKBOOK_FULL_IDS', `workbookRowsOf: no input member with ordinal ${ordinal}`);
      return full;
    }
    return m ? m.idMasked : null;
  };
  const nameOf = (ordinal: number | undefined): string | null => (ordinal === undefined ? null : (byOrdinal.get(ordinal)?.name ?? null));

  const self = t.members.find((m) => m.isSelf) ?? null;
  const regionName = regionFullName(a.regionCode) ?? null;
  const reportNo = opts.reportNo ?? null;
  const f = a.figures;

  const household: Row = [
    a.applicationId,
    reportNo,
    a.regionCode,
    regionName,
    a.areaType,
    a.program,
    t.applicationDate,
    self?.name ?? null,
    self ? idOf(self.ordinal) : null,
    a.verdict,
    a.verdictCode,
    a.reasons.length ? a.reasons.map((r) => r.code).join(';') : null,
    a.reasons.length ? a.reasons.map((r) => r.message).join('；') : null,
    a.membersCounted,
    a.incomeWindow?.from ?? null,
    a.incomeWindow?.to ?? null,
    a.incomeWindow?.months ?? null,
    f?.householdIncomeWindow ?? null,
    f?.perCapitaMonthlyIncome ?? null,
    f?.perCapitaAfterRigid ?? null,
    f?.incomeLine ?? null,
    f?.financialAssetsTotal ?? null,
    f?.perCapitaFinancialAssets ?? null,
    f?.financialAssetLimit ?? null,
    f?.vehiclesCounted ?? null,
    f?.residentialUnits ?? null,
    f?.residentialAreaPerCapita ?? null,
    a.benefitMonthly,
    tierText(a.tier),
    yesNo(a.tierProvisional),
    upperText(a.upper),
    a.policyPeriod?.region ?? null,
    a.policyPeriod?.from ?? null,
    a.policyPeriod?.citation ?? null,
  ];

  const incomeOf = new Map((t.main?.income.members ?? []).map((m) => [m.memberOrdinal, m]));
  const members: Row[] = t.members.map((m, i) => {
    const notes = [m.idProblem, m.idUpgraded ? '15位已升级为18位' : null, m.idRegionUnknown ? '地址码不在区划代码表中' : null].filter(
      (s): s is string => !!s,
    );
    const inc = incomeOf.get(m.ordinal);
    return [
      a.applicationId,
      i + 1,
      m.name,
      idOf(m.ordinal),
      m.relation,
      yesNo(m.counted),
      m.notCountedReason,
      yesNo(m.authorized),
      m.age,
      notes.length ? notes.join('；') : null,
      yesNo(m.duplicate),
      m.disability,
      yesNo(m.seriousIllness),
      yesNo(m.employed),
      m.declaredMonthlyIncome,
      m.rigidExpenseAnnual,
      inc?.lower.verified ?? null,
      inc?.lower.used ?? null,
      m.ref.file,
      m.ref.line,
    ];
  });

  const income: Row[] = (t.main?.income.rows ?? []).map((r) => [
    a.applicationId,
    nameOf(r.memberOrdinal),
    idOf(r.memberOrdinal),
    r.category,
    r.countedAs,
    r.item,
    r.source,
    r.amount,
    r.periodStart,
    r.periodEnd,
    r.monthsInWindow,
    r.monthsInSpan,
    r.prorated,
    incomeStatusText[r.status],
    evidenceText[r.evidence],
    r.nameOnRow,
    r.lower,
    r.upper,
    r.citation,
    r.ref.file,
    r.ref.line,
  ]);

  const assets: Row[] = [];
  for (const acc of t.main?.financial.accounts ?? []) {
    const handling = [
      acc.flag ?? (acc.evidence === 'suspect' ? '疑似（仅上限口径计入）' : '计入'),
      acc.superseded.length ? `同一账户另有 ${acc.superseded.length} 条较早记录未采用（${refText(acc.superseded)}）` : null,
    ].filter((s): s is string => !!s);
    assets.push([
      a.applicationId,
      '金融资产',
      nameOf(acc.memberOrdinal),
      idOf(acc.memberOrdinal),
      acc.institution,
      acc.assetType,
      acc.accountMasked,
      acc.balance,
      null,
      null,
      null,
      acc.asOf,
      null,
      handling.join('；'),
      evidenceText[acc.evidence],
      acc.nameOnRow,
      null,
      null,
      acc.lower,
      acc.upper,
      acc.chosen.file,
      acc.chosen.line,
    ]);
  }
  for (const v of t.main?.vehicles.vehicles ?? []) {
    for (const r of v.rows) {
      assets.push([
        a.applicationId,
        '机动车',
        nameOf(r.memberOrdinal),
        idOf(r.memberOrdinal),
        null,
        nonEmpty([r.vehicleType, r.plateType ? `号牌种类 ${r.plateType}` : null].filter(Boolean).join('，')),
        v.plate,
        r.value,
        null,
        null,
        null,
        r.firstRegistered,
        r.status,
        vehicleHandling(v),
        evidenceText[r.evidence],
        r.nameOnRow,
        v.lower ? '计入' : '不计入',
        v.upper ? '计入' : '不计入',
        null,
        null,
        r.ref.file,
        r.ref.line,
      ]);
    }
  }
  for (const u of t.main?.housing.units ?? []) {
    for (const o of u.owners) {
      const handling = [
        `下限口径${unitAs(u.lower)}，份额合计 ${u.lower.share}，计入面积 ${squareMetres(u.lower.areaShare)} 平方米`,
        u.upper.as !== u.lower.as || u.upper.areaShare !== u.lower.areaShare
          ? `上限口径${unitAs(u.upper)}，计入面积 ${squareMetres(u.upper.areaShare)} 平方米`
          : null,
        o.duplicates.length ? `同一证号重复记录 ${o.duplicates.length} 条已合并（${refText(o.duplicates)}）` : null,
      ].filter((s): s is string => !!s);
      assets.push([
        a.applicationId,
        '不动产',
        nameOf(o.memberOrdinal),
        idOf(o.memberOrdinal),
        u.location,
        o.usage,
        u.certNo,
        null,
        null,
        o.area,
        o.share,
        o.registered,
        o.status ?? '现势',
        handling.join('；'),
        evidenceText[o.evidence],
        o.nameOnRow,
        unitAs(u.lower),
        unitAs(u.upper),
        null,
        null,
        o.ref.file,
        o.ref.line,
      ]);
    }
  }
  for (const c of t.crossprov) {
    if (!crossprovPropertyClasses.has(c.itemClass)) continue;
    assets.push([
      a.applicationId,
      `跨省核对（${crossprovClassText[c.itemClass] ?? c.itemClass}）`,
      nameOf(c.memberOrdinal),
      idOf(c.memberOrdinal),
      c.province,
      c.item,
      null,
      c.amount,
      c.count,
      c.area,
      null,
      c.feedbackDate,
      c.result,
      c.use,
      evidenceText[c.evidence],
      c.nameOnRow,
      null,
      null,
      null,
      null,
      c.chosen.file,
      c.chosen.line,
    ]);
  }

  const review: Row[] = [];
  if (a.verdict === '待复核') {
    const reviewRow = (code: string | null, message: string, r: Reason | null): Row => [
      a.applicationId,
      reportNo,
      a.regionCode,
      regionName,
      a.program,
      self?.name ?? null,
      self ? idOf(self.ordinal) : null,
      code,
      message,
      nameOf(r?.memberOrdinal),
      r?.memberOrdinal !== undefined ? idOf(r.memberOrdinal) : opts.fullIds ? null : (r?.memberIdMasked ?? null),
      code ? (reviewGuidance[code] ?? null) : '查看该户核对报告，确认待复核原因',
      r?.rule ?? null,
      refText(r?.evidence),
    ];
    for (const r of a.reasons) if (reviewSeverities.has(r.severity)) review.push(reviewRow(r.code, r.message, r));
    // A 待复核 household always appears on the list, even if (against R15) no reason says why.
    if (review.length === 0) review.push(reviewRow(null, t.blockedNote ?? '结论为待复核', null));
  }

  return {
    household,
    members,
    income,
    assets,
    review,
    summary: summaryItemOf(a),
  };
}

/** What the 汇总 sheet needs of a household (all a run without reports keeps of the workbook rows). */
export function summaryItemOf(a: HouseholdAssessment): SummaryItem {
  return {
    regionCode: a.regionCode,
    program: a.program,
    verdict: a.verdict,
    reasonCodes: [...new Set(a.reasons.map((r) => r.code))],
    benefitMonthly: a.benefitMonthly,
    policyPeriod: a.policyPeriod ? { region: a.policyPeriod.region, from: a.policyPeriod.from } : null,
  };
}

/**
 * A digit run that is an ID number (15 digits, or 17 digits and a check character) or an account-like number (13 or
 * more digits) in free text: 12-digit 区划代码, dates and amounts stay readable. Bounded by non-alphanumerics so an
 * application ID such as SQ321182202406000008 is left alone.
 */
const longNumber = /(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{13,})(?![0-9A-Za-z])/g;

/**
 * Masks ID and account numbers inside free text (the raw line of a rejected row, its message). With `fullIds` the ID
 * numbers are kept and account numbers are still masked (data-contract.md: accounts are masked in every output).
 */
export function maskNumbersInText(text: string, fullIds = false): string {
  return text.replace(longNumber, (n) => {
    const idShaped = n.length === 15 || n.length === 18;
    if (idShaped) return fullIds ? n : maskId(n);
    return maskAccount(n);
  });
}

/** 拒收记录 row of one rejected input row (src/ingest/ledger.ts rejectedRows): file, line, column, code, message, raw. */
export function rejectedRowOf(r: RejectedRow, opts: { fullIds: boolean }): Row {
  const message = r.hint ? `${r.message}（处理建议：${r.hint}）` : r.message;
  return [r.file, r.line, r.column, r.code, maskNumbersInText(message, opts.fullIds), maskNumbersInText(r.raw, opts.fullIds)];
}

/** Exposed for tests and callers that need a cell list typed loosely. */
export type { Cell, Row };
