/**
 * Per-kind readers between the workspace tables and the assessment input types (src/assess/input.ts). Each kind's
 * row travels out of SQLite as one JSON array of its columns, in the order listed here (householdStream.ts).
 */
import type {
  BankRow,
  CrossprovRow,
  DeathRow,
  IncomeRow,
  RealEstateRow,
  SourceRef,
  VehicleRow,
} from '../assess/input.js';
import type { ApplicantRow } from './members.js';

export const sourceKinds = ['bank', 'vehicle', 'realestate', 'income', 'crossprov', 'death'] as const;
export type SourceKind = (typeof sourceKinds)[number];
/** The kinds a household is built from, in stream order: its members first. */
export const kindOrder = ['applicants', ...sourceKinds] as const;
export type StreamKind = (typeof kindOrder)[number];

export type Cell = string | number | null;

export interface KindReader<T> {
  columns: readonly string[];
  /** The SQL expressions that give the cells, one per column, for table alias `alias`. */
  select: (alias: string) => string;
  /** The row from its cells: the kind's columns first, in `columns` order (later cells are ignored). */
  build: (cells: readonly Cell[], ref: SourceRef) => T;
}

/**
 * `name` travels as NULL when it equals `name_norm` (nearly always): one string less to build, send and parse per row
 * (the rows of a night are millions); `nameAt` puts it back.
 */
function reader<T>(columns: readonly string[], build: (c: readonly Cell[], ref: SourceRef) => T): KindReader<T> {
  const select = (alias: string) =>
    columns.map((c) => (c === 'name' ? `iif(${alias}.name = ${alias}.name_norm, NULL, ${alias}.name)` : `${alias}.${c}`)).join(', ');
  return { columns, select, build };
}

/** The row's name as written, from the cells of `reader` (`name` at i, `name_norm` at i + 1). */
const nameAt = (c: readonly Cell[], i: number): string => text(c[i] ?? c[i + 1]!);

const text = (v: Cell): string => (v === null ? '' : String(v));
const textOrNull = (v: Cell): string | null => (v === null || v === '' ? null : String(v));
const numOrNull = (v: Cell): number | null => (v === null ? null : Number(v));

const common = ['id_number', 'name', 'name_norm'] as const;

const applicantColumns = [
  'application_id', 'region_code', 'area_type', 'program', 'application_date', 'name', 'name_norm', 'id_number',
  'id_valid', 'id_upgraded', 'id_problem', 'relation', 'authorized', 'excluded_reason', 'disability_grade',
  'disability_type', 'serious_illness', 'employed', 'declared_monthly_income', 'rigid_expense_annual',
  'current_recipient', 'exempt_plates', 'is_self',
] as const satisfies readonly (keyof ApplicantRow)[];

export const kindRowReaders = {
  // Positional, like the other kinds: the keys of a json_object were 70 % of each applicant's text (session 5).
  // One object literal (a fixed shape) rather than keys added in a loop (a dictionary object, 8× slower to build).
  applicants: reader<ApplicantRow>(applicantColumns, (c) => ({
    application_id: c[0] as string,
    region_code: c[1] as string | null,
    area_type: c[2] as string | null,
    program: c[3] as string | null,
    application_date: c[4] as string | null,
    name: nameAt(c, 5),
    name_norm: c[6] as string,
    id_number: c[7] as string,
    id_valid: c[8] as number,
    id_upgraded: c[9] as number,
    id_problem: c[10] as string | null,
    relation: c[11] as string,
    authorized: c[12] as number,
    excluded_reason: c[13] as string | null,
    disability_grade: c[14] as string | null,
    disability_type: c[15] as string | null,
    serious_illness: c[16] as number,
    employed: c[17] as number,
    declared_monthly_income: c[18] as number | null,
    rigid_expense_annual: c[19] as number | null,
    current_recipient: c[20] as number,
    exempt_plates: c[21] as string | null,
    is_self: c[22] as number,
  })),
  bank: reader<BankRow>([...common, 'institution', 'asset_type', 'account_no', 'balance', 'as_of', 'over_limit', 'over_limit_blank'], (c, ref) => ({
    ref,
    idNumber: text(c[0]!),
    name: nameAt(c, 1),
    nameNorm: text(c[2]!),
    institution: textOrNull(c[3]!),
    asset_type: text(c[4]!),
    account_no: textOrNull(c[5]!),
    balance: numOrNull(c[6]!),
    as_of: text(c[7]!),
    over_limit: c[8] === 1,
    overLimitBlank: c[9] === 1,
  })),
  vehicle: reader<VehicleRow>(
    [...common, 'plate', 'plate_norm', 'plate_type', 'vehicle_type', 'use_nature', 'status', 'first_registered', 'value'],
    (c, ref) => ({
      ref,
    idNumber: text(c[0]!),
    name: nameAt(c, 1),
    nameNorm: text(c[2]!),
      plate: text(c[3]!),
      plateNorm: text(c[4]!),
      plate_type: textOrNull(c[5]!),
      vehicle_type: textOrNull(c[6]!),
      use_nature: textOrNull(c[7]!),
      status: text(c[8]!),
      first_registered: textOrNull(c[9]!),
      value: numOrNull(c[10]!),
    }),
  ),
  realestate: reader<RealEstateRow>(
    [...common, 'cert_no', 'cert_norm', 'location', 'usage', 'area', 'registered', 'share_num', 'share_den', 'status'],
    (c, ref) => ({
      ref,
    idNumber: text(c[0]!),
    name: nameAt(c, 1),
    nameNorm: text(c[2]!),
      cert_no: text(c[3]!),
      certNorm: text(c[4]!),
      location: textOrNull(c[5]!),
      usage: text(c[6]!),
      area: Number(c[7]),
      registered: textOrNull(c[8]!),
      share: c[9] === null || c[10] === null ? { num: 1, den: 1 } : { num: Number(c[9]), den: Number(c[10]) },
      status: textOrNull(c[11]!),
    }),
  ),
  income: reader<IncomeRow>([...common, 'category', 'item', 'amount', 'period_start', 'period_end', 'source'], (c, ref) => ({
    ref,
    idNumber: text(c[0]!),
    name: nameAt(c, 1),
    nameNorm: text(c[2]!),
    category: text(c[3]!) as IncomeRow['category'],
    item: text(c[4]!),
    amount: Number(c[5]),
    period_start: text(c[6]!),
    period_end: text(c[7]!),
    source: textOrNull(c[8]!),
  })),
  crossprov: reader<CrossprovRow>(
    [...common, 'province', 'item', 'result', 'amount', 'count', 'area', 'feedback_date'],
    (c, ref) => ({
      ref,
    idNumber: text(c[0]!),
    name: nameAt(c, 1),
    nameNorm: text(c[2]!),
      province: text(c[3]!),
      item: text(c[4]!),
      result: text(c[5]!) as CrossprovRow['result'],
      amount: numOrNull(c[6]!),
      count: numOrNull(c[7]!),
      area: numOrNull(c[8]!),
      feedback_date: textOrNull(c[9]!),
    }),
  ),
  death: reader<DeathRow>([...common, 'death_date'], (c, ref) => ({
    ref,
    idNumber: text(c[0]!),
    name: nameAt(c, 1),
    nameNorm: text(c[2]!),
    death_date: text(c[3]!),
  })),
};
