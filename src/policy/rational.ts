/**
 * Exact numbers of the policy pack (rules.md “Money, rounding, dates”): money is integer 分, rates and multipliers are
 * exact rationals, and nothing the pack says passes through binary floating-point arithmetic.
 *
 * Why: 1.1 has no exact binary value, so in floating point 650 × 1.1 = 715.0000000000001 and rounding that **up**
 * to the whole yuan (the 特困 rule) gives 716 instead of 715; likewise 10 分 × 1.15 = 11.499999999999998 and
 * half-up rounding gives 11 分 instead of 12. As rationals, 650 × 11/10 = 7150/10 = 715 exactly.
 *
 * YAML and JSON hand us a JS number. Its shortest round-trip decimal text (`String(x)`) is the decimal the author
 * wrote (`0.10` → "0.1", `939.5` → "939.5"), so the digits are read from that text, never computed from the double.
 */

/** An exact non-negative rational num/den, in lowest terms, den > 0 (both safe integers). */
export interface Rational {
  num: number;
  den: number;
}

export type DecimalResult<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };

/** Decimal digits of a finite non-negative number, from its shortest decimal text. */
function decimalDigits(x: number, maxDecimals: number): DecimalResult<{ int: string; frac: string }> {
  if (!Number.isFinite(x)) {
    return { ok: false, message: `不是有限的数（${String(x)}）`, hint: '请写一个普通的十进制数，如 939 或 1.5' };
  }
  if (x < 0) return { ok: false, message: `不能为负数（${String(x)}）`, hint: '请写一个不小于 0 的数' };
  const text = String(x);
  const exponent = /e([+-])(\d+)$/i.exec(text);
  if (exponent) {
    return exponent[1] === '-'
      ? { ok: false, message: `小数位过多（${text}），最多 ${maxDecimals} 位小数`, hint: '请按原文写出小数，不要用科学计数法' }
      : { ok: false, message: `数值过大（${text}）`, hint: '请核对数值' };
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, message: `无法识别的数（${text}）`, hint: '请写一个普通的十进制数，如 939 或 1.5' };
  const int = match[1] ?? '0';
  const frac = match[2] ?? '';
  if (frac.length > maxDecimals) {
    return {
      ok: false,
      message: `小数位过多（${text}），最多 ${maxDecimals} 位小数`,
      hint: maxDecimals === 2 ? '金额以元为单位，最多精确到分（两位小数）' : '请核对数值',
    };
  }
  return { ok: true, value: { int, frac } };
}

/** Yuan (at most 2 decimals) → integer 分: 939 → 93900, 939.5 → 93950. */
export function yuanToFen(x: number): DecimalResult<number> {
  const d = decimalDigits(x, 2);
  if (!d.ok) return d;
  const fen = Number(d.value.int) * 100 + Number(d.value.frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return { ok: false, message: `数值过大（${String(x)}）`, hint: '请核对金额' };
  return { ok: true, value: fen };
}

/** A decimal with at most `maxDecimals` decimals → exact rational in lowest terms: 0.10 → 1/10, 1.5 → 3/2. */
export function decimalToRational(x: number, maxDecimals = 6): DecimalResult<Rational> {
  const d = decimalDigits(x, maxDecimals);
  if (!d.ok) return d;
  const num = Number(d.value.int + d.value.frac);
  if (!Number.isSafeInteger(num)) return { ok: false, message: `数值过大（${String(x)}）`, hint: '请核对数值' };
  return { ok: true, value: reduce(num, 10 ** d.value.frac.length) };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function reduce(num: number, den: number): Rational {
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

export function rational(num: number, den = 1): Rational {
  return reduce(num, den);
}

/** The rational's decimal text (every pack rational has a power-of-ten denominator up to factors): 3/2 → "1.5". */
export function rationalText(r: Rational): string {
  let den = r.den;
  let twos = 0;
  let fives = 0;
  while (den % 2 === 0) {
    den /= 2;
    twos++;
  }
  while (den % 5 === 0) {
    den /= 5;
    fives++;
  }
  if (den !== 1) return `${r.num}/${r.den}`;
  const places = Math.max(twos, fives);
  const scaled = (BigInt(r.num) * 10n ** BigInt(places)) / BigInt(r.den);
  const digits = scaled.toString().padStart(places + 1, '0');
  if (places === 0) return digits;
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/\.?0+$/, '');
}

export function compareRational(a: Rational, b: Rational): number {
  const l = BigInt(a.num) * BigInt(b.den);
  const r = BigInt(b.num) * BigInt(a.den);
  return l < r ? -1 : l > r ? 1 : 0;
}

export function multiplyRational(a: Rational, b: Rational): Rational {
  const num = BigInt(a.num) * BigInt(b.num);
  const den = BigInt(a.den) * BigInt(b.den);
  let x = num;
  let y = den;
  while (y !== 0n) [x, y] = [y, x % y];
  const g = x === 0n ? 1n : x;
  return { num: Number(num / g), den: Number(den / g) };
}

/** fen × r rounded half-up to 1 分 (a derived line, e.g. 1.5 × 低保). fen ≥ 0. */
export function mulFenHalfUp(fen: number, r: Rational): number {
  const num = BigInt(fen) * BigInt(r.num);
  const den = BigInt(r.den);
  return Number((2n * num + den) / (2n * den));
}

/** fen × r rounded **up** to the whole yuan, in 分 (a 特困 standard from a multiplier: 939 × 1.3 → 122100). */
export function mulFenCeilYuan(fen: number, r: Rational): number {
  const num = BigInt(fen) * BigInt(r.num);
  const den = BigInt(r.den) * 100n;
  return Number(((num + den - 1n) / den) * 100n);
}
