import { foldWidth } from './chars.js';
import { fail, ok, type Parsed } from './types.js';

/**
 * 机动车状态 (rules.md R10) → its letters, e.g. 'GQ'. A cell holds letters (`GQ`, `g q`), names (`注销,报废`) or both
 * (`A 正常`), separated by , ， 、 ; ； or spaces. Letters are kept in input order without repeats; they are not
 * sorted, so the value shown to operators reads like their export. Only the letters R10 names are known: F, R and
 * beyond are refused, because an unknown status might be an inactive one.
 */

const letterOf: ReadonlyMap<string, string> = new Map([
  ['正常', 'A'], ['转出', 'B'], ['被盗抢', 'C'], ['停驶', 'D'], ['注销', 'E'], ['违法未处理', 'G'], ['海关监管', 'H'],
  ['事故未处理', 'I'], ['嫌疑车', 'J'], ['查封', 'K'], ['暂扣', 'L'], ['强制注销', 'M'], ['事故逃逸', 'N'], ['锁定', 'O'],
  ['报废', 'P'], ['达到报废标准', 'P'], ['逾期未检验', 'Q'],
]);

/** Bit i set ↔ letter 'A'+i is one of R10's (A–Q without F). */
const knownLetters = 0b1_1111_1111_1101_1111;

const separators = /[,，、;；\s]+/u;
const hint = '请填写状态字母（如 A、E、GQ）或名称（正常、注销、报废、逾期未检验 等），多个用逗号分隔';

function letterBit(code: number): number {
  const ascii = foldWidth(code);
  const index = (ascii >= 0x61 && ascii <= 0x7a ? ascii - 0x20 : ascii) - 0x41;
  return index >= 0 && index < 26 ? 1 << index : 0;
}

export function parseVehicleStatus(text: string): Parsed<string> {
  // Hot path: plain upper-case letters without repeats (`A`, `GQ`) are already canonical.
  let seen = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const bit = c >= 0x41 && c <= 0x5a ? 1 << (c - 0x41) : 0;
    if ((bit & knownLetters) === 0 || (seen & bit) !== 0) break;
    seen |= bit;
  }
  if (i === text.length) return ok(text);
  return parseTokens(text);
}

function parseTokens(text: string): Parsed<string> {
  let letters = '';
  let seen = 0;
  const add = (letter: string) => {
    const bit = 1 << (letter.charCodeAt(0) - 0x41);
    if ((seen & bit) === 0) {
      seen |= bit;
      letters += letter;
    }
  };
  for (const token of text.split(separators)) {
    if (token === '') continue;
    const named = letterOf.get(token.normalize('NFKC'));
    if (named !== undefined) {
      add(named);
      continue;
    }
    for (let i = 0; i < token.length; i++) {
      const bit = letterBit(token.charCodeAt(i));
      if ((bit & knownLetters) === 0) {
        const what = bit === 0 ? `无法识别的机动车状态“${token}”` : `未知的状态字母“${token[i]!.toUpperCase()}”`;
        return fail('BAD_ENUM', what, hint);
      }
      add(String.fromCharCode(0x41 + 31 - Math.clz32(bit)));
    }
  }
  if (letters === '') return fail('BAD_ENUM', '没有机动车状态', hint);
  return ok(letters);
}
