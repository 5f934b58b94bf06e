/** Worker thread entry: the match plan of a batch (matchPlan.ts), made in a heap of its own (planInWorker.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from './householdStream.js';
import { planMatch } from './matchPlan.js';
import type { PlanJob } from './planInWorker.js';

const job = workerData as PlanJob;
const reader = openReader(job.dbPath);
try {
  parentPort!.postMessage(planMatch(reader, job.batchId));
} finally {
  reader.close();
}
