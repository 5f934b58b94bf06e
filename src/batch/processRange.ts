/**
 * One range of household numbers: assess (and render their reports when asked), handing results back in chunks. Used
 * in the main thread for small batches and by src/batch/assessWorker.ts in worker threads. PDFs are written a few at a
 * time (p-limit) and a chunk is handed back only once its PDFs are on disk, so no report is recorded before it exists.
 */
import pLimit from 'p-limit';
import { parsePolicyBytes } from '../policy/index.js';
import { openReader } from '../match/householdStream.js';
import type { MatchSource } from '../match/matchSource.js';
import { join } from 'node:path';
import { writeFileAtomic } from '../report/atomicWrite.js';
import { assessRange, type AssessedHousehold, type EarlierReport, type ReportConfig } from './assessRange.js';
import type { Db } from '../store/db.js';
import { householdAlerts } from '../audit/riskAlerts.js';

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
  /**
   * The batch's match plan, made once by planner threads (src/match/planInWorker.ts): its arrays are
   * SharedArrayBuffers, so workers read them without a copy. The workspace lock keeps other writers out and the stage
   * writes only results, so the rows the plan names are the rows the workers read (a missing one is an internal error,
   * never a silent gap).
   */
  plan: MatchSource;
}

export type AssessWorkerMessage =
  | { type: 'rows'; rows: AssessedHousehold[] }
  | { type: 'end'; stopped: boolean }
  | { type: 'failed'; name: string; message: string; stack?: string; code?: string };

export const chunkSize = 200;

/** Reports an earlier run of this batch wrote for the range (resume): application_id → what it wrote. */
function earlierReports(reader: Db, job: AssessJob): Map<string, EarlierReport> {
  const rows = reader
    .prepare(
      `SELECT application_id AS id, report_file AS file, substituted, json_extract(entry, '$.integrity_code') AS code,
              json_extract(entry, '$.report_sha256') AS sha
         FROM results WHERE batch_id = ? AND seq BETWEEN ? AND ? AND report_file IS NOT NULL`,
    )
    .all(job.batchId, job.from, job.to) as { id: string; file: string; substituted: string | null; code: string | null; sha: string | null }[];
  const map = new Map<string, EarlierReport>();
  for (const r of rows) {
    if (r.code && r.sha) map.set(r.id, { integrityCode: r.code, sha256: r.sha, file: r.file, substitutedChars: JSON.parse(r.substituted ?? '[]') as string[] });
  }
  return map;
}

/**
 * Assess a range, writing PDFs with bounded concurrency; `emit` gets each chunk after its PDFs are written. Returns
 * false when `stop()` asked to stop: that happens only between chunks, so every emitted household is complete.
 */
export async function processRange(job: AssessJob, emit: (rows: AssessedHousehold[]) => void | Promise<void>, stop: () => boolean = () => false): Promise<boolean> {
  const pack = parsePolicyBytes(job.policyBytes, job.policyFile);
  const reader = openReader(job.dbPath);
  let alertDb: Db | undefined;
  const limit = pLimit(4);
  try {
    let rows: AssessedHousehold[] = [];
    let writes: Promise<void>[] = [];
    const flush = async () => {
      await Promise.all(writes);
      writes = [];
      for (const r of rows) if (r.pdf) r.pdf.bytes = Buffer.alloc(0); // written: do not ship the bytes back
      await emit(rows);
      rows = [];
    };
    const earlier = job.report ? earlierReports(reader, job) : undefined;
    // 风险预警 in the reports: a second connection, because the first is busy streaming households.
    alertDb = job.report ? openReader(job.dbPath, 2) : undefined; // point lookups only
    const alertsOf = alertDb ? householdAlerts(alertDb, job.batchId) : undefined;
    for (const row of assessRange(reader, job.plan, { from: job.from, to: job.to }, pack, job.packSha256, job.asOf, job.report, earlier, alertsOf)) {
      if (row.pdf && !row.pdf.reused && job.report) {
        const { file, bytes } = row.pdf;
        writes.push(limit(() => writeFileAtomic(join(job.report!.dir, file), bytes)));
      }
      rows.push(row);
      if (rows.length >= chunkSize) {
        await flush();
        if (stop()) return false;
      }
    }
    await flush();
    return true;
  } finally {
    reader.close();
    alertDb?.close();
  }
}

