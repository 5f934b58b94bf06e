/**
 * Character helpers for the hand-written scanners. Full-width ASCII (U+FF01–FF5E: ０-９ ， ． － ／ …) is folded
 * the way NFKC would fold it, one code unit at a time, so the hot path never calls String.prototype.normalize.
 */

export function foldWidth(code: number): number {
  return code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code;
}

/**
 * The UTF-16 code at `i`, or -1 past the end. Scanners look one character ahead; reading past the end with
 * charCodeAt itself makes V8 deoptimise the hot function (“out of bounds”), so every lookahead goes through here.
 */
export function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** 0–9 for an ASCII or full-width digit at `i`, else -1 (also past the end). */
export function digitAt(text: string, i: number): number {
  const code = codeAt(text, i);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return -1;
}

/** Spaces that may separate a currency sign or unit from the digits: ASCII, tab, NBSP, ideographic space. */
export function isSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x3000;
}

/** Two-digit zero-padded 0–99, so building a date string allocates only the result. */
export const pad2: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
