/**
 * The fingerprint a review disposition is keyed by (README §7): SHA-256 of the member ID, the kind and the row's
 * natural key — institution + account_no | plate | cert_no | category + item + period | province + item — so a
 * disposition survives renamed files and holds in later batches. The fingerprint carries no readable personal data.
 */
import { createHash } from 'node:crypto';
import type { BankRow, CrossprovRow, IncomeRow, RealEstateRow, VehicleRow } from '../assess/input.js';
import { normalizeKeyText } from '../ingest/values/keyText.js';

export type ReviewKind = 'bank' | 'vehicle' | 'realestate' | 'income' | 'crossprov';
type RowOf = { bank: BankRow; vehicle: VehicleRow; realestate: RealEstateRow; income: IncomeRow; crossprov: CrossprovRow };

export function naturalKey<K extends ReviewKind>(kind: K, row: RowOf[K]): string {
  switch (kind) {
    case 'bank': {
      const r = row as BankRow;
      return `${normalizeKeyText(r.institution ?? '')}|${r.account_no ?? ''}`;
    }
    case 'vehicle':
      return (row as VehicleRow).plateNorm;
    case 'realestate':
      return (row as RealEstateRow).certNorm;
    case 'income': {
      const r = row as IncomeRow;
      return `${r.category}|${r.item}|${r.period_start}|${r.period_end}`;
    }
    default: {
      const r = row as CrossprovRow;
      return `${normalizeKeyText(r.province)}|${normalizeKeyText(r.item)}`;
    }
  }
}

export function fingerprint(memberId: string, kind: ReviewKind, key: string): string {
  return createHash('sha256').update(`${memberId}\u0000${kind}\u0000${key}`, 'utf8').digest('hex');
}

export const reviewKinds: readonly ReviewKind[] = ['bank', 'vehicle', 'realestate', 'income', 'crossprov'];
