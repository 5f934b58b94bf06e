import { describe, expect, it } from 'vitest';
import { byCodePoint } from '../src/codePointOrder.js';

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const sign = (n: number) => Math.sign(n);

describe('byCodePoint', () => {
  it('orders like UTF-8 bytes, also beyond the BMP where UTF-16 units misorder', () => {
    // U+20BB7 𠮷 (surrogates D842 DFB7) is above U+FF21 Ａ in code points, below it in UTF-16 units.
    expect('𠮷' < 'Ａ').toBe(true);
    expect(byCodePoint('𠮷', 'Ａ')).toBeGreaterThan(0);
    expect(['b', 'A2', '𠮷', 'Ａ', 'A10', '张', 'A1', ''].sort(byCodePoint)).toEqual(['', 'A1', 'A10', 'A2', 'b', '张', 'Ａ', '𠮷']);
  });

  it('agrees with UTF-8 byte order on every pair of a mixed sample', () => {
    const units = [0x41, 0x7a, 0x4e00, 0xd7ff, 0xe000, 0xffef, 0x1f600, 0x20bb7, 0x10ffff];
    const sample: string[] = [];
    for (const x of units) for (const y of units) sample.push(String.fromCodePoint(x, y), String.fromCodePoint(x));
    for (const a of sample) for (const b of sample) expect(sign(byCodePoint(a, b))).toBe(sign(utf8Order(a, b)));
  });
});
