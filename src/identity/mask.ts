/** Masking for every output (data-contract.md): ID numbers keep the first 6 and last 4, account numbers the last 4. */

/**
 * `371702********123X`. A value shorter than 11 characters would show 10 or more of its characters with that rule
 * (all of them at 10), so it keeps only the last 4; at 4 or fewer nothing is shown. Either way no more than 10
 * characters are ever revealed, and a truncated or garbled ID is masked as well as a good one.
 */
export function maskId(id: string): string {
  // Counted in characters, not UTF-16 units; the usual text (no surrogate pair) is sliced without splitting it first.
  if (!hasSurrogate.test(id)) {
    const count = id.length;
    if (count >= 11) return id.slice(0, 6) + '*'.repeat(count - 10) + id.slice(-4);
    return count <= 4 ? '*'.repeat(count) : '*'.repeat(count - 4) + id.slice(-4);
  }
  const characters = Array.from(id);
  const count = characters.length;
  if (count >= 11) return characters.slice(0, 6).join('') + '*'.repeat(count - 10) + characters.slice(-4).join('');
  return keepLast4(characters);
}

/** `***************1234`: length kept so the operator can tell card numbers from product codes. */
export function maskAccount(no: string): string {
  if (!hasSurrogate.test(no)) return no.length <= 4 ? '*'.repeat(no.length) : '*'.repeat(no.length - 4) + no.slice(-4);
  return keepLast4(Array.from(no));
}

const hasSurrogate = /[\uD800-\uDFFF]/;

function keepLast4(characters: string[]): string {
  const count = characters.length;
  if (count <= 4) return '*'.repeat(count);
  return '*'.repeat(count - 4) + characters.slice(-4).join('');
}
