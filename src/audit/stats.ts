/**
 * The audit's error rate and its 95 % confidence interval (issue 6 item 1).
 *
 * Error rate = sampled households with at least one difference ÷ sampled households (the sample is proportionally
 * allocated, so it is close to self-weighting and no stratum weights are applied).
 *
 * Interval: the Wilson score interval (Wilson 1927) with z = 1.959963984540054 (the 97.5 % normal quantile):
 *   centre = (x + z²/2) / (n + z²),  half-width = z / (n + z²) · √(x(n − x)/n + z²/4),
 * clamped to [0, 1]. Chosen over the textbook Wald interval p ± z√(p(1−p)/n) because audits usually find 0 errors,
 * where Wald collapses to [0, 0] and claims a certainty a sample of 10 cannot give; Wilson gives [0, 27.75 %] for
 * 0 of 10. No finite-population correction is applied, so the interval is slightly conservative when the sample is a
 * large share of the batch (and it is still reported when everyone was sampled, where the true rate is known exactly).
 */

export const z95 = 1.959963984540054;

export interface RateWithInterval {
  /** x / n. */
  rate: number;
  lower: number;
  upper: number;
}

/** Wilson score interval for x successes in n trials; null when n = 0 (nothing was sampled). */
export function wilsonInterval(x: number, n: number, z: number = z95): RateWithInterval | null {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) {
    throw new RangeError(`wilsonInterval: need 0 ≤ x ≤ n integers, got x=${x}, n=${n}`);
  }
  if (n === 0) return null;
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return {
    rate: x / n,
    // Exact bounds at the ends (x = 0 → lower 0, x = n → upper 1) instead of a rounding residue like 1e-17.
    lower: x === 0 ? 0 : Math.max(0, centre - half),
    upper: x === n ? 1 : Math.min(1, centre + half),
  };
}

/** `0.27753` → `27.75%` (two decimals). */
export function percentText(p: number): string {
  return `${(Math.round(p * 10000) / 100).toFixed(2)}%`;
}
