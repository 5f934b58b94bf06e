/**
 * Rows as import writes them, turned into the match cache's row layout (matchCache.ts), and the applicants' rows kept
 * aside for the length of one import call: their households are known only once R1 has run at the call's end, so
 * they are routed then, from here, instead of being read back out of SQLite (~2 µs a row against ~0.3 µs).
 *
 * Privacy: the folder holds names and ID numbers like the workspace itself does: it is created 0700, its files 0600,
 * and it lives only for one import call (removed at its end, and at the next call's start should a call be killed).
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kind } from '../ingest/columns.js';
import type { Db } from '../store/db.js';
import { kindTables } from '../store/kindTables.js';
import type { SqlValue } from '../store/rowWriter.js';
import { InternalError } from '../errors.js';
import { BlockWriter, blockSize, decodeBlocks } from './rowBlocks.js';
import { kindRowReaders, type Cell } from './sourceRows.js';

/**
 * A captured row: the kind's reader columns (sourceRows.ts; an applicant's is_self is a placeholder 0 until R1 has
 * decided), then file id, line and the row's ID number — the layout the cache's buckets extend.
 */
export const capturedExtra = 3;

/** For each reader column of `kind`, its value's place in the writer's flat row (line, hash, table columns), or -1. */
function flatIndexes(kind: Kind): number[] {
  const columns = kindTables[kind].columns;
  return kindRowReaders[kind].columns.map((c) => {
    const i = columns.indexOf(c);
    if (i < 0 && !(kind === 'applicants' && c === 'is_self')) throw new Error(`capture: ${kind}.${c} is not written by import`);
    return i < 0 ? -1 : i + 2;
  });
}

/** Turns the writer's flat rows of one file (RowWriter.acceptBatch: line, hash, columns, row after row) into captured rows. */
export class FlatRows {
  private readonly indexes: number[];
  private readonly idAt: number;
  /** Where the reader columns hold name and name_norm: name travels as null when equal, as on the SQL path (sourceRows.ts). */
  private readonly nameAt: number;
  readonly width: number;
  /** The row being handed out; reused, so a consumer must copy what it keeps (BlockWriter.add does). */
  private readonly scratch: Cell[];

  constructor(
    kind: Kind,
    private readonly fileId: number,
  ) {
    this.indexes = flatIndexes(kind);
    this.idAt = kindTables[kind].columns.indexOf('id_number') + 2;
    this.nameAt = kindRowReaders[kind].columns.indexOf('name');
    if (kindRowReaders[kind].columns[this.nameAt + 1] !== 'name_norm') throw new Error(`capture: ${kind}.name_norm must follow name`);
    this.width = 2 + kindTables[kind].columns.length;
    this.scratch = new Array(this.indexes.length + capturedExtra);
  }

  /**
   * Each of the `count` rows of `flat`, in order; with `wanted`, only the rows whose ID it accepts (the night's
   * exports are half people outside the batch: their rows are not turned into cells at all).
   */
  forEach(flat: readonly SqlValue[], count: number, visit: (cells: Cell[]) => void, wanted?: (idNumber: string) => boolean): void {
    const { indexes, scratch, width } = this;
    const n = indexes.length;
    for (let r = 0, base = 0; r < count; r++, base += width) {
      if (wanted && !wanted(flat[base + this.idAt] as string)) continue;
      for (let i = 0; i < n; i++) scratch[i] = indexes[i]! < 0 ? 0 : (flat[base + indexes[i]!] ?? null);
      if (scratch[this.nameAt] === scratch[this.nameAt + 1]) scratch[this.nameAt] = null;
      scratch[n] = this.fileId;
      scratch[n + 1] = flat[base]!;
      scratch[n + 2] = flat[base + this.idAt]!;
      visit(scratch);
    }
  }
}

/** What an import writes one file's accepted rows to besides SQLite. */
export interface RowSink {
  addBatch(flat: readonly SqlValue[], count: number): void;
  close(): void;
}

/** The captured rows of one file, in line order, in a private temporary file. */
export class FileCapture implements RowSink {
  private readonly fd: number;
  private readonly blocks: BlockWriter;
  private readonly flat: FlatRows;
  private closed = false;

  constructor(
    readonly path: string,
    readonly kind: Kind,
    readonly fileId: number,
  ) {
    this.fd = openSync(path, 'w', 0o600);
    this.blocks = new BlockWriter((block) => writeSync(this.fd, block));
    this.flat = new FlatRows(kind, fileId);
  }

  addBatch(flat: readonly SqlValue[], count: number): void {
    this.flat.forEach(flat, count, (cells) => this.blocks.add(cells));
  }

  close(): void {
    if (this.closed) return;
    this.blocks.flush();
    closeSync(this.fd);
    this.closed = true;
  }

  /** Every captured row, in line order, a block at a time (a file of millions of rows is never decoded at once). */
  forEachBlock(visit: (rows: Cell[][]) => void): void {
    this.close();
    const fd = openSync(this.path, 'r');
    try {
      const head = Buffer.alloc(8);
      for (let pos = 0; readSync(fd, head, 0, 8, pos) === 8; ) {
        const block = Buffer.alloc(blockSize(head));
        if (readSync(fd, block, 0, block.length, pos) !== block.length) throw new InternalError('ROW_BLOCK_CORRUPT', `${this.path}: block cut at byte ${pos}`);
        visit(decodeBlocks(block));
        pos += block.length;
      }
    } finally {
      closeSync(fd);
    }
  }
}

export function captureDir(db: Db): string {
  return join(dirname(db.name), 'match-capture');
}
