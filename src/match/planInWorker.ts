/**
 * The match plan of a whole batch made by short-lived worker threads, one per part (matchPlan.ts `planPiece`): each
 * numbers the households and each applicant row's household, then scans its slice of every source file — the scan,
 * most of the plan's time, splits across the cores. The pieces' typed arrays are transferred here and laid out on
 * SharedArrayBuffers (`joinPieces`); the maps, strings and SQLite caches a planner holds go with its heap when it
 * exits, instead of staying in the main thread's through the night (issue 7: ≤ 1 GiB peak RSS).
 * The assess workers start meanwhile, so their start-up overlaps the plan.
 */
import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import { joinPieces, type MatchPlan, type PlanPart, type PlanPiece } from './matchPlan.js';

export interface PlanJob {
  dbPath: string;
  batchId: number;
  part: PlanPart;
}

/** The compiled worker: from src/ (tests) and dist/ alike this resolves to dist/match/planWorker.js. */
const workerUrl = new URL('../../dist/match/planWorker.js', import.meta.url);

export async function planMatchInWorker(dbPath: string, batchId: number, parts = 2): Promise<MatchPlan> {
  const pieces = await Promise.all(Array.from({ length: parts }, (_, index) => planPart({ dbPath, batchId, part: { index, count: parts } })));
  if (pieces.some((p) => p.households !== pieces[0]!.households)) {
    throw new InternalError('MATCH_PLAN_WORKER', 'the plan parts saw different batches');
  }
  return joinPieces(pieces);
}

function planPart(job: PlanJob): Promise<PlanPiece> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: job });
    let piece: PlanPiece | undefined;
    worker.once('message', (p: PlanPiece) => (piece = p));
    worker.once('error', (err) => reject(new InternalError('MATCH_PLAN_WORKER', 'match plan worker failed', { cause: err })));
    worker.once('exit', (code) =>
      piece ? resolve(piece) : reject(new InternalError('MATCH_PLAN_WORKER', `match plan worker exited (${code}) without a plan`)),
    );
  });
}
