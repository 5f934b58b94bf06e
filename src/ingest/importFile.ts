import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { HeduiError, InternalError, UserInputError } from '../errors.js';
import type { Db } from '../store/db.js';
import { RowWriter } from '../store/rowWriter.js';
import type { MatchRouter } from '../match/matchRouter.js';
import type { Kind } from './columns.js';
import { chooseEncoding, type TextEncoding } from './encoding.js';
import { probeFile, type FileProbe } from './fileProbe.js';
import { enforceHouseholdConsistency } from './households.js';
import { fileCounts, refreshLedger } from './ledger.js';
import { parseFile, type ParseJob } from './parseFile.js';
import { parseFileInWorker } from './parseInWorker.js';
import { assertNotLegacyXls } from './readers/xlsx.js';
import { RowFilter } from './rowFilter.js';

export interface ImportOptions {
  encoding?: TextEncoding;
  sheet?: string;
  /** Called after each batch of rows with the running count of rows read. */
  onRows?: (read: number) => void;
  /** Parse in a worker thread (default: when the file is 2 MiB or more). */
  worker?: boolean;
  /**
   * Leave the R1 household check to the caller: with several applicants files, an application can have its 本人 in
   * a later file, so the check must see all of them (importMany runs it once, after the last file).
   */
  deferHouseholdCheck?: boolean;
  /** importMany's router of the call's accepted rows into the match cache (src/match/matchRouter.ts). */
  matchRouter?: Pick<MatchRouter, 'open' | 'discard'>;
}

export interface Refusal {
  code: string;
  message: string;
  hint: string;
}

export interface FileImportSummary {
  fileId: number | null;
  path: string;
  name: string;
  kind: Kind;
  format: 'csv' | 'xlsx' | null;
  encoding: TextEncoding | null;
  sha256: string | null;
  size: number | null;
  read: number;
  accepted: number;
  rejected: number;
  unknownColumns: string[];
  refused: Refusal | null;
  /** The same bytes were already imported into this batch (under this name): a reported no-op. */
  alreadyImported?: boolean;
  /** A file of this name and kind with other bytes was imported into this batch before: its rows were replaced. */
  replacedVersion?: string;
}

/** Rows per transaction: big enough to amortise the commit, small enough for the WAL to checkpoint as we go. */
const rowsPerTransaction = 20_000;

/**
 * Imports one file of a known kind into the workspace's open batch. Every data row ends up accepted (its kind's table)
 * or rejected (the rejections table); a file that cannot be used at all is recorded as refused and returned with the
 * reason, never thrown, so a multi-file import reports every problem at once.
 */
export async function importFile(db: Db, batchId: number, kind: Kind, path: string, opts: ImportOptions = {}): Promise<FileImportSummary> {
  const abs = resolve(path);
  const summary: FileImportSummary = {
    fileId: null, path: abs, name: basename(abs), kind, format: null, encoding: null, sha256: null, size: null,
    read: 0, accepted: 0, rejected: 0, unknownColumns: [], refused: null,
  };
  let probe: FileProbe;
  try {
    summary.format = await checkReadable(abs);
    probe = await probeFile(abs, { checkUtf8: summary.format === 'csv' });
    if (summary.format === 'xlsx') await assertNotLegacyXls(abs);
  } catch (err) {
    summary.refused = refusalOf(err);
    return summary;
  }
  summary.sha256 = probe.sha256;
  summary.size = probe.size;
  summary.encoding = summary.format === 'csv' ? chooseEncoding(probe, opts.encoding) : null;

  // Issue 5: the same bytes again are a no-op; a file left half-imported by a killed run is cleared and redone; a
  // changed file under the same name is a new version that replaces the old one's rows (and the run says so).
  const earlier = db
    .prepare(`SELECT id, sha256, state FROM files WHERE batch_id = ? AND kind = ? AND name = ? AND state <> 'superseded' ORDER BY id`)
    .all(batchId, kind, summary.name) as { id: number; sha256: string; state: string }[];
  for (const e of earlier) {
    if (e.sha256 === probe.sha256 && e.state === 'imported') {
      summary.fileId = e.id;
      summary.alreadyImported = true;
      return { ...summary, ...fileCounts(db, e.id) };
    }
    opts.matchRouter?.discard(e.id);
    db.transaction(() => {
      deleteFileRows(db, kind, e.id);
      db.prepare(`UPDATE files SET state = 'superseded' WHERE id = ?`).run(e.id);
    })();
    if (e.sha256 !== probe.sha256) summary.replacedVersion = e.sha256;
  }

  const fileId = Number(
    db
      .prepare(
        `INSERT INTO files (batch_id, kind, path, name, format, encoding, sheet, sha256, size, state)
         VALUES (?,?,?,?,?,?,?,?,?, 'importing')`,
      )
      .run(batchId, kind, abs, summary.name, summary.format, summary.encoding, opts.sheet ?? null, probe.sha256, probe.size)
      .lastInsertRowid,
  );
  summary.fileId = fileId;

  try {
    if (probe.size === 0) throw refuse(abs, '文件是空的（0 字节）', '请确认导出是否成功；没有数据时也应导出带表头的文件');
    const job: ParseJob = {
      path: abs, kind, format: summary.format!, encoding: summary.encoding, sheet: opts.sheet ?? null,
      seenRows: knownRowFilter(db, kind, batchId).buffer,
    };
    const read = await importRecords(db, batchId, fileId, job, probe.size, opts);
    summary.unknownColumns = read.unknownColumns;
    db.prepare(`UPDATE files SET state = 'imported', rows_read = ?, header_line = ?, unknown_columns = ? WHERE id = ?`).run(
      read.rows, read.headerLine, JSON.stringify(read.unknownColumns), fileId,
    );
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    opts.matchRouter?.discard(fileId);
    deleteFileRows(db, kind, fileId);
    if (!(err instanceof UserInputError)) {
      db.prepare(`DELETE FROM files WHERE id = ?`).run(fileId);
      throw err;
    }
    summary.refused = refusalOf(err);
    db.prepare(`UPDATE files SET state = 'refused', refusal_code = ?, refusal_message = ?, refusal_hint = ? WHERE id = ?`).run(
      summary.refused.code, summary.refused.message, summary.refused.hint, fileId,
    );
    return summary;
  }
  if (kind === 'applicants' && !opts.deferHouseholdCheck) enforceHouseholdConsistency(db, batchId);
  refreshLedger(db, batchId);
  Object.assign(summary, fileCounts(db, fileId));
  return summary;
}

