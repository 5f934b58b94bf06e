/**
 * Which parameters apply to a household (rules.md “Policy pack”). Pure: plain data in, plain data out.
 *
 * 1. Region — strict longest-prefix match: of the pack's region codes (padding already stripped, schema.ts) that
 *    are a prefix of the household's region_code, the longest one is **the** region. Our reading of “no fallback to a
 *    shorter one”: if that region has no period covering the application date, the household is POLICY_NOT_FOUND;
 *    we never try the province entry instead, because a city that publishes its own standards has standards of its
 *    own for every date, and a gap in them is something the center must fill, not paper over.
 * 2. Period — the one whose [from, to] (both inclusive; no `to` = open-ended) contains application_date.
 * 3. Program — `programs[program]` deep-merged into the period; the one-of groups (`financial_assets`;
 *    `tekun`/`tekun_multiplier`) and lists are replaced whole. 低保复核 takes the 低保 overrides first, then its own.
 */
import { InternalError } from '../errors.js';
import { isIsoDate } from './dates.js';
import { mulFenCeilYuan, type Rational } from './rational.js';
import {
  defaultObjectionDays,
  defaultTekunDisabilities,
  programs,
  type ByArea,
  type DisabilityTable,
  type FinancialAssetsRule,
  type PeriodOverride,
  type PeriodValues,
  type PolicyPack,
  type PolicyPeriod,
  type PolicyRegion,
  type Program,
  type TekunRule,
  type VehicleStatusLetter,
} from './types.js';

/** Everything a program's tests need, for one household's region, date and program. Money in 分. */
export interface PolicyParams {
  program: Program;
  region: { code: string; name: string };
  /** Where the numbers come from: every figure in a verdict cites this (results' `policy_period`). */
  period: { from: string; to?: string; citation: string };
  /** 低保标准, 元/人/月 in 分. */
  dibao: ByArea<number>;
  /** 特困 basic-living standard in 分 per month; `basis` says whether it is fixed or multiplier × 低保 (rounded up). */
  tekun: ByArea<number> & { basis: TekunRule };
  /** 低保边缘 line = edgeMultiplier × 低保. */
  edgeMultiplier: Rational;
  incomeMonths: number;
  incomeTest: 'lt' | 'le';
  employmentCostRate: Rational;
  excludedIncomeItems: string[];
  financialAssets: FinancialAssetsRule;
  vehicles: { exemptMotorcycles: boolean; inactiveStatus: VehicleStatusLetter[] };
  housing: { maxResidentialUnits: number; areaPerCapitaLimit: Rational; nonResidentialDisqualifies: boolean };
  gradualExitMonths: number;
  tekunMinorAge: number;
  tekunDisabilities: DisabilityTable;
  objectionDays: number;
}

export interface PolicyQuery {
  /** The household's region_code (6 or 12 digits). */
  regionCode: string;
  /** YYYY-MM-DD. */
  applicationDate: string;
  program: Program;
}

export interface PolicyNotFound {
  ok: false;
  reason: 'POLICY_NOT_FOUND';
  /** no_region: no pack region is a prefix of region_code; no_period: the matched region has no period that day. */
  cause: 'no_region' | 'no_period';
  /** Chinese, for the trace and the 待复核 list. */
  detail: string;
  region?: { code: string; name: string };
}

export type PolicyResolution = { ok: true; params: PolicyParams } | PolicyNotFound;

export type AllProgramsResolution =
  | { ok: true; region: { code: string; name: string }; period: PolicyParams['period']; byProgram: Record<Program, PolicyParams> }
  | PolicyNotFound;

/** The pack region for a region_code: the longest code that is a prefix of it, or undefined. */
export function matchRegion(pack: PolicyPack, regionCode: string): PolicyRegion | undefined {
  let best: PolicyRegion | undefined;
  for (const r of pack.regions) {
    if (regionCode.startsWith(r.code) && (!best || r.code.length > best.code.length)) best = r;
  }
  return best;
}

export function periodOn(region: PolicyRegion, date: string): PolicyPeriod | undefined {
  return region.periods.find((p) => p.from <= date && (p.to === undefined || date <= p.to));
}

type Located = { ok: true; region: PolicyRegion; period: PolicyPeriod } | PolicyNotFound;

function listed(items: string[], max = 8): string {
  return items.length <= max ? items.join('；') : `${items.slice(0, max).join('；')} 等 ${items.length} 项`;
}

function locate(pack: PolicyPack, regionCode: string, applicationDate: string): Located {
  // A malformed date is a bug upstream (ingest parses dates); string comparison would silently mis-resolve it.
  if (!isIsoDate(applicationDate)) throw new InternalError('POLICY_QUERY', `resolvePolicy: application date is not YYYY-MM-DD: ${applicationDate}`);
  const region = matchRegion(pack, regionCode);
  if (!region) {
    const known = pack.regions.map((r) => `${r.code} ${r.name}`);
    return {
      ok: false,
      reason: 'POLICY_NOT_FOUND',
      cause: 'no_region',
      detail: `区划代码 ${regionCode} 不在参数包的地区范围内（参数包地区：${listed(known)}）`,
    };
  }
  const period = periodOn(region, applicationDate);
  if (!period) {
    const spans = [...region.periods]
      .sort((a, b) => (a.from < b.from ? -1 : 1))
      .map((p) => (p.to === undefined ? `${p.from} 起` : `${p.from} 至 ${p.to}`));
    return {
      ok: false,
      reason: 'POLICY_NOT_FOUND',
      cause: 'no_period',
      detail:
        `地区 ${region.code} ${region.name} 没有覆盖申请日期 ${applicationDate} 的标准期间（已有：${listed(spans)}）；` +
        '按最长前缀匹配，不改用上级地区的标准',
      region: { code: region.code, name: region.name },
    };
  }
  return { ok: true, region, period };
}

