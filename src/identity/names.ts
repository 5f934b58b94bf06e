/** 姓名 comparison (R4): equal after normalisation → confirmed evidence, different → suspect (NAME_MISMATCH). */

const whitespace = /\s/gu;

/**
 * Middle-dot look-alikes typed in minority names (阿依古丽·买买提). Only the ones that survive NFKC are listed:
 * NFKC already turns ･ (U+FF65) into ・ (U+30FB), ﹒ (U+FE52), ． (U+FF0E) and ․ (U+2024) into “.”, · (U+0387) into
 * · (U+00B7), and ㆍ (U+318D) into the jamo U+119E.
 */
const middleDotVariants = /[.\u2022\u2027\u2219\u22C5\u30FB\u2E31\u16EB\u119E\uA78F\u2E33]/gu;

/** NFKC, no whitespace at all (incl. U+3000 and NBSP), every middle-dot variant as U+00B7. */
export function normalizeName(name: string): string {
  if (isPlainHanName(name)) return name; // the common case, already normal: skip NFKC and the two regexes
  return name.normalize('NFKC').replace(whitespace, '').replace(middleDotVariants, '\u00B7');
}

/** Only CJK Unified Ideographs (U+4E00–U+9FFF) and U+00B7: NFKC leaves these unchanged and nothing else applies. */
function isPlainHanName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c < 0x4e00 || c > 0x9fff) && c !== 0xb7) return false;
  }
  return name.length > 0;
}

export function namesAgree(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}
