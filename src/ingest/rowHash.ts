/**
 * A fast 53-bit hash (cyrb53's mixing) of a row's dedupe values, computed without building a key string. Collisions
 * are possible, so a repeated hash is only a DUPLICATE_ROW candidate, confirmed by comparing values
 * (src/store/rowWriter.ts). Each value is fed with a type tag and its length, so ("ab","c") and ("a","bc") differ.
 */
export function hashValues(values: readonly (string | number | null | undefined)[], indexes: readonly number[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (x: number) => {
    h1 = Math.imul(h1 ^ x, 2654435761);
    h2 = Math.imul(h2 ^ x, 1597334677);
  };
  for (const i of indexes) {
    const v = values[i];
    if (v === null || v === undefined) {
      mix(0x1000001);
    } else if (typeof v === 'number') {
      mix(0x1000002);
      mix(v | 0);
      mix(Math.floor(v / 4294967296) | 0);
    } else {
      mix(0x1000003 + v.length * 4);
      for (let k = 0; k < v.length; k++) mix(v.charCodeAt(k));
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The same hash of one string (tests, benchmarks). */
export function hash53(text: string): number {
  return hashValues([text], [0]);
}
