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

/** Where an earlier identical row lives, for the DUPLICATE_ROW message. */
export interface DuplicateOf {
  fileName: string;
  line: number;
}

/**
 * Writes one file's accepted rows and rejections with prepared statements. DUPLICATE_ROW: a unique index on
 * (batch, hash of the normalised values, seq). A hash hit is confirmed by comparing the stored values of every row
 * with that hash; a true collision is stored under the next seq, so no row is ever wrongly called a duplicate and a
 * later copy of a colliding row is still found.
 */
export class RowWriter {
  private readonly insert: Database.Statement;
  private readonly insertCollision: Database.Statement;
  private readonly findByHash: Database.Statement;
  private readonly insertRejection: Database.Statement;
  private readonly dedupe: readonly string[];

  constructor(
    db: Db,
    private readonly kind: Kind,
    private readonly batchId: number,
    private readonly fileId: number,
  ) {
    const t = kindTables[kind];
    this.dedupe = t.dedupe;
    const cols = ['batch_id', 'file_id', 'line', 'row_hash', ...t.columns];
    const placeholders = cols.map(() => '?').join(',');
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${kind} (${cols.join(',')}) VALUES (${placeholders})`);
    this.insertCollision = db.prepare(`INSERT INTO ${kind} (row_hash_seq, ${cols.join(',')}) VALUES (?, ${placeholders})`);
    this.findByHash = db.prepare(
      `SELECT t.line AS line, f.name AS fileName, t.row_hash_seq AS seq, ${t.dedupe.map((c) => `t.${c}`).join(',')}
         FROM ${kind} t JOIN files f ON f.id = t.file_id WHERE t.batch_id = ? AND t.row_hash = ? ORDER BY t.row_hash_seq`,
    );
    this.insertRejection = db.prepare(
      `INSERT INTO rejections (file_id, line, "column", code, message, hint, raw, application_id) VALUES (?,?,?,?,?,?,?,?)`,
    );
  }

  /**
   * Inserts an accepted row (parameters in the table's column order, `hash` of its dedupe key), or returns the earlier
   * identical row it duplicates (nothing inserted then).
   */
  accept(line: number, params: SqlValue[], hash: number): DuplicateOf | undefined {
    if (this.insert.run(this.batchId, this.fileId, line, hash, ...params).changes === 1) return undefined;
    const key = dedupeKey(this.kind, params);
    const same = this.findByHash.all(this.batchId, hash) as (Record<string, SqlValue> & DuplicateOf & { seq: number })[];
    const earlier = same.find((row) => dedupeKeyOfValues(this.dedupe.map((c) => row[c])) === key);
    if (earlier) return { fileName: earlier.fileName, line: earlier.line };
    this.insertCollision.run(same[same.length - 1]!.seq + 1, this.batchId, this.fileId, line, hash, ...params);
    return undefined;
  }

  reject(r: Rejection): void {
    this.insertRejection.run(this.fileId, r.line, r.column, r.code, r.message, r.hint, r.raw, r.applicationId);
  }
}
