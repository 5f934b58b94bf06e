import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UserInputError } from '../errors.js';
import { planFolder } from '../ingest/batchFolder.js';
import type { TextEncoding } from '../ingest/encoding.js';
import type { FileImportSummary } from '../ingest/importFile.js';
import { importMany, type ImportEvent } from '../ingest/importMany.js';
import { rejectedRows } from '../ingest/ledger.js';
import { writeFileAtomic } from '../report/atomicWrite.js';
import { writeRejectedCsv } from '../report/rejectedCsv.js';
import type { Db } from '../store/db.js';
import { probeFile } from '../ingest/fileProbe.js';
import { finishRun, startRun, type PlannedInput, type RunArgs } from './runLedger.js';
import { StopRequested } from './stop.js';
import { recordOutputs } from './outputLedger.js';
import { sha256OfFile } from '../store/fileHash.js';
import { riskAlerts, type RiskAlert } from '../audit/riskAlerts.js';
import { createRunProgress, type RunProgress } from '../progress/runProgress.js';
import { importProgress } from '../progress/importEvents.js';
import { noProgress } from '../progress/events.js';
import { toolVersion } from '../version.js';
import { findPolicyFile, loadPolicyFile } from '../policy/index.js';
import { resultsJsonLines } from '../report/resultsJson.js';
import { writeLinesAtomic } from '../report/atomicWrite.js';
import { assessBatch, defaultAsOf, storedEntries, type AssessSummary } from './assessBatch.js';
import { prepareReports, reportHashes, writeWorkbook } from './reportStage.js';

export interface BatchOptions {
  input: string;
  out: string;
  encoding?: TextEncoding;
  sheet?: string;
  operator: string;
  /** --policy; else the single policy file of the input folder (never a bundled pack). */
  policy?: string;
  /** --as-of (YYYY-MM-DD); else the latest application_date of the batch. */
  asOf?: string;
  /** --full-ids: full ID numbers in the PDFs and the workbook (results.json always masks). */
  fullIds?: boolean;
  /** --restart: start the batch over even when an interrupted run with the same arguments exists. */
  restart?: boolean;
  /** Set by SIGINT/SIGTERM: stop at the next household boundary (see StopRequested). */
  shouldStop?: () => StopRequested | undefined;
  /** Stage progress (TTY display, NDJSON events or nothing); never part of an output. */
  progress?: RunProgress;
  /** Wall-clock start and end go to manifest.json only: the one output allowed to differ between identical runs. */
  clock: () => Date;
  onEvent?: (e: ImportEvent) => void;
}

