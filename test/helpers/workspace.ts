import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach } from 'vitest';
import { openBatchId, openWorkspace, type Db } from '../../src/store/db.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A temp folder removed after the test; its path holds Chinese characters and a space on purpose (Windows-minded). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hedui 测试-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempWorkspace(): { dir: string; db: Db; batchId: number } {
  const dir = tempDir();
  const db = openWorkspace(join(dir, 'ws'));
  cleanups.push(() => db.close());
  return { dir, db, batchId: openBatchId(db) };
}

export function writeText(dir: string, name: string, text: string, encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' = 'utf-8'): string {
  const path = join(dir, name);
  const body = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from((encoding === 'utf-8-bom' ? '\uFEFF' : '') + text, 'utf8');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
  return path;
}
