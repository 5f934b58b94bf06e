import { basename } from 'node:path';
import { UserInputError } from '../errors.js';
import { kindSpecs, type Kind } from './columns.js';
import type { TextEncoding } from './encoding.js';
import { mapHeader } from './headers.js';
import { readCsvRecords } from './readers/csv.js';
import type { TokenizedRecord } from './readers/types.js';
import { readXlsxRecords } from './readers/xlsx.js';
import { RowFilter } from './rowFilter.js';
import { createRowParser, type RowRejection } from './rowParser.js';
import { dedupeKey } from '../store/kindTables.js';
import type { DuplicateCandidate, SqlValue } from '../store/rowWriter.js';

/** Everything needed to parse one file; plain data, so it can be handed to a worker thread. */
export interface ParseJob {
  path: string;
  kind: Kind;
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  sheet: string | null;
  /** RowFilter buffer seeded with the rows of this kind already in the batch, so repeats can be flagged while reading. */
  seenRows: SharedArrayBuffer;
}

export interface RejectedRow {
  line: number;
  rejection: RowRejection;
  raw: string;
  applicationId: string | null;
}

/**
 * The rows of one chunk of a file, in the shape that crosses between threads thousands of times per file: accepted rows
 * as one flat array of primitives (line, hash, then the table's columns, row after row) — measured about half the
 * cost of JSON or of nested tuples to pass, and bound to INSERT statements by slices, without rebuilding.
 */
export interface RowBatch {
  accepted: SqlValue[];
  acceptedCount: number;
  rejected: RejectedRow[];
  candidates: DuplicateCandidate[];
}

export type ParseEvent =
  | { type: 'header'; headerLine: number; unknownColumns: string[] }
  | { type: 'rows'; batch: RowBatch };

/**
 * Reads, decodes, tokenizes and parses a file into typed rows; no database. A header problem throws a UserInputError
 * (the file is refused). Runs inline or inside a worker thread (parseWorker.ts) so parsing and SQLite inserts use
 * both cores.
 */
export async function* parseFile(job: ParseJob): AsyncGenerator<ParseEvent> {
  const name = basename(job.path);
  const chunks =
    job.format === 'csv' ? readCsvRecords(job.path, job.encoding ?? 'utf-8') : batched(readXlsxRecords(job.path, job.sheet ? { sheet: job.sheet } : {}));
  const seen = new RowFilter(job.seenRows);
  let parse: ReturnType<typeof createRowParser> | undefined;
  for await (const records of chunks) {
    const batch: RowBatch = { accepted: [], acceptedCount: 0, rejected: [], candidates: [] };
    const { accepted } = batch;
    for (const rec of records) {
      if (!parse) {
        const mapping = mapHeader(rec.cells, kindSpecs[job.kind], name, rec.line);
        parse = createRowParser(kindSpecs[job.kind], mapping, job.format);
        yield { type: 'header', headerLine: rec.line, unknownColumns: mapping.unknown };
        continue;
      }
      const r = parse(rec);
      if (!r.ok) {
        batch.rejected.push({ line: rec.line, rejection: r.rejection, raw: rec.raw, applicationId: r.applicationId });
        continue;
      }
      accepted.push(rec.line, r.hash);
      for (const p of r.params) accepted.push(p);
      batch.acceptedCount++;
      if (seen.add(r.hash)) {
        batch.candidates.push({ line: rec.line, hash: r.hash, key: dedupeKey(job.kind, r.params), raw: rec.raw, applicationId: r.applicationId });
      }
    }
    if (batch.acceptedCount || batch.rejected.length) yield { type: 'rows', batch };
  }
  if (!parse) {
    throw new UserInputError('FILE_REFUSED', `${name}：文件中没有任何内容（连表头也没有）`, {
      hint: '请确认导出是否成功；没有数据时也应导出带表头的文件',
      location: { file: job.path },
    });
  }
}

async function* batched(records: AsyncIterable<TokenizedRecord>, size = 2000): AsyncGenerator<TokenizedRecord[]> {
  let batch: TokenizedRecord[] = [];
  for await (const r of records) {
    batch.push(r);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
