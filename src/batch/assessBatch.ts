/**
 * The match + assess stage: stream every household of a batch through the pure core (src/assess) and store each
 * result with its trace in the workspace, so results.json, reports, `explain` and audits all read the same thing.
 */
import { createHash } from 'node:crypto';
import { assessHousehold } from '../assess/assessHousehold.js';
import type { HouseholdAssessment, VerdictCode } from '../assess/result.js';
import type { LoadedPolicy } from '../policy/index.js';
import { staleWarning } from '../policy/index.js';
import type { Db } from '../store/db.js';
import { storedPolicy } from './storedPolicy.js';
import { countApplications, duplicateMemberIds, householdInputs, openReader, unmatchedCounts, type UnmatchedCount } from '../match/householdStream.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import { assessRange, type AssessedRow } from './assessRange.js';
import type { AssessJob, AssessWorkerMessage } from './assessWorker.js';

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

/** Households per worker below which one thread does the work (starting a worker costs more than it saves). */
const minHouseholdsPerWorker = 4000;

/**
 * Match + assess every household of the batch and store the results (without traces: `reassessOne` recomputes a
 * trace on demand). Large batches are split into contiguous ranges of household numbers, one worker thread each.
 */
export async function assessBatch(
  db: Db,
  batchId: number,
  policy: LoadedPolicy,
  asOf: string,
  opts: { workers?: number } = {},
): Promise<AssessSummary> {
  const key = batchKey(db, batchId, policy.sha256, asOf);
  db.prepare(
    `UPDATE batches SET batch_key = ?, as_of = ?, policy_file = ?, policy_id = ?, policy_version = ?, policy_sha256 = ?, policy_bytes = ? WHERE id = ?`,
  ).run(key, asOf, policy.file, policy.pack.id, policy.pack.version, policy.sha256, policy.bytes, batchId);
  db.prepare(`DELETE FROM results WHERE batch_id = ?`).run(batchId);

  const insert = db.prepare(`INSERT INTO results (batch_id, application_id, seq, verdict_code, entry) VALUES (?, ?, ?, ?, ?)`);
  const byVerdict: Record<VerdictCode, number> = { eligible: 0, ineligible: 0, review: 0 };
  const matchedRegions = new Set<string>();
  let households = 0;
  const store = db.transaction((rows: AssessedRow[]) => {
    for (const [applicationId, seq, verdictCode, entry, region] of rows) {
      insert.run(batchId, applicationId, seq, verdictCode, entry);
      byVerdict[verdictCode]++;
      if (region) matchedRegions.add(region);
      households++;
    }
  });

  const total = countApplications(db, batchId);
  const workers = opts.workers ?? Math.min(availableParallelism(), Math.floor(total / minHouseholdsPerWorker));
  if (workers < 2) {
    const reader = openReader(db);
    try {
      let rows: AssessedRow[] = [];
      for (const row of assessRange(reader, batchId, { all: true }, policy.pack, asOf)) {
        rows.push(row);
        if (rows.length >= 500) {
          store(rows);
          rows = [];
        }
      }
      store(rows);
    } finally {
      reader.close();
    }
  } else {
    const per = Math.ceil(total / workers);
    const jobs: AssessJob[] = [];
    for (let from = 1; from <= total; from += per) {
      jobs.push({ dbPath: db.name, batchId, from, to: Math.min(total, from + per - 1), policyFile: policy.file, policyBytes: policy.bytes, asOf });
    }
    await Promise.all(jobs.map((job) => runWorker(job, store)));
  }
  if (households !== total) throw new InternalError('ASSESS_COUNT', `assessed ${households} of ${total} households`);

  const stale = asOf === '' ? undefined : staleWarning(policy.pack, asOf, matchedRegions);
  const unmatched = unmatchedCounts(db, batchId);
  const saveUnmatched = db.prepare(`INSERT OR REPLACE INTO match_summary (batch_id, kind, rows_accepted, rows_unmatched) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (const u of unmatched) saveUnmatched.run(batchId, u.kind, u.accepted, u.unmatched);
  })();
  return {
    batchKey: key,
    asOf,
    households,
    byVerdict,
    unmatched,
    warnings: stale ? [{ code: stale.code, message: stale.message }] : [],
  };
}

/** The compiled worker: from src/ (tests) and dist/ alike this resolves to dist/batch/assessWorker.js. */
const workerUrl = new URL('../../dist/batch/assessWorker.js', import.meta.url);

function runWorker(job: AssessJob, store: (rows: AssessedRow[]) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: job });
    let ended = false;
    worker.on('message', (m: AssessWorkerMessage) => {
      if (m.type === 'rows') store(m.rows);
      else if (m.type === 'end') ended = true;
      else reject(new InternalError('ASSESS_WORKER', `assess worker failed: ${m.name}`, { cause: Object.assign(new Error(m.message), { stack: m.stack }) }));
    });
    worker.on('error', (err) => reject(new InternalError('ASSESS_WORKER', 'assess worker crashed', { cause: err })));
    worker.on('exit', () => (ended ? resolve() : reject(new InternalError('ASSESS_WORKER', 'assess worker stopped before the end'))));
  });
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
    for (const input of householdInputs(reader, batchId, { duplicateIds: duplicateMemberIds(db, batchId) }, { applicationId })) {
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