export interface BatchSummary {
  batchId: number;
  files: FileImportSummary[];
  ignored: string[];
  policyFiles: string[];
  refused: FileImportSummary[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** null when a refused file stopped the batch before assessment. */
  assessment: AssessSummary | null;
  policy: { file: string; id: string; version: string; sha256: string };
  outputs: { results: string | null; workbook: string | null; reports: string | null; rejected: string; manifest: string };
  /** This run continued an interrupted one (same arguments, same inputs). */
  resumed: boolean;
}

/**
 * The ingest stage of a nightly batch: plan the folder, import every file into a new workspace batch, write
 * rejected.csv and manifest.json. Assessment and reports build on this (issues 3 and 4).
 */
export async function runBatch(db: Db, opts: BatchOptions): Promise<BatchSummary> {
  const started = opts.clock();
  const plan = await planFolder(resolve(opts.input));
  // The pack is found and validated before any import: a bad pack stops the run (exit 3) before work is done.
  const policy = await loadPolicyFile(await findPolicyFile(resolve(opts.input), opts.policy));
  const outDir = resolve(opts.out);
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const planned: PlannedInput[] = [];
  for (const f of plan.files) {
    const probe = await probeFile(f.path, { checkUtf8: false }).catch(() => undefined);
    planned.push({ name: f.name, kind: f.kind, sha256: probe?.sha256 ?? 'unreadable' });
  }
  const args: RunArgs = {
    input: resolve(opts.input), out: outDir, policy: opts.policy ? resolve(opts.policy) : null, asOf: opts.asOf ?? null,
    encoding: opts.encoding ?? null, sheet: opts.sheet ?? null, fullIds: opts.fullIds ?? false,
  };
  const run = startRun(db, args, planned, opts.operator, started, opts.restart ?? false);
  const batchId = run.batchId;
  const stageTimes: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      stageTimes[stage] = Math.round(performance.now() - t0) / 1000;
    }
  };
  const progress = opts.progress ?? createRunProgress(noProgress);
  try {
  const imp = importProgress(progress, plan.files.length);
  progress.stageStart('import');
  const files = await timed('import', () => importMany(db, batchId, plan.files, {
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    onEvent: (e) => {
      imp.onEvent(e);
      opts.onEvent?.(e);
    },
  }));
  progress.stageEnd('import', files.reduce((n, f) => n + f.read, 0));

  const stopAfterImport = opts.shouldStop?.();
  if (stopAfterImport) throw stopAfterImport;
  const refused = files.filter((f) => f.refused !== null);
  let assessment: AssessSummary | null = null;
  let resultsPath: string | null = null;
  let workbookPath: string | null = null;
  let reportsDir: string | null = null;
  if (refused.length === 0) {
    // No accepted applicant at all: no date to take, and none is invented from the clock (outputs stay reproducible).
    const asOf = opts.asOf ?? defaultAsOf(db, batchId) ?? '';
    const report = await prepareReports(db, batchId, outDir, policy, opts.fullIds ?? false);
    progress.stageStart('match-assess');
    assessment = await timed('assess+reports', () =>
      assessBatch(db, batchId, policy, asOf, {
        report,
        ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
        onProgress: (done, total) => progress.progress('match-assess', done, { total }),
      }),
    );
    progress.stageEnd('match-assess', assessment.households);
    for (const w of assessment.warnings) progress.warning(w.code, w.message);
    progress.stageStart('results', { total: assessment.households });
    resultsPath = join(outDir, 'results.json');
    const alerts = riskAlerts(db, batchId);
    await writeResultsJson(db, batchId, resultsPath, assessment, policy, alerts);
    progress.stageEnd('results', assessment.households);
    workbookPath = join(outDir, 'summary.xlsx');
    const a = assessment;
    progress.stageStart('workbook', { total: a.households, unit: 'households' });
    await timed('workbook', () => writeWorkbook(db, batchId, workbookPath!, a, policy, opts.fullIds ?? false, alerts));
    progress.stageEnd('workbook', a.households);
    reportsDir = report.dir;
  }

  const rejectedPath = join(outDir, 'rejected.csv');
  await writeRejectedCsv(rejectedPath, rejectedRows(db, batchId), { fullIds: opts.fullIds ?? false });
  const manifestPath = join(outDir, 'manifest.json');
  const manifest = {
    tool_version: toolVersion,
    operator: opts.operator,
    started: started.toISOString(),
    finished: opts.clock().toISOString(),
    inputs: files.map((f) => ({
      name: f.name, kind: f.kind, sha256: f.sha256, size: f.size, format: f.format, encoding: f.encoding,
      rows_read: f.read, rows_accepted: f.accepted, rows_rejected: f.rejected,
      unknown_columns: f.unknownColumns, refused: f.refused,
    })),
    ignored_files: plan.ignored,
    policy: { file: basename(policy.file), id: policy.pack.id, version: policy.pack.version, sha256: policy.sha256 },
    batch_id: assessment?.batchKey ?? null,
    as_of: assessment?.asOf ?? null,
    households: assessment ? { total: assessment.households, ...assessment.byVerdict } : null,
    unmatched_rows: assessment?.unmatched ?? null,
    warnings: assessment?.warnings ?? [],
    outputs: {
      ...(resultsPath ? { 'results.json': await sha256File(resultsPath) } : {}),
      ...(workbookPath ? { 'summary.xlsx': await sha256File(workbookPath) } : {}),
      'rejected.csv': await sha256File(rejectedPath),
      ...(assessment ? reportHashes(db, batchId) : {}),
    },
  };
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

  await recordOutputs(db, batchId, outDir, [
    ...(resultsPath ? [{ path: resultsPath, kind: 'results' as const }] : []),
    ...(workbookPath ? [{ path: workbookPath, kind: 'workbook' as const }] : []),
    { path: rejectedPath, kind: 'rejected' as const },
    { path: manifestPath, kind: 'manifest' as const },
  ]);
  finishRun(db, run.runId, batchId, 'done', stageTimes, opts.clock());
  const sum = (k: 'read' | 'accepted' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
  return {
    batchId, files, ignored: plan.ignored, policyFiles: plan.policyFiles,
    refused,
    rowsRead: sum('read'), rowsAccepted: sum('accepted'), rowsRejected: sum('rejected'),
    assessment,
    policy: { file: policy.file, id: policy.pack.id, version: policy.pack.version, sha256: policy.sha256 },
    outputs: { results: resultsPath, workbook: workbookPath, reports: reportsDir, rejected: rejectedPath, manifest: manifestPath },
    resumed: run.resumed,
  };
  } catch (err) {
    finishRun(db, run.runId, batchId, err instanceof StopRequested ? 'stopped' : 'failed', stageTimes, opts.clock());
    throw err;
  }
}

export async function writeResultsJson(
  db: Db,
  batchId: number,
  path: string,
  a: AssessSummary,
  policy: { pack: { id: string; version: string }; sha256: string },
  alerts: readonly RiskAlert[] = [],
): Promise<void> {
  const header = {
    batchId: a.batchKey,
    asOf: a.asOf,
    toolVersion,
    policy: { id: policy.pack.id, version: policy.pack.version, sha256: policy.sha256 },
    warnings: a.warnings,
    riskAlerts: alerts.map((x) => ({
      application_id: x.applicationId, previous_batch: x.previousBatch, code: x.code, message: x.message, before: x.before, after: x.after,
    })),
  };
  await writeLinesAtomic(path, resultsJsonLines(header, storedEntries(db, batchId)));
}

async function sha256File(path: string): Promise<string> {
  try {
    return await sha256OfFile(path);
  } catch (cause) {
    throw new UserInputError('FILE_REFUSED', `无法读取 ${basename(path)}`, { hint: '请检查文件权限', location: { file: path }, cause });
  }
}
