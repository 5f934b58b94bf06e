import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../src/ingest/values/money.js';

/** mulberry32: a tiny seeded PRNG, so a failure is reproducible from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function grouped(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** n 分 as yuan with 2 decimals, from integer digits only (no floating point in the oracle either). */
function yuan(n: number, withSeparators: boolean): string {
  const units = String(Math.floor(n / 100));
  const cents = String(n % 100).padStart(2, '0');
  return `${withSeparators ? grouped(units) : units}.${cents}`;
}

describe('parseMoney property: formatted yuan parses back to the same 分', () => {
  it('5,000 seeded random amounts from 0 to 10^12 分, with and without thousands separators', () => {
    const next = prng(20240601);
    const amounts = [0, 1, 99, 100, 1_000_000_000_000];
    while (amounts.length < 5_000) {
      // A random number of digits first, so small amounts are as common as large ones.
      const digits = 1 + (next() % 13);
      const n = ((next() % 1_000_000) * 1_000_000 + (next() % 1_000_000)) % 10 ** digits;
      amounts.push(n);
    }
    for (const n of amounts) {
      for (const text of [yuan(n, false), yuan(n, true), `¥${yuan(n, true)}元`]) {
        const r = parseMoney(text, { allowNegative: false });
        if (!r.ok || r.value !== n) expect.fail(`${text} → ${JSON.stringify(r)}, expected ${n}`);
      }
      const negative = parseMoney(`-${yuan(n, true)}`, { allowNegative: true });
      if (!negative.ok || negative.value !== (n === 0 ? 0 : -n)) expect.fail(`-${yuan(n, true)} → ${JSON.stringify(negative)}`);
    }
  });
});
