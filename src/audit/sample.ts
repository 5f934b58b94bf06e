/**
 * The audit sample (README.md §8, issue 6 item 1): a seeded, stratified random sample of a batch's households that
 * anyone can reproduce from the seed and results.json alone. Pure: no I/O, no clock, no Math.random.
 *
 * The rule, step by step (the same text goes into the 结论 sheet, see `samplingMethodText`):
 *  1. Strata. Each household's stratum is the tuple of the chosen dimensions, always in the order region, verdict,
 *     program, whatever order `--strata` named them in: region = `region_code` exactly as stored in results.json (6 or
 *     12 digits, no prefix cut — a 12-digit village code is its own stratum), verdict = results.json `verdict`
 *     (符合 / 不符合 / 待复核), program = `program`. The stratum key is those values joined by " / " (an empty value
 *     reads （空）); with no dimension at all every household is in the one stratum 全部.
 *  2. n ≥ N (population): everyone is taken. n ≤ 0: nobody.
 *  3. Proportional allocation, largest remainders (Hamilton): stratum h of size N_h has the quota q_h = n·N_h/N; it
 *     first gets ⌊q_h⌋, then the n − Σ⌊q_h⌋ seats left go one each to the strata with the largest remainders
 *     q_h − ⌊q_h⌋ (compared exactly, as the integers n·N_h mod N). Ties in remainder: the larger stratum first, then
 *     the smaller SHA-256(`{seed}:{stratum key}`) (lower-case hex, compared as text) — a tie is broken by the seed,
 *     never systematically in favour of low region codes. This order is the "priority order" below.
 *  4. At least one per non-empty stratum when n ≥ the number of non-empty strata S: while a stratum has 0, one seat
 *     moves to it from the stratum holding at least 2 whose allocation exceeds its quota the most (k_h − q_h, exact);
 *     ties: the stratum latest in the priority order gives. (Which empty stratum is served first does not change the
 *     result: the donor depends only on the allocation.) When n < S, no minimum applies: some strata get 0.
 *  5. Within a stratum households are ordered by SHA-256(`{seed}:{application_id}`) (UTF-8, lower-case hex ascending;
 *     application_id code-point order on the impossible tie) and the first k_h are taken.
 * A stratum never gets more than it holds: with n < N every fractional part is < 1, so at most ⌈q_h⌉ ≤ N_h seats.
 */
import { createHash } from 'node:crypto';

export const strataDimensions = ['region', 'verdict', 'program'] as const;
export type StratumDimension = (typeof strataDimensions)[number];

export interface SampleHousehold {
  applicationId: string;
  /** results.json region_code as stored. */
  region: string;
  /** results.json verdict (符合 / 不符合 / 待复核). */
  verdict: string;
  program: string;
}

export interface SampledHousehold {
  applicationId: string;
  /** The stratum key, e.g. `510504 / 符合 / 特困`. */
  stratum: string;
}

export interface StratumAllocation {
  stratum: string;
  /** Households of the batch in this stratum (N_h). */
  population: number;
  /** The proportional quota n·N_h/N as an exact fraction (numerator over the population N). */
  quotaNumerator: number;
  /** Households taken (k_h). */
  sample: number;
}

export interface SampleDetail {
  /** Sampled households, by stratum key (code-point order), then by their seeded hash. */
  sample: (SampledHousehold & { hash: string })[];
  /** Every non-empty stratum, key order. */
  strata: StratumAllocation[];
  /** N. */
  population: number;
  /** Σ k_h = min(n, N). */
  size: number;
}

