/**
 * The match + assess stage: stream every household of a batch through the pure core (src/assess) and store each
 * result with its trace in the workspace, so results.json, reports, `explain` and audits all read the same thing.
 */
import { createHash } from 'node:crypto';
import { assessHousehold } from '../assess/assessHousehold.js';
import type { HouseholdAssessment, VerdictCode } from '../assess/result.js';
import type { LoadedPolicy } from '../policy/index.js';
import { staleWarning } from '../policy/index.js';
import { reportNumber, resultsEntry, stringifyWithMoney } from '../report/resultsJson.js';
import type { Db } from '../store/db.js';
import { storedPolicy } from './storedPolicy.js';
import { duplicateMemberIds, householdInputs, openReader, unmatchedCounts, type UnmatchedCount } from '../match/householdStream.js';

export interface AssessSummary {
  batchKey: string;
  asOf: string;
  households: number;
  byVerdict: Record<VerdictCode, number>;
  unmatched: UnmatchedCount[];
  warnings: { code: string; message: string }[];
}

/** rules.md: the as-of date is `--as-of`, else the latest application_date in the batch. */
export function defaultAsOf(db: Db, batchId: number): string | undefined {
  const v = db.prepare(`SELECT MAX(application_date) FROM applicants WHERE batch_id = ?`).pluck().get(batchId) as string | null;
  return v ?? undefined;
}

/**
 * data-contract.md: batch_id = the first 16 hex of SHA-256 over the sorted input sha256s, the pack sha256 and the
 * as-of date. Our byte layout: the sorted input hashes, then the pack hash, then the date, each followed by "\n".
 */
export function batchKey(db: Db, batchId: number, packSha256: string, asOf: string): string {
  const inputs = (db.prepare(`SELECT sha256 FROM files WHERE batch_id = ?`).pluck().all(batchId) as string[]).sort();
  const h = createHash('sha256');
  for (const s of inputs) h.update(`${s}\n`);
  h.update(`${packSha256}\n${asOf}\n`);
  return h.digest('hex').slice(0, 16);
}

const chunk = 500;

export function assessBatch(db: Db, batchId: number, policy: LoadedPolicy, asOf: string): AssessSummary {
  const key = batchKey(db, batchId, policy.sha256, asOf);
  db.prepare(
    `UPDATE batches SET batch_key = ?, as_of = ?, policy_file = ?, policy_id = ?, policy_version = ?, policy_sha256 = ?, policy_bytes = ? WHERE id = ?`,
  ).run(key, asOf, policy.file, policy.pack.id, policy.pack.version, policy.sha256, policy.bytes, batchId);
  db.prepare(`DELETE FROM results WHERE batch_id = ?`).run(batchId);

  const insert = db.prepare(`INSERT INTO results (batch_id, application_id, seq, verdict_code, entry) VALUES (?, ?, ?, ?, ?)`);
  const byVerdict: Record<VerdictCode, number> = { eligible: 0, ineligible: 0, review: 0 };
  const matchedRegions = new Set<string>();
  const pending: [string, number, VerdictCode, string][] = [];
  const flush = db.transaction(() => {
    for (const p of pending) insert.run(batchId, ...p);
    pending.length = 0;
  });

  const ctx = { duplicateIds: duplicateMemberIds(db, batchId) };
  const reader = openReader(db);
  let seq = 0;
  try {
    for (const input of householdInputs(reader, batchId, ctx)) {
      const a: HouseholdAssessment = assessHousehold(input, policy.pack, asOf);
      seq++;
      byVerdict[a.verdictCode]++;
      if (a.policyPeriod) matchedRegions.add(a.policyPeriod.region);
      const entry = resultsEntry(a, { reportNo: reportNumber(a.regionCode, asOf, seq), reportFile: null, reportSha256: null });
      pending.push([a.applicationId, seq, a.verdictCode, stringifyWithMoney(entry)]);
      if (pending.length >= chunk) flush();
    }
    flush();
  } finally {
    reader.close();
  }

  const stale = asOf === '' ? undefined : staleWarning(policy.pack, asOf, matchedRegions);
  const unmatched = unmatchedCounts(db, batchId);
  const saveUnmatched = db.prepare(`INSERT OR REPLACE INTO match_summary (batch_id, kind, rows_accepted, rows_unmatched) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (const u of unmatched) saveUnmatched.run(batchId, u.kind, u.accepted, u.unmatched);
  })();
  return {
    batchKey: key,
    asOf,
    households: seq,
    byVerdict,
    unmatched,
    warnings: stale ? [{ code: stale.code, message: stale.message }] : [],
  };
}

/**
 * One household assessed again from the batch's stored rows and archived pack: the core is pure, so this is exactly
 * the assessment the run made (explain and reports use it instead of storing every trace).
 */
export function reassessOne(db: Db, batchId: number, applicationId: string): HouseholdAssessment | undefined {
  const batch = db.prepare(`SELECT as_of FROM batches WHERE id = ?`).get(batchId) as { as_of: string | null } | undefined;
  if (!batch || batch.as_of === null) return undefined;
  const policy = storedPolicy(db, batchId);
  const reader = openReader(db);
  try {
    for (const input of householdInputs(reader, batchId, { duplicateIds: duplicateMemberIds(db, batchId) }, applicationId)) {
      return assessHousehold(input, policy.pack, batch.as_of);
    }
    return undefined;
  } finally {
    reader.close();
  }
}

/** The stored results.json entries of a batch, in application_id order (streamed). */
export function* storedEntries(db: Db, batchId: number): Generator<string> {
  for (const e of db.prepare(`SELECT entry FROM results WHERE batch_id = ? ORDER BY application_id`).pluck().iterate(batchId)) {
    yield e as string;
  }
}
