/**
 * The report step (issue 4): where the PDFs go, how their names are made unique, and summary.xlsx streamed from the
 * rows the assess stage stored. Used by `hedui batch` and `hedui report`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { rejectedRows } from '../ingest/ledger.js';
import type { LoadedPolicy } from '../policy/index.js';
import { collidingBaseNames } from '../report/reportFileName.js';
import { parameterRows, rejectedRowOf, writeSummaryWorkbook, type WorkbookResult } from '../report/xlsx/index.js';
import type { Db } from '../store/db.js';
import type { RiskAlert } from '../audit/riskAlerts.js';
import { toolVersion } from '../version.js';
import type { ReportConfig } from './assessRange.js';
import { storedWorkbookRows, type AssessSummary } from './assessBatch.js';

export async function prepareReports(db: Db, batchId: number, outDir: string, policy: LoadedPolicy, fullIds: boolean): Promise<ReportConfig> {
  const dir = join(outDir, 'reports');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ids = db.prepare(`SELECT DISTINCT application_id FROM applicants WHERE batch_id = ?`).pluck().iterate(batchId) as Iterable<string>;
  return {
    dir,
    fullIds,
    colliding: [...collidingBaseNames(ids)].sort(),
    policy: { id: policy.pack.id, version: policy.pack.version, sha256: policy.sha256 },
  };
}

export async function writeWorkbook(
  db: Db,
  batchId: number,
  path: string,
  a: AssessSummary,
  policy: LoadedPolicy,
  fullIds: boolean,
  alerts: readonly RiskAlert[] = [],
): Promise<WorkbookResult> {
  const show = (v: string | number | null): string | null => (v === null ? null : String(v));
  const identity = { id: policy.pack.id, version: policy.pack.version, sha256: policy.sha256 };
  const rejectedCount = db.prepare(`SELECT COALESCE(SUM(rows_rejected), 0) FROM files WHERE batch_id = ?`).pluck().get(batchId) as number;
  return writeSummaryWorkbook(
    path,
    {
      summary: a.summary,
      households: storedWorkbookRows(db, batchId, 'households'),
      members: storedWorkbookRows(db, batchId, 'members'),
      income: storedWorkbookRows(db, batchId, 'income'),
      assets: storedWorkbookRows(db, batchId, 'assets'),
      review: storedWorkbookRows(db, batchId, 'review'),
      alerts: alerts.map((x) => [x.applicationId, x.previousBatch, x.code, x.message, show(x.before), show(x.after)]),
      rejected: (function* () {
        for (const r of rejectedRows(db, batchId)) yield rejectedRowOf(r, { fullIds });
      })(),
      parameters: parameterRows(policy.pack, identity, a.summary.policyPeriods),
    },
    { batchId: a.batchKey, asOf: a.asOf || '1970-01-01', toolVersion, policy: identity, rejectedRows: rejectedCount },
  );
}

/** Every report file of the batch with its SHA-256 (for manifest.json), in file-name order. */
export function reportHashes(db: Db, batchId: number): Record<string, string> {
  const rows = db
    .prepare(
      `SELECT report_file AS file, json_extract(entry, '$.report_sha256') AS sha FROM results
        WHERE batch_id = ? AND report_file IS NOT NULL ORDER BY report_file`,
    )
    .all(batchId) as { file: string; sha: string }[];
  return Object.fromEntries(rows.map((r) => [`reports/${r.file}`, r.sha]));
}
