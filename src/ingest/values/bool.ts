import { aliasParser } from './aliasTable.js';
import { fail } from './types.js';

/** bool cells (data-contract.md “Types”): 是/否, Y/N, 1/0, true/false in any case and width. Blank is 否 (index.ts). */

const boolHint = '请填写 是/否、Y/N、1/0 或 true/false';

export const parseBool = aliasParser<boolean>(
  {
    是: true, 否: false, Y: true, N: false, y: true, n: false, 1: true, 0: false,
    TRUE: true, FALSE: false, true: true, false: false, True: true, False: false,
  },
  () => fail('BAD_ENUM', '不是可识别的是/否值', boolHint),
);
