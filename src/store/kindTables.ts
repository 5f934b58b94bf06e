import type { Kind } from '../ingest/columns.js';

/**
 * The data columns of each kind's table (src/store/migrations.ts), in insert order. `dedupe` are the columns whose
 * equality makes a DUPLICATE_ROW (data-contract.md: every mapped cell equal after normalisation), so the normalised
 * forms of names, plates and certificate numbers stand in for the text as written.
 */
export interface KindTable {
  columns: readonly string[];
  dedupe: readonly string[];
  /** Positions of the dedupe columns within `columns`. */
  dedupeIndex: readonly number[];
}

const common = ['id_number', 'id_upgraded', 'name', 'name_norm'] as const;

const table = (columns: readonly string[], asWritten: readonly string[] = []): KindTable => {
  const dedupe = columns.filter((c) => c !== 'raw' && c !== 'name' && !asWritten.includes(c));
  return { columns, dedupe, dedupeIndex: dedupe.map((c) => columns.indexOf(c)) };
};

export const kindTables: Record<Kind, KindTable> = {
  applicants: table([
    'application_id', 'region_code', 'area_type', 'program', 'application_date', 'name', 'name_norm', 'id_number',
    'id_valid', 'id_upgraded', 'id_problem', 'relation', 'authorized', 'excluded_reason', 'disability_grade',
    'disability_type', 'serious_illness', 'employed', 'declared_monthly_income', 'rigid_expense_annual',
    'current_recipient', 'exempt_plates', 'raw',
  ]),
  bank: table([...common, 'institution', 'asset_type', 'account_no', 'balance', 'as_of', 'over_limit', 'over_limit_blank']),
  vehicle: table(
    [...common, 'plate', 'plate_norm', 'plate_type', 'vehicle_type', 'use_nature', 'status', 'first_registered', 'value'],
    ['plate'],
  ),
  realestate: table(
    [...common, 'cert_no', 'cert_norm', 'location', 'usage', 'area', 'registered', 'share_num', 'share_den', 'status'],
    ['cert_no'],
  ),
  income: table([...common, 'category', 'item', 'amount', 'period_start', 'period_end', 'source']),
  crossprov: table([...common, 'province', 'item', 'result', 'amount', 'count', 'area', 'feedback_date']),
  death: table([...common, 'death_date']),
};

/**
 * The text whose equality means DUPLICATE_ROW, from a row's parameters in column order. Each value is written with its
 * type and (for text) its length, so two different rows can never produce the same key.
 */
export function dedupeKey(kind: Kind, params: readonly SqlParam[]): string {
  let key = '';
  for (const i of kindTables[kind].dedupeIndex) key += keyPart(params[i]);
  return key;
}

/** The same key from the dedupe columns' values alone (as read back from the table). */
export function dedupeKeyOfValues(values: readonly SqlParam[]): string {
  let key = '';
  for (const v of values) key += keyPart(v);
  return key;
}

type SqlParam = string | number | null | undefined;
const keyPart = (v: SqlParam) => (v === null || v === undefined ? '_;' : typeof v === 'number' ? `n${v};` : `s${v.length}:${v}`);
