/**
 * Per-kind readers between the workspace tables and the assessment input types (src/assess/input.ts). Each kind's
 * row travels out of SQLite as one JSON array of its columns, in the order listed here (householdStream.ts). A source
 * row's ID is not read: it is the ID of the applicant row it matched (the plan names that row), passed in as text.
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
  /**
   * The row from its cells (the kind's columns first, in `columns` order; later cells are ignored) and, for a source
   * row, the matched member's ID.
   */
  build: (cells: readonly Cell[], ref: SourceRef, idNumber: string) => T;
}

/**
 * `name` travels as NULL when it equals `name_norm` (nearly always): one string less to build, send and parse per row
 * (the rows of a night are millions); `nameAt` puts it back.
 */
function reader<T>(columns: readonly string[], build: KindReader<T>['build']): KindReader<T> {
  const select = (alias: string) =>
    columns.map((c) => (c === 'name' ? `iif(${alias}.name = ${alias}.name_norm, NULL, ${alias}.name)` : `${alias}.${c}`)).join(', ');
  return { columns, select, build };
}

/** The row's name as written, from the cells of `reader` (`name` at i, `name_norm` at i + 1). */
const nameAt = (c: readonly Cell[], i: number): string => text(c[i] ?? c[i + 1]!);

const text = (v: Cell): string => (v === null ? '' : String(v));
const textOrNull = (v: Cell): string | null => (v === null || v === '' ? null : String(v));
const numOrNull = (v: Cell): number | null => (v === null ? null : Number(v));

const common = ['name', 'name_norm'] as const;

const applicantColumns = [
  'application_id', 'region_code', 'area_type', 'program', 'application_date', 'name', 'name_norm', 'id_number',
  'id_valid', 'id_upgraded', 'id_problem', 'relation', 'authorized', 'excluded_reason', 'disability_grade',
  'disability_type', 'serious_illness', 'employed', 'declared_monthly_income', 'rigid_expense_annual',
  'current_recipient', 'exempt_plates', 'is_self',
] as const satisfies readonly (keyof ApplicantRow)[];

/** Where an applicant row's cells hold its ID (the ID its matched source rows take). */
export const applicantIdCell = applicantColumns.indexOf('id_number');

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
  bank: reader<BankRow>([...common, 'institution', 'asset_type', 'account_no', 'balance', 'as_of', 'over_limit', 'over_limit_blank'], (c, ref, idNumber) => ({
    ref,
    idNumber,
    name: nameAt(c, 0),
    nameNorm: text(c[1]!),
    institution: textOrNull(c[2]!),
    asset_type: text(c[3]!),
    account_no: textOrNull(c[4]!),
    balance: numOrNull(c[5]!),
    as_of: text(c[6]!),
    over_limit: c[7] === 1,
    overLimitBlank: c[8] === 1,
  })),
  vehicle: reader<VehicleRow>(
    [...common, 'plate', 'plate_norm', 'plate_type', 'vehicle_type', 'use_nature', 'status', 'first_registered', 'value'],
    (c, ref, idNumber) => ({
      ref,
      idNumber,
      name: nameAt(c, 0),
      nameNorm: text(c[1]!),
      plate: text(c[2]!),
      plateNorm: text(c[3]!),
      plate_type: textOrNull(c[4]!),
      vehicle_type: textOrNull(c[5]!),
      use_nature: textOrNull(c[6]!),
      status: text(c[7]!),
      first_registered: textOrNull(c[8]!),
      value: numOrNull(c[9]!),
    }),
  ),
  realestate: reader<RealEstateRow>(
    [...common, 'cert_no', 'cert_norm', 'location', 'usage', 'area', 'registered', 'share_num', 'share_den', 'status'],
    (c, ref, idNumber) => ({
      ref,
      idNumber,
      name: nameAt(c, 0),
      nameNorm: text(c[1]!),
      cert_no: text(c[2]!),
      certNorm: text(c[3]!),
      location: textOrNull(c[4]!),
      usage: text(c[5]!),
      area: Number(c[6]),
      registered: textOrNull(c[7]!),
      share: c[8] === null || c[9] === null ? { num: 1, den: 1 } : { num: Number(c[8]), den: Number(c[9]) },
      status: textOrNull(c[10]!),
    }),
  ),
  income: reader<IncomeRow>([...common, 'category', 'item', 'amount', 'period_start', 'period_end', 'source'], (c, ref, idNumber) => ({
    ref,
    idNumber,
    name: nameAt(c, 0),
    nameNorm: text(c[1]!),
    category: text(c[2]!) as IncomeRow['category'],
    item: text(c[3]!),
    amount: Number(c[4]),
    period_start: text(c[5]!),
    period_end: text(c[6]!),
    source: textOrNull(c[7]!),
  })),
  crossprov: reader<CrossprovRow>(
    [...common, 'province', 'item', 'result', 'amount', 'count', 'area', 'feedback_date'],
    (c, ref, idNumber) => ({
      ref,
      idNumber,
      name: nameAt(c, 0),
      nameNorm: text(c[1]!),
      province: text(c[2]!),
      item: text(c[3]!),
      result: text(c[4]!) as CrossprovRow['result'],
      amount: numOrNull(c[5]!),
      count: numOrNull(c[6]!),
      area: numOrNull(c[7]!),
      feedback_date: textOrNull(c[8]!),
    }),
  ),
  death: reader<DeathRow>([...common, 'death_date'], (c, ref, idNumber) => ({
    ref,
    idNumber,
    name: nameAt(c, 0),
    nameNorm: text(c[1]!),
    death_date: text(c[2]!),
  })),
};
