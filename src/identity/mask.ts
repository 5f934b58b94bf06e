/** Masking for every output (data-contract.md): ID numbers keep the first 6 and last 4, account numbers the last 4. */

/**
 * `371702********123X`. A value shorter than 11 characters would show 10 or more of its characters with that rule
 * (all of them at 10), so it keeps only the last 4; at 4 or fewer nothing is shown. Either way no more than 10
 * characters are ever revealed, and a truncated or garbled ID is masked as well as a good one.
 */
export function maskId(id: string): string {
  const characters = charactersOf(id);
  const count = characters.length;
  if (count >= 11) return joined(characters.slice(0, 6)) + stars(count - 10) + joined(characters.slice(-4));
  return keepLast4(characters);
}

/** `***************1234`: length kept so the operator can tell card numbers from product codes. */
export function maskAccount(no: string): string {
  return keepLast4(charactersOf(no));
}

/**
 * Masks count characters, not UTF-16 units: text with a surrogate pair is split into characters; the usual text (no
 * pair) is its own list of characters and is sliced as it is, without building an array per call.
 */
function charactersOf(text: string): string | string[] {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text;
}

const joined = (characters: string | string[]): string => (typeof characters === 'string' ? characters : characters.join(''));

function keepLast4(characters: string | string[]): string {
  const count = characters.length;
  if (count <= 4) return stars(count);
  return stars(count - 4) + joined(characters.slice(-4));
}

/** Runs of `*` by length, made once: every household masks its IDs and account numbers. */
const starRuns: string[] = [];
function stars(n: number): string {
  if (n >= 64) return '*'.repeat(n);
  return (starRuns[n] ??= '*'.repeat(n));
}
