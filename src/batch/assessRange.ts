/**
 * Match + assess + serialise for a selection of households: the work one thread does. Runs in the main thread for
 * small batches and in worker threads (src/batch/assessWorker.ts) for large ones; the output is the same either way
 * because every household is independent and results are stored by application_id.
 */
import { assessHousehold } from '../assess/assessHousehold.js';
import type { VerdictCode } from '../assess/result.js';
import { duplicateMemberIds, householdInputs, type HouseholdSelection } from '../match/householdStream.js';
import type { PolicyPack } from '../policy/index.js';
import { reportNumber, resultsEntry, stringifyWithMoney } from '../report/resultsJson.js';
import type { Db } from '../store/db.js';

/** [application_id, seq, verdict_code, results.json entry, matched policy region or ''] */
export type AssessedRow = [string, number, VerdictCode, string, string];

export function* assessRange(reader: Db, batchId: number, sel: HouseholdSelection, pack: PolicyPack, asOf: string): Generator<AssessedRow> {
  const ctx = { duplicateIds: duplicateMemberIds(reader, batchId) };
  for (const input of householdInputs(reader, batchId, ctx, sel)) {
    const a = assessHousehold(input, pack, asOf);
    const entry = resultsEntry(a, { reportNo: reportNumber(a.regionCode, asOf, input.seq), reportFile: null, reportSha256: null });
    yield [a.applicationId, input.seq, a.verdictCode, stringifyWithMoney(entry), a.policyPeriod?.region ?? ''];
  }
}
