/**
 * Small builders of assessment inputs (src/assess/input.ts) for the rule tests. Defaults: a 城市 低保 household of
 * 菏泽 (fixtures/policy/heze-2024.yaml: 低保 939 元, 低保边缘 1.5 ×, 12-month window, lt, employment cost 0.10,
 * financial assets 24 months of 低保 (低保边缘: 3 years), vehicles B/E/M/P inactive, housing 1 unit / 40 m²), applied
 * for on 2024-06-15, so the income window is 2023-06 … 2024-05.
 */
import { readFileSync } from 'node:fs';
import { assessHousehold } from '../../src/assess/assessHousehold.js';
import type { HouseholdAssessment } from '../../src/assess/result.js';
import { validatePolicyPack } from '../../src/policy/schema.js';
import { parsePolicyBytes } from '../../src/policy/load.js';
import type { PolicyPack } from '../../src/policy/types.js';
import type {
  BankRow,
  CrossprovRow,
  DeathRow,
  HouseholdInput,
  IncomeRow,
  MemberInput,
  RealEstateRow,
  SourceRef,
  VehicleRow,
} from '../../src/assess/input.js';
import type { Kind } from '../../src/ingest/columns.js';
import { normalizePlate, normalizeKeyText } from '../../src/ingest/values/keyText.js';
import { rawPack, rawPeriod, rawRegion } from '../policy/packs.js';

export const heze: PolicyPack = parsePolicyBytes(
  readFileSync(new URL('../../fixtures/policy/heze-2024.yaml', import.meta.url)),
  'heze-2024.yaml',
);

/** The 菏泽 example period with some keys replaced (raw YAML-like values), as a validated pack. */
export function packWith(period: Record<string, unknown>): PolicyPack {
  const result = validatePolicyPack(rawPack([rawRegion({}, [rawPeriod(period)])]));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.pack;
}

export const asOf = '2024-06-30';

const lines = new Map<string, number>();
export function ref(kind: Kind, over: Partial<SourceRef> = {}): SourceRef {
  const file = over.file ?? `${kind}.csv`;
  const key = `${kind}:${file}`;
  const line = over.line ?? (lines.get(key) ?? 1) + 1;
  lines.set(key, Math.max(line, lines.get(key) ?? 1));
  return { kind, file, line, fileRank: over.fileRank ?? 0 };
}

let nextOrdinal = 0;
export function member(over: Partial<MemberInput> = {}): MemberInput {
  const ordinal = over.ordinal ?? nextOrdinal++;
  const name = over.name ?? `成员${ordinal}`;
  return {
    ordinal,
    name,
    nameNorm: over.nameNorm ?? name,
    idNumber: `37170219800101${String(1000 + ordinal).slice(-4)}`,
    idValid: true,
    idUpgraded: false,
    idProblem: null,
    birthDate: '1980-01-01',
    idRegionUnknown: false,
    relation: '本人',
    isSelf: false,
    authorized: true,
    excludedReason: null,
    disabilityGrade: null,
    disabilityType: null,
    seriousIllness: false,
    employed: false,
    declaredMonthlyIncome: null,
    rigidExpenseAnnual: null,
    exemptPlates: [],
    ref: ref('applicants', { line: ordinal + 2 }),
    ...over,
  };
}

/** 本人 (ordinal 0) and further members (ordinals 1, 2, …), relation 配偶/子女 unless given. */
export function family(...overs: Partial<MemberInput>[]): MemberInput[] {
  if (overs.length === 0) overs = [{}];
  return overs.map((o, i) =>
    member({ ordinal: i, relation: i === 0 ? '本人' : i === 1 ? '配偶' : '子女', isSelf: i === 0, name: `成员${i}`, ...o }),
  );
}

