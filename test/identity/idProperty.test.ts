import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../src/identity/checksum.js';
import { parseIdNumber } from '../../src/identity/idNumber.js';

/** mulberry32: a seeded generator, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValidId(random: () => number): string {
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = 1900 + Math.floor(random() * 120);
  const date = `${year}${pad(1 + Math.floor(random() * 12))}${pad(1 + Math.floor(random() * 28))}`;
  const first17 = `${digits(6)}${date}${digits(3)}`;
  return first17 + checkCharacter(first17);
}

describe('a single changed digit', () => {
  it('makes each of 2,000 seeded-random valid IDs invalid, whichever of the first 17 it is', () => {
    const random = seededRandom(20240601);
    const accepted: string[] = [];
    const problems = new Set<string>();
    let variants = 0;
    for (let n = 0; n < 2000; n++) {
      const id = randomValidId(random);
      if (!parseIdNumber(id).ok) accepted.push(`base ${id} rejected`);
      for (let position = 0; position < 17; position++) {
        const original = id.charCodeAt(position) - 48;
        for (let digit = 0; digit <= 9; digit++) {
          if (digit === original) continue;
          const changed = id.slice(0, position) + digit + id.slice(position + 1);
          const parsed = parseIdNumber(changed);
          if (parsed.ok) accepted.push(`${changed} (from ${id}) accepted`);
          else problems.add(parsed.problem);
          variants++;
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(variants).toBe(2000 * 17 * 9);
    // A changed date digit may break the date first; everywhere else only the check character can tell.
    expect([...problems].sort()).toEqual(['checksum', 'date']);
  });
});
