/**
 * The strict schema of a policy pack (rules.md “Policy pack”). Refuses, with the path of the problem: an unknown key
 * at any level, a wrong type, a missing required key (every key of the example except `to`, `tekun_disabilities`,
 * `objection_days`, `programs`), two forms of one one-of group (`tekun`/`tekun_multiplier`; the three
 * `financial_assets` forms), overlapping periods of one region, and malformed values.
 *
 * Values come out exact (rational.ts): money → integer 分 (at most 2 decimals), rates and multipliers → rationals
 * (at most 6 decimals). Region codes lose their trailing level padding here, at load time ("371700" → "3717"), so
 * the resolver matches plain prefixes and two spellings of one region are caught as a duplicate.
 */
import { z } from 'zod';
import { dayBefore, isIsoDate } from './dates.js';
import { toProblems, type PolicyProblem } from './problems.js';
import { decimalToRational, rationalText, compareRational, yuanToFen, type Rational } from './rational.js';
import {
  disabilityGrades,
  disabilityTypes,
  programs,
  vehicleStatusLetters,
  type ByArea,
  type FinancialAssetsRule,
  type PeriodOverride,
  type PolicyPack,
  type PolicyPeriod,
  type PolicyRegion,
  type TekunRule,
} from './types.js';

type Ctx = z.core.$RefinementCtx<unknown>;

function problem(ctx: Ctx, input: unknown, message: string, hint: string, path?: PropertyKey[], missing = false): void {
  ctx.issues.push({ code: 'custom', input, message, params: { hint, missing }, ...(path ? { path } : {}) });
}

/** Run object-level checks even when a child already failed, so every problem is listed in one go. */
const always = { when: () => true };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ── Scalars ─────────────────────────────────────────────────────────────────────────────────────────────────────

const text = z.string().transform((v, ctx) => {
  const t = v.trim();
  if (t === '') problem(ctx, v, '不能为空', '请填写内容');
  return t;
});

const isoDate = z.string().transform((v, ctx) => {
  if (!isIsoDate(v)) problem(ctx, v, `日期“${v}”无效`, '日期请写成 YYYY-MM-DD，如 2024-01-01（须是真实存在的日期）');
  return v;
});

/** Yuan → 分; `positive` refuses 0. */
function money(positive: boolean) {
  return z.number().transform((v, ctx) => {
    const r = yuanToFen(v);
    if (!r.ok) {
      problem(ctx, v, r.message, r.hint);
      return z.NEVER;
    }
    if (positive && r.value === 0) problem(ctx, v, '金额须大于 0', '请填写以元为单位的标准，如 939');
    return r.value;
  });
}

interface RateBounds {
  /** Inclusive lower bound. */
  min?: Rational;
  /** Exclusive lower bound. */
  above?: Rational;
  /** Exclusive upper bound. */
  below?: Rational;
  maxDecimals?: number;
  hint: string;
}

/** A decimal → exact rational within bounds. */
function rate(bounds: RateBounds) {
  return z.number().transform((v, ctx) => {
    const r = decimalToRational(v, bounds.maxDecimals ?? 6);
    if (!r.ok) {
      problem(ctx, v, r.message, r.hint);
      return z.NEVER;
    }
    const x = r.value;
    if (bounds.min && compareRational(x, bounds.min) < 0) {
      problem(ctx, v, `应不小于 ${rationalText(bounds.min)}，实际是 ${String(v)}`, bounds.hint);
    } else if (bounds.above && compareRational(x, bounds.above) <= 0) {
      problem(ctx, v, `应大于 ${rationalText(bounds.above)}，实际是 ${String(v)}`, bounds.hint);
    } else if (bounds.below && compareRational(x, bounds.below) >= 0) {
      problem(ctx, v, `应小于 ${rationalText(bounds.below)}，实际是 ${String(v)}`, bounds.hint);
    }
    return x;
  });
}

function int(min: number, max: number, hint: string) {
  return z.number().transform((v, ctx) => {
    if (!Number.isInteger(v)) problem(ctx, v, `应为整数，实际是 ${String(v)}`, hint);
    else if (v < min || v > max) problem(ctx, v, `应在 ${min} 到 ${max} 之间，实际是 ${v}`, hint);
    return v;
  });
}

