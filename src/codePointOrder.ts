/**
 * Code-point order of strings (data-contract.md orders files and application_ids this way). UTF-8 byte order is
 * code-point order; JS `<` compares UTF-16 units, which misorders characters beyond the BMP (e.g. 𠮷): their
 * surrogates (D800–DFFF) would sort before E000–FFFF. Shifting the two ranges at the first difference fixes that
 * without encoding either string (the match plan sorts every application_id of a night with this).
 */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

const codePointRank = (unit: number): number => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);
