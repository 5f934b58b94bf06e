/**
 * One range of household numbers: assess (and render their reports when asked), handing results back in chunks. Used
 * in the main thread for small batches and by src/batch/assessWorker.ts in worker threads. PDFs are written a few at a
 * time (p-limit) and a chunk is handed back only once its PDFs are on disk, so no report is recorded before it exists.
 */
import pLimit from 'p-limit';
import { parsePolicyBytes } from '../policy/index.js';
import { openReader } from '../match/householdStream.js';
import { writePdf } from '../report/writePdf.js';
import { assessRange, type AssessedHousehold, type ReportConfig } from './assessRange.js';

export interface AssessJob {
  dbPath: string;
  batchId: number;
  from: number;
  to: number;
  policyFile: string;
  policyBytes: Uint8Array;
  packSha256: string;
  asOf: string;
  report?: ReportConfig;
}

export type AssessWorkerMessage =
  | { type: 'rows'; rows: AssessedHousehold[] }
  | { type: 'end' }
  | { type: 'failed'; name: string; message: string; stack?: string };

export const chunkSize = 200;

/** Assess a range, writing PDFs with bounded concurrency; `emit` gets each chunk after its PDFs are written. */
export async function processRange(job: AssessJob, emit: (rows: AssessedHousehold[]) => void): Promise<void> {
  const pack = parsePolicyBytes(job.policyBytes, job.policyFile);
  const reader = openReader(job.dbPath);
  const limit = pLimit(4);
  try {
    let rows: AssessedHousehold[] = [];
    let writes: Promise<void>[] = [];
    const flush = async () => {
      await Promise.all(writes);
      writes = [];
      for (const r of rows) if (r.pdf) r.pdf.bytes = Buffer.alloc(0); // written: do not ship the bytes back
      emit(rows);
      rows = [];
    };
    for (const row of assessRange(reader, job.batchId, { from: job.from, to: job.to }, pack, job.packSha256, job.asOf, job.report)) {
      if (row.pdf && job.report) {
        const { file, bytes } = row.pdf;
        writes.push(limit(() => writePdf(job.report!.dir, file, bytes)));
      }
      rows.push(row);
      if (rows.length >= chunkSize) await flush();
    }
    await flush();
  } finally {
    reader.close();
  }
}

