/**
 * The match + assess (+ report) stage: stream every household of a batch through the pure core (src/assess) and
 * store each results entry in the workspace, so results.json, the workbook, `explain` and audits read the same thing.
 */
import { createHash } from 'node:crypto';
import { assessHousehold } from '../assess/assessHousehold.js';
import type { HouseholdAssessment, VerdictCode } from '../assess/result.js';
import type { LoadedPolicy } from '../policy/index.js';
import { staleWarning } from '../policy/index.js';
import type { Db } from '../store/db.js';
import { storedPolicy } from './storedPolicy.js';
import { countApplications, householdInputs, loadDispositions, openReader, planMatch, unmatchedCounts, type UnmatchedCount } from '../match/householdStream.js';
import { planMatchInWorker } from '../match/planInWorker.js';
import { cachedMatch } from '../match/matchCache.js';
import type { MatchSource } from '../match/matchSource.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import type { StopRequested } from './stop.js';
import type { AssessedHousehold, ReportConfig } from './assessRange.js';
import { processRange, type AssessJob, type AssessWorkerMessage } from './processRange.js';
import { SummaryCounter, type Row, type SummaryData } from '../report/xlsx/index.js';

/**
 * The assess workers' young generation (V8's nursery) when they read the match cache: a bucket's rows are allocated
 * in a burst, and with V8's default the short-lived rows get promoted and collected again by the old generation's
 * collector. Session 11, ×2 stage of bench:assess (100,000 households, the same hour): semi-spaces of 16 / 32 / 64 MB
 * 5.17 / 4.86 / 4.56 s against 5.31 s with the default; +85 MB peak RSS at 64. The SQL path gains nothing from it
 * (session 10) and would only grow, so its workers keep the default; so do workers that render reports (the night's
 * peak RSS, issue 7's 1 GiB, is theirs).
 */
export const assessWorkerLimits = { maxYoungGenerationSizeMb: 192 };

export interface AssessSummary {
  batchKey: string;
  asOf: string;
  households: number;
  byVerdict: Record<VerdictCode, number>;
  unmatched: UnmatchedCount[];
  /** Where the households' rows came from: the import's match cache, or the two SQL passes (src/match/matchSource.ts). */
  matchSource: 'cache' | 'sql';
  warnings: { code: string; message: string }[];
  /** 汇总 counts for summary.xlsx. */
  summary: SummaryData;
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
  const inputs = (db.prepare(`SELECT sha256 FROM files WHERE batch_id = ? AND state IN ('imported', 'refused')`).pluck().all(batchId) as string[]).sort();
  const h = createHash('sha256');
  for (const s of inputs) h.update(`${s}\n`);
  h.update(`${packSha256}\n${asOf}\n`);
  return h.digest('hex').slice(0, 16);
}

/** Households per worker below which one thread does the work (starting a worker costs more than it saves). */
const minHouseholdsPerWorker = 4000;

export interface AssessOptions {
  onProgress?: (done: number, total: number) => void;
  /** Worker threads (default: one per core when the batch is large enough). */
  workers?: number;
  /** Render one PDF per household into `report.dir` and keep workbook rows for summary.xlsx. */
  report?: ReportConfig;
  /** Polled between chunks of households: a StopRequested ends the stage there (SIGINT/SIGTERM). */
  shouldStop?: () => StopRequested | undefined;
}

/**
 * Match + assess every household of the batch and store the results (without traces: `reassessOne` recomputes a
 * trace on demand); with `report`, also render each PDF and store the workbook rows. Large batches are split into
 * contiguous ranges of household numbers, one worker thread each.
 */
