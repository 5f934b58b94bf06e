import type Database from 'better-sqlite3';
import type { Kind } from '../ingest/columns.js';
import { HashSet53 } from '../ingest/hashSet.js';
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

/** A row whose hash was already in the batch when it was read: a DUPLICATE_ROW unless its values differ. */
export interface DuplicateCandidate {
  raw: string;
  applicationId: string | null;
}

interface PendingCandidate extends DuplicateCandidate {
  line: number;
  hash: number;
  key: string;
}

/** Rows per INSERT statement: one statement binding 32 rows costs about half as much per row as 32 statements. */
const rowsPerStatement = 32;

/** Hashes of every row of one kind already in a batch, to seed the DUPLICATE_ROW check of the next file. */
export function knownRowHashes(db: Db, kind: Kind, batchId: number): HashSet53 {
  const n = (db.prepare(`SELECT count(*) FROM ${kind} t JOIN files f ON f.id = t.file_id WHERE f.batch_id = ?`).pluck().get(batchId) as number) ?? 0;
  const set = new HashSet53(n + 1024);
  const rows = db.prepare(`SELECT t.row_hash FROM ${kind} t JOIN files f ON f.id = t.file_id WHERE f.batch_id = ?`).pluck();
  for (const h of rows.iterate(batchId) as Iterable<number>) set.add(h);
  return set;
}

/**
 * Writes one file's accepted rows (append-only inserts) and rejections. DUPLICATE_ROW (data-contract.md: same kind,
 * every mapped cell equal after normalisation; the later row is rejected): the reader flags a row whose hash is already
 * in the batch; `finish()` compares each flagged row with the earlier rows of the same hash, by value, so a hash
 * collision never makes a duplicate, and moves true duplicates to the rejections.
 */
export class RowWriter {
  private readonly insertOne: Database.Statement;
  private readonly insertMany: Database.Statement;
  private readonly insertRejection: Database.Statement;
  /** Candidates by line (line is unique within a file). */
  private readonly candidates = new Map<number, PendingCandidate>();
  private buffer: SqlValue[] = [];
  private buffered = 0;

  constructor(
    private readonly db: Db,
    private readonly kind: Kind,
    private readonly batchId: number,
    private readonly fileId: number,
  ) {
    const cols = ['batch_id', 'file_id', 'line', 'row_hash', ...kindTables[kind].columns];
    const one = `(${cols.map(() => '?').join(',')})`;
    this.insertOne = db.prepare(`INSERT INTO ${kind} (${cols.join(',')}) VALUES ${one}`);
    this.insertMany = db.prepare(`INSERT INTO ${kind} (${cols.join(',')}) VALUES ${Array(rowsPerStatement).fill(one).join(',')}`);
    this.insertRejection = db.prepare(
      `INSERT INTO rejections (file_id, line, "column", code, message, hint, raw, application_id) VALUES (?,?,?,?,?,?,?,?)`,
    );
  }

  /** Inserts an accepted row (parameters in the table's column order); `candidate` when its hash was seen before. */
  accept(line: number, params: SqlValue[], hash: number, candidate?: DuplicateCandidate): void {
    this.buffer.push(this.batchId, this.fileId, line, hash);
    for (const p of params) this.buffer.push(p);
    if (++this.buffered === rowsPerStatement) {
      this.insertMany.run(this.buffer);
      this.buffer = [];
      this.buffered = 0;
    }
    if (candidate) this.candidates.set(line, { ...candidate, line, hash, key: dedupeKey(this.kind, params) });
  }

  /** Writes buffered rows; call before every COMMIT. */
  flush(): void {
    const width = this.buffer.length / this.buffered;
    for (let i = 0; i < this.buffered; i++) this.insertOne.run(this.buffer.slice(i * width, (i + 1) * width));
    this.buffer = [];
    this.buffered = 0;
  }

  reject(r: Rejection): void {
    this.insertRejection.run(this.fileId, r.line, r.column, r.code, r.message, r.hint, r.raw, r.applicationId);
  }

  /** Resolves the flagged rows; returns how many were duplicates. Call once, inside the import's transaction. */
  finish(): number {
    this.flush();
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
