import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

export const workspaceFileName = 'hedui.sqlite';

/** Open (creating if needed) the workspace database and bring its schema up to date. */
export function openWorkspace(dir: string): Db {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new UserInputError('WORKSPACE_UNUSABLE', `无法创建工作区目录 ${dir}`, {
      hint: '请用 --workspace 指定一个有写权限的目录',
      cause,
    });
  }
  const db = new Database(join(dir, workspaceFileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -16384'); // 16 MiB: inserts are append-only, reads stream
  db.pragma('wal_autocheckpoint = 8192'); // 32 MiB of WAL between checkpoints: fewer fsyncs during bulk import
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new UserInputError(
      'WORKSPACE_TOO_NEW',
      `工作区的数据库版本（${current}）比本程序支持的（${migrations.length}）更新`,
      { hint: '请升级 hedui，或用 --workspace 指定另一个工作区' },
    );
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** The batch new imports go to: the open one, or a new one. */
export function openBatchId(db: Db): number {
  const row = db.prepare(`SELECT id FROM batches WHERE state = 'open' ORDER BY id DESC LIMIT 1`).get() as
    | { id: number }
    | undefined;
  if (row) return row.id;
  return Number(db.prepare(`INSERT INTO batches (state) VALUES ('open')`).run().lastInsertRowid);
}

/** `hedui batch` and `hedui init` start a fresh batch: the open one is closed and keeps its rows for later audits. */
export function startNewBatch(db: Db): number {
  return db.transaction(() => {
    db.prepare(`UPDATE batches SET state = 'closed' WHERE state = 'open'`).run();
    return Number(db.prepare(`INSERT INTO batches (state) VALUES ('open')`).run().lastInsertRowid);
  })();
}
