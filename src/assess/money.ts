/**
 * Integer arithmetic for the assessment (rules.md “Money, rounding, dates”): money in 分, areas in hundredths of m²,
 * no binary floating point for anything that is not an exact integer. Every division rounds half-up in one place.
 */
import type { Rational } from '../policy/rational.js';

/**
 * num / den rounded half-up to an integer, den > 0. For a negative num (an income row may be a 经营净 loss) we round
 * the magnitude half-up, i.e. half away from zero (−0.5 分 → −1 分), so a loss and a gain of the same size round to the
 * same size: proration never favours one sign over the other. Exact in Number while 2·|num| + den < 2^53 (about
 * 45 billion yuan in 分), BigInt beyond.
 */
export function divHalfUp(num: number, den: number): number {
  const neg = num < 0;
  const abs = neg ? -num : num;
  const twice = 2 * abs + den;
  let q: number;
  if (twice < Number.MAX_SAFE_INTEGER && 2 * den < Number.MAX_SAFE_INTEGER) {
    // floor(x / y) is exact for integers x, y < 2^53 (the float quotient cannot cross an integer boundary).
    q = Math.floor(twice / (2 * den));
  } else {
    q = Number((2n * BigInt(abs) + BigInt(den)) / (2n * BigInt(den)));
  }
  return neg ? -q : q;
}

/** a × b / c rounded half-up (half away from zero), c > 0, without losing precision when a × b exceeds 2^53. */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return divHalfUp(product, c);
  const p = BigInt(a) * BigInt(b);
  const neg = p < 0n;
  const abs = neg ? -p : p;
  const q = Number((2n * abs + BigInt(c)) / (2n * BigInt(c)));
  return neg ? -q : q;
}

/** 分 → “1234.56” / “-0.05” (yuan with two decimals; user-facing text only). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const abs = neg ? -fen : fen;
  const int = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${neg ? '-' : ''}${int}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Hundredths of m² → “85.50”. */
export const squareMetres = yuan;

/** A month `YYYY-MM` → a month index (year × 12 + month − 1), for window arithmetic (R5). */
export function monthIndex(month: string): number {
  // Digits by char code: this runs twice per income row.
  const d = (i: number) => month.charCodeAt(i) - 48;
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  return year * 12 + d(5) * 10 + d(6) - 1;
}

/** A month index → `YYYY-MM`. */
export function monthText(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`;
}

/** An exact non-negative rational with BigInt parts (sums of area × share, R11). */
export interface BigRational {
  num: bigint;
  den: bigint;
}

export const bigZero: BigRational = { num: 0n, den: 1n };

function bigGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function bigAdd(a: BigRational, b: BigRational): BigRational {
  if (a.den === b.den) return bigReduce(a.num + b.num, a.den);
  return bigReduce(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function bigReduce(num: bigint, den: bigint): BigRational {
  const g = bigGcd(num, den);
  return { num: num / g, den: den / g };
}

export function bigFrom(num: number, den = 1): BigRational {
  return bigReduce(BigInt(num), BigInt(den));
}

/** Compare a and b: −1, 0, 1. */
export function bigCompare(a: BigRational, b: BigRational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** min(a, 1). */
export function bigCapOne(a: BigRational): BigRational {
  return a.num > a.den ? { num: 1n, den: 1n } : a;
}

/** a rounded half-up to an integer (a ≥ 0). */
export function bigRoundHalfUp(a: BigRational): number {
  return Number((2n * a.num + a.den) / (2n * a.den));
}

/** A rational as text: “1/2”, “1”. */
export function fractionText(r: { num: number | bigint; den: number | bigint }): string {
  return String(r.den) === '1' ? String(r.num) : `${String(r.num)}/${String(r.den)}`;
}

/** r × k for a pack rational and an integer k ≥ 0, exact. */
export function bigOfRational(r: Rational, k = 1): BigRational {
  return bigReduce(BigInt(r.num) * BigInt(k), BigInt(r.den));
}