const zero: Rational = { num: 0, den: 1 };
const one: Rational = { num: 1, den: 1 };

/** GB/T 2260 levels: province 2, city 4, county 6, township 9, village 12 digits. */
const regionCodeLengths = [2, 4, 6, 9, 12];

/** Drop trailing all-zero level segments: "371700" → "3717", "371702000000" → "371702", "370000" → "37". */
export function stripRegionPadding(code: string): string {
  let c = code;
  for (;;) {
    const i = regionCodeLengths.indexOf(c.length);
    if (i <= 0) return c;
    const shorter = regionCodeLengths[i - 1]!;
    if (!/^0+$/.test(c.slice(shorter))) return c;
    c = c.slice(0, shorter);
  }
}

const regionCode = z.string().transform((v, ctx) => {
  const hint = '区划代码写 2、4、6、9 或 12 位数字并加引号，如 code: "3717"（山东省菏泽市）或 "371700"';
  if (!/^[0-9]+$/.test(v)) problem(ctx, v, `区划代码“${v}”只能含半角数字`, hint);
  else if (!regionCodeLengths.includes(v.length)) problem(ctx, v, `区划代码“${v}”有 ${v.length} 位`, hint);
  else if (/^0+$/.test(stripRegionPadding(v))) problem(ctx, v, `区划代码“${v}”全为 0`, hint);
  return v;
});

// ── Groups ──────────────────────────────────────────────────────────────────────────────────────────────────────

const standard = money(true);
const areaMoney = z.strictObject({ urban: standard, rural: standard });
const partialAreaMoney = z.strictObject({ urban: standard.optional(), rural: standard.optional() });

const multiplierHint = '倍数写成小数，如 1.3 或 1.5（不小于 1）';
const tekunMultiplier = rate({ min: one, hint: multiplierHint });
const edgeMultiplier = rate({ min: one, hint: multiplierHint });
const employmentCostRate = rate({ min: zero, below: one, hint: '比例写成小数，如 0.10 表示 10%' });
const incomeTest = z.enum(['lt', 'le']);
const itemList = z.array(text);

const financialAssets = z
  .strictObject({
    per_capita_months_of_dibao: rate({ above: zero, hint: '如 per_capita_months_of_dibao: 24' }).optional(),
    per_capita_years_of_dibao: rate({ above: zero, hint: '如 per_capita_years_of_dibao: 2' }).optional(),
    per_capita_yuan: money(true).optional(),
  })
  .superRefine((v: unknown, ctx) => {
    if (!isRecord(v)) return;
    const present = Object.keys(v).filter((k) => v[k] !== undefined);
    const hint =
      '只写一种：per_capita_months_of_dibao（人均低于几个月低保标准）、per_capita_years_of_dibao（几年）或 per_capita_yuan（固定金额，元）';
    if (present.length === 0) problem(ctx, v, '未填写限额：须且只须填写一种形式', hint);
    if (present.length > 1) problem(ctx, v, `同时填写了 ${present.join(' 和 ')}，只能填写一种`, hint);
  }, always)
  .transform((v): FinancialAssetsRule => {
    if (v.per_capita_months_of_dibao) return { kind: 'months_of_dibao', months: v.per_capita_months_of_dibao };
    if (v.per_capita_years_of_dibao) return { kind: 'years_of_dibao', years: v.per_capita_years_of_dibao };
    return { kind: 'yuan', fen: v.per_capita_yuan ?? 0 };
  });

const vehicleShape = {
  exempt_motorcycles: z.boolean(),
  inactive_status: z.array(z.enum(vehicleStatusLetters)),
};
const housingShape = {
  max_residential_units: int(0, 99, '住房套数上限写整数，如 1'),
  area_per_capita_limit: rate({ above: zero, maxDecimals: 2, hint: '人均建筑面积上限，单位 m²，如 40' }),
  non_residential_disqualifies: z.boolean(),
};

const tekunDisabilities = z.strictObject(
  Object.fromEntries(disabilityTypes.map((t) => [t, z.array(z.enum(disabilityGrades)).optional()])) as Record<
    (typeof disabilityTypes)[number],
    z.ZodOptional<z.ZodArray<z.ZodEnum<{ [K in (typeof disabilityGrades)[number]]: K }>>>
  >,
);

