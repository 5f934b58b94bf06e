/**
 * Cleans the text of a 身份证号 cell before validation: spaces anywhere (a trimmed cell, “110105 1949…” typed in
 * groups) and full-width input (IME in full-width mode) are common and harmless; anything else is left for the
 * validator to report.
 */

const fullWidthZero = 0xff10;
const fullWidthNine = 0xff19;
const fullWidthUpperX = 0xff38;
const fullWidthLowerX = 0xff58;
const asciiZero = 0x30;
const upperX = 0x58;
const lowerX = 0x78;

/** The characters String.prototype.trim removes (incl. U+3000 and NBSP); removed everywhere, not only at the ends. */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0xfeff ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f
  );
}

/** The ASCII code a character becomes, or -1 when it is dropped. */
function normalizedCode(code: number): number {
  if (code >= fullWidthZero && code <= fullWidthNine) return code - fullWidthZero + asciiZero;
  if (code === fullWidthUpperX || code === fullWidthLowerX || code === lowerX) return upperX;
  if (isSpace(code)) return -1;
  return code;
}

/** Removes all spaces, makes ０-９, Ｘ, ｘ ASCII and x upper-case. Nothing else. */
export function normalizeIdText(raw: string): string {
  // Hot path (~1M calls per import): an already clean value is returned without allocating.
  let firstChange = -1;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (normalizedCode(code) !== code) {
      firstChange = i;
      break;
    }
  }
  if (firstChange < 0) return raw;

  let out = raw.slice(0, firstChange);
  for (let i = firstChange; i < raw.length; i++) {
    const code = normalizedCode(raw.charCodeAt(i));
    if (code >= 0) out += String.fromCharCode(code);
  }
  return out;
}
