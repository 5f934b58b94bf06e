import { fail, ok, type Fraction, type Parsed } from './types.js';

/**
 * 共有份额 (rules.md R11) → an exact reduced fraction: `a/b` is a fraction; a value with `%`, or a number > 1, is a
 * percent; a number ≤ 1 is a fraction; 共同共有 is the whole unit. 单独所有 (sole ownership, the other value of the
 * 不动产 共有情况 field) is the whole unit too. Zero and more than the whole are refused: a 0 share or 150% is a
 * typo, and reading it either way would change the housing test. Integers only: 33.33% is 3333/10000 exactly.
 */

const fractionPattern = /^(\d{1,9})\/(\d{1,9})$/;
/** Up to 6 decimals keeps numerator and denominator (×100 for a percent) far inside the exact-integer range. */
const decimalPattern = /^(\d{0,9})(?:\.(\d{1,6}))?(%?)$/;
const whitespace = /\s+/gu;
const wholeWords = new Set(['共同共有', '单独所有']);

const hint = '共有份额请写成 1/2、50%、50、0.5 或 共同共有';
const whole: Parsed<Fraction> = Object.freeze(ok(Object.freeze({ num: 1, den: 1 })));

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

function reduced(num: number, den: number): Parsed<Fraction> {
  if (den === 0) return fail('BAD_NUMBER', '分母为0', hint);
  if (num === 0) return fail('BAD_NUMBER', '份额为0', hint);
  if (num > den) return fail('BAD_NUMBER', '份额大于1（超过100%）', hint);
  const g = gcd(num, den);
  return ok({ num: num / g, den: den / g });
}

export function parseShare(text: string): Parsed<Fraction> {
  const t = text.normalize('NFKC').replace(whitespace, '');
  if (wholeWords.has(t)) return whole;
  const fraction = fractionPattern.exec(t);
  if (fraction) return reduced(Number(fraction[1]), Number(fraction[2]));
  const decimal = decimalPattern.exec(t);
  const intPart = decimal?.[1] ?? '';
  const fracPart = decimal?.[2] ?? '';
  if (!decimal || (intPart === '' && fracPart === '')) return fail('BAD_NUMBER', '格式无法识别', hint);
  const scale = 10 ** fracPart.length;
  const num = Number(intPart || '0') * scale + Number(fracPart || '0');
  const percent = decimal[3] === '%' || num > scale;
  return reduced(num, percent ? scale * 100 : scale);
}
