/**
 * The match plan of a whole batch made in a short-lived worker thread. Its typed arrays live on SharedArrayBuffers,
 * which outlive the worker; the ~150 MB its maps and strings take while planning 100,000 households go with the
 * worker's heap when it exits, instead of staying in the main thread's heap through the rest of the night (issue 7:
 * ≤ 1 GiB peak RSS). The assess workers start meanwhile, so their start-up overlaps the plan.
 */
import { Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import type { MatchPlan } from './matchPlan.js';

export interface PlanJob {
  dbPath: string;
  batchId: number;
}

/** The compiled worker: from src/ (tests) and dist/ alike this resolves to dist/match/planWorker.js. */
const workerUrl = new URL('../../dist/match/planWorker.js', import.meta.url);

export function planMatchInWorker(dbPath: string, batchId: number): Promise<MatchPlan> {
  return new Promise((resolve, reject) => {
    const job: PlanJob = { dbPath, batchId };
    const worker = new Worker(workerUrl, { workerData: job });
    let plan: MatchPlan | undefined;
    worker.once('message', (p: MatchPlan) => (plan = p));
    worker.once('error', (err) => reject(new InternalError('MATCH_PLAN_WORKER', 'match plan worker failed', { cause: err })));
    worker.once('exit', (code) =>
      plan ? resolve(plan) : reject(new InternalError('MATCH_PLAN_WORKER', `match plan worker exited (${code}) without a plan`)),
    );
  });
}