export async function assessBatch(db: Db, batchId: number, policy: LoadedPolicy, asOf: string, opts: AssessOptions = {}): Promise<AssessSummary> {
  const key = batchKey(db, batchId, policy.sha256, asOf);
  db.prepare(
    `UPDATE batches SET batch_key = ?, as_of = ?, policy_file = ?, policy_id = ?, policy_version = ?, policy_sha256 = ?, policy_bytes = ? WHERE id = ?`,
  ).run(key, asOf, policy.file, policy.pack.id, policy.pack.version, policy.sha256, policy.bytes, batchId);
  // Earlier results of the batch stay until replaced: a resumed run keeps the reports they point to (processRange).
  db.prepare(`DELETE FROM workbook_rows WHERE batch_id = ?`).run(batchId);

  const insert = db.prepare(
    `INSERT OR REPLACE INTO results (batch_id, application_id, seq, verdict_code, entry, report_file, substituted) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRow = db.prepare(`INSERT OR REPLACE INTO workbook_rows (batch_id, sheet, seq, ord, cells) VALUES (?, ?, ?, ?, ?)`);
  const byVerdict: Record<VerdictCode, number> = { eligible: 0, ineligible: 0, review: 0 };
  const matchedRegions = new Set<string>();
  const summary = new SummaryCounter();
  const substituted = new Map<string, string[]>();
  let households = 0;
  const store = db.transaction((rows: AssessedHousehold[]) => {
    for (const h of rows) {
      insert.run(
        batchId, h.applicationId, h.seq, h.verdictCode, h.entry, h.pdf ? h.pdf.file : null,
        h.pdf && h.pdf.substitutedChars.length ? JSON.stringify(h.pdf.substitutedChars) : null,
      );
      byVerdict[h.verdictCode]++;
      if (h.region) matchedRegions.add(h.region);
      summary.add(h.summary);
      if (h.pdf && h.pdf.substitutedChars.length) substituted.set(h.applicationId, h.pdf.substitutedChars);
      if (h.workbook) {
        insertRow.run(batchId, 'households', h.seq, 0, JSON.stringify(h.workbook.household));
        for (const sheet of ['members', 'income', 'assets', 'review'] as const) {
          h.workbook[sheet].forEach((cells, i) => insertRow.run(batchId, sheet, h.seq, i, JSON.stringify(cells)));
        }
      }
      households++;
    }
    opts.onProgress?.(households, total);
  });

  // The first pass of matching, once for the whole batch (src/match/matchPlan.ts). Measured against each worker
  // planning its own range: as fast with 250 MB less at the peak.
  const total = countApplications(db, batchId);
  // The match cache, when the batch's files were all imported in one call (src/match/matchCache.ts), replaces both
  // SQL passes; otherwise the plan is made as below. Either gives the same households.
  const cached = cachedMatch(db, batchId);
  if (cached && cached.to !== total) throw new InternalError('MATCH_PLAN_COUNT', `match cache of ${cached.to} households, ${total} counted`);
  const workers = opts.workers ?? Math.min(availableParallelism(), Math.floor(total / minHouseholdsPerWorker));
  const job = (from: number, to: number, plan: MatchSource): AssessJob => ({
    dbPath: db.name, batchId, from, to, policyFile: policy.file, policyBytes: policy.bytes, packSha256: policy.sha256, asOf, plan,
    ...(opts.report ? { report: opts.report } : {}),
  });
  let stopped: StopRequested | undefined;
  const stop = () => (stopped ??= opts.shouldStop?.()) !== undefined;
  if (workers < 2) {
    const planReader = openReader(db);
    let plan: MatchSource;
    try {
      plan = cached ?? planMatch(planReader, batchId);
    } finally {
      planReader.close();
    }
    await processRange(job(1, total, plan), store, stop);
  } else {
    // The workers start (load their modules, parse the pack) while planner threads make the plan (planInWorker.ts).
    const ranges = householdRanges(total, workers);
    const started: Worker[] = [];
    const plans: ((plan: MatchSource) => void)[] = [];
    const running = ranges.map((r) => runWorker((plan) => job(r.from, r.to, plan), store, stop, started, plans, cached !== undefined && !opts.report));
    for (const r of running) r.catch(() => undefined); // a worker failing while the plan is made is seen by Promise.all below
    try {
      // Two planner threads split the scans. Since the planners join to the applicants' index instead of each building
      // a member table, a planner's heap is small: the night (reports rendered) peaked at 819 MB with two and 833 MB
      // with one, its peak being the report workers', not the plan's (session 8).
      const plan = cached ?? (await planMatchInWorker(db.name, batchId, 2));
      if (plan.to !== total) throw new InternalError('MATCH_PLAN_COUNT', `plan of ${plan.to} households, ${total} counted`);
      for (const send of plans) send(plan);
      await Promise.all(running);
    } finally {
      // One failed (e.g. disk full): the others must not keep the process alive or keep writing.
      await Promise.all(started.map((w) => w.terminate()));
      await Promise.allSettled(running);
    }
  }
  if (stopped) throw stopped;
  // Applications gone from the batch (a re-import replaced a file) must not keep a stale result.
  db.prepare(`DELETE FROM results WHERE batch_id = ? AND application_id NOT IN (SELECT application_id FROM applicants WHERE batch_id = ?)`).run(batchId, batchId);
  if (households !== total) throw new InternalError('ASSESS_COUNT', `assessed ${households} of ${total} households`);

  const stale = asOf === '' ? undefined : staleWarning(policy.pack, asOf, matchedRegions);
  const unmatched = unmatchedCounts(db, batchId);
  const saveUnmatched = db.prepare(`INSERT OR REPLACE INTO match_summary (batch_id, kind, rows_accepted, rows_unmatched) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    for (const u of unmatched) saveUnmatched.run(batchId, u.kind, u.accepted, u.unmatched);
  })();
  const warnings: { code: string; message: string }[] = stale ? [{ code: stale.code, message: stale.message }] : [];
  for (const [applicationId, chars] of [...substituted].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    warnings.push({
      code: 'GLYPH_SUBSTITUTED',
      message: `申请 ${applicationId} 的报告中有字体无法显示的字（${chars.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join('、')}），已以编码代替，请人工核对姓名`,
    });
  }
  return { batchKey: key, asOf, households, byVerdict, unmatched, matchSource: cached ? 'cache' : 'sql', warnings, summary: summary.data() };
}

