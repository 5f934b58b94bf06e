/**
 * rules.md “Policy pack”: when the newest period of a matched region started more than 18 months before the as-of
 * date, the run emits one POLICY_STALE warning (a run event, not a household reason).
 *
 * “More than 18 months”: stale when as-of is after the date 18 calendar months after the period's `from` (the day
 * clamped to the month's end). A period that started exactly 18 months before as-of is not stale:
 * from 2024-01-01 → not stale on 2025-07-01, stale from 2025-07-02.
 */
import { InternalError } from '../errors.js';
import { runEvents } from '../reasons.js';
import { addMonths, isIsoDate } from './dates.js';
import type { PolicyPack } from './types.js';

export const staleAfterMonths = 18;

export interface StaleRegion {
  code: string;
  name: string;
  /** `from` of the region's newest period. */
  newestFrom: string;
}

export interface PolicyStaleEvent {
  code: 'POLICY_STALE';
  level: 'warning';
  /** Chinese, naming every stale region. */
  message: string;
  regions: StaleRegion[];
}

/**
 * One POLICY_STALE event naming every stale region, or undefined. `matchedRegions` (region codes as in the pack
 * after padding is stripped, i.e. `PolicyParams.region.code`) limits the check to the regions that matched a
 * household of the run, as rules.md says; without it every region of the pack is checked.
 */
export function staleWarning(pack: PolicyPack, asOf: string, matchedRegions?: Iterable<string>): PolicyStaleEvent | undefined {
  if (!isIsoDate(asOf)) throw new InternalError('POLICY_QUERY', `staleWarning: as-of is not YYYY-MM-DD: ${asOf}`);
  const only = matchedRegions === undefined ? undefined : new Set(matchedRegions);
  const stale: StaleRegion[] = [];
  for (const region of pack.regions) {
    if (only && !only.has(region.code)) continue;
    const newestFrom = region.periods.reduce((max, p) => (p.from > max ? p.from : max), '');
    if (newestFrom !== '' && asOf > addMonths(newestFrom, staleAfterMonths)) {
      stale.push({ code: region.code, name: region.name, newestFrom });
    }
  }
  if (stale.length === 0) return undefined;
  const named = stale.map((r) => `${r.name}（${r.code}，最新标准 ${r.newestFrom} 起）`).join('、');
  return { code: 'POLICY_STALE', level: 'warning', message: `${runEvents.POLICY_STALE}：${named}`, regions: stale };
}