const valueShape = {
  edge_multiplier: edgeMultiplier,
  income_months: int(1, 60, '收入计算期写月数，如 12'),
  income_test: incomeTest,
  employment_cost_rate: employmentCostRate,
  excluded_income_items: itemList,
  financial_assets: financialAssets,
  vehicles: z.strictObject(vehicleShape),
  housing: z.strictObject(housingShape),
  gradual_exit_months: int(1, 60, '渐退期写月数，如 6'),
  tekun_minor_age: int(1, 18, '特困未成年人年龄线，如 16（未满16周岁）'),
  tekun_disabilities: tekunDisabilities.optional(),
  objection_days: int(1, 60, '异议期天数（报告页脚），如 5').optional(),
};

const tekunHint = '二选一：固定标准写 tekun: {urban: 1221, rural: 990}；按低保标准的倍数计算写 tekun_multiplier: 1.3；两者只写一个';

/** Exactly one (`required`) or at most one (override) of tekun / tekun_multiplier. */
function checkTekun(required: boolean) {
  return (v: unknown, ctx: Ctx) => {
    if (!isRecord(v)) return;
    const fixed = v.tekun !== undefined;
    const multiplier = v.tekun_multiplier !== undefined;
    if (fixed && multiplier) problem(ctx, v, '同时填写了 tekun 和 tekun_multiplier，只能填写一个', tekunHint);
    if (required && !fixed && !multiplier) problem(ctx, v, 'tekun 或 tekun_multiplier', tekunHint, ['tekun'], true);
  };
}

function tekunRule(fixed: ByArea<number> | undefined, multiplier: Rational | undefined): TekunRule | undefined {
  if (fixed) return { kind: 'fixed', urban: fixed.urban, rural: fixed.rural };
  if (multiplier) return { kind: 'multiplier', multiplier };
  return undefined;
}

const override = z
  .strictObject({
    dibao: partialAreaMoney.optional(),
    tekun: areaMoney.optional(),
    tekun_multiplier: tekunMultiplier.optional(),
    edge_multiplier: valueShape.edge_multiplier.optional(),
    income_months: valueShape.income_months.optional(),
    income_test: valueShape.income_test.optional(),
    employment_cost_rate: valueShape.employment_cost_rate.optional(),
    excluded_income_items: valueShape.excluded_income_items.optional(),
    financial_assets: valueShape.financial_assets.optional(),
    vehicles: z
      .strictObject({
        exempt_motorcycles: vehicleShape.exempt_motorcycles.optional(),
        inactive_status: vehicleShape.inactive_status.optional(),
      })
      .optional(),
    housing: z
      .strictObject({
        max_residential_units: housingShape.max_residential_units.optional(),
        area_per_capita_limit: housingShape.area_per_capita_limit.optional(),
        non_residential_disqualifies: housingShape.non_residential_disqualifies.optional(),
      })
      .optional(),
    gradual_exit_months: valueShape.gradual_exit_months.optional(),
    tekun_minor_age: valueShape.tekun_minor_age.optional(),
    tekun_disabilities: valueShape.tekun_disabilities,
    objection_days: valueShape.objection_days,
  })
  .superRefine(checkTekun(false), always)
  .transform(({ tekun, tekun_multiplier, ...rest }): PeriodOverride => {
    const out: PeriodOverride = dropUndefined(rest);
    const rule = tekunRule(tekun, tekun_multiplier);
    if (rule) out.tekun = rule;
    return out;
  });

const programOverrides = z.strictObject(
  Object.fromEntries(programs.map((p) => [p, override.optional()])) as Record<
    (typeof programs)[number],
    z.ZodOptional<typeof override>
  >,
);

const period = z
  .strictObject({
    from: isoDate,
    to: isoDate.optional(),
    citation: text,
    dibao: areaMoney,
    tekun: areaMoney.optional(),
    tekun_multiplier: tekunMultiplier.optional(),
    ...valueShape,
    programs: programOverrides.optional(),
  })
  .superRefine((v, ctx) => {
    checkTekun(true)(v, ctx);
    if (!isRecord(v) || typeof v.from !== 'string' || typeof v.to !== 'string') return;
    if (isIsoDate(v.from) && isIsoDate(v.to) && v.to < v.from) {
      problem(ctx, v.to, `结束日期 ${v.to} 早于开始日期 ${v.from}`, '请核对 from 和 to（两者都含当天）', ['to']);
    }
  }, always)
  .transform(({ tekun, tekun_multiplier, programs: overrides, ...rest }): PolicyPeriod => {
    const out: PolicyPeriod = { ...dropUndefined(rest), tekun: tekunRule(tekun, tekun_multiplier)! };
    if (overrides) out.programs = dropUndefined(overrides);
    return out;
  });

