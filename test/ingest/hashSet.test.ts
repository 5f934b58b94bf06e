import { describe, expect, it } from 'vitest';
import { HashSet53 } from '../../src/ingest/hashSet.js';
import { hash53 } from '../../src/ingest/rowHash.js';

describe('HashSet53', () => {
  it('reports exactly the repeats, through several growths, including 0 and the largest 53-bit value', () => {
    const set = new HashSet53(4);
    const values = [0, 2 ** 53 - 1, ...Array.from({ length: 20_000 }, (_, i) => hash53(`row ${i % 15_000}`))];
    const seen = new Set<number>();
    for (const v of values) {
      expect(set.add(v)).toBe(seen.has(v));
      seen.add(v);
    }
    expect(set.size).toBe(seen.size);
  });

  it('survives a hand-over through its table (as to a worker thread)', () => {
    const a = new HashSet53();
    a.add(7);
    a.add(9);
    const { table, count } = a.snapshot();
    const b = HashSet53.fromTable(table.slice(), count);
    expect(b.add(7)).toBe(true);
    expect(b.add(8)).toBe(false);
    expect(b.size).toBe(3);
  });
});
