/** Worker thread: assesses one range of household numbers and posts the rows back in batches (src/batch/assessBatch.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { parsePolicyBytes } from '../policy/index.js';
import { openReader } from '../match/householdStream.js';
import { assessRange, type AssessedRow } from './assessRange.js';

export interface AssessJob {
  dbPath: string;
  batchId: number;
  from: number;
  to: number;
  policyFile: string;
  policyBytes: Uint8Array;
  asOf: string;
}

export type AssessWorkerMessage = { type: 'rows'; rows: AssessedRow[] } | { type: 'end' } | { type: 'failed'; name: string; message: string; stack?: string };

const job = workerData as AssessJob;
const post = (m: AssessWorkerMessage) => parentPort!.postMessage(m);
try {
  const pack = parsePolicyBytes(job.policyBytes, job.policyFile);
  const reader = openReader(job.dbPath);
  try {
    let rows: AssessedRow[] = [];
    for (const row of assessRange(reader, job.batchId, { from: job.from, to: job.to }, pack, job.asOf)) {
      rows.push(row);
      if (rows.length >= 500) {
        post({ type: 'rows', rows });
        rows = [];
      }
    }
    if (rows.length) post({ type: 'rows', rows });
    post({ type: 'end' });
  } finally {
    reader.close();
  }
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  post({ type: 'failed', name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
}