/** Periods of one region must not overlap (from and to inclusive; no `to` = open-ended). */
function checkOverlaps(periods: unknown, ctx: Ctx): void {
  if (!Array.isArray(periods)) return;
  const spans: { i: number; from: string; to: string | undefined }[] = [];
  periods.forEach((p: unknown, i) => {
    if (!isRecord(p) || typeof p.from !== 'string' || !isIsoDate(p.from)) return;
    if (p.to !== undefined && (typeof p.to !== 'string' || !isIsoDate(p.to) || p.to < p.from)) return;
    spans.push({ i, from: p.from, to: p.to as string | undefined });
  });
  spans.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.i - b.i));
  // Compare each period with the one reaching furthest so far (a long period may cover several later ones).
  let reach = spans[0];
  for (const later of spans.slice(1)) {
    const earlier = reach!;
    if (later.to === undefined || (earlier.to !== undefined && later.to > earlier.to)) reach = later;
    if (earlier.to !== undefined && earlier.to < later.from) continue;
    const span = earlier.to === undefined ? `${earlier.from} 起，未写结束日期` : `${earlier.from} 至 ${earlier.to}`;
    problem(
      ctx,
      periods[later.i],
      `与 periods[${earlier.i}]（${span}）重叠：同一地区的标准期间不能重叠`,
      `给 periods[${earlier.i}] 写上 to: ${dayBefore(later.from)}，或改正 from 日期`,
      ['periods', later.i],
    );
  }
}

const region = z
  .strictObject({ code: regionCode, name: text, periods: z.array(period).min(1) })
  .superRefine((v, ctx) => {
    if (isRecord(v)) checkOverlaps(v.periods, ctx);
  }, always)
  .transform(({ code, name, periods }): PolicyRegion => ({ code: stripRegionPadding(code), code_as_written: code, name, periods }));

/** The same region written twice ("3717" and "371700") would make the prefix match ambiguous. */
function checkDuplicateRegions(regions: unknown, ctx: Ctx): void {
  if (!Array.isArray(regions)) return;
  const seen = new Map<string, { i: number; written: string }>();
  regions.forEach((r: unknown, i) => {
    if (!isRecord(r)) return;
    const written = typeof r.code_as_written === 'string' ? r.code_as_written : r.code;
    if (typeof written !== 'string' || !/^[0-9]+$/.test(written) || !regionCodeLengths.includes(written.length)) return;
    const key = stripRegionPadding(written);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { i, written });
      return;
    }
    problem(
      ctx,
      written,
      `地区代码“${written}”与 regions[${first.i}].code“${first.written}”是同一地区（去掉末尾补零后都是 ${key}）`,
      `把两处的 periods 合并到 regions[${first.i}] 下，删除重复的地区条目`,
      ['regions', i, 'code'],
    );
  });
}

export const policyPackSchema = z
  .strictObject({ id: text, version: text, regions: z.array(region).min(1) })
  .superRefine((v, ctx) => {
    if (isRecord(v)) checkDuplicateRegions(v.regions, ctx);
  }, always);

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// The schema's output is exactly the hand-written PolicyPack type (types.ts), in both directions.
type SchemaOutput = z.output<typeof policyPackSchema>;
const _outputIsPack = (x: SchemaOutput): PolicyPack => x;
const _packIsOutput = (x: PolicyPack): SchemaOutput => x;
void _outputIsPack;
void _packIsOutput;

export type ValidationResult = { ok: true; pack: PolicyPack } | { ok: false; problems: PolicyProblem[] };

/** Validates a parsed pack (plain data from YAML or JSON). Pure; never throws on bad input. */
export function validatePolicyPack(raw: unknown): ValidationResult {
  const result = policyPackSchema.safeParse(raw);
  if (result.success) return { ok: true, pack: result.data };
  return { ok: false, problems: toProblems(result.error.issues, raw) };
}
