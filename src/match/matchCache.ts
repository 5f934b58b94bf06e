/**
 * The match cache (issue 3's speed target): every household's matched rows, routed once by the import that brings
 * the batch's files (matchRouter.ts) and kept in a file of the workspace as row blocks (rowBlocks.ts) per bucket of
 * households. A run reads a bucket per 100 households instead of planning the match and reading each row out of
 * SQLite again (two passes at ~2 µs a row: matchPlan.ts, householdStream.ts). The households it gives are the very
 * inputs the SQL path gives (test/match/matchCache.test.ts compares both); the SQL path stays for explain, for
 * selections and for any batch the cache does not cover.
 *
 * When the cache is used: while a signature of the batch's file ledger equals the one recorded when it was last
 * written (matchRouter.ts says which import calls keep it). Review dispositions are applied when a household is
 * assembled, as on the SQL path, so they never stale the cache. This file: the stored cache — its layout, whether it
 * is current, and reading it.
 */
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../store/db.js';
import { InternalError } from '../errors.js';
import { batchFiles, duplicateMembers } from './matchPlan.js';
import { decodeBlocks } from './rowBlocks.js';
import { kindOrder, kindRowReaders, type Cell } from './sourceRows.js';

/** Households per bucket: 100 keeps a bucket's rows in the CPU caches until they are assessed (as the SQL path's chunks). */
export const perBucket = 100;
/** Raised whenever the layout of a cached row changes: a cache of another layout is never read. */
const layoutVersion = 1;

/**
 * A cached row: the kind's reader columns, file id, line, the row's ID number (matchCapture.ts), then provisional
 * household number and kind (index in kindOrder).
 */
export const fileAt = kindOrder.map((k) => kindRowReaders[k].columns.length);
/** Where a cached row of kind k holds its line and its ID number (right after the file id). */
export const lineAt = fileAt.map((i) => i + 1);
export const idAt = fileAt.map((i) => i + 2);

/** What the batch's rows are, as far as the cache can tell: its files with their states, hashes and row counts. */
export function cacheSignature(db: Db, batchId: number): string {
  const files = db
    .prepare(`SELECT id, kind, name, sha256, state, rows_accepted, rows_rejected FROM files WHERE batch_id = ? ORDER BY id`)
    .raw()
    .all(batchId);
  return JSON.stringify([layoutVersion, perBucket, files]);
}

/**
 * The batch's cache file. Blocks go to one append-only file rather than SQLite: 400 MB of blobs through the WAL cost
 * the import ~2.3 s more in commits (session 11). Privacy: it holds names and ID numbers as the database does, so it
 * sits in the workspace folder (0700) with mode 0600 and goes when the cache is dropped.
 */
export function cacheFile(db: Db, batchId: number): string {
  return join(dirname(db.name), 'match-cache', `batch-${batchId}.bin`);
}

export function dropMatchCache(db: Db, batchId: number): void {
  db.prepare(`DELETE FROM match_cache WHERE batch_id = ?`).run(batchId);
  rmSync(cacheFile(db, batchId), { force: true });
}

/** Whether the batch has a cache that still describes its rows (and its file is whole). */
export function hasCurrentCache(db: Db, batchId: number): boolean {
  const stored = db.prepare(`SELECT signature, bytes FROM match_cache WHERE batch_id = ?`).get(batchId) as { signature: string; bytes: number } | undefined;
  if (stored === undefined || stored.signature !== cacheSignature(db, batchId)) return false;
  const path = cacheFile(db, batchId);
  return existsSync(path) && statSync(path).size === stored.bytes;
}

/** A row's place as one number: file ids stay far below 2^21, lines below 2^32. */
export const rowKey = (fileId: number, line: number): number => fileId * 4294967296 + line;

/** What a run needs to read households from the cache (plain data: it crosses into worker threads). */
export interface CachedMatch {
  source: 'cache';
  batchId: number;
  from: number;
  to: number;
  perBucket: number;
  files: [fileId: number, name: string, rank: number][];
  duplicateIds: string[];
  /** The imported files: rows of any other file (refused or replaced) are skipped. */
  imported: number[];
  /** Household n's provisional number (the bucket's numbering) is provisional[n - 1]. */
  provisional: Int32Array;
  /** Source rows routed and then moved out (DUPLICATE_ROW), as [file id, line]. */
  removed: [number, number][];
  /** The cache file, and its blocks as (bucket, offset, length) triples ordered by bucket. */
  path: string;
  parts: Float64Array;
}

