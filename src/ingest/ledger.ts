import { InternalError } from '../errors.js';
import type { Db } from '../store/db.js';
import { kinds, type Kind } from './columns.js';

export interface FileCounts {
  read: number;
  accepted: number;
  rejected: number;
}

/** The row ledger of one file; read = accepted + rejected must always hold, else it is a bug. */
export function fileCounts(db: Db, fileId: number): FileCounts {
  const file = db.prepare(`SELECT kind, rows_read AS read, state FROM files WHERE id = ?`).get(fileId) as
    | { kind: Kind; read: number; state: string }
    | undefined;
  if (!file || !kinds.includes(file.kind)) throw new InternalError('LEDGER', `file ${fileId} is not in the ledger`);
  const accepted = (db.prepare(`SELECT count(*) AS n FROM ${file.kind} WHERE file_id = ?`).get(fileId) as { n: number }).n;
  const rejected = (db.prepare(`SELECT count(*) AS n FROM rejections WHERE file_id = ?`).get(fileId) as { n: number }).n;
  if (file.state === 'imported' && file.read !== accepted + rejected) {
    throw new InternalError('LEDGER_UNBALANCED', `ledger of file ${fileId}: read ${file.read} ≠ accepted ${accepted} + rejected ${rejected}`);
  }
  return { read: file.read, accepted, rejected };
}

/** Recounts and stores the ledger of every imported file of a batch; throws if any file does not balance. */
export function refreshLedger(db: Db, batchId: number): void {
  const files = db.prepare(`SELECT id FROM files WHERE batch_id = ? AND state = 'imported'`).pluck().all(batchId) as number[];
  const store = db.prepare(`UPDATE files SET rows_accepted = ?, rows_rejected = ? WHERE id = ?`);
  db.transaction(() => {
    for (const id of files) {
      const c = fileCounts(db, id);
      store.run(c.accepted, c.rejected, id);
    }
  })();
}

export interface RejectedRow {
  file: string;
  line: number;
  column: string | null;
  code: string;
  message: string;
  hint: string | null;
  raw: string;
}

/** Rejected rows of a batch in (file name, line) order, streamed. */
export function* rejectedRows(db: Db, batchId: number): Generator<RejectedRow> {
  const stmt = db.prepare(
    `SELECT f.name AS file, r.line, r."column" AS "column", r.code, r.message, r.hint, r.raw
       FROM rejections r JOIN files f ON f.id = r.file_id
      WHERE f.batch_id = ? ORDER BY f.name, f.id, r.line, r.id`,
  );
  yield* stmt.iterate(batchId) as Iterable<RejectedRow>;
}
