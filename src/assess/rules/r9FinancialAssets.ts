/**
 * R9 Financial assets.
 * - Bank rows of counted members are grouped by account = (member ID, normalised institution, account_no); a blank
 *   account_no makes the row its own account. Per account the row with the latest as_of counts (ties: the later file
 *   in code-point order of its name, then the later line). R4: the latest row is chosen among all rows first, then
 *   graded confirmed or suspect (a suspect latest row counts in the upper bound only; the older confirmed row it
 *   supersedes is not used instead).
 * - F = Σ counted balances + Σ amount of cross-province financial items 有; f = F / n rounded half-up once; limit A is
 *   the program's form (months × 低保, years × 12 × 低保, or a fixed amount). Passes when f ≤ A.
 * - An over-limit flag fails on its own (FIN_ASSETS_FLAG): over_limit = 是, or asset_type 超限标识 with over_limit
 *   blank. over_limit = 否 has no effect.
 *
 * Decisions:
 * - Only the chosen (latest) row of an account can flag: a newer row of the same account supersedes an older flag.
 * - A 超限标识 row is a flag, not an account: a balance written on it is not added to F (it would double-count the
 *   accounts the flag summarises).
 * - “over_limit blank” comes from BankRow.overLimitBlank; when match does not set it, a false over_limit is read as
 *   blank (the bool column cannot tell blank from 否).
 * - account_no is compared exactly as written (trimmed at import); institutions after normalizeKeyText.
 */
import { maskAccount } from '../../identity/mask.js';
import { cjkIdeographsOnly, normalizeKeyText } from '../../ingest/values/keyText.js';
import type { BankRow, MemberInput } from '../input.js';
import type { TraceAccount } from '../trace.js';
import { gradeOf, nameOnRow } from './r4Evidence.js';

export const flagAssetType = '超限标识';

function isLater(a: BankRow, b: BankRow): boolean {
  if (a.as_of !== b.as_of) return a.as_of > b.as_of;
  if (a.ref.fileRank !== b.ref.fileRank) return a.ref.fileRank > b.ref.fileRank;
  return a.ref.line > b.ref.line;
}

function flagOf(row: BankRow): string | null {
  if (row.over_limit) return '是否超限 = 是';
  if (row.asset_type.trim() === flagAssetType && (row.overLimitBlank ?? true)) return '超限标识（是否超限为空）';
  return null;
}

/** normalizeKeyText, skipped for text of CJK ideographs only (NFKC, upper-casing and the removals leave it as is). */
function institutionKey(text: string): string {
  return cjkIdeographsOnly(text) ? text : normalizeKeyText(text);
}

/** One member's accounts (rows in ref order), each with its chosen row; in order of first appearance. */
export function chooseAccounts(member: MemberInput, rows: readonly BankRow[]): TraceAccount[] {
  const byKey = new Map<string, { chosen: BankRow; all: BankRow[] }>();
  const groups: { chosen: BankRow; all: BankRow[] }[] = [];
  for (const row of rows) {
    if (row.account_no === null) {
      groups.push({ chosen: row, all: [row] });
      continue;
    }
    const key = `${institutionKey(row.institution ?? '')}\u0000${row.account_no}`;
    const g = byKey.get(key);
    if (g) {
      g.all.push(row);
      if (isLater(row, g.chosen)) g.chosen = row;
    } else {
      const fresh = { chosen: row, all: [row] };
      byKey.set(key, fresh);
      groups.push(fresh);
    }
  }
  return groups.map(({ chosen, all }) => {
    const evidence = gradeOf(chosen, member);
    const counts = chosen.asset_type.trim() !== flagAssetType;
    const balance = counts ? (chosen.balance ?? 0) : 0;
    return {
      memberOrdinal: member.ordinal,
      institution: chosen.institution,
      accountMasked: chosen.account_no === null ? null : maskAccount(chosen.account_no),
      assetType: chosen.asset_type,
      asOf: chosen.as_of,
      balance: chosen.balance,
      chosen: chosen.ref,
      superseded: all.filter((r) => r !== chosen).map((r) => r.ref),
      evidence,
      nameOnRow: nameOnRow(chosen, member),
      flag: flagOf(chosen),
      lower: evidence === 'confirmed' ? balance : 0,
      upper: balance,
    };
  });
}
