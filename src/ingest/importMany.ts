import type { Db } from '../store/db.js';
import type { Kind } from './columns.js';
import { importFile, type FileImportSummary, type ImportOptions } from './importFile.js';
import { dirname } from 'node:path';
import { archiveInput } from '../store/archive.js';
import { enforceHouseholdConsistency } from './households.js';
import { fileCounts, refreshLedger } from './ledger.js';
import { dropMatchCache, hasCurrentCache } from '../match/matchCache.js';
import { MatchRouter, type CacheBuild } from '../match/matchRouter.js';

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
  opts: Omit<ImportOptions, 'onRows' | 'matchRouter'> & {
    onEvent?: (e: ImportEvent) => void;
    /** false: no match cache (runs take the SQL path); tests and benchmarks compare the two. */
    matchCache?: boolean;
    /** What the routing into the match cache did, and its time. */
    onMatchCache?: (build: CacheBuild, seconds: number) => void;
  },
): Promise<FileImportSummary[]> {
  const out: FileImportSummary[] = [];
  const router = opts.matchCache === false ? undefined : new MatchRouter(db, batchId);
  try {
    for (const f of files) {
      opts.onEvent?.({ type: 'file-start', file: f.path, kind: f.kind });
      const summary = await importFile(db, batchId, f.kind, f.path, {
        ...(opts.encoding ? { encoding: opts.encoding } : {}),
        ...(opts.sheet ? { sheet: opts.sheet } : {}),
        onRows: (read) => opts.onEvent?.({ type: 'file-rows', file: f.path, kind: f.kind, read }),
        deferHouseholdCheck: true,
        ...(router ? { matchRouter: router } : {}),
      });
      // Issue 5: the exact bytes of every imported file are kept in the workspace for later audits.
      if (summary.sha256 && !summary.refused) await archiveInput(dirname(db.name), f.path, summary.sha256);
      out.push(summary);
      opts.onEvent?.({ type: 'file-done', file: f.path, kind: f.kind, summary });
    }
    // R1 sees every applicants file of the call at once (an application may span files), then every count is refreshed.
    if (files.some((f) => f.kind === 'applicants')) {
      enforceHouseholdConsistency(db, batchId, router ? (fileId, line) => router.markSelf(fileId, line) : undefined);
      refreshLedger(db, batchId);
    }
    // Issue 3's speed: the call's rows routed to their households once, for every later run (src/match/matchCache.ts).
    // A call that changed nothing (every file already imported) keeps the cache it finds.
    if (!router) {
      dropMatchCache(db, batchId);
    } else if (!hasCurrentCache(db, batchId)) {
      const started = performance.now();
      const build = router.finish();
      opts.onMatchCache?.(build, (performance.now() - started) / 1000);
    }
  } finally {
    router?.dispose();
  }
  return out.map((s) => (s.fileId === null || s.refused ? s : { ...s, ...fileCounts(db, s.fileId) }));
}
