/**
 * A set of 53-bit row hashes in one Float64Array (open addressing, linear probing): 8 bytes a slot, at most half full,
 * so the DUPLICATE_ROW check costs 16–32 bytes per row of the batch instead of a B-tree index updated at random
 * places for every insert (which dominated import time). Slots hold hash + 1 so that 0 can mean empty.
 */
export class HashSet53 {
  private table: Float64Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.table = new Float64Array(size);
    this.mask = size - 1;
  }

  /** Rebuilds a set from a table handed over by `buffer()` (e.g. to a worker thread). */
  static fromTable(table: Float64Array, count: number): HashSet53 {
    const set = new HashSet53();
    set.table = table;
    set.mask = table.length - 1;
    set.count = count;
    return set;
  }

  get size(): number {
    return this.count;
  }

  /** The backing table and count, for handing the set to a worker. */
  snapshot(): { table: Float64Array; count: number } {
    return { table: this.table, count: this.count };
  }

  /** Adds `hash`; returns true when it was already present. */
  add(hash: number): boolean {
    const v = hash + 1;
    const t = this.table;
    let i = hash % 0x100000000 & this.mask;
    for (;;) {
      const s = t[i]!;
      if (s === 0) break;
      if (s === v) return true;
      i = (i + 1) & this.mask;
    }
    t[i] = v;
    if (++this.count * 2 > t.length) this.grow();
    return false;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    for (const v of old) {
      if (v === 0) continue;
      let i = (v - 1) % 0x100000000 & this.mask;
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = v;
    }
  }
}
