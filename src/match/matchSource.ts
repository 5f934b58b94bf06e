/**
 * Where a run's households come from: the match cache when it still describes the batch (matchCache.ts), else the
 * two SQL passes (matchPlan.ts, householdStream.ts). Both give the same inputs; test/match/matchCache.test.ts holds
 * them to it.
 */
import type { HouseholdInput } from '../assess/input.js';
import type { Db } from '../store/db.js';
import { assemble, assembleContext, householdsOfPlan, type MatchContext, type MatchPlan } from './householdStream.js';
import { cachedHouseholdRows, idAt, type CachedMatch } from './matchCache.js';

export type MatchSource = (MatchPlan & { source?: 'sql' }) | CachedMatch;

/** The households `from` … `to` of the source, in household-number order. */
export function* householdsOf(
  reader: Db,
  source: MatchSource,
  ctx: MatchContext = {},
  from = source.from,
  to = source.to,
): Generator<HouseholdInput & { seq: number }> {
  if (source.source !== 'cache') {
    yield* householdsOfPlan(reader, source, ctx, from, to);
    return;
  }
  const context = assembleContext(source.files, source.duplicateIds, ctx);
  for (const { seq, kinds } of cachedHouseholdRows(source, from, to)) {
    const input = assemble(seq, { of: (k) => ({ cells: kinds[k]!, lo: 0, hi: kinds[k]!.length }), idNumber: (k, _i, cells) => cells[idAt[k]!] as string }, context);
    if (input) yield input;
  }
}