/** Households 1 … total in `parts` contiguous ranges of (nearly) equal size: one worker thread each. */
export function householdRanges(total: number, parts: number): { from: number; to: number }[] {
  const per = Math.ceil(total / parts);
  const ranges: { from: number; to: number }[] = [];
  for (let from = 1; from <= total; from += per) ranges.push({ from, to: Math.min(total, from + per - 1) });
  return ranges;
}

/** The compiled worker: from src/ (tests) and dist/ alike this resolves to dist/batch/assessWorker.js. */
const workerUrl = new URL('../../dist/batch/assessWorker.js', import.meta.url);

/**
 * One worker for one range. It is created at once; its job (with the plan) is posted through `plans` when the plan is
 * ready, so the thread's start-up overlaps the planning.
 */
function runWorker(
  jobOf: (plan: MatchSource) => AssessJob,
  store: (rows: AssessedHousehold[]) => void,
  stop: () => boolean,
  started: Worker[],
  plans: ((plan: MatchSource) => void)[],
  /** A bigger nursery for this worker (assessWorkerLimits): it reads the match cache and renders no reports. */
  bigNursery: boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, bigNursery ? { resourceLimits: assessWorkerLimits } : {});
    started.push(worker);
    plans.push((plan) => worker.postMessage({ type: 'job', job: jobOf(plan) }));
    let ended = false;
    let told = false;
    worker.on('message', (m: AssessWorkerMessage) => {
      if (m.type === 'rows') {
        store(m.rows);
        worker.postMessage({ type: 'stored' });
        if (!told && stop()) {
          told = true;
          worker.postMessage({ type: 'stop' });
        }
      } else if (m.type === 'end') ended = true;
      else {
        const cause = Object.assign(new Error(m.message), { stack: m.stack, ...(m.code ? { code: m.code } : {}) });
        reject(new InternalError('ASSESS_WORKER', `assess worker failed: ${m.name}`, { cause }));
      }
    });
    worker.on('error', (err) => reject(new InternalError('ASSESS_WORKER', 'assess worker crashed', { cause: err })));
    worker.on('exit', () => (ended ? resolve() : reject(new InternalError('ASSESS_WORKER', 'assess worker stopped before the end'))));
  });
}

/** A sheet's stored workbook rows in application_id order (streamed). */
export function* storedWorkbookRows(db: Db, batchId: number, sheet: string): Generator<Row> {
  const stmt = db.prepare(`SELECT cells FROM workbook_rows WHERE batch_id = ? AND sheet = ? ORDER BY seq, ord`).pluck();
  for (const cells of stmt.iterate(batchId, sheet)) yield JSON.parse(cells as string) as Row;
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
    for (const input of householdInputs(reader, batchId, { dispositions: loadDispositions(db) }, { applicationId })) {
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
