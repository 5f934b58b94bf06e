import type { Db } from '../store/db.js';
import type { Kind } from './columns.js';
import { importFile, type FileImportSummary, type ImportOptions } from './importFile.js';
import { dirname } from 'node:path';
import { archiveInput } from '../store/archive.js';
import { enforceHouseholdConsistency } from './households.js';
import { fileCounts, refreshLedger } from './ledger.js';

export interface ImportEvent {
  type: 'file-start' | 'file-rows' | 'file-done';
  file: string;
  kind: Kind;
  read?: number;
  summary?: FileImportSummary;
}

/** Imports files one after another (one SQLite writer), reporting progress; refusals are collected, not thrown. */
export async function importMany(
  db: Db,
  batchId: number,
  files: { kind: Kind; path: string }[],
  opts: Omit<ImportOptions, 'onRows'> & { onEvent?: (e: ImportEvent) => void },
): Promise<FileImportSummary[]> {
  const out: FileImportSummary[] = [];
  for (const f of files) {
    opts.onEvent?.({ type: 'file-start', file: f.path, kind: f.kind });
    const summary = await importFile(db, batchId, f.kind, f.path, {
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
      onRows: (read) => opts.onEvent?.({ type: 'file-rows', file: f.path, kind: f.kind, read }),
      deferHouseholdCheck: true,
    });
    // Issue 5: the exact bytes of every imported file are kept in the workspace for later audits.
    if (summary.sha256 && !summary.refused) await archiveInput(dirname(db.name), f.path, summary.sha256);
    out.push(summary);
    opts.onEvent?.({ type: 'file-done', file: f.path, kind: f.kind, summary });
  }
  // R1 sees every applicants file of the call at once (an application may span files), then every count is refreshed.
  if (files.some((f) => f.kind === 'applicants')) {
    enforceHouseholdConsistency(db, batchId);
    refreshLedger(db, batchId);
  }
  return out.map((s) => (s.fileId === null || s.refused ? s : { ...s, ...fileCounts(db, s.fileId) }));
}
