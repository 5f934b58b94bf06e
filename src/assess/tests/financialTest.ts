/**
 * The R9 tests of one evaluation: F and f against the limit A, and the over-limit flags, in both bounds (R4). A
 * cross-province financial 有 without its amount fails the upper bound.
 */
import type { MemberInput, SourceRef } from '../input.js';
import { divHalfUp, yuan } from '../money.js';
import type { TraceAccount, TraceFinancial, TraceTest } from '../trace.js';
import type { TestInput } from './context.js';
import { passText, testNames } from './testText.js';

export interface FinancialOutcome {
  trace: TraceFinancial;
  test: TraceTest;
  flagTest: TraceTest;
  /** Confirmed over-limit flags (they fail the lower bound) with their member. */
  flags: { member: MemberInput; account: TraceAccount }[];
}

export function financialTestOf(t: TestInput): FinancialOutcome {
  const { members, n, ctx } = t;
  const accounts: TraceAccount[] = [];
  const crossprov: number[] = [];
  const parts: string[] = [];
  const evidence: SourceRef[] = [];
  const suspect: SourceRef[] = [];
  const flags: FinancialOutcome['flags'] = [];
  const flagSuspect: SourceRef[] = [];
  let lower = 0;
  let upper = 0;
  let missing = false;
  let anyFlag = false;
  for (const mr of members) {
    for (const a of mr.accounts) {
      accounts.push(a);
      lower += a.lower;
      upper += a.upper;
      if (a.lower !== 0) {
        parts.push(yuan(a.lower));
        evidence.push(a.chosen);
      } else if (a.upper !== 0) suspect.push(a.chosen);
      if (a.flag !== null) {
        anyFlag = true;
        if (a.evidence === 'confirmed') flags.push({ member: mr.member, account: a });
        else flagSuspect.push(a.chosen);
      }
    }
    for (const { index } of mr.crossprov) {
      const item = ctx.crossprov[index]!;
      if (item.result !== '有' || item.itemClass !== 'financial') continue;
      crossprov.push(index);
      if (item.amount === null) {
        missing = true;
        suspect.push(item.chosen);
        continue;
      }
      upper += item.amount;
      if (item.evidence === 'confirmed') {
        lower += item.amount;
        parts.push(`${yuan(item.amount)}（跨省${item.item}）`);
        evidence.push(item.chosen);
      } else suspect.push(item.chosen);
    }
  }
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
