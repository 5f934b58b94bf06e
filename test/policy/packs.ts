/** Raw packs as the YAML reader hands them to the schema (plain data), built inline for the policy tests. */
import { expect } from 'vitest';
import type { PolicyProblem } from '../../src/policy/problems.js';
import { validatePolicyPack } from '../../src/policy/schema.js';
import type { PolicyPack } from '../../src/policy/types.js';

export type Raw = Record<string, unknown>;

/** A complete period: every required key of the rules.md example, values of 菏泽 2024. */
export function rawPeriod(over: Raw = {}): Raw {
  return {
    from: '2024-01-01',
    citation: '菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》',
    dibao: { urban: 939, rural: 761 },
    tekun: { urban: 1221, rural: 990 },
    edge_multiplier: 1.5,
    income_months: 12,
    income_test: 'lt',
    employment_cost_rate: 0.1,
    excluded_income_items: ['优抚金', '计划生育奖励扶助金', '奖学金', '见义勇为奖励', '社会救助金', '基础养老金'],
    financial_assets: { per_capita_months_of_dibao: 24 },
    vehicles: { exempt_motorcycles: true, inactive_status: ['B', 'E', 'M', 'P'] },
    housing: { max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: true },
    gradual_exit_months: 6,
    tekun_minor_age: 16,
    ...over,
  };
}

export function rawRegion(over: Raw = {}, periods: Raw[] = [rawPeriod()]): Raw {
  return { code: '3717', name: '山东省菏泽市', periods, ...over };
}

export function rawPack(regions: Raw[] = [rawRegion()], over: Raw = {}): Raw {
  return { id: 'test-pack', version: '2024.1', regions, ...over };
}

/** A copy of `o` without `key`. */
export function without(o: Raw, key: string): Raw {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

export function pack(raw: unknown): PolicyPack {
  const result = validatePolicyPack(raw);
  if (!result.ok) throw new Error(`expected a valid pack:\n${result.problems.map((p) => p.message).join('\n')}`);
  return result.pack;
}

export function problems(raw: unknown): PolicyProblem[] {
  const result = validatePolicyPack(raw);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

export function paths(raw: unknown): string[] {
  return problems(raw).map((p) => p.path);
}
