import { basename } from 'node:path';
import { UserInputError } from '../errors.js';
import { kindSpecs, type Kind } from './columns.js';
import type { TextEncoding } from './encoding.js';
import { HashSet53 } from './hashSet.js';
import { mapHeader } from './headers.js';
import { readCsvRecords } from './readers/csv.js';
import type { TokenizedRecord } from './readers/types.js';
import { readXlsxRecords } from './readers/xlsx.js';
import { createRowParser, type RowRejection, type SqlValue } from './rowParser.js';

/** Everything needed to parse one file; plain data, so it can be handed to a worker thread. */
export interface ParseJob {
  path: string;
  kind: Kind;
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  sheet: string | null;
  /** Row hashes already in the batch for this kind (HashSet53 table), so repeats can be flagged while reading. */
  knownHashes: { table: Float64Array; count: number };
}

/**
 * An accepted row as a tuple, the shape that crosses between threads millions of times (a tuple serialises to about
 * half the JSON of an object): line, hash of its dedupe key, statement parameters, and — only when its hash was seen
 * before, i.e. it may be a DUPLICATE_ROW — its raw text and application id.
 */
export type AcceptedRow = [line: number, hash: number, params: SqlValue[], repeatRaw: string | null, repeatApplicationId: string | null];

export interface RejectedRow {
  line: number;
  rejection: RowRejection;
  raw: string;
  applicationId: string | null;
}

export type ParsedRow = AcceptedRow | RejectedRow;

export type ParseEvent =
  | { type: 'header'; headerLine: number; unknownColumns: string[] }
  | { type: 'rows'; rows: ParsedRow[] };

/**
 * Reads, decodes, tokenizes and parses a file into typed rows; no database. A header problem throws a UserInputError
 * (the file is refused). Runs inline or inside a worker thread (parseWorker.ts) so parsing and SQLite inserts use
 * both cores.
 */
export async function* parseFile(job: ParseJob): AsyncGenerator<ParseEvent> {
  const name = basename(job.path);
  const records =
    job.format === 'csv' ? readCsvRecords(job.path, job.encoding ?? 'utf-8') : batched(readXlsxRecords(job.path, job.sheet ? { sheet: job.sheet } : {}));
  const seen = HashSet53.fromTable(job.knownHashes.table, job.knownHashes.count);
  let parse: ReturnType<typeof createRowParser> | undefined;
  for await (const batch of records) {
    const rows: ParsedRow[] = [];
    for (const rec of batch) {
      if (!parse) {
        const mapping = mapHeader(rec.cells, kindSpecs[job.kind], name, rec.line);
        parse = createRowParser(kindSpecs[job.kind], mapping, job.format);
        yield { type: 'header', headerLine: rec.line, unknownColumns: mapping.unknown };
        continue;
      }
      const r = parse(rec);
      if (!r.ok) rows.push({ line: rec.line, rejection: r.rejection, raw: rec.raw, applicationId: r.applicationId });
      else if (seen.add(r.hash)) rows.push([rec.line, r.hash, r.params, rec.raw, r.applicationId]);
      else rows.push([rec.line, r.hash, r.params, null, null]);
    }
    if (rows.length) yield { type: 'rows', rows };
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
