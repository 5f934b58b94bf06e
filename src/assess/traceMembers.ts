/** The members part of the trace (R1 counted / not counted, R2 authorization, R3 identity, R12 age). */
import { ageOn } from '../identity/age.js';
import type { HouseholdInput } from './input.js';
import { maskedIdOf } from './reasonList.js';
import type { Headcount } from './rules/r1Members.js';
import { idProblemOf } from './rules/r3Identity.js';
import type { TraceMember } from './trace.js';

export function traceMembers(input: HouseholdInput, hc: Headcount): TraceMember[] {
  const duplicates = new Set(input.duplicateMemberIds);
  return hc.ordered.map((m) => {
    const usable = idProblemOf(m, input.applicationDate) === null && m.birthDate !== null;
    return {
      ordinal: m.ordinal,
      name: m.name,
      idMasked: maskedIdOf(m),
      relation: m.relation,
      isSelf: m.isSelf,
      counted: !hc.notCounted.has(m.ordinal),
      notCountedReason: hc.notCounted.get(m.ordinal) ?? null,
      authorized: m.authorized,
      age: usable ? ageOn(m.birthDate!, input.applicationDate) : null,
      idValid: m.idValid,
      idProblem: idProblemOf(m, input.applicationDate),
      idUpgraded: m.idUpgraded,
      idRegionUnknown: m.idRegionUnknown,
      duplicate: duplicates.has(m.idNumber),
      disability: m.disabilityGrade === null ? null : `${m.disabilityType ?? ''}${m.disabilityGrade}`,
      seriousIllness: m.seriousIllness,
      employed: m.employed,
      declaredMonthlyIncome: m.declaredMonthlyIncome,
      rigidExpenseAnnual: m.rigidExpenseAnnual,
      ref: m.ref,
    };
  });
}