/** SHA-256(`{seed}:{value}`) in lower-case hex: the seeded order of households (and of tied strata). */
export function seededHash(seed: string, value: string): string {
  return createHash('sha256').update(`${seed}:${value}`, 'utf8').digest('hex');
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical dimension list: known names only, duplicates dropped, in the order region, verdict, program. */
export function canonicalStrata(strata: readonly StratumDimension[]): StratumDimension[] {
  return strataDimensions.filter((d) => strata.includes(d));
}

export function stratumKey(h: SampleHousehold, strata: readonly StratumDimension[]): string {
  const dims = canonicalStrata(strata);
  if (dims.length === 0) return '全部';
  return dims.map((d) => h[d] || '（空）').join(' / ');
}

interface Stratum {
  key: string;
  size: number;
  /** n·N_h mod N: the remainder of the quota, times N. */
  remainder: number;
  /** n·N_h: the quota, times N. */
  quotaTimesN: number;
  tieHash: string;
}

/**
 * Seats per stratum (steps 2–4 of the rule) for strata of the given sizes; `seed` breaks ties. Exported for tests and
 * for anyone who wants the allocation without the households.
 */
export function allocate(strata: readonly { key: string; size: number }[], n: number, seed: string): number[] {
  const N = strata.reduce((s, x) => s + x.size, 0);
  if (!Number.isSafeInteger(n * Math.max(N, 1))) throw new RangeError(`sample size ${n} × population ${N} is too large`);
  if (n >= N) return strata.map((s) => s.size);
  if (n <= 0) return strata.map(() => 0);
  const rows: Stratum[] = strata.map((s) => ({
    key: s.key,
    size: s.size,
    quotaTimesN: n * s.size,
    remainder: (n * s.size) % N,
    tieHash: seededHash(seed, s.key),
  }));
  const k = rows.map((r) => (r.quotaTimesN - r.remainder) / N);
  // The priority order: remainder desc, size desc, seeded hash of the key asc (key asc on the impossible tie).
  const priority = rows
    .map((_, i) => i)
    .sort((a, b) => rows[b]!.remainder - rows[a]!.remainder || rows[b]!.size - rows[a]!.size || cmp(rows[a]!.tieHash, rows[b]!.tieHash) || cmp(rows[a]!.key, rows[b]!.key));
  let left = n - k.reduce((s, x) => s + x, 0);
  for (const i of priority) {
    if (left === 0) break;
    k[i]!++;
    left--;
  }
  const nonEmpty = rows.filter((r) => r.size > 0).length;
  if (n >= nonEmpty) {
    const rank = new Map(priority.map((i, pos) => [i, pos]));
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]!.size === 0 || k[i]! > 0) continue;
      // Donor: k ≥ 2, largest excess k·N − n·N_h; ties → latest in the priority order. One always exists (Σk = n ≥ S).
      let donor = -1;
      for (let j = 0; j < rows.length; j++) {
        if (k[j]! < 2) continue;
        if (donor < 0) {
          donor = j;
          continue;
        }
        const ej = k[j]! * N - rows[j]!.quotaTimesN;
        const ed = k[donor]! * N - rows[donor]!.quotaTimesN;
        if (ej > ed || (ej === ed && rank.get(j)! > rank.get(donor)!)) donor = j;
      }
      k[donor]!--;
      k[i] = 1;
    }
  }
  return k;
}

/** The full sample with its per-stratum allocation (see the rule above). */
export function stratifiedSampleDetail(
  households: readonly SampleHousehold[],
  n: number,
  seed: string,
  strata: readonly StratumDimension[],
): SampleDetail {
  const groups = new Map<string, { id: string; hash: string }[]>();
  for (const h of households) {
    const key = stratumKey(h, strata);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push({ id: h.applicationId, hash: seededHash(seed, h.applicationId) });
  }
  const keys = [...groups.keys()].sort(cmp);
  const sizes = keys.map((key) => ({ key, size: groups.get(key)!.length }));
  const seats = allocate(sizes, n, seed);
  const sample: SampleDetail['sample'] = [];
  keys.forEach((key, i) => {
    const members = groups.get(key)!.sort((a, b) => cmp(a.hash, b.hash) || cmp(a.id, b.id));
    for (const m of members.slice(0, seats[i]!)) sample.push({ applicationId: m.id, stratum: key, hash: m.hash });
  });
  return {
    sample,
    strata: keys.map((key, i) => ({ stratum: key, population: sizes[i]!.size, quotaNumerator: Math.max(0, n) * sizes[i]!.size, sample: seats[i]! })),
    population: households.length,
    size: sample.length,
  };
}

/** README.md §8 sample: `{applicationId, stratum}` in stratum-key order, then seeded-hash order within a stratum. */
export function stratifiedSample(
  households: readonly SampleHousehold[],
  n: number,
  seed: string,
  strata: readonly StratumDimension[],
): SampledHousehold[] {
  return stratifiedSampleDetail(households, n, seed, strata).sample.map(({ applicationId, stratum }) => ({ applicationId, stratum }));
}

const dimensionNames: Record<StratumDimension, string> = { region: '区划代码', verdict: '核对结论', program: '救助类别' };

export function strataText(strata: readonly StratumDimension[]): string {
  const dims = canonicalStrata(strata);
  return dims.length ? dims.map((d) => `${dimensionNames[d]}（${d}）`).join(' × ') : '不分层';
}

/** The sampling rule in Chinese, for the 结论 sheet: enough to redo the sample by hand from results.json. */
export function samplingMethodText(strata: readonly StratumDimension[]): string {
  return [
    `分层：${strataText(strata)}；区划代码按 results.json 中 region_code 原值（不截取前缀），核对结论取 verdict，救助类别取 program；层名为各值以“ / ”连接（空值记作“（空）”）。`,
    '样本量 n 不小于总体户数 N 时全部抽取。',
    '各层按比例分配 n·N_h/N，先取整数部分，余下名额按余数从大到小（最大余数法）逐一分配；余数相同时层户数多者优先，再按 SHA-256(“种子:层名”) 十六进制升序。',
    '当 n 不少于非空层数时，每个非空层至少 1 户：从分得至少 2 户且超出比例份额最多的层（并列时取上述优先次序中最靠后者）调出 1 个名额补给分得 0 户的层。',
    '层内按 SHA-256(“种子:申请编号”)（UTF-8，十六进制小写）升序排列，取前 k_h 户。',
  ].join('\n');
}
