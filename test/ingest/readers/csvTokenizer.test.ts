import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, maxCellChars } from '../../../src/ingest/readers/csvTokenizer.js';
import type { TokenizedRecord } from '../../../src/ingest/readers/types.js';

function tokenize(text: string, chunkSize = text.length || 1, delimiter = ','): TokenizedRecord[] {
  const t = new CsvTokenizer(delimiter);
  const out: TokenizedRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...t.push(text.slice(i, i + chunkSize)));
  out.push(...t.end());
  return out;
}

describe('CsvTokenizer', () => {
  it('splits plain rows and keeps physical line numbers and raw text', () => {
    const recs = tokenize('a,b,c\n1,2,3\n4,5,6');
    expect(recs.map((r) => r.cells)).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(recs.map((r) => r.raw)).toEqual(['a,b,c', '1,2,3', '4,5,6']);
  });

  it('handles CRLF, lone CR and a trailing line break', () => {
    const recs = tokenize('a,b\r\n1,2\r3,4\r\n');
    expect(recs.map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks; the next record starts on the right line', () => {
    const text = 'name,addr\r\n"张三","山东省,菏泽市""牡丹区""\r\n二号楼"\r\n李四,x\r\n';
    for (const size of [1, 2, 3, 7, 1000]) {
      const recs = tokenize(text, size);
      expect(recs.map((r) => r.cells)).toEqual([
        ['name', 'addr'],
        ['张三', '山东省,菏泽市"牡丹区"\r\n二号楼'],
        ['李四', 'x'],
      ]);
      expect(recs.map((r) => r.line)).toEqual([1, 2, 4]);
      expect(recs[1]!.raw).toBe('"张三","山东省,菏泽市""牡丹区""\r\n二号楼"');
    }
  });

  it('keeps empty trailing cells so ragged rows can be detected', () => {
    expect(tokenize('a,b,\n,,\n').map((r) => r.cells)).toEqual([['a', 'b', ''], ['', '', '']]);
  });

  it('flags an unterminated quote at end of input instead of dropping the text', () => {
    const recs = tokenize('a,b\n1,"2\n3,4\n');
    expect(recs).toHaveLength(2);
    expect(recs[1]!.fault).toEqual({ kind: 'unterminatedQuote' });
    expect(recs[1]!.line).toBe(2);
  });

  it('cuts a cell longer than Excel allows without holding it, and flags the row', () => {
    const big = 'x'.repeat(maxCellChars + 10);
    const recs = tokenize(`a,b\n1,${big},3\n4,5\n`, 1000);
    expect(recs[1]!.fault).toEqual({ kind: 'cellTooLong', column: 1, length: maxCellChars + 10 });
    expect(recs[1]!.cells).toEqual(['1', '', '3']);
    expect(recs[1]!.raw.length).toBeLessThan(5000);
    expect(recs[2]!.cells).toEqual(['4', '5']);
    expect(recs[2]!.line).toBe(3);
  });

  it('uses the delimiter it is given', () => {
    expect(tokenize('a\tb\n1,2\t3\n', 4, '\t').map((r) => r.cells)).toEqual([['a', 'b'], ['1,2', '3']]);
  });

  it('agrees with csv-parse on 300 random well-formed documents, whatever the chunk size', () => {
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = ['a', '中', ',', '"', '\n', '\r\n', ' ', '1', '·'];
    for (let doc = 0; doc < 300; doc++) {
      const rows: string[][] = [];
      const width = 1 + Math.floor(rnd() * 5);
      for (let r = 0; r < 1 + Math.floor(rnd() * 6); r++) {
        const row: string[] = [];
        for (let c = 0; c < width; c++) {
          let v = '';
          for (let k = Math.floor(rnd() * 6); k > 0; k--) v += alphabet[Math.floor(rnd() * alphabet.length)];
          row.push(v);
        }
        rows.push(row);
      }
      const text = rows
        .map((row) => row.map((v) => (/[",\r\n]/.test(v) || rnd() < 0.2 ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
        .join(rnd() < 0.5 ? '\n' : '\r\n');
      const expected = parse(text, { relax_column_count: true }) as string[][];
      const actual = tokenize(text, 1 + Math.floor(rnd() * 9)).map((r) => r.cells);
      // csv-parse drops records that are one empty field (a blank line); the reader drops those too.
      expect(actual.filter((c) => !(c.length === 1 && c[0] === ''))).toEqual(expected.filter((c) => !(c.length === 1 && c[0] === '')));
    }
  });
});
