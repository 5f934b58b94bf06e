import { describe, expect, it } from 'vitest';
import { BlockWriter, blockSize, decodeBlocks } from '../../src/match/rowBlocks.js';
import type { Cell } from '../../src/match/sourceRows.js';

function roundTrip(rows: Cell[][], capacity?: number, extra?: [number, number]): { blocks: Buffer[]; back: Cell[][] } {
  const blocks: Buffer[] = [];
  const w = new BlockWriter((b) => blocks.push(b), capacity);
  for (const r of rows) (extra ? w.add(r, extra[0], extra[1]) : w.add(r));
  w.flush();
  return { blocks, back: decodeBlocks(Buffer.concat(blocks)) };
}

describe('row blocks (match cache storage)', () => {
  it('gives back every cell exactly: text stays text, numbers stay exact, null stays null', () => {
    const rows: Cell[][] = [
      ['11010519491231002X', '张三', null, 0, -1, 2 ** 53 - 1, 12.5, ''],
      ['000123', '𠀀𪚥（扩展 B 区）', '"quoted" \\ \n', 371702, null],
      [],
      ['000123', '张三'], // repeated text shares one entry of the block's strings
    ];
    const { back, blocks } = roundTrip(rows);
    expect(back).toEqual(rows);
    expect(typeof back[1]![0]).toBe('string'); // an all-digit account number is never turned into a number
    expect(blocks).toHaveLength(1);
    expect(blockSize(blocks[0]!)).toBe(blocks[0]!.length);
    expect(blocks[0]!.length % 8).toBe(0);
  });

  it('splits rows over blocks at the capacity and appends the two extra cells without copying the row', () => {
    const rows: Cell[][] = Array.from({ length: 50 }, (_, i) => [`r${i % 7}`, i, i % 3 === 0 ? null : 'x']);
    const { blocks, back } = roundTrip(rows, 16, [9, 2]);
    // A row is 1 count cell + 3 cells + 2 extra = 6 cells: two rows a block of 16.
    expect(blocks).toHaveLength(25);
    expect(back).toEqual(rows.map((r) => [...r, 9, 2]));
  });

  it('refuses a row wider than a block, and a cut block', () => {
    const w = new BlockWriter(() => undefined, 4);
    expect(() => w.add(['a', 'b', 'c', 'd'])).toThrow(/ROW_BLOCK_WIDTH|does not fit/);
    const { blocks } = roundTrip([['a', 1]]);
    expect(() => decodeBlocks(blocks[0]!.subarray(0, blocks[0]!.length - 8))).toThrow(/runs past the end/);
    expect(() => decodeBlocks(blocks[0]!.subarray(0, 4))).toThrow(/header cut/);
  });
});
