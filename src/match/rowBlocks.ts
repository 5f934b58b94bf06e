/**
 * Rows of cells (text, number or null) in compact binary blocks, for the match cache (matchCache.ts). Taking a row out
 * of SQLite costs ~1–2 µs whatever the form (session 10: JSON.parse alone ~1 µs a row), which caps matching far below
 * the 20,000 households/s of issue 3; a block is decoded at ~0.3 µs a row because each distinct text of the block is
 * parsed once (one JSON array) and every other cell is a typed-array read.
 *
 * A block: u32 byte length of the strings' JSON, u32 cell count, then the strings (a JSON array, in order of first
 * use), padded to 8, a tag byte a cell (0 null, 1 number, 2 string), padded to 8, and a float64 a cell (the number, or
 * the string's index). A row is one cell holding its cell count, then its cells. Numbers are float64, so integers stay
 * exact up to 2^53 (row ids, lines, money in 分); text is never turned into a number (IDs, accounts, plates stay text).
 */
import { InternalError } from '../errors.js';
import type { Cell } from './sourceRows.js';

const NULL = 0;
const NUMBER = 1;
const STRING = 2;

const pad8 = (n: number): number => (n + 7) & ~7;

/** Collects rows and hands each full block to `sink`; `flush()` hands over the last one. */
export class BlockWriter {
  private readonly strings = new Map<string, number>();
  private readonly tags: Uint8Array;
  private readonly values: Float64Array;
  private count = 0;

  constructor(
    private readonly sink: (block: Buffer) => void,
    private readonly capacity = 8192,
  ) {
    this.tags = new Uint8Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /**
   * Appends one row: `cells`, then `a` and `b` when given (the cache's household and kind, added without copying the
   * row; fixed parameters rather than a rest array, which would allocate per row).
   */
  add(cells: readonly Cell[], a?: number, b?: number): void {
    const n = cells.length + (a === undefined ? 0 : 1) + (b === undefined ? 0 : 1);
    if (n + 1 > this.capacity) throw new InternalError('ROW_BLOCK_WIDTH', `row of ${n} cells does not fit a block of ${this.capacity}`);
    if (this.count + n + 1 > this.capacity) this.flush();
    this.tags[this.count] = NUMBER;
    this.values[this.count++] = n;
    for (let i = 0; i < cells.length; i++) this.cell(cells[i]!);
    if (a !== undefined) this.cell(a);
    if (b !== undefined) this.cell(b);
  }

  private cell(c: Cell): void {
    const at = this.count++;
    if (c === null || c === undefined) {
      this.tags[at] = NULL;
    } else if (typeof c === 'number') {
      this.tags[at] = NUMBER;
      this.values[at] = c;
    } else {
      let code = this.strings.get(c);
      if (code === undefined) this.strings.set(c, (code = this.strings.size));
      this.tags[at] = STRING;
      this.values[at] = code;
    }
  }

  /** Hands the rows collected so far to the sink as one block (nothing when there are none). */
  flush(): void {
    if (this.count === 0) return;
    const text = Buffer.from(JSON.stringify([...this.strings.keys()]), 'utf8');
    const size = 8 + pad8(text.length) + pad8(this.count) + this.count * 8;
    const block = Buffer.alloc(size);
    block.writeUInt32LE(text.length, 0);
    block.writeUInt32LE(this.count, 4);
    let off = 8;
    text.copy(block, off);
    off += pad8(text.length);
    block.set(this.tags.subarray(0, this.count), off);
    off += pad8(this.count);
    block.set(new Uint8Array(this.values.buffer, 0, this.count * 8), off);
    this.sink(block);
    this.strings.clear();
    this.count = 0;
  }
}

/** The whole size of the block whose first 8 bytes are `head`. */
export function blockSize(head: Uint8Array): number {
  const view = new DataView(head.buffer, head.byteOffset, 8);
  const count = view.getUint32(4, true);
  return 8 + pad8(view.getUint32(0, true)) + pad8(count) + count * 8;
}

/** Every row of the blocks laid end to end in `buf`, appended to `out` in order. */
export function decodeBlocks(buf: Uint8Array, out: Cell[][] = []): Cell[][] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let off = 0; off < buf.length; ) {
    if (off + 8 > buf.length) throw new InternalError('ROW_BLOCK_CORRUPT', `block header cut at byte ${off}`);
    const textBytes = view.getUint32(off, true);
    const count = view.getUint32(off + 4, true);
    off += 8;
    const end = off + pad8(textBytes) + pad8(count) + count * 8;
    if (end > buf.length) throw new InternalError('ROW_BLOCK_CORRUPT', `block at byte ${off - 8} runs past the end`);
    const strings = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + off, textBytes).toString('utf8')) as string[];
    off += pad8(textBytes);
    const tags = buf.subarray(off, off + count);
    off += pad8(count);
    // Copied out: a Float64Array needs 8-aligned offsets, which a Buffer from SQLite or a pooled read need not have.
    const values = new Float64Array(count);
    new Uint8Array(values.buffer).set(buf.subarray(off, off + count * 8));
    off += count * 8;
    for (let at = 0; at < count; ) {
      const n = values[at++]!;
      const cells: Cell[] = new Array(n);
      for (let i = 0; i < n; i++, at++) {
        const t = tags[at];
        cells[i] = t === NULL ? null : t === NUMBER ? values[at]! : strings[values[at]!]!;
      }
      out.push(cells);
    }
  }
  return out;
}
