/**
 * R3 Identity.
 * - A counted member's ID invalid (length, characters, checksum, impossible date — decided at import, `idValid`) or
 *   a birth date after application_date → blocking ID_INVALID naming the member.
 * - A 15-digit ID upgraded → ID_UPGRADED (info); a region prefix missing from GB/T 2260 → ID_REGION_UNKNOWN (info).
 * - The same ID in two accepted applications → DUPLICATE_MEMBER (review) on both, counted or excluded.
 * Decision: ID_UPGRADED and ID_REGION_UNKNOWN are listed for every listed member (counted or not): they describe the
 * applicant file, are info only, and the operator fixing the list wants all of them at once.
 */
import type { HouseholdInput, MemberInput } from '../input.js';
import { memberLabel, type ReasonList } from '../reasonList.js';

/** Chinese problem of a member's ID for this application, or null when it is usable. */
export function idProblemOf(m: MemberInput, applicationDate: string): string | null {
  if (!m.idValid) return m.idProblem ?? '身份证号无效';
  if (m.birthDate !== null && m.birthDate > applicationDate) {
    return `出生日期 ${m.birthDate} 晚于申请日期 ${applicationDate}`;
  }
  return null;
}

/** Adds R3 reasons; returns true when a counted member's ID blocks the household. */
export function identityReasons(
  input: HouseholdInput,
  ordered: readonly MemberInput[],
  countedOrdinals: ReadonlySet<number>,
  reasons: ReasonList,
): boolean {
  let blocked = false;
  const duplicates = new Set(input.duplicateMemberIds);
  for (const m of ordered) {
    if (countedOrdinals.has(m.ordinal)) {
      const problem = idProblemOf(m, input.applicationDate);
      if (problem !== null) {
        blocked = true;
        reasons.add('ID_INVALID', 'R3', { member: memberLabel(m), detail: problem }, { member: m, evidence: [m.ref] });
      }
    }
    if (m.idUpgraded) reasons.add('ID_UPGRADED', 'R3', { member: memberLabel(m) }, { member: m, evidence: [m.ref] });
    if (m.idRegionUnknown) reasons.add('ID_REGION_UNKNOWN', 'R3', { member: memberLabel(m) }, { member: m, evidence: [m.ref] });
    if (duplicates.has(m.idNumber)) reasons.add('DUPLICATE_MEMBER', 'R3', { member: memberLabel(m) }, { member: m, evidence: [m.ref] });
  }
  return blocked;
}
