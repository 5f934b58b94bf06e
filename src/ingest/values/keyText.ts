/**
 * rules.md R10: plates, certificate numbers and institutions are compared after NFKC, upper-casing and removing
 * spaces and dots. The dots are the ASCII period and the middle-dot look-alikes that survive NFKC (京A·12345).
 */

const spacesAndDots = /[\s.\u00B7\u2022\u2027\u2219\u22C5\u30FB]/gu;

export function normalizeKeyText(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(spacesAndDots, '');
}

/** A 号牌号码 as compared (R10): `京a·12345` → `京A12345`. */
export function normalizePlate(plate: string): string {
  return normalizeKeyText(plate);
}
