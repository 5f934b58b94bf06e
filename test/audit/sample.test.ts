import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allocate, seededHash, stratifiedSample, stratifiedSampleDetail, stratumKey, type SampleHousehold } from '../../src/audit/sample.js';

const sizes = (...s: [string, number][]) => s.map(([key, size]) => ({ key, size }));

/** Households A1…A5 in region A, B1…B3 in region B (all 符合 低保). */
const households: SampleHousehold[] = [
  ...['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => ({ applicationId: id, region: 'A', verdict: '符合', program: '低保' })),
  ...['B1', 'B2', 'B3'].map((id) => ({ applicationId: id, region: 'B', verdict: '符合', program: '低保' })),
];

describe('allocate: proportional, largest remainders (README §8)', () => {
  it('no tie: 50/30/20, n = 7 → quotas 3.5, 2.1, 1.4 → 3,2,1 + the one seat left to the largest remainder (.5) → 4,2,1', () => {
    expect(allocate(sizes(['A', 50], ['B', 30], ['C', 20]), 7, 's')).toEqual([4, 2, 1]);
  });

  it('tie in remainder goes to the larger stratum; then at least one per stratum (6/3/1, n = 5)', () => {
    // quotas 3, 1.5, .5 → floors 3,1,0, one seat left; remainders B .5 = C .5 → B is larger → 3,2,0.
    // n = 5 ≥ 3 strata, C has 0: donors with ≥ 2 seats: A (3 − 3 = 0 over quota), B (2 − 1.5 = .5 over) → B gives.
    expect(allocate(sizes(['A', 6], ['B', 3], ['C', 1]), 5, 's')).toEqual([3, 1, 1]);
  });

  it('no minimum when n < the number of strata (6/3/1, n = 2)', () => {
    // quotas 1.2, .6, .2 → floors 1,0,0; one seat left → largest remainder .6 (B) → 1,1,0.
    expect(allocate(sizes(['A', 6], ['B', 3], ['C', 1]), 2, 's')).toEqual([1, 1, 0]);
  });

  it('equal remainder and size: the seed decides, by SHA-256(seed:stratum)', () => {
    // seed s: sha256("s:A") = 366e… < sha256("s:B") = b51a… → A; seed u: "u:A" = f962… > "u:B" = ced8… → B.
    expect(allocate(sizes(['A', 2], ['B', 2]), 1, 's')).toEqual([1, 0]);
    expect(allocate(sizes(['A', 2], ['B', 2]), 1, 'u')).toEqual([0, 1]);
  });

  it('donor tie (same excess): the stratum latest in the priority order gives (5/5/1, n = 4)', () => {
    // quotas 1.818, 1.818, .364 → 1,1,0; two seats left, remainders 9/11, 9/11, 4/11 → A and B → 2,2,0.
    // C needs one; A and B are both 2 − 1.818 over → the later of A, B in the priority order gives:
    // seed s (A before B) → B gives → 2,1,1; seed u (B before A) → A gives → 1,2,1.
    expect(allocate(sizes(['A', 5], ['B', 5], ['C', 1]), 4, 's')).toEqual([2, 1, 1]);
    expect(allocate(sizes(['A', 5], ['B', 5], ['C', 1]), 4, 'u')).toEqual([1, 2, 1]);
  });

  it('n ≥ N takes everyone, n = 0 nobody, sums are always min(n, N)', () => {
    expect(allocate(sizes(['A', 2], ['B', 1]), 3, 's')).toEqual([2, 1]);
    expect(allocate(sizes(['A', 2], ['B', 1]), 99, 's')).toEqual([2, 1]);
    expect(allocate(sizes(['A', 2], ['B', 1]), 0, 's')).toEqual([0, 0]);
    for (let n = 0; n <= 40; n++) {
      const k = allocate(sizes(['A', 17], ['B', 9], ['C', 1], ['D', 1], ['E', 4]), n, `seed${n}`);
      expect(k.reduce((a, b) => a + b, 0)).toBe(Math.min(n, 32));
      expect(k.every((x, i) => x <= [17, 9, 1, 1, 4][i]!)).toBe(true);
      if (n >= 5) expect(k.every((x) => x >= 1)).toBe(true);
    }
  });
});

describe('stratifiedSample', () => {
  it('orders each stratum by SHA-256(seed:application_id) and takes the first k (hand-checked hashes)', () => {
    // N = 8, n = 4: quotas A 2.5, B 1.5 → 2,1 + one seat, remainders equal → A is larger → A 3, B 1.
    // sha256("s:…"): A3 856d… < A2 8cbd… < A4 bb9d… < A1 d2b6… < A5 ddbe…; B3 16b5… < B1 9a0f… < B2 cfaf….
    expect(stratifiedSample(households, 4, 's', ['region'])).toEqual([
      { applicationId: 'A3', stratum: 'A' },
      { applicationId: 'A2', stratum: 'A' },
      { applicationId: 'A4', stratum: 'A' },
      { applicationId: 'B3', stratum: 'B' },
    ]);
    expect(seededHash('s', 'A3')).toBe(createHash('sha256').update('s:A3').digest('hex'));
    expect(seededHash('s', 'A3').startsWith('856d169868b0eefb')).toBe(true);
  });

  it('is reproducible and does not depend on input order; another seed draws another sample', () => {
    const a = stratifiedSample(households, 4, 's', ['region']);
    expect(stratifiedSample([...households].reverse(), 4, 's', ['region'])).toEqual(a);
    expect(stratifiedSample(households, 4, 's', ['region'])).toEqual(a);
    expect(stratifiedSample(households, 4, 'other', ['region'])).not.toEqual(a);
  });

  it('n ≥ N samples everyone; unstratified is one stratum 全部', () => {
    expect(stratifiedSample(households, 8, 's', ['region'])).toHaveLength(8);
    expect(stratifiedSample(households, 50, 's', [])).toHaveLength(8);
    const one = stratifiedSample(households, 2, 's', []);
    // One stratum 全部, hash order over everyone: B3 (16b5…) < A3 (856d…) < A2 (8cbd…) < …
    expect(one).toEqual([
      { applicationId: 'B3', stratum: '全部' },
      { applicationId: 'A3', stratum: '全部' },
    ]);
  });

  it('stratum keys: region, verdict, program in that order whatever the option order; region_code as stored', () => {
    const h = { applicationId: 'X', region: '510504004003', verdict: '不符合', program: '低保' };
    expect(stratumKey(h, ['program', 'region', 'verdict'])).toBe('510504004003 / 不符合 / 低保');
    expect(stratumKey(h, ['program'])).toBe('低保');
    expect(stratumKey({ ...h, region: '' }, ['region'])).toBe('（空）');
  });

  it('detail reports every stratum with its population, exact quota and seats', () => {
    const d = stratifiedSampleDetail(households, 4, 's', ['region']);
    expect(d.population).toBe(8);
    expect(d.size).toBe(4);
    expect(d.strata).toEqual([
      { stratum: 'A', population: 5, quotaNumerator: 20, sample: 3 },
      { stratum: 'B', population: 3, quotaNumerator: 12, sample: 1 },
    ]);
  });
});