function defined<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Deep merge of one override: nested objects key by key; scalars, lists and one-of groups replaced whole. */
export function mergeOverride(base: PeriodValues, o: PeriodOverride | undefined): PeriodValues {
  if (!o) return base;
  const merged: PeriodValues = {
    ...base,
    ...(defined(o) as Omit<PeriodOverride, 'dibao' | 'vehicles' | 'housing' | 'tekun_disabilities'>),
    dibao: { ...base.dibao, ...defined(o.dibao) },
    vehicles: { ...base.vehicles, ...defined(o.vehicles) },
    housing: { ...base.housing, ...defined(o.housing) },
  };
  // tekun_disabilities is a table keyed by type: an override adds or replaces types of the period's table (or of
  // the default table when the period has none). A period's own table replaces the default whole.
  if (o.tekun_disabilities) {
    merged.tekun_disabilities = { ...(base.tekun_disabilities ?? defaultTekunDisabilities), ...defined(o.tekun_disabilities) };
  } else if (base.tekun_disabilities) {
    merged.tekun_disabilities = base.tekun_disabilities;
  } else {
    delete merged.tekun_disabilities;
  }
  return merged;
}

/** The period's values for a program: 低保复核 = period + 低保 overrides + 低保复核 overrides. */
export function programValues(period: PolicyPeriod, program: Program): PeriodValues {
  const overrides = period.programs ?? {};
  const base: PeriodValues = period;
  if (program === '低保复核') return mergeOverride(mergeOverride(base, overrides.低保), overrides.低保复核);
  return mergeOverride(base, overrides[program]);
}

/** 特困 standard per area; a multiplier applies to the program's merged 低保 (an override of dibao counts). */
function tekunStandard(dibao: ByArea<number>, rule: TekunRule): ByArea<number> {
  if (rule.kind === 'fixed') return { urban: rule.urban, rural: rule.rural };
  // rules.md: a 特困 standard derived from a multiplier is rounded up to the whole yuan (939 × 1.3 → 1221).
  return { urban: mulFenCeilYuan(dibao.urban, rule.multiplier), rural: mulFenCeilYuan(dibao.rural, rule.multiplier) };
}

function toParams(region: PolicyRegion, period: PolicyPeriod, program: Program): PolicyParams {
  const v = programValues(period, program);
  return {
    program,
    region: { code: region.code, name: region.name },
    period: { from: period.from, ...(period.to === undefined ? {} : { to: period.to }), citation: period.citation },
    dibao: { urban: v.dibao.urban, rural: v.dibao.rural },
    tekun: { ...tekunStandard(v.dibao, v.tekun), basis: v.tekun },
    edgeMultiplier: v.edge_multiplier,
    incomeMonths: v.income_months,
    incomeTest: v.income_test,
    employmentCostRate: v.employment_cost_rate,
    excludedIncomeItems: [...v.excluded_income_items],
    financialAssets: v.financial_assets,
    vehicles: { exemptMotorcycles: v.vehicles.exempt_motorcycles, inactiveStatus: [...v.vehicles.inactive_status] },
    housing: {
      maxResidentialUnits: v.housing.max_residential_units,
      areaPerCapitaLimit: v.housing.area_per_capita_limit,
      nonResidentialDisqualifies: v.housing.non_residential_disqualifies,
    },
    gradualExitMonths: v.gradual_exit_months,
    tekunMinorAge: v.tekun_minor_age,
    tekunDisabilities: copyTable(v.tekun_disabilities ?? defaultTekunDisabilities),
    objectionDays: v.objection_days ?? defaultObjectionDays,
  };
}

function copyTable(t: Readonly<DisabilityTable>): DisabilityTable {
  return Object.fromEntries(Object.entries(t).map(([k, grades]) => [k, [...(grades ?? [])]])) as DisabilityTable;
}

/** The parameters for one household; POLICY_NOT_FOUND (never a throw) when no region or period applies. */
export function resolvePolicy(pack: PolicyPack, query: PolicyQuery): PolicyResolution {
  const found = locate(pack, query.regionCode, query.applicationDate);
  if (!found.ok) return found;
  return { ok: true, params: toParams(found.region, found.period, query.program) };
}

/** Every program's parameters at once (R15 tiers: each tier's tests use that program's merged values). */
export function resolveAllPrograms(pack: PolicyPack, query: Omit<PolicyQuery, 'program'>): AllProgramsResolution {
  const found = locate(pack, query.regionCode, query.applicationDate);
  if (!found.ok) return found;
  const byProgram = Object.fromEntries(programs.map((p) => [p, toParams(found.region, found.period, p)])) as Record<Program, PolicyParams>;
  const any = byProgram.低保;
  return { ok: true, region: any.region, period: any.period, byProgram };
}
