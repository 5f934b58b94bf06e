/** Worker thread entry: one part of a batch's match plan (matchPlan.ts), made in a heap of its own (planInWorker.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from './householdStream.js';
import { planPiece } from './matchPlan.js';
import type { PlanJob } from './planInWorker.js';

const job = workerData as PlanJob;
const reader = openReader(job.dbPath);
try {
  const piece = planPiece(reader, job.batchId, { all: true }, job.part);
  const buffers = [piece.applicants, ...piece.sources].flatMap((p) => [p.hh.buffer, p.rowId.buffer, p.memberRow.buffer]);
  parentPort!.postMessage(piece, buffers as ArrayBuffer[]);
} finally {
  reader.close();
}
