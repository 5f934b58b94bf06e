/**
 * npm run bench:assess [-- --households N] (default 100,000): generates a batch with the fixture generator (CSV only),
 * imports it, then times the match + assess stage in a child process of its own so its peak RSS is its own:
 *   match               — both passes of matching (src/match) alone, one thread;
 *   match+assess        — plus the pure core for every household (src/assess), one thread;
 *   match+assess ×N     — the split of `hedui run`: N worker threads (one per core) each reading a range of households
 *                         from the match cache the import built (src/match/matchCache.ts) and assessing them — the
 *                         figure the target is about;
 *   match+assess ×N SQL — the same from the two SQL passes (the plan once, then the rows by row id): the path a batch
 *                         takes when its files came in several import calls;
 *   stage               — plus storing every result in the workspace (what `hedui run` does, workers included).
 * `--keep` leaves the data in `--dir`; `--reuse` measures the data an earlier `--keep` left there.
 * Figures, not assertions: the target (≥ 20,000 households/s, memory flat in households) lives in the README.
 */
import { arg, inChild as runChild, matchedRows } from './child.js';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessHousehold } from '../assess/assessHousehold.js';
import { assessBatch, assessWorkerLimits, defaultAsOf, householdRanges } from '../batch/assessBatch.js';
import { generateFixtures } from '../fixtures/generate.js';
import { planFolder } from '../ingest/batchFolder.js';
import { importMany } from '../ingest/importMany.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { countApplications, householdInputs, openReader } from '../match/householdStream.js';
import { planMatchInWorker } from '../match/planInWorker.js';
import { cachedMatch } from '../match/matchCache.js';
import type { MatchSource } from '../match/matchSource.js';
import type { MatchAssessDone, MatchAssessJob } from './matchAssessWorker.js';
import { findPolicyFile, loadPolicyFile } from '../policy/index.js';
import { openWorkspace, startNewBatch, type Db } from '../store/db.js';

interface StageResult {
  stage: string;
  households: number;
  sourceRows: number;
  seconds: number;
  peakRssMb: number;
  /** Where the time went, for the ×N stage. */
  detail?: string;
}


