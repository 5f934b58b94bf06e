/**
 * R14 Other findings.
 * - Cross-province rows are de-duplicated by (member, province, item), keeping the latest feedback_date.
 * - Result 未反馈 for any item → CROSSPROV_PENDING (review). 工商 有 → BUSINESS_REGISTERED (review).
 * - 单人户 (info SINGLE_PERSON_SUGGESTED): a 低保/低保复核 household that is 不符合 only by INCOME_OVER_LINE, whose p
 *   passes the 低保边缘 income test, names each counted member with disability 一级/二级 (any type) or 三级 智力/精神,
 *   or serious_illness = 是, as a candidate to apply alone (民发〔2021〕57号).
 * - A counted member with a death registration dated on or before the as-of date → MEMBER_DECEASED (review).
 *
 * Decisions:
 * - Feedback-date ties (and blank dates, read as older than any date) go to the later file in code-point order,
 *   then the later line — the R9 tie rule, the only one rules.md gives.
 * - Province and item are compared after NFKC with spaces removed. An item outside the contract's list is shown in
 *   the trace and used by no test.
 * - CROSSPROV_PENDING and BUSINESS_REGISTERED are review reasons, so suspect rows raise them too (a visit decides);
 *   MEMBER_DECEASED likewise (a suspect death row also gets its NAME_MISMATCH).
 * - In the 单人户 rule “p passes the 低保边缘 income test” uses the household's p (as assessed for its program)
 *   against the 低保边缘 line and income_test of the 低保边缘 program's merged values.
 */
import { cjkIdeographsOnly } from '../../ingest/values/keyText.js';
import type { CrossprovRow, MemberInput, SourceRef } from '../input.js';
import type { Prepared } from '../prepare.js';
import { memberLabel, type ReasonList } from '../reasonList.js';
import type { CrossprovClass, EvidenceGrade, TraceCrossprovItem, TraceDeath } from '../trace.js';
import { gradeOf, nameOnRow } from './r4Evidence.js';

const classOfItem: Record<string, CrossprovClass> = {
  存款: 'financial',
  证券: 'financial',
  理财: 'financial',
  基金: 'financial',
  保险: 'financial',
  车辆: 'vehicle',
  房产: 'property',
  非住宅房产: 'non_residential',
  工商: 'business',
  工资: 'wage',
  养老金: 'pension',
};

const spaces = /\s+/gu;
/** Province or item as compared: NFKC without spaces (text of CJK ideographs only is that already). */
function keyText(text: string): string {
  return cjkIdeographsOnly(text) ? text : text.normalize('NFKC').replace(spaces, '');
}

export function crossprovClass(item: string): CrossprovClass {
  return classOfItem[keyText(item)] ?? 'other';
}

function useText(c: CrossprovClass, result: CrossprovRow['result'], missing: boolean): string {
  if (result === '未反馈') return '尚未反馈，待复核';
  if (result === '无') return '无，不计入';
  if (missing) return c === 'vehicle' || c === 'property' ? '有，但缺少数量（疑似信息，上限口径不通过）' : '有，但缺少金额（疑似信息，上限口径不通过）';
  switch (c) {
    case 'financial':
      return '有，金额计入家庭金融资产（R9）';
    case 'vehicle':
      return '有，数量计入机动车（R10）';
    case 'property':
      return '有，数量计入住房套数、面积计入住房面积（R11）';
    case 'non_residential':
      return '有，按非住宅类房产计（R11）';
    case 'business':
      return '有工商登记，需入户核实（R14）';
    case 'wage':
      return '有，月收入 × 收入计算期，计入工资性收入（R6）';
    case 'pension':
      return '有，月收入 × 收入计算期，计入转移净收入（R6）';
    case 'other':
      return `${result}，核对项目不在约定范围内，未用于任何核对项`;
  }
}

function isLater(a: CrossprovRow, b: CrossprovRow): boolean {
  const da = a.feedback_date ?? '';
  const db = b.feedback_date ?? '';
  if (da !== db) return da > db;
  if (a.ref.fileRank !== b.ref.fileRank) return a.ref.fileRank > b.ref.fileRank;
  return a.ref.line > b.ref.line;
}

export interface CrossprovChoice {
  item: TraceCrossprovItem;
  row: CrossprovRow;
}

