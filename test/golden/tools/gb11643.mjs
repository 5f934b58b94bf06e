#!/usr/bin/env node
/**
 * GB 11643-1999 身份证号 helpers for the golden cases, written from the standard (not from src/identity), so the
 * cases' IDs are checked independently of the implementation.
 *
 *   node test/golden/tools/gb11643.mjs make 371702 19800315 123   → 18-digit ID with its check character
 *   node test/golden/tools/gb11643.mjs check 37170219800315123X    → valid / invalid with the reason
 *   node test/golden/tools/gb11643.mjs upgrade 372901650412123     → the 18-digit form of a 15-digit ID
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** Check character of the first 17 digits: Σ digit × weight mod 11 → "10X98765432"[r]. */
export function checkChar(first17) {
  if (!/^[0-9]{17}$/.test(first17)) throw new Error(`need 17 digits, got ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return checkChars[sum % 11];
}

function isRealDate(yyyymmdd) {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/** 18-digit ID from region (6 digits), birth date (YYYYMMDD) and sequence (3 digits; odd = male). */
export function makeId(region, birth, seq) {
  const first17 = `${region}${birth}${seq}`;
  if (!/^[0-9]{17}$/.test(first17)) throw new Error(`bad parts ${region} ${birth} ${seq}`);
  if (!isRealDate(birth)) throw new Error(`not a date: ${birth}`);
  return first17 + checkChar(first17);
}

/** 15 → 18: insert 19 (18 for sequence 996–999) before the 2-digit year and add the check character. */
export function upgrade15(id15) {
  if (!/^[0-9]{15}$/.test(id15)) throw new Error(`not a 15-digit ID: ${id15}`);
  const seq = Number(id15.slice(12, 15));
  const century = seq >= 996 ? '18' : '19';
  const first17 = id15.slice(0, 6) + century + id15.slice(6, 15);
  return first17 + checkChar(first17);
}

/** { valid, normalized?, birth?, problem? } — 18 digits (X last) or 15 digits (upgraded first); full-width forms and a lowercase x are normalised (NFKC, upper case) first. */
export function checkId(text) {
  const id = String(text).normalize('NFKC').trim().toUpperCase();
  let id18 = id;
  if (/^[0-9]{15}$/.test(id)) {
    const birth = (Number(id.slice(12, 15)) >= 996 ? '18' : '19') + id.slice(6, 12);
    if (!isRealDate(birth)) return { valid: false, problem: `impossible date ${birth}` };
    id18 = upgrade15(id);
  }
  if (!/^[0-9]{17}[0-9X]$/.test(id18)) return { valid: false, problem: 'length or characters' };
  const birth = id18.slice(6, 14);
  if (!isRealDate(birth)) return { valid: false, problem: `impossible date ${birth}` };
  const expected = checkChar(id18.slice(0, 17));
  if (id18[17] !== expected) return { valid: false, problem: `check character ${id18[17]}, expected ${expected}` };
  return { valid: true, normalized: id18, birth: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` };
}

/** Completed years (周岁) on `onDate` (YYYY-MM-DD); a 29 February birthday falls on 1 March in common years. */
export function ageOn(birth, onDate) {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  let [hm, hd] = [bm, bd];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (bm === 2 && bd === 29 && !leap) [hm, hd] = [3, 1];
  if (m < hm || (m === hm && d < hd)) age--;
  return age;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'make') console.log(makeId(args[0], args[1], args[2]));
  else if (cmd === 'check') for (const a of args) console.log(a, JSON.stringify(checkId(a)));
  else if (cmd === 'upgrade') console.log(upgrade15(args[0]));
  else {
    console.error('usage: gb11643.mjs make REGION YYYYMMDD SEQ | check ID... | upgrade ID15');
    process.exitCode = 2;
  }
}