/** The cache of the batch when it still describes the batch's rows, else undefined (the SQL path is taken). */
export function cachedMatch(reader: Db, batchId: number): CachedMatch | undefined {
  if (!hasCurrentCache(reader, batchId)) return undefined;
  const row = reader.prepare(`SELECT households, per_bucket, provisional, removed, parts FROM match_cache WHERE batch_id = ?`).get(batchId) as {
    households: number;
    per_bucket: number;
    provisional: Buffer;
    removed: string;
    parts: Buffer;
  };
  const provisional = new Int32Array(row.households);
  new Uint8Array(provisional.buffer).set(row.provisional);
  const parts = new Float64Array(row.parts.length / 8);
  new Uint8Array(parts.buffer).set(row.parts);
  return {
    source: 'cache', batchId, from: 1, to: row.households, perBucket: row.per_bucket,
    files: batchFiles(reader, batchId).map((f) => [f.id, f.name, f.rank]),
    duplicateIds: duplicateMembers(reader, batchId),
    imported: reader.prepare(`SELECT id FROM files WHERE batch_id = ? AND state = 'imported' ORDER BY id`).pluck().all(batchId) as number[],
    provisional,
    removed: JSON.parse(row.removed) as [number, number][],
    path: cacheFile(reader, batchId),
    parts,
  };
}

/**
 * The cached rows of households `from` … `to`, bucket by bucket: for each household in order, its rows per kind
 * (kindOrder), each kind's in the order routed (file rank, then line).
 */
export function* cachedHouseholdRows(m: CachedMatch, from: number, to: number): Generator<{ seq: number; kinds: Cell[][][] }> {
  const imported = new Set(m.imported);
  const removed = m.removed.length > 0 ? new Set(m.removed.map(([f, l]) => rowKey(f, l))) : undefined;
  const last = Math.min(to, m.to);
  const fd = openSync(m.path, 'r');
  try {
    let part = 0; // parts are ordered by bucket, and the buckets are visited in order
    for (let seq = Math.max(from, m.from); seq <= last; ) {
      const bucket = Math.floor((m.provisional[seq - 1]! - 1) / m.perBucket);
      // The households of this range whose provisional number falls in this bucket (consecutive: R1 keeps the order).
      const slots = new Map<number, Cell[][][]>();
      const first = seq;
      while (seq <= last && Math.floor((m.provisional[seq - 1]! - 1) / m.perBucket) === bucket) {
        slots.set(m.provisional[seq - 1]!, kindOrder.map(() => []));
        seq++;
      }
      while (part * 3 < m.parts.length && m.parts[part * 3]! < bucket) part++;
      // The bucket's blocks lie side by side (matchRouter.ts writes the file in bucket order): one read for all.
      const firstPart = part;
      let bytes = 0;
      for (; part * 3 < m.parts.length && m.parts[part * 3] === bucket; part++) bytes += m.parts[part * 3 + 2]!;
      if (bytes > 0) {
        const start = m.parts[firstPart * 3 + 1]!;
        const last = (part - 1) * 3;
        if (m.parts[last + 1]! + m.parts[last + 2]! - start !== bytes) throw new InternalError('MATCH_CACHE_LAYOUT', `${m.path}: bucket ${bucket} is not contiguous`);
        const blocks = Buffer.allocUnsafe(bytes);
        if (readSync(fd, blocks, 0, bytes, start) !== bytes) throw new InternalError('MATCH_CACHE_CUT', `${m.path}: bucket ${bucket} cut short`);
        for (const r of decodeBlocks(blocks)) {
          const n = r.length;
          const kinds = slots.get(r[n - 2] as number);
          if (!kinds) continue;
          const k = r[n - 1] as number;
          const file = r[fileAt[k]!] as number;
          if (!imported.has(file) || removed?.has(rowKey(file, r[lineAt[k]!] as number))) continue;
          kinds[k]!.push(r);
        }
      }
      for (let s = first; s < seq; s++) yield { seq: s, kinds: slots.get(m.provisional[s - 1]!)! };
    }
  } finally {
    closeSync(fd);
  }
}
