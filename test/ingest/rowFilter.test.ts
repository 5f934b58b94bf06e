import { describe, expect, it } from 'vitest';
import { RowFilter } from '../../src/ingest/rowFilter.js';
import { hash53 } from '../../src/ingest/rowHash.js';

describe('RowFilter (DUPLICATE_ROW pre-check)', () => {
  it('never misses a repeat, including 0 and the largest 53-bit value', () => {
    const filter = new RowFilter(new SharedArrayBuffer(1 << 20));
    const values = [0, 2 ** 53 - 1, ...Array.from({ length: 20_000 }, (_, i) => hash53(`row ${i}`))];
    for (const v of values) filter.add(v);
    for (const v of values) expect(filter.add(v)).toBe(true);
  });

  it('keeps false "maybe seen" answers near the theory for its load', () => {
    // 1 MiB = 8,388,608 bits = 16,384 blocks of 512; 100,000 keys → 84 bits a key. A standard filter with k = 8 at that
    // load errs with (1 − e^(−8/84))^8 ≈ 1.7e-8; blocking makes it worse, but far below 1e-4 (10 of 100,000).
    const filter = new RowFilter(new SharedArrayBuffer(1 << 20));
    for (let i = 0; i < 100_000; i++) filter.add(hash53(`kept ${i}`));
    let maybe = 0;
    for (let i = 0; i < 100_000; i++) if (filter.add(hash53(`new ${i}`))) maybe++;
    expect(maybe).toBeLessThan(10);
  });

  it('is shared, not copied: a second view over the same buffer sees what the first added (as the parse worker does)', () => {
    const a = new RowFilter(new SharedArrayBuffer(1 << 16));
    a.add(7);
    const b = new RowFilter(a.buffer);
    expect(b.add(7)).toBe(true);
    expect(b.add(8)).toBe(false);
    expect(a.add(8)).toBe(true);
  });

  it('refuses a size that is not a power of two of 64-byte blocks', () => {
    expect(() => new RowFilter(new SharedArrayBuffer(3 * 64))).toThrow(RangeError);
  });
});
