/**
 * The keys the pack allows at each level (rules.md “Policy pack”), used by the schema and by the messages that
 * suggest the closest key for a typo (“未知的键 dibbao …：是否应为 dibao？”).
 */
import { disabilityTypes, programs } from './types.js';

export const rootKeys = ['id', 'version', 'regions'] as const;
export const regionKeys = ['code', 'name', 'periods'] as const;
/** Keys a program override may carry: every period key except from, to, citation and programs. */
export const overridableKeys = [
  'dibao',
  'tekun',
  'tekun_multiplier',
  'edge_multiplier',
  'income_months',
  'income_test',
  'employment_cost_rate',
  'excluded_income_items',
  'financial_assets',
  'vehicles',
  'housing',
  'gradual_exit_months',
  'tekun_minor_age',
  'tekun_disabilities',
  'objection_days',
] as const;
export const periodKeys = ['from', 'to', 'citation', ...overridableKeys, 'programs'] as const;
export const areaKeys = ['urban', 'rural'] as const;
export const financialAssetKeys = ['per_capita_months_of_dibao', 'per_capita_years_of_dibao', 'per_capita_yuan'] as const;
export const vehicleKeys = ['exempt_motorcycles', 'inactive_status'] as const;
export const housingKeys = ['max_residential_units', 'area_per_capita_limit', 'non_residential_disqualifies'] as const;

/** The keys allowed in the object at `path` (a zod issue path), or [] when the path is not an object of the pack. */
export function knownKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return rootKeys;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last === 'number') {
    if (parent === 'regions') return regionKeys;
    if (parent === 'periods') return periodKeys;
    return [];
  }
  if (parent === 'programs') return overridableKeys;
  switch (last) {
    case 'dibao':
    case 'tekun':
      return areaKeys;
    case 'financial_assets':
      return financialAssetKeys;
    case 'vehicles':
      return vehicleKeys;
    case 'housing':
      return housingKeys;
    case 'tekun_disabilities':
      return disabilityTypes;
    case 'programs':
      return programs;
    default:
      return [];
  }
}

/** A line of the rules.md example for a key, shown in the hint when the key is missing. */
export const keyExamples: Readonly<Record<string, string>> = {
  id: 'id: shandong-heze',
  version: 'version: "2024.1"',
  regions: 'regions: [ {code: "3717", name: 山东省菏泽市, periods: [...]} ]',
  code: 'code: "3717"',
  name: 'name: 山东省菏泽市',
  periods: 'periods: [ {from: 2024-01-01, citation: ..., dibao: ...} ]',
  from: 'from: 2024-01-01',
  citation: 'citation: 菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》',
  dibao: 'dibao: {urban: 939, rural: 761}',
  urban: 'urban: 939',
  rural: 'rural: 761',
  edge_multiplier: 'edge_multiplier: 1.5',
  income_months: 'income_months: 12',
  income_test: 'income_test: lt',
  employment_cost_rate: 'employment_cost_rate: 0.10',
  excluded_income_items: 'excluded_income_items: [优抚金, 计划生育奖励扶助金, 奖学金, 见义勇为奖励, 社会救助金, 基础养老金]',
  financial_assets: 'financial_assets: {per_capita_months_of_dibao: 24}',
  vehicles: 'vehicles: {exempt_motorcycles: true, inactive_status: [B, E, M, P]}',
  exempt_motorcycles: 'exempt_motorcycles: true',
  inactive_status: 'inactive_status: [B, E, M, P]',
  housing: 'housing: {max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: true}',
  max_residential_units: 'max_residential_units: 1',
  area_per_capita_limit: 'area_per_capita_limit: 40',
  non_residential_disqualifies: 'non_residential_disqualifies: true',
  gradual_exit_months: 'gradual_exit_months: 6',
  tekun_minor_age: 'tekun_minor_age: 16',
};

/** Optimal-string-alignment distance over code points (a swapped pair of letters counts 1). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = d[i]!;
      const up = d[i - 1]!;
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

function comparable(key: string): string {
  return key.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The known key closest to `typed`, when close enough to be a typo (at most 2 edits, or a third of its length). */
export function closestKey(typed: string, known: readonly string[]): string | undefined {
  const t = comparable(typed);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const distance = editDistance(t, comparable(k));
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(Array.from(best).length <= 3 ? 1 : 2, Math.floor(Array.from(best).length / 3));
  return bestDistance <= allowed ? best : undefined;
}
