/**
 * The 待复核 hits an operator decides on (issue 6, README §7): every suspect hit (ID equal, name different) of a
 * counted member of a 待复核 household, with its fingerprint (src/match/dispositionKey.ts). Export → operator fills
 * 处理结果 → import records the dispositions, which the next assessment applies.
 */
import type { HouseholdInput } from '../assess/input.js';
import { maskAccount, maskId } from '../identity/index.js';
import { fingerprint, naturalKey, reviewKinds, type ReviewKind } from '../match/dispositionKey.js';

export const kindLabels: Record<ReviewKind, string> = { bank: '银行/金融资产', vehicle: '机动车', realestate: '不动产', income: '收入', crossprov: '跨省核对' };

export interface ReviewHit {
  applicationId: string;
  memberIdMasked: string;
  memberName: string;
  nameOnRow: string;
  kind: ReviewKind;
  file: string;
  line: number;
  summary: string;
  fingerprint: string;
}

function summaryOf(kind: ReviewKind, row: Record<string, unknown>): string {
  switch (kind) {
    case 'bank':
      return `${String(row.institution ?? '未知机构')} ${String(row.asset_type)} 账号 ${row.account_no ? maskAccount(String(row.account_no)) : '（无）'}`;
    case 'vehicle':
      return `号牌 ${String(row.plate)} ${String(row.vehicle_type ?? '')}`.trim();
    case 'realestate':
      return `权证 ${String(row.cert_no)} ${String(row.usage)}`;
    case 'income':
      return `${String(row.category)}/${String(row.item)} ${String(row.period_start)}～${String(row.period_end)}`;
    default:
      return `${String(row.province)} ${String(row.item)} ${String(row.result)}`;
  }
}

/** Suspect hits of the counted members of one household (call for 待复核 households). */
export function reviewHits(input: HouseholdInput): ReviewHit[] {
  const members = new Map(input.members.filter((m) => m.excludedReason === null).map((m) => [m.idNumber, m]));
  const hits: ReviewHit[] = [];
  for (const kind of reviewKinds) {
    for (const row of input.sources[kind] as unknown as (Record<string, unknown> & { idNumber: string; nameNorm: string; name: string; ref: { file: string; line: number }; review?: string })[]) {
      const m = members.get(row.idNumber);
      if (!m || row.nameNorm === m.nameNorm || row.review !== undefined) continue;
      hits.push({
        applicationId: input.applicationId,
        memberIdMasked: maskId(m.idNumber),
        memberName: m.name,
        nameOnRow: row.name,
        kind,
        file: row.ref.file,
        line: row.ref.line,
        summary: summaryOf(kind, row),
        fingerprint: fingerprint(row.idNumber, kind, naturalKey(kind, row as never)),
      });
    }
  }
  return hits;
}
