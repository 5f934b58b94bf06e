/**
 * Wording shared by the text renderers of one assessment (`hedui explain` and the PDF 核对报告), so an operator reading
 * either sees the same words for the same thing. Everything here formats what the trace already holds; nothing
 * recomputes a figure (style.md “A trace is a first-class result”).
 */
import type { SourceRef } from '../assess/input.js';
import { squareMetres, yuan } from '../assess/money.js';
import type { HouseholdAssessment, Tier } from '../assess/result.js';
import type { EvidenceGrade, TraceIncomeRow, TraceTest } from '../assess/trace.js';

/** How an income row was used (R5, R6), as the operator reads it. */
export const incomeStatusText: Record<TraceIncomeRow['status'], string> = {
  counted: '计入',
  deduction: '扣减',
  excluded_item: '不计入（属于不计入收入的项目）',
  outside_window: '不计入（不在收入计算期内）',
  corroboration: '不重复计入（同一笔收入已按其他来源的较大金额计入）',
  missing_amount: '有记录但缺少金额（疑似信息）',
};

/** “【疑似：数据中姓名为“张三丰”】” for suspect evidence (R4), else ''. */
export function suspectNote(x: { evidence: EvidenceGrade; nameOnRow: string | null }): string {
  if (x.evidence === 'confirmed') return '';
  return x.nameOnRow === null ? '【疑似：信息不全】' : `【疑似：数据中姓名为“${x.nameOnRow}”】`;
}

/** Why a row is 疑似, without brackets (a table cell of its own); '' when confirmed. */
export function suspectWhy(x: { evidence: EvidenceGrade; nameOnRow: string | null }): string {
  if (x.evidence === 'confirmed') return '';
  return x.nameOnRow === null ? '疑似：信息不全' : `疑似：数据中姓名为“${x.nameOnRow}”，与成员姓名不一致`;
}

/** “income-1.csv 第 12 行”: where a figure came from, in the operator's words. */
export function sourceLine(ref: SourceRef): string {
  return `${ref.file} 第 ${ref.line} 行`;
}

/** Money in 分 → “1234.56 元”; null → “—”. */
export function yuanText(fen: number | null): string {
  return fen === null ? '—' : `${yuan(fen)} 元`;
}

/** A test's compared figure in its unit (R8–R12); null (a flag, or unknown) → “—”. */
export function actualText(test: Pick<TraceTest, 'id' | 'unit'>, actual: number | null): string {
  if (actual === null) return '—';
  if (test.id === 'labour_capacity') return `${actual} 周岁`;
  switch (test.unit) {
    case 'fen':
      return `${yuan(actual)} 元`;
    case 'area':
      return `${squareMetres(actual)} 平方米`;
    case 'count':
      return test.id === 'vehicles' ? `${actual} 辆` : test.id === 'housing' ? `住宅 ${actual} 套` : String(actual);
    case 'flag':
      return '—';
  }
}

/**
 * A test's result as printed (R4): the lower bound decides; a test that only the upper bound fails is not a failure
 * but a point to review, because an adverse verdict never rests on suspect evidence.
 */
export function testResultText(test: Pick<TraceTest, 'lower' | 'upper'>): string {
  if (!test.lower.pass) return '不通过';
  if (!test.upper.pass) return '通过（含疑似信息时不通过，待复核）';
  return '通过';
}

/** 分层 (R15) in words; null when blocked. */
export function tierText(a: Pick<HouseholdAssessment, 'tier' | 'tierProvisional'>): string | null {
  if (a.tier === null) return null;
  const t: Tier = a.tier;
  return `${t === 'none' ? '不属于特困、低保、低保边缘' : t}${a.tierProvisional ? '（暂定，待复核后确定）' : ''}`;
}

/** What the operator does next for each blocking reason (R15 step 1): the short report says why and what to do. */
export const blockedAdvice: Record<'AUTH_MISSING' | 'ID_INVALID' | 'NO_MEMBERS' | 'POLICY_NOT_FOUND', string> = {
  AUTH_MISSING: '请由乡镇组织未签署的家庭成员补签《家庭经济状况核对授权书》，补齐后重新报送核对。',
  ID_INVALID: '请核实该成员的居民身份证（18 位，校验位正确，出生日期真实），更正申请名单后重新报送核对。',
  NO_MEMBERS: '申请名单中没有计入核对的家庭成员，请核实家庭成员及不计入情形后重新报送核对。',
  POLICY_NOT_FOUND: '核对中心的政策参数包中没有该地区或该申请日期适用的救助标准，请更新政策参数包后重新核对。',
};