async function runStage(stage: string, dir: string): Promise<StageResult> {
  const db = openWorkspace(join(dir, 'ws'));
  const batchId = db.prepare(`SELECT MAX(id) FROM batches`).pluck().get() as number;
  const policy = await loadPolicyFile(await findPolicyFile(join(dir, 'in')));
  const asOf = defaultAsOf(db, batchId)!;
  const started = process.hrtime.bigint();
  let households = 0;
  let sourceRows = 0;
  let detail: string | undefined;
  if (stage === 'stage') {
    households = (await assessBatch(db, batchId, policy, asOf)).households;
  } else if (stage.startsWith('match+assess ×')) {
    const n = Number(stage.split('×')[1]!.split(' ')[0]);
    ({ households, sourceRows, detail } = await inWorkers(db, batchId, policy, asOf, n, stage.endsWith('SQL') ? 'sql' : 'cache'));
  } else {
    const reader = openReader(db);
    for (const h of householdInputs(reader, batchId)) {
      households++;
      sourceRows += matchedRows(h);
      if (stage === 'match+assess') assessHousehold(h, policy.pack, asOf);
    }
    reader.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { stage, households, sourceRows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...(detail ? { detail } : {}) };
}

/**
 * `hedui run`'s split (src/batch/assessBatch.ts): the workers start while the match cache is looked up (or two planner
 * threads make the plan), then each gets a contiguous range of households.
 */
async function inWorkers(db: Db, batchId: number, policy: { file: string; bytes: Uint8Array }, asOf: string, n: number, from: 'cache' | 'sql') {
  const dbPath = db.name;
  const total = countApplications(db, batchId);
  const url = new URL('./matchAssessWorker.js', import.meta.url);
  const started = performance.now();
  const cached = from === 'cache' ? cachedMatch(db, batchId) : undefined;
  if (from === 'cache' && !cached) throw new Error('no current match cache in the bench workspace: run without --reuse to import it again');
  const workers = householdRanges(total, n).map(({ from, to }) => {
    const worker = new Worker(url, cached ? { resourceLimits: assessWorkerLimits } : {});
    const done = new Promise<MatchAssessDone>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return { worker, from, to, done };
  });
  const plan: MatchSource = cached ?? (await planMatchInWorker(dbPath, batchId));
  const planSeconds = (performance.now() - started) / 1000;
  for (const { worker, from, to } of workers) {
    const job: MatchAssessJob = { dbPath, plan, from, to, policyFile: policy.file, policyBytes: policy.bytes, asOf };
    worker.postMessage(job);
  }
  const parts = await Promise.all(workers.map((w) => w.done));
  const each = parts.map((p) => `${p.households} households: rows ${p.readSeconds.toFixed(2)} s + core ${p.coreSeconds.toFixed(2)} s`);
  return {
    households: parts.reduce((s, p) => s + p.households, 0),
    sourceRows: parts.reduce((s, p) => s + p.sourceRows, 0),
    detail: `${cached ? 'cache look-up' : 'plan'} ${planSeconds.toFixed(2)} s${cached ? '' : ' (planner threads)'}, then per worker: ${each.join('; ')}`,
  };
}

function inChild(stage: string, dir: string): Promise<StageResult> {
  return runChild(fileURLToPath(import.meta.url), ['--stage', stage, '--dir', dir], `stage ${stage}`);
}

/** Generates the batch (CSV only) and imports it into `<dir>/ws`. */
async function prepare(dir: string, households: number): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let t = Date.now();
  process.stderr.write(`generating ${households} households in ${dir} …\n`);
  await generateFixtures({ households, seed: 'bench-assess', out: join(dir, 'in'), badRows: 0, formats: 'csv' });
  process.stderr.write(`  ${((Date.now() - t) / 1000).toFixed(1)} s\nimporting …\n`);
  t = Date.now();
  const db = openWorkspace(join(dir, 'ws'));
  const plan = await planFolder(join(dir, 'in'));
  let routing = '';
  const files = await importMany(db, startNewBatch(db), plan.files, {
    onMatchCache: (b, seconds) => (routing = b.built ? `its last step ${seconds.toFixed(1)} s, ${b.households} households in ${b.buckets} buckets` : `none: ${b.reason}`),
  });
  db.close();
  const rows = files.reduce((n, f) => n + f.read, 0);
  const withCache = (Date.now() - t) / 1000;
  // What the match cache costs the import: the same files again into a workspace without it.
  t = Date.now();
  const bare = openWorkspace(join(dir, 'ws-no-cache'));
  await importMany(bare, startNewBatch(bare), plan.files, { matchCache: false });
  bare.close();
  rmSync(join(dir, 'ws-no-cache'), { recursive: true, force: true });
  const without = (Date.now() - t) / 1000;
  process.stderr.write(
    `  ${rows} rows in ${withCache.toFixed(1)} s with the match cache (${routing}); ${without.toFixed(1)} s without it: ` +
      `${Math.round(rows / withCache)} against ${Math.round(rows / without)} rows/s\n`,
  );

}

async function main(): Promise<void> {
  const stage = arg('stage');
  if (stage) {
    process.send!(await runStage(stage, arg('dir')!));
    return;
  }
  const households = Number(arg('households') ?? 100_000);
  const dir = arg('dir') ?? join(tmpdir(), 'hedui-bench-assess');
  if (!process.argv.includes('--reuse')) await prepare(dir, households);
  const results: StageResult[] = [];
  const cores = availableParallelism();
  for (const s of ['match', 'match+assess', `match+assess ×${cores}`, `match+assess ×${cores} SQL`, 'stage']) results.push(await inChild(s, dir));
  console.table(
    results.map((r) => ({
      stage: r.stage,
      households: r.households,
      'matched rows': r.stage === 'stage' ? '' : r.sourceRows,
      seconds: r.seconds.toFixed(2),
      'households/s': Math.round(r.households / r.seconds),
      'peak RSS MB': r.peakRssMb.toFixed(0),
    })),
  );
  for (const r of results) if (r.detail) console.log(`${r.stage}: ${r.detail}`);
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

await main();