export function household(members: MemberInput[], over: Partial<HouseholdInput> = {}, sources: Partial<HouseholdInput['sources']> = {}): HouseholdInput {
  return {
    applicationId: 'A001',
    regionCode: '371702',
    areaType: '城市',
    program: '低保',
    applicationDate: '2024-06-15',
    currentRecipient: false,
    members,
    duplicateMemberIds: [],
    ...over,
    sources: { bank: [], vehicle: [], realestate: [], income: [], crossprov: [], death: [], ...sources },
  };
}

const base = (m: MemberInput, kind: Kind, r?: Partial<SourceRef>, name?: string) => {
  const n = name ?? m.name;
  return { ref: ref(kind, r), idNumber: m.idNumber, name: n, nameNorm: n };
};

export function income(m: MemberInput, over: Partial<IncomeRow> & { r?: Partial<SourceRef> } = {}): IncomeRow {
  const { r, ...rest } = over;
  return {
    ...base(m, 'income', r, over.name),
    category: '工资性',
    item: '工资',
    amount: 0,
    period_start: '2023-06',
    period_end: '2024-05',
    source: '税务',
    ...rest,
  };
}

export function bank(m: MemberInput, over: Partial<BankRow> & { r?: Partial<SourceRef> } = {}): BankRow {
  const { r, ...rest } = over;
  return {
    ...base(m, 'bank', r, over.name),
    institution: '中国工商银行菏泽分行',
    asset_type: '活期存款',
    account_no: null,
    balance: 0,
    as_of: '2024-06-01',
    over_limit: false,
    ...rest,
  };
}

export function vehicle(m: MemberInput, over: Partial<VehicleRow> & { r?: Partial<SourceRef> } = {}): VehicleRow {
  const { r, ...rest } = over;
  const plate = over.plate ?? '鲁R12345';
  return {
    ...base(m, 'vehicle', r, over.name),
    plate,
    plateNorm: normalizePlate(plate),
    plate_type: '02',
    vehicle_type: '小型轿车',
    use_nature: 'A',
    status: 'A',
    first_registered: null,
    value: null,
    ...rest,
  };
}

export function realestate(m: MemberInput, over: Partial<RealEstateRow> & { r?: Partial<SourceRef> } = {}): RealEstateRow {
  const { r, ...rest } = over;
  const cert = over.cert_no ?? '鲁(2020)菏泽市不动产权第0000001号';
  return {
    ...base(m, 'realestate', r, over.name),
    cert_no: cert,
    certNorm: normalizeKeyText(cert),
    location: null,
    usage: '住宅',
    area: 8000,
    registered: null,
    share: { num: 1, den: 1 },
    status: null,
    ...rest,
  };
}

export function crossprov(m: MemberInput, over: Partial<CrossprovRow> & { r?: Partial<SourceRef> } = {}): CrossprovRow {
  const { r, ...rest } = over;
  return {
    ...base(m, 'crossprov', r, over.name),
    province: '江苏省',
    item: '存款',
    result: '无',
    amount: null,
    count: null,
    area: null,
    feedback_date: '2024-06-01',
    ...rest,
  };
}

export function death(m: MemberInput, over: Partial<DeathRow> & { r?: Partial<SourceRef> } = {}): DeathRow {
  const { r, ...rest } = over;
  return { ...base(m, 'death', r, over.name), death_date: '2024-05-01', ...rest };
}

/** 元 → 分 for readable test numbers (integers and 2-decimal literals only). */
export function fen(yuanText: string): number {
  const [int, frac = ''] = yuanText.split('.');
  const neg = int!.startsWith('-');
  const v = Math.abs(Number(int)) * 100 + Number(frac.padEnd(2, '0'));
  return neg ? -v : v;
}


export function assess(h: HouseholdInput, pack: PolicyPack = heze, asOfDate = asOf): HouseholdAssessment {
  return assessHousehold(h, pack, asOfDate);
}

export function codes(a: HouseholdAssessment): string[] {
  return a.reasons.map((r) => r.code);
}

export function testOf(a: HouseholdAssessment, id: string) {
  const t = a.trace.main?.tests.find((x) => x.id === id);
  if (!t) throw new Error(`no test ${id}`);
  return t;
}
