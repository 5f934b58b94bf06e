/**
 * The output ledger (issue 6): every file a run wrote, with its SHA-256, so `hedui verify` can tell an untouched
 * report or workbook from an altered or unknown one. Reports are recorded from the results (their hashes were taken
 * when they were rendered); other outputs are hashed after they are written.
 */
import { sha256OfFile } from '../store/fileHash.js';
import { join, relative } from 'node:path';
import type { Db } from '../store/db.js';

export type OutputKind = 'results' | 'workbook' | 'report' | 'rejected' | 'manifest';

export async function recordOutputs(db: Db, batchId: number, outDir: string, files: { path: string; kind: OutputKind }[]): Promise<void> {
  const put = db.prepare(`INSERT OR REPLACE INTO outputs (batch_id, path, name, kind, sha256, application_id) VALUES (?, ?, ?, ?, ?, ?)`);
  const hashed: [string, string, OutputKind, string][] = [];
  for (const f of files) {
    const sha = await sha256OfFile(f.path);
    hashed.push([f.path, relative(outDir, f.path).split('\\').join('/'), f.kind, sha]);
  }
  const reports = db
    .prepare(
      `SELECT application_id AS id, report_file AS file, json_extract(entry, '$.report_sha256') AS sha FROM results
        WHERE batch_id = ? AND report_file IS NOT NULL`,
    )
    .all(batchId) as { id: string; file: string; sha: string }[];
  db.transaction(() => {
    for (const [path, name, kind, sha] of hashed) put.run(batchId, path, name, kind, sha, null);
    for (const r of reports) put.run(batchId, join(outDir, 'reports', r.file), `reports/${r.file}`, 'report', r.sha, r.id);
  })();
}
