/**
 * What the pure assessment core is given for one household (built by src/match from the workspace). Plain data:
 * money in integer 分, areas in hundredths of m² (integers), dates `YYYY-MM-DD`, months `YYYY-MM`, IDs as text.
 * Every source row carries a `ref` so each figure can be traced to (kind, file, line).
 */
import type { Kind } from '../ingest/columns.js';
import type { Area, Program } from '../policy/types.js';

export interface SourceRef {
  kind: Kind;
  /** The input file's name (not its path: names are what operators see). */
  file: string;
  /** Physical line (CSV) or sheet row (XLSX) where the record starts. */
  line: number;
  /**
   * Rank of `file` in code-point order of file names among the batch's files of this kind (0 first). R9 ties:
   * “the later file in code-point order of its name, then the later line”.
   */
  fileRank: number;
}

export interface MemberInput {
  /** Input order inside the application (0 = first row read); 本人 is not necessarily 0. */
  ordinal: number;
  name: string;
  /** normalizeName(name): NFKC, spaces removed, middle dots unified (src/identity/names.ts). */
  nameNorm: string;
  /** Normalised 身份证号 (18 characters after a 15→18 upgrade when valid; as written when invalid). */
  idNumber: string;
  idValid: boolean;
  /** R3: a 15-digit ID that was upgraded (info ID_UPGRADED). */
  idUpgraded: boolean;
  /** Chinese reason the ID is invalid (null when valid). */
  idProblem: string | null;
  /** From the ID (valid IDs only): YYYY-MM-DD. */
  birthDate: string | null;
  /** R3: the ID's 6-digit region prefix is not in GB/T 2260 (info ID_REGION_UNKNOWN). */
  idRegionUnknown: boolean;
  relation: string;
  /** R1: the one 本人 (or 户主/申请人 when no row says 本人). */
  isSelf: boolean;
  authorized: boolean;
  /** 服刑 / 强制隔离戒毒 / 宣告失踪 / 宗教教职, or null = counted (R1). */
  excludedReason: string | null;
  disabilityGrade: string | null;
  disabilityType: string | null;
  seriousIllness: boolean;
  employed: boolean;
  /** 分 per month; null = blank (absent). */
  declaredMonthlyIncome: number | null;
  /** 分 per year; null = blank (0). */
  rigidExpenseAnnual: number | null;
  /** Plates normalised with normalizePlate (R10). */
  exemptPlates: string[];
  ref: SourceRef;
}

interface SourceRowBase {
  ref: SourceRef;
  /**
   * An operator's review disposition of this hit (issue 6): 确认 makes a suspect hit confirmed evidence; 无效匹配 means
   * the row is not this person's and is set aside on both bounds (shown in the trace). Absent = not reviewed.
   */
  review?: '确认' | '无效匹配';
  /** The member's normalised ID this row was matched by. */
  idNumber: string;
  name: string;
  nameNorm: string;
}

export interface BankRow extends SourceRowBase {
  institution: string | null;
  asset_type: string;
  account_no: string | null;
  /** 分; null on a flag-only row. */
  balance: number | null;
  as_of: string;
  over_limit: boolean;
  /**
   * R9 needs “over_limit blank” apart from “over_limit = 否”: a 超限标识 row flags when its over_limit is blank, and
   * 否 has no effect. The bool column reads blank as false, so match must say which it was: true = the cell was
   * blank. Absent (undefined) is read as blank whenever over_limit is false (added by the assess helper; see
   * src/assess/rules/r9FinancialAssets.ts).
   */
  overLimitBlank?: boolean;
}

export interface VehicleRow extends SourceRowBase {
  plate: string;
  /** normalizePlate(plate): NFKC, upper case, spaces and dots removed (R10). */
  plateNorm: string;
  plate_type: string | null;
  vehicle_type: string | null;
  use_nature: string | null;
  /** Status letters, sorted (`GQ`); names were mapped at import. */
  status: string;
  first_registered: string | null;
  value: number | null;
}

export interface RealEstateRow extends SourceRowBase {
  cert_no: string;
  /** Normalised certificate number (R10/R11 comparison rule). */
  certNorm: string;
  location: string | null;
  usage: string;
  /** Hundredths of m². */
  area: number;
  registered: string | null;
  /** Exact share; blank and 共同共有 are {1,1}. */
  share: { num: number; den: number };
  /** null = blank = 现势. */
  status: string | null;
}

export interface IncomeRow extends SourceRowBase {
  category: '工资性' | '经营净' | '财产净' | '转移净' | '其他' | '社保个人缴费';
  item: string;
  /** 分, may be negative. */
  amount: number;
  period_start: string;
  period_end: string;
  source: string | null;
}

export interface CrossprovRow extends SourceRowBase {
  province: string;
  item: string;
  result: '有' | '无' | '未反馈';
  amount: number | null;
  count: number | null;
  /** Hundredths of m². */
  area: number | null;
  feedback_date: string | null;
}

export interface DeathRow extends SourceRowBase {
  death_date: string;
}

export interface HouseholdSources {
  bank: BankRow[];
  vehicle: VehicleRow[];
  realestate: RealEstateRow[];
  income: IncomeRow[];
  crossprov: CrossprovRow[];
  death: DeathRow[];
}

export interface HouseholdInput {
  applicationId: string;
  regionCode: string;
  areaType: '城市' | '农村';
  program: Program;
  applicationDate: string;
  currentRecipient: boolean;
  /** In input order (ordinal). */
  members: MemberInput[];
  /** R3: IDs of this household's members that also appear in another accepted application of the batch. */
  duplicateMemberIds: string[];
  /**
   * Source rows whose ID equals a member's ID (any member: the core decides who is counted and ignores the rest).
   * Each list is in (kind, fileRank, line) order.
   */
  sources: HouseholdSources;
}

export const areaOf = (t: HouseholdInput['areaType']): Area => (t === '城市' ? 'urban' : 'rural');