interface RecordsRead {
  rows: number;
  headerLine: number;
  unknownColumns: string[];
}

/** Files at least this big are parsed in a worker thread, so parsing and SQLite inserts overlap on two cores. */
const workerThreshold = 2 * 1024 * 1024;

async function importRecords(db: Db, batchId: number, fileId: number, job: ParseJob, size: number, opts: ImportOptions): Promise<RecordsRead> {
  const writer = new RowWriter(db, job.kind, batchId, fileId);
  const sink = opts.matchRouter?.open(job.kind, fileId);
  const events = (opts.worker ?? size >= workerThreshold) ? parseFileInWorker(job) : parseFile(job);
  const read: RecordsRead = { rows: 0, headerLine: 0, unknownColumns: [] };
  let inTx = 0;
  db.exec('BEGIN');
  for await (const event of events) {
    if (event.type === 'header') {
      read.headerLine = event.headerLine;
      read.unknownColumns = event.unknownColumns;
      continue;
    }
    const { batch } = event;
    for (const r of batch.rejected) writer.reject({ line: r.line, ...r.rejection, raw: r.raw, applicationId: r.applicationId });
    writer.acceptBatch(batch.accepted, batch.acceptedCount);
    sink?.addBatch(batch.accepted, batch.acceptedCount);
    writer.addCandidates(batch.candidates);
    read.rows += batch.acceptedCount + batch.rejected.length;
    inTx += batch.acceptedCount + batch.rejected.length;
    if (inTx >= rowsPerTransaction) {
      db.exec('COMMIT');
      db.exec('BEGIN');
      inTx = 0;
    }
    opts.onRows?.(read.rows);
  }
  writer.finish();
  db.exec('COMMIT');
  sink?.close();
  return read;
}

/** A filter holding the hash of every row of one kind already in a batch, to seed the DUPLICATE_ROW check of the next file. */
function knownRowFilter(db: Db, kind: Kind, batchId: number): RowFilter {
  const filter = new RowFilter();
  const rows = db.prepare(`SELECT t.row_hash FROM ${kind} t JOIN files f ON f.id = t.file_id WHERE f.batch_id = ?`).pluck();
  for (const h of rows.iterate(batchId) as Iterable<number>) filter.add(h);
  return filter;
}

/** Format from the extension; `.xls` and unknown types refused with how to convert (data-contract.md). */
async function checkReadable(path: string): Promise<'csv' | 'xlsx'> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw refuse(path, '文件不存在或无法访问', '请检查路径是否写对（含空格的路径请加引号），以及是否有读取权限');
  }
  if (info.isDirectory()) throw refuse(path, '这是一个文件夹，不是文件', '导入整个文件夹请用 hedui batch --input 文件夹；hedui import 需要指定文件');
  const ext = extname(path).toLowerCase();
  if (ext === '.xls') {
    throw refuse(path, '是旧版 Excel（.xls）文件，无法直接读取', '请用 Excel“另存为 .xlsx”，或运行 soffice --headless --convert-to xlsx 文件名.xls 转换后再导入');
  }
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  throw refuse(path, `不支持的文件类型“${ext || '（无扩展名）'}”`, '请提供 .csv 或 .xlsx 文件（旧版 .xls 请先另存为 .xlsx）');
}

function refuse(path: string, what: string, hint: string): UserInputError {
  return new UserInputError('FILE_REFUSED', `${basename(path)}：${what}`, { hint, location: { file: path } });
}

function refusalOf(err: unknown): Refusal {
  if (err instanceof UserInputError) return { code: err.code, message: err.message, hint: err.hint ?? '' };
  const fsCode = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof fsCode === 'string' && /^E[A-Z]+$/.test(fsCode)) {
    return { code: 'FILE_REFUSED', message: `文件无法读取（${fsCode}）`, hint: '请检查文件是否存在、是否有读取权限、是否被其他程序占用' };
  }
  if (err instanceof HeduiError) throw err;
  throw new InternalError('INTERNAL', '导入时发生内部错误', { cause: err });
}

function deleteFileRows(db: Db, kind: Kind, fileId: number): void {
  db.prepare(`DELETE FROM ${kind} WHERE file_id = ?`).run(fileId);
  db.prepare(`DELETE FROM rejections WHERE file_id = ?`).run(fileId);
}
