/**
 * The validated policy pack (rules.md “Policy pack”), as `schema.ts` returns it: the YAML keys unchanged, with
 * values made exact (money in 分, rates as rationals, region codes without level padding) and each one-of group
 * (`tekun`/`tekun_multiplier`; `financial_assets`) turned into one tagged value, so an override replaces it whole.
 */
import type { Rational } from './rational.js';

export const programs = ['低保', '特困', '低保边缘', '刚性支出', '低保复核'] as const;
export type Program = (typeof programs)[number];

/** Household area_type in the pack's words: 城市 → urban, 农村 → rural. */
export type Area = 'urban' | 'rural';
export const areaOfAreaType = { 城市: 'urban', 农村: 'rural' } as const satisfies Record<string, Area>;

export interface ByArea<T> {
  urban: T;
  rural: T;
}

/** R10 status letters (正常 A … 逾期未检验 Q; there is no F). */
export const vehicleStatusLetters = ['A', 'B', 'C', 'D', 'E', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q'] as const;
export type VehicleStatusLetter = (typeof vehicleStatusLetters)[number];

export const disabilityTypes = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;
export type DisabilityType = (typeof disabilityTypes)[number];
export const disabilityGrades = ['一级', '二级', '三级', '四级'] as const;
export type DisabilityGrade = (typeof disabilityGrades)[number];
export type DisabilityTable = Partial<Record<DisabilityType, DisabilityGrade[]>>;

/** R12 default (民发〔2021〕43号 art. 5), used when a period has no `tekun_disabilities`. */
export const defaultTekunDisabilities: Readonly<DisabilityTable> = Object.freeze({
  智力: ['一级', '二级', '三级'],
  精神: ['一级', '二级', '三级'],
  肢体: ['一级', '二级'],
  视力: ['一级'],
});

/** rules.md: `objection_days` optional, default 5. */
export const defaultObjectionDays = 5;

/** `tekun: {urban, rural}` (fixed, 分) or `tekun_multiplier` (× 低保, rounded up to the whole yuan). */
export type TekunRule = { kind: 'fixed'; urban: number; rural: number } | { kind: 'multiplier'; multiplier: Rational };

/** R9 per-capita limit A: months × 低保, years × 12 × 低保, or a fixed amount in 分. */
export type FinancialAssetsRule =
  | { kind: 'months_of_dibao'; months: Rational }
  | { kind: 'years_of_dibao'; years: Rational }
  | { kind: 'yuan'; fen: number };

export interface VehicleRules {
  exempt_motorcycles: boolean;
  inactive_status: VehicleStatusLetter[];
}

export interface HousingRules {
  max_residential_units: number;
  /** m² per counted member, exact (at most 2 decimals in the pack). */
  area_per_capita_limit: Rational;
  non_residential_disqualifies: boolean;
}

/** The keys a program may override (every period key but from, to, citation and programs). */
export interface PeriodValues {
  /** 元/人/月 in 分. */
  dibao: ByArea<number>;
  tekun: TekunRule;
  edge_multiplier: Rational;
  income_months: number;
  income_test: 'lt' | 'le';
  employment_cost_rate: Rational;
  excluded_income_items: string[];
  financial_assets: FinancialAssetsRule;
  vehicles: VehicleRules;
  housing: HousingRules;
  gradual_exit_months: number;
  tekun_minor_age: number;
  tekun_disabilities?: DisabilityTable;
  objection_days?: number;
}

/** A program's partial override: nested objects may be partial; one-of groups are whole. */
export interface PeriodOverride {
  dibao?: Partial<ByArea<number>>;
  tekun?: TekunRule;
  edge_multiplier?: Rational;
  income_months?: number;
  income_test?: 'lt' | 'le';
  employment_cost_rate?: Rational;
  excluded_income_items?: string[];
  financial_assets?: FinancialAssetsRule;
  vehicles?: Partial<VehicleRules>;
  housing?: Partial<HousingRules>;
  gradual_exit_months?: number;
  tekun_minor_age?: number;
  tekun_disabilities?: DisabilityTable;
  objection_days?: number;
}

export interface PolicyPeriod extends PeriodValues {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive; absent = open-ended. */
  to?: string;
  citation: string;
  programs?: Partial<Record<Program, PeriodOverride>>;
}

export interface PolicyRegion {
  /** The matching prefix: the code as written with trailing level padding removed ("371700" → "3717"). */
  code: string;
  /** The code exactly as the pack wrote it (for messages). */
  code_as_written: string;
  name: string;
  periods: PolicyPeriod[];
}

export interface PolicyPack {
  id: string;
  version: string;
  regions: PolicyRegion[];
}
