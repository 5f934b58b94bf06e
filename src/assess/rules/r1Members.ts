/**
 * R1 Household and headcount: who is counted, and n.
 * - Counted: excluded_reason blank. Excluded members are listed with their reason; their source rows are not read.
 * - 特困 is assessed for 本人 alone (民发〔2021〕43号): counted = {本人}, n = 1, whatever else is listed; the 法定义务人
 *   check is manual (a trace note says so).
 * Decision: a 特困 本人 who is himself excluded (e.g. 服刑) is not counted either, so n = 0 → NO_MEMBERS: the
 * excluded_reason is a fact about the person that the 特困 rule does not override.
 */
import type { Program } from '../../policy/types.js';
import type { HouseholdInput, MemberInput } from '../input.js';

export interface Headcount {
  /** Counted members, 本人 first, then input order. */
  counted: MemberInput[];
  /** Every listed member, 本人 first, then input order. */
  ordered: MemberInput[];
  /** ordinal → Chinese reason the member is not counted. */
  notCounted: Map<number, string>;
  self: MemberInput | undefined;
  n: number;
}

export const tekunSelfOnlyNote = '特困人员认定仅核对申请人本人（民发〔2021〕43号），其他成员不计入；法定赡养、抚养、扶养义务人的情况须人工核查';

/** 本人 first, then input order (rules.md reason order; also the order of every member list). */
export function memberOrder(a: MemberInput, b: MemberInput): number {
  if (a.isSelf !== b.isSelf) return a.isSelf ? -1 : 1;
  return a.ordinal - b.ordinal;
}

export function headcount(input: HouseholdInput): Headcount {
  const ordered = [...input.members].sort(memberOrder);
  const self = ordered.find((m) => m.isSelf);
  const notCounted = new Map<number, string>();
  const counted: MemberInput[] = [];
  const tekun = input.program === '特困';
  for (const m of ordered) {
    if (m.excludedReason !== null) notCounted.set(m.ordinal, `不计入（${m.excludedReason}）`);
    else if (tekun && !m.isSelf) notCounted.set(m.ordinal, '特困仅核对本人');
    else counted.push(m);
  }
  return { counted, ordered, notCounted, self, n: counted.length };
}

/** Chinese detail of NO_MEMBERS. */
export function noMembersDetail(hc: Headcount, program: Program): string {
  if (hc.ordered.length === 0) return '名单中没有成员';
  if (program === '特困' && hc.self && hc.self.excludedReason !== null) return `特困仅核对本人，本人不计入（${hc.self.excludedReason}）`;
  return '所有成员均有不计入原因';
}
