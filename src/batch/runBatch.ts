import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UserInputError } from '../errors.js';
import { planFolder } from '../ingest/batchFolder.js';
import type { TextEncoding } from '../ingest/encoding.js';
import type { FileImportSummary } from '../ingest/importFile.js';
import { importMany, type ImportEvent } from '../ingest/importMany.js';
import { rejectedRows } from '../ingest/ledger.js';
import { writeFileAtomic } from '../report/atomicWrite.js';
import { writeRejectedCsv } from '../report/rejectedCsv.js';
import { startNewBatch, type Db } from '../store/db.js';
import { toolVersion } from '../version.js';

export interface BatchOptions {
  input: string;
  out: string;
  encoding?: TextEncoding;
  sheet?: string;
  operator: string;
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
  outputs: { rejected: string; manifest: string };
}

/**
 * The ingest stage of a nightly batch: plan the folder, import every file into a new workspace batch, write
 * rejected.csv and manifest.json. Assessment and reports build on this (issues 3 and 4).
 */
export async function runBatch(db: Db, opts: BatchOptions): Promise<BatchSummary> {
  const started = opts.clock();
  const plan = await planFolder(resolve(opts.input));
  const outDir = resolve(opts.out);
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const batchId = startNewBatch(db);
  const files = await importMany(db, batchId, plan.files, {
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });

  const rejectedPath = join(outDir, 'rejected.csv');
  await writeRejectedCsv(rejectedPath, rejectedRows(db, batchId));
  const manifestPath = join(outDir, 'manifest.json');
  const policy = plan.policyFiles.length === 1 ? await sha256File(plan.policyFiles[0]!) : null;
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
    policy: policy ? { file: basename(plan.policyFiles[0]!), sha256: policy } : null,
    outputs: { 'rejected.csv': await sha256File(rejectedPath) },
  };
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

  const sum = (k: 'read' | 'accepted' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
  return {
    batchId, files, ignored: plan.ignored, policyFiles: plan.policyFiles,
    refused: files.filter((f) => f.refused !== null),
    rowsRead: sum('read'), rowsAccepted: sum('accepted'), rowsRejected: sum('rejected'),
    outputs: { rejected: rejectedPath, manifest: manifestPath },
  };
}

async function sha256File(path: string): Promise<string> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch (cause) {
    throw new UserInputError('FILE_REFUSED', `无法读取 ${basename(path)}`, { hint: '请检查文件权限', location: { file: path }, cause });
  }
}
