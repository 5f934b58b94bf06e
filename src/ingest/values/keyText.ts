/**
 * rules.md R10: plates, certificate numbers and institutions are compared after NFKC, upper-casing and removing
 * spaces and dots. The dots are the ASCII period and the middle-dot look-alikes that survive NFKC (京A·12345).
 */

const spacesAndDots = /[\s.\u00B7\u2022\u2027\u2219\u22C5\u30FB]/gu;

/**
 * Whether every character is a CJK Unified Ideograph (U+4E00–U+9FFF): NFKC leaves those as they are (the compatibility
 * ideographs are elsewhere), and they have no case, space or dot — so the key functions may return such text as is,
 * skipping NFKC, which costs ~1 µs a call (hot in the assessment: institutions, provinces, items).
 */
export function cjkIdeographsOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}

export function normalizeKeyText(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(spacesAndDots, '');
}

/** A 号牌号码 as compared (R10): `京a·12345` → `京A12345`. */
export function normalizePlate(plate: string): string {
  return normalizeKeyText(plate);
}
