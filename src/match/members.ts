/** Applicant rows of the workspace → assessment members (src/assess/input.ts), with what the ID itself tells. */
import type { MemberInput, SourceRef } from '../assess/input.js';
import { birthDateOf, isKnownRegion } from '../identity/index.js';
import { normalizePlate } from '../ingest/values/keyText.js';

export interface ApplicantRow {
  application_id: string;
  region_code: string | null;
  area_type: string | null;
  program: string | null;
  application_date: string | null;
  name: string;
  name_norm: string;
  id_number: string;
  id_valid: number;
  id_upgraded: number;
  id_problem: string | null;
  relation: string;
  authorized: number;
  excluded_reason: string | null;
  disability_grade: string | null;
  disability_type: string | null;
  serious_illness: number;
  employed: number;
  declared_monthly_income: number | null;
  rigid_expense_annual: number | null;
  current_recipient: number;
  exempt_plates: string | null;
  is_self: number;
}

export function memberFromRow(row: ApplicantRow, ref: SourceRef, ordinal: number): MemberInput {
  // Import validated the ID (GB 11643, real date) and stored it as its normalised 18 characters, so the birth date and
  // address code are read from their fixed positions rather than by validating the ID a second time.
  const valid = row.id_valid === 1;
  const id = row.id_number;
  return {
    ordinal,
    name: row.name,
    nameNorm: row.name_norm,
    idNumber: row.id_number,
    idValid: valid,
    idUpgraded: row.id_upgraded === 1,
    idProblem: valid ? null : (row.id_problem ?? '身份证号无效'),
    birthDate: valid ? birthDateOf(id) : null,
    idRegionUnknown: valid ? !isKnownRegion(id.slice(0, 6)) : false,
    relation: row.relation,
    isSelf: row.is_self === 1,
    authorized: row.authorized === 1,
    excludedReason: row.excluded_reason,
    disabilityGrade: row.disability_grade,
    disabilityType: row.disability_type,
    seriousIllness: row.serious_illness === 1,
    employed: row.employed === 1,
    declaredMonthlyIncome: row.declared_monthly_income,
    rigidExpenseAnnual: row.rigid_expense_annual,
    exemptPlates: row.exempt_plates ? row.exempt_plates.split(';').map(normalizePlate).filter((p) => p !== '') : [],
    ref,
  };
}
