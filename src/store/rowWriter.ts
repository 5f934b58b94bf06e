import type Database from 'better-sqlite3';
import type { Kind } from '../ingest/columns.js';
import type { Db } from './db.js';
import { dedupeKey, dedupeKeyOfValues, kindTables } from './kindTables.js';

export type SqlValue = string | number | null;

export interface Rejection {
  line: number;
  column: string | null;
  code: string;
  message: string;
  hint: string;
  raw: string;
  applicationId: string | null;
}

/** An accepted row whose hash the parser's filter may have seen before: a DUPLICATE_ROW unless its values differ. */
export interface DuplicateCandidate {
  line: number;
  hash: number;
  /** dedupeKey of its values (src/store/kindTables.ts): equal keys are duplicates, equal hashes only maybe. */
  key: string;
  raw: string;
  applicationId: string | null;
}

/**
 * Rows per INSERT statement: one statement binding 64 rows costs about half as much per row as single-row statements.
 * A chunk's remainder goes in statements of 32, 16, … 1 rows, so each file prepares at most seven statements.
 */
const rowsPerStatement = 64;

/**
 * Writes one file's accepted rows (append-only inserts) and rejections. DUPLICATE_ROW (data-contract.md: same kind,
 * every mapped cell equal after normalisation; the later row is rejected): the parser flags a row whose hash its filter
 * may have seen (src/ingest/rowFilter.ts); `finish()` compares each flagged row with the earlier rows of the same hash,
 * by value, so neither a filter false positive nor a hash collision ever makes a duplicate, and moves true duplicates
 * to the rejections.
 */
export class RowWriter {
  private readonly insertRows = new Map<number, Database.Statement>();
  private readonly insertRejection: Database.Statement;
  /** Candidates by line (line is unique within a file). */
  private readonly candidates = new Map<number, DuplicateCandidate>();
  /** Values per accepted row in the flat arrays: line, hash, then the table's columns. */
  private readonly width: number;

  constructor(
    private readonly db: Db,
    private readonly kind: Kind,
    private readonly batchId: number,
    private readonly fileId: number,
  ) {
    if (!Number.isSafeInteger(batchId) || !Number.isSafeInteger(fileId)) throw new TypeError('RowWriter: batch and file ids must be integers');
    this.width = 2 + kindTables[kind].columns.length;
    this.insertRejection = db.prepare(
      `INSERT INTO rejections (file_id, line, "column", code, message, hint, raw, application_id) VALUES (?,?,?,?,?,?,?,?)`,
    );
  }

  /** The INSERT of `n` rows; batch and file ids are written into the SQL (integers, checked) so they are not bound per row. */
  private statementFor(n: number): Database.Statement {
    let st = this.insertRows.get(n);
    if (!st) {
      const cols = ['batch_id', 'file_id', 'line', 'row_hash', ...kindTables[this.kind].columns];
      const one = `(${this.batchId},${this.fileId},${Array(this.width).fill('?').join(',')})`;
      st = this.db.prepare(`INSERT INTO ${this.kind} (${cols.join(',')}) VALUES ${Array(n).fill(one).join(',')}`);
      this.insertRows.set(n, st);
    }
    return st;
  }

  /** Inserts `count` accepted rows given flat: line, hash, then the table's columns (kindTables), row after row. */
  acceptBatch(flat: readonly SqlValue[], count: number): void {
    const w = this.width;
    if (flat.length !== count * w) throw new TypeError(`RowWriter: ${flat.length} values for ${count} rows of ${w}`);
    let offset = 0;
    let left = count;
    while (left >= rowsPerStatement) {
      this.statementFor(rowsPerStatement).run(flat.slice(offset, offset + rowsPerStatement * w));
      offset += rowsPerStatement * w;
      left -= rowsPerStatement;
    }
    for (let n = rowsPerStatement >> 1; n >= 1; n >>= 1) {
      if (left < n) continue;
      this.statementFor(n).run(flat.slice(offset, offset + n * w));
      offset += n * w;
      left -= n;
    }
  }

  /** Rows the parser flagged as maybe seen before; resolved by value in `finish()`. */
  addCandidates(candidates: readonly DuplicateCandidate[]): void {
    for (const c of candidates) this.candidates.set(c.line, c);
  }

  /** One accepted row (tests, small callers); `candidate` when its hash may have been seen before. */
  accept(line: number, params: SqlValue[], hash: number, candidate?: { raw: string; applicationId: string | null }): void {
    this.acceptBatch([line, hash, ...params], 1);
    if (candidate) this.addCandidates([{ ...candidate, line, hash, key: dedupeKey(this.kind, params) }]);
  }

  reject(r: Rejection): void {
    this.insertRejection.run(this.fileId, r.line, r.column, r.code, r.message, r.hint, r.raw, r.applicationId);
  }

  /** Resolves the flagged rows; returns how many were duplicates. Call once, inside the import's transaction. */
  finish(): number {
    if (this.candidates.size === 0) return 0;
    const { dedupe } = kindTables[this.kind];
    this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS dup_hashes (h INTEGER PRIMARY KEY); DELETE FROM dup_hashes;`);
    const addHash = this.db.prepare(`INSERT OR IGNORE INTO dup_hashes (h) VALUES (?)`);
    for (const c of this.candidates.values()) addHash.run(c.hash);
    const sameHash = this.db
      .prepare(
        `SELECT t.row_id AS rowId, t.file_id AS fileId, t.line AS line, f.name AS fileName, t.row_hash AS hash, ${dedupe.map((c) => `t.${c}`).join(',')}
           FROM ${this.kind} t JOIN files f ON f.id = t.file_id
          WHERE f.batch_id = ? AND t.row_hash IN (SELECT h FROM dup_hashes)
          ORDER BY t.row_hash, t.row_id`,
      )
      .all(this.batchId) as (Record<string, SqlValue> & { rowId: number; fileId: number; line: number; fileName: string; hash: number })[];
    const remove = this.db.prepare(`DELETE FROM ${this.kind} WHERE row_id = ?`);
    let duplicates = 0;
    let kept: { key: string; fileName: string; line: number }[] = [];
    let hash: number | undefined;
    for (const row of sameHash) {
      if (row.hash !== hash) {
        hash = row.hash;
        kept = [];
      }
      const candidate = row.fileId === this.fileId ? this.candidates.get(row.line) : undefined;
      const key = candidate?.key ?? dedupeKeyOfValues(dedupe.map((c) => row[c]));
      const first = candidate && kept.find((k) => k.key === key);
      if (!candidate || !first) {
        kept.push({ key, fileName: row.fileName, line: row.line });
        continue;
      }
      remove.run(row.rowId);
      this.reject({
        line: candidate.line, column: null, code: 'DUPLICATE_ROW',
        message: `与 ${first.fileName} 第 ${first.line} 行完全相同的重复行`,
        hint: '重复行已忽略，无需处理；若两行本应不同，请核对源数据',
        raw: candidate.raw, applicationId: candidate.applicationId,
      });
      duplicates++;
    }
    this.candidates.clear();
    return duplicates;
  }
}
