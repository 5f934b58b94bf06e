/**
 * The R9 tests of one evaluation: F and f against the limit A, and the over-limit flags, in both bounds (R4). A
 * cross-province financial 有 without its amount fails the upper bound.
 */
import type { MemberInput, SourceRef } from '../input.js';
import { divHalfUp, yuan } from '../money.js';
import type { TraceAccount, TraceFinancial, TraceTest } from '../trace.js';
import { memoized, type TestInput } from './context.js';
import { passText, testNames } from './testText.js';

export interface FinancialOutcome {
  trace: TraceFinancial;
  test: TraceTest;
  flagTest: TraceTest;
  /** Confirmed over-limit flags (they fail the lower bound) with their member. */
  flags: { member: MemberInput; account: TraceAccount }[];
}

interface FinancialCore {
  accounts: TraceAccount[];
  crossprov: number[];
  parts: string[];
  evidence: SourceRef[];
  suspect: SourceRef[];
  flags: FinancialOutcome['flags'];
  flagSuspect: SourceRef[];
  lower: number;
  upper: number;
  missing: boolean;
  anyFlag: boolean;
}

/** F in both bounds and the flags: independent of the program's values (only the limit is not). */
function financialCore(t: TestInput): FinancialCore {
  const { members, ctx } = t;
  const c: FinancialCore = {
    accounts: [],
    crossprov: [],
    parts: [],
    evidence: [],
    suspect: [],
    flags: [],
    flagSuspect: [],
    lower: 0,
    upper: 0,
    missing: false,
    anyFlag: false,
  };
  for (const mr of members) {
    for (const a of mr.accounts) {
      c.accounts.push(a);
      c.lower += a.lower;
      c.upper += a.upper;
      if (a.lower !== 0) {
        c.parts.push(yuan(a.lower));
        c.evidence.push(a.chosen);
      } else if (a.upper !== 0) c.suspect.push(a.chosen);
      if (a.flag !== null) {
        c.anyFlag = true;
        if (a.evidence === 'confirmed') c.flags.push({ member: mr.member, account: a });
        else c.flagSuspect.push(a.chosen);
      }
    }
    for (const { index } of mr.crossprov) {
      const item = ctx.crossprov[index]!;
      if (item.result !== '有' || item.itemClass !== 'financial') continue;
      c.crossprov.push(index);
      if (item.amount === null) {
        c.missing = true;
        c.suspect.push(item.chosen);
        continue;
      }
      c.upper += item.amount;
      if (item.evidence === 'confirmed') {
        c.lower += item.amount;
        c.parts.push(`${yuan(item.amount)}（跨省${item.item}）`);
        c.evidence.push(item.chosen);
      } else c.suspect.push(item.chosen);
    }
  }
  return c;
}

export function financialTestOf(t: TestInput): FinancialOutcome {
  const n = t.n;
  const core = memoized(t, 'financial', () => financialCore(t));
  const { accounts, crossprov, parts, evidence, suspect, flags, flagSuspect, lower, upper, missing, anyFlag } = core;
  const limit = t.texts.financialAssetLimit;
  const fLower = divHalfUp(lower, n);
  const fUpper = divHalfUp(upper, n);
  const lowerPass = fLower <= limit;
  const upperPass = fUpper <= limit && !missing;
  const sum = parts.length > 1 ? `${parts.join(' + ')} = ${yuan(lower)}` : yuan(lower);
  const formula = `F = ${sum} 元；f = ${yuan(lower)} ÷ ${n} 人 = ${yuan(fLower)} 元`;
  const trace: TraceFinancial = {
    accounts,
    crossprov,
    lower: { total: lower, perCapita: fLower },
    upper: { total: upper, perCapita: fUpper },
    limit,
    formula,
  };
  const test: TraceTest = {
    id: 'financial_assets',
    rule: 'R9',
    name: testNames.financial_assets,
    unit: 'fen',
    threshold: limit,
    thresholdText: `人均不超过 ${yuan(limit)} 元（${t.texts.financialAssetsRule}）`,
    lower: { pass: lowerPass, actual: fLower, formula: `${formula} ${lowerPass ? '≤' : '>'} ${yuan(limit)} 元，${passText(lowerPass)}` },
    upper: {
      pass: upperPass,
      actual: fUpper,
      formula:
        `F = ${yuan(upper)} 元；f = ${yuan(fUpper)} 元 ${fUpper <= limit ? '≤' : '>'} ${yuan(limit)} 元` +
        (missing ? '；另有跨省金融资产有记录但缺少金额，上限口径按不通过计' : '') +
        `，${passText(upperPass)}`,
    },
    evidence,
    suspect,
  };
  return { trace, test, flagTest: flagTestOf(flags, anyFlag, flagSuspect), flags };
}

function flagTestOf(flags: FinancialOutcome['flags'], anyFlag: boolean, suspect: SourceRef[]): TraceTest {
  const lowerPass = flags.length === 0;
  const where = flags.map((f) => `${f.account.chosen.file} 第 ${f.account.chosen.line} 行（${f.account.flag ?? ''}）`).join('；');
  return {
    id: 'financial_flag',
    rule: 'R9',
    name: testNames.financial_flag,
    unit: 'flag',
    threshold: null,
    thresholdText: '无超限标识',
    lower: { pass: lowerPass, actual: null, formula: lowerPass ? '无确认的超限标识，通过' : `有超限标识：${where}，不通过` },
    upper: { pass: !anyFlag, actual: null, formula: anyFlag ? '含疑似信息在内有超限标识，不通过' : '无超限标识，通过' },
    evidence: flags.map((f) => f.account.chosen),
    suspect,
  };
}