/** R14 de-duplication of one member's cross-province rows (in ref order), then R4 grading of the chosen row. */
export function dedupeCrossprov(member: MemberInput, rows: readonly CrossprovRow[]): CrossprovChoice[] {
  const byKey = new Map<string, { chosen: CrossprovRow; all: CrossprovRow[] }>();
  for (const row of rows) {
    const key = `${keyText(row.province)}\u0000${keyText(row.item)}`;
    const entry = byKey.get(key);
    if (!entry) byKey.set(key, { chosen: row, all: [row] });
    else {
      entry.all.push(row);
      if (isLater(row, entry.chosen)) entry.chosen = row;
    }
  }
  const out: CrossprovChoice[] = [];
  // Map iteration is insertion order: the first appearance in ref order, itself deterministic.
  for (const { chosen, all } of byKey.values()) {
    const itemClass = crossprovClass(chosen.item);
    const nameMismatch = gradeOf(chosen, member) === 'suspect';
    let missingFigure = false;
    if (chosen.result === '有') {
      if (itemClass === 'financial' || itemClass === 'wage' || itemClass === 'pension') missingFigure = chosen.amount === null;
      else if (itemClass === 'vehicle' || itemClass === 'property') missingFigure = chosen.count === null;
    }
    const evidence: EvidenceGrade = nameMismatch || missingFigure ? 'suspect' : 'confirmed';
    out.push({
      row: chosen,
      item: {
        memberOrdinal: member.ordinal,
        province: chosen.province,
        item: chosen.item,
        itemClass,
        result: chosen.result,
        amount: chosen.amount,
        count: chosen.count,
        area: chosen.area,
        feedbackDate: chosen.feedback_date,
        chosen: chosen.ref,
        superseded: all.filter((r) => r !== chosen).map((r) => r.ref),
        evidence,
        nameOnRow: nameMismatch ? chosen.name : null,
        nameMismatch,
        missingFigure,
        use: useText(itemClass, chosen.result, missingFigure),
      },
    });
  }
  return out;
}

/** 单人户 candidate grounds of a member, or null (R14). */
export function singlePersonGround(m: MemberInput): string | null {
  const grounds: string[] = [];
  const grade = m.disabilityGrade;
  if (grade === '一级' || grade === '二级') grounds.push(`${m.disabilityType ?? ''}残疾${grade}`);
  else if (grade === '三级' && (m.disabilityType === '智力' || m.disabilityType === '精神')) grounds.push(`${m.disabilityType}残疾三级`);
  if (m.seriousIllness) grounds.push('重病');
  return grounds.length === 0 ? null : grounds.join('、');
}

/** R14: cross-province pending / business findings, and deaths (MEMBER_DECEASED). */
export function findingReasons(prep: Prepared, asOf: string, reasons: ReasonList): TraceDeath[] {
  const deaths: TraceDeath[] = [];
  for (const mr of prep.members) {
    const m = mr.member;
    for (const { index } of mr.crossprov) {
      const item = prep.crossprov[index]!;
      if (item.result === '未反馈') {
        reasons.add('CROSSPROV_PENDING', 'R14', { member: memberLabel(m), province: item.province, item: item.item }, { member: m, evidence: [item.chosen] });
      } else if (item.result === '有' && item.itemClass === 'business') {
        reasons.add('BUSINESS_REGISTERED', 'R14', { member: memberLabel(m), province: item.province }, { member: m, evidence: [item.chosen] });
      }
    }
    let earliest: string | null = null;
    const refs: SourceRef[] = [];
    for (const row of mr.death) {
      const onOrBefore = asOf !== '' && row.death_date <= asOf;
      deaths.push({
        memberOrdinal: m.ordinal,
        ref: row.ref,
        deathDate: row.death_date,
        evidence: gradeOf(row, m),
        nameOnRow: nameOnRow(row, m),
        onOrBeforeAsOf: onOrBefore,
      });
      if (onOrBefore) {
        refs.push(row.ref);
        if (earliest === null || row.death_date < earliest) earliest = row.death_date;
      }
    }
    if (earliest !== null) reasons.add('MEMBER_DECEASED', 'R14', { member: memberLabel(m), date: earliest }, { member: m, evidence: refs });
  }
  return deaths;
}
