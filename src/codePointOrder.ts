/**
 * Code-point order of strings (data-contract.md orders files and application_ids this way). UTF-8 byte order is
 * code-point order; JS `<` compares UTF-16 units, which misorders characters beyond the BMP (e.g. 𠮷).
 */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
