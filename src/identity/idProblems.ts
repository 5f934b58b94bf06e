/** The Chinese wording of each way a 身份证号 can be wrong: what is wrong (detail) and what to do (hint). */

export type IdProblem = 'empty' | 'length' | 'characters' | 'checksum' | 'date';

export interface IdProblemText {
  detail: string;
  hint: string;
}

const checkOriginal = '请核对原始证件';

export function emptyProblem(): IdProblemText {
  return { detail: '身份证号为空', hint: '请填写 18 位身份证号（或 15 位旧号）' };
}

export function lengthProblem(length: number): IdProblemText {
  return {
    detail: `长度为 ${length} 位，应为 18 位（或 15 位旧号）`,
    hint: `${checkOriginal}；若为 Excel 数字格式导致末位丢失，请将该列设为文本后重新导出`,
  };
}

/** `position` is 1-based; `lastOf18` when the character stands where the check character (digit or X) belongs. */
export function characterProblem(character: string, position: number, lastOf18: boolean): IdProblemText {
  return {
    detail: lastOf18 ? `末位“${character}”应为数字或 X` : `第 ${position} 位“${character}”不是数字`,
    hint: `${checkOriginal}：身份证号只能由数字组成，18 位号码的末位可为 X；若显示为 1.10105E+17 之类，是 Excel 把该列当作数字，请将该列设为文本后重新录入`,
  };
}

export function checksumProblem(expected: string, actual: string): IdProblemText {
  return {
    detail: `校验位应为 ${expected}，实际为 ${actual}`,
    hint: `${checkOriginal}，逐位核对：常见为某一位数字录错或相邻两位颠倒`,
  };
}

/** `digits` names where the date sits in the number as written (7–14 for 18 digits, 7–12 for 15). */
export function dateProblem(date: string, why: 'notADate' | 'outOfRange', digits: string): IdProblemText {
  return {
    detail: why === 'notADate' ? `出生日期 ${date} 不存在` : `出生日期 ${date} 不在 1850-01-01 至 2100-12-31 之间`,
    hint: `${checkOriginal}上的出生日期（第 ${digits} 位）`,
  };
}
