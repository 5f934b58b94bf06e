import { digitAt } from './chars.js';
import { fail, ok, type Parsed } from './types.js';

/**
 * 区划代码 (data-contract.md; rules.md R3: format only): 6 or 12 digits, full-width digits made ASCII. Whether a
 * policy pack covers the code is decided by the policy lookup, not here.
 */

const hint = '区划代码应为6位或12位数字';

export function parseRegionCode(text: string): Parsed<string> {
  const n = text.length;
  if (n !== 6 && n !== 12) return fail('BAD_ENUM', `区划代码有${n}位`, hint);
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const d = digitAt(text, i);
    if (d < 0) return fail('BAD_ENUM', `含有非数字字符“${text[i]}”`, hint);
    if (text.charCodeAt(i) > 0x7f) ascii = false;
  }
  if (ascii) return ok(text);
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(0x30 + digitAt(text, i));
  return ok(out);
}
