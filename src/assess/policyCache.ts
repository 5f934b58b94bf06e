/**
 * Policy lookup for the assessment, memoised. A household's parameters depend only on (pack, matched region,
 * period, program) (src/policy/resolve.ts), so the resolution of the first household of a period serves every other
 * one. The cache is keyed by the pack object (WeakMap) and holds at most one entry per period of the pack; it changes
 * no result, only how often the same pure computation runs.
 */
import { matchRegion, periodOn, resolveAllPrograms, type AllProgramsResolution, type PolicyParams } from '../policy/resolve.js';
import type { Area, PolicyPack } from '../policy/types.js';
import { programParamsTrace } from './policyTrace.js';
import type { TraceProgramParams } from './trace.js';

const byPack = new WeakMap<PolicyPack, Map<string, AllProgramsResolution>>();

export function resolveForHousehold(pack: PolicyPack, regionCode: string, applicationDate: string): AllProgramsResolution {
  const region = matchRegion(pack, regionCode);
  const period = region ? periodOn(region, applicationDate) : undefined;
  if (!region || !period) return resolveAllPrograms(pack, { regionCode, applicationDate });
  let cache = byPack.get(pack);
  if (!cache) {
    cache = new Map();
    byPack.set(pack, cache);
  }
  const key = `${region.code}\u0000${period.from}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = resolveAllPrograms(pack, { regionCode, applicationDate });
    cache.set(key, hit);
  }
  return hit;
}

const paramsTrace = new WeakMap<PolicyParams, { urban?: TraceProgramParams; rural?: TraceProgramParams }>();

/** The trace of a program's parameters (shared between households of one period: treat as read-only). */
export function paramsTraceOf(params: PolicyParams, area: Area): TraceProgramParams {
  let entry = paramsTrace.get(params);
  if (!entry) {
    entry = {};
    paramsTrace.set(params, entry);
  }
  let t = entry[area];
  if (!t) {
    t = programParamsTrace(params, area);
    entry[area] = t;
  }
  return t;
}

const sameValues = new WeakMap<PolicyParams, WeakMap<PolicyParams, boolean>>();

/** Whether two programs' merged values are identical (all but the program name), so one evaluation serves both. */
export function sameProgramValues(a: PolicyParams, b: PolicyParams): boolean {
  if (a === b) return true;
  let inner = sameValues.get(a);
  if (!inner) {
    inner = new WeakMap();
    sameValues.set(a, inner);
  }
  let v = inner.get(b);
  if (v === undefined) {
    v = JSON.stringify({ ...a, program: '' }) === JSON.stringify({ ...b, program: '' });
    inner.set(b, v);
  }
  return v;
}
