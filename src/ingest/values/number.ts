import { codeAt, isSpaceCode } from './chars.js';
import { decimalFailureDetail, scanHundredths, TOO_MANY_DECIMALS } from './decimal.js';
import { fail, ok, type Parsed } from './types.js';

/**
 * number and integer cells (data-contract.md “Types”: “number (area, count) likewise”): the money grammar without
 * currency signs and never negative. An area may carry its unit, since 不动产 exports often print it.
 */

/** Longest first, so `平方米` is not mistaken for a bare `米`. NFKC folds `㎡` and `m²` to `m2`; all are accepted. */
const areaUnits = ['平方米', '平米', '㎡', 'm²', 'm2', 'M2'] as const;

const numberHint = '请写成数字，最多两位小数，如 89.5、1,234.50 或 89.5㎡';
const integerHint = '请写成整数，如 2';

function isMinusStart(text: string): boolean {
  const c = codeAt(text, 0);
  return c === 0x2d || c === 0xff0d || c === 0x2212;
}

/** Non-negative decimal with at most 2 decimals → integer hundredths (89.5 → 8950). */
export function parseNumber(text: string): Parsed<number> {
  if (isMinusStart(text)) return fail('BAD_NUMBER', '数值不能为负数', numberHint);
  let end = text.length;
  for (const unit of areaUnits) {
    if (text.endsWith(unit)) {
      end -= unit.length;
      while (end > 0 && isSpaceCode(codeAt(text, end - 1))) end--;
      break;
    }
  }
  const hundredths = scanHundredths(text, 0, end);
  if (hundredths < 0) return fail('BAD_NUMBER', decimalFailureDetail(text, hundredths), numberHint);
  return ok(hundredths);
}

/**
 * Non-negative whole number (a count). `2.0` and `2.00` are accepted: they are exact and are what a numeric column
 * formatted with decimals exports to CSV.
 */
export function parseInteger(text: string): Parsed<number> {
  if (isMinusStart(text)) return fail('BAD_NUMBER', '数量不能为负数', integerHint);
  const hundredths = scanHundredths(text, 0, text.length);
  if (hundredths === TOO_MANY_DECIMALS || (hundredths >= 0 && hundredths % 100 !== 0)) {
    return fail('BAD_NUMBER', '应为整数', integerHint);
  }
  if (hundredths < 0) return fail('BAD_NUMBER', decimalFailureDetail(text, hundredths), integerHint);
  return ok(hundredths / 100);
}
