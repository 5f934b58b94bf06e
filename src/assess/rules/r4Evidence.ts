/**
 * R4 Evidence and the rule of no adverse verdict on suspect evidence.
 * - A source row is a hit when the normalised IDs are equal (match did that). Names equal after normalisation →
 *   confirmed; different → suspect, with one NAME_MISMATCH (info) per suspect row naming member, file and line.
 * - Every test is computed twice. Lower bound (most favourable): adverse evidence only when confirmed, favourable
 *   evidence (deductions) whether confirmed or suspect. Upper bound (least favourable): all adverse evidence,
 *   favourable evidence only when confirmed.
 * - Lower fails → the test fails; only the upper fails → SUSPECT_EVIDENCE (review).
 *
 * Decision: “adverse” is decided by the evidence's effect, not its kind. An income row with a negative amount (a
 * 经营净 loss) lowers income, so it is treated like a deduction (lower: always; upper: only confirmed); a
 * 社保个人缴费 row with a negative amount raises income, so it is treated like income. This keeps lower ≤ upper for
 * every figure, which “most / least favourable” means.
 */
import type { MemberInput } from '../input.js';
import type { Bound, EvidenceGrade } from '../trace.js';

export function gradeOf(row: { nameNorm: string; review?: '确认' | '无效匹配' }, member: MemberInput): EvidenceGrade {
  // Issue 6: an operator who confirmed the hit (确认) has settled the name question.
  return row.nameNorm === member.nameNorm || row.review === '确认' ? 'confirmed' : 'suspect';
}

/** Whether a bound admits a piece of evidence (R4). */
export function admits(bound: Bound, evidence: EvidenceGrade, adverse: boolean): boolean {
  if (evidence === 'confirmed') return true;
  return bound === 'upper' ? adverse : !adverse;
}

/** The name on a source row when it differs from the member's (shown for review), else null. */
export function nameOnRow(row: { name: string; nameNorm: string }, member: MemberInput): string | null {
  return row.nameNorm === member.nameNorm ? null : row.name;
}
