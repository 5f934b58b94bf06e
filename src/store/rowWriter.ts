import type Database from 'better-sqlite3';
import type { Kind } from '../ingest/columns.js';
import { hash53 } from '../ingest/rowHash.js';
import type { Db } from './db.js';
import { kindTables } from './kindTables.js';

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
 * (batch, hash of the normalised values); a hash hit is confirmed by comparing the stored values, and a true hash
 * collision is stored with a NULL hash (NULLs never conflict), so no row is ever wrongly called a duplicate.
 */
export class RowWriter {
  private readonly insert: Database.Statement;
  private readonly insertUnhashed: Database.Statement;
  private readonly findByHash: Database.Statement;
  private readonly insertRejection: Database.Statement;
  private readonly columns: readonly string[];
  private readonly dedupe: readonly string[];

  constructor(
    private readonly db: Db,
    kind: Kind,
    private readonly batchId: number,
    private readonly fileId: number,
  ) {
    const t = kindTables[kind];
    this.columns = t.columns;
    this.dedupe = t.dedupe;
    const cols = ['batch_id', 'file_id', 'line', 'row_hash', ...t.columns];
    const placeholders = cols.map(() => '?').join(',');
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${kind} (${cols.join(',')}) VALUES (${placeholders})`);
    this.insertUnhashed = db.prepare(`INSERT INTO ${kind} (${cols.join(',')}) VALUES (${placeholders})`);
    this.findByHash = db.prepare(
      `SELECT t.line AS line, f.name AS fileName, ${t.dedupe.map((c) => `t.${c}`).join(',')}
         FROM ${kind} t JOIN files f ON f.id = t.file_id WHERE t.batch_id = ? AND t.row_hash = ?`,
    );
    this.insertRejection = db.prepare(
      `INSERT INTO rejections (file_id, line, "column", code, message, hint, raw, application_id) VALUES (?,?,?,?,?,?,?,?)`,
    );
  }

  /** Inserts an accepted row, or returns the earlier identical row it duplicates (nothing inserted then). */
  accept(line: number, values: Record<string, SqlValue>): DuplicateOf | undefined {
    const row = this.columns.map((c) => values[c] ?? null);
    const key = JSON.stringify(this.dedupe.map((c) => values[c] ?? null));
    const hash = hash53(key);
    if (this.insert.run(this.batchId, this.fileId, line, hash, ...row).changes === 1) return undefined;
    const existing = this.findByHash.get(this.batchId, hash) as Record<string, SqlValue> & DuplicateOf;
    if (JSON.stringify(this.dedupe.map((c) => existing[c] ?? null)) === key) {
      return { fileName: existing.fileName, line: existing.line };
    }
    this.insertUnhashed.run(this.batchId, this.fileId, line, null, ...row);
    return undefined;
  }

  reject(r: Rejection): void {
    this.insertRejection.run(this.fileId, r.line, r.column, r.code, r.message, r.hint, r.raw, r.applicationId);
  }
}
