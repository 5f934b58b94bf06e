/**
 * Once per household, before any test: the counted members' source rows, each member's in ref order, with the
 * choices that do not depend on a program's parameters — R9 latest row per account, R14 latest cross-province row
 * per (member, province, item) — and the NAME_MISMATCH reasons of R4. Rows of members not counted are set aside
 * unread (R1). Rows are sorted by (file rank, line) here, so nothing downstream depends on the order match used.
 */
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
} from './input.js';
import { memberLabel, type ReasonList } from './reasonList.js';
import { gradeOf } from './rules/r4Evidence.js';
import { chooseAccounts } from './rules/r9FinancialAssets.js';
import { dedupeCrossprov } from './rules/r14Findings.js';
import type { TraceAccount, TraceCrossprovItem, TraceIgnoredRow } from './trace.js';

export interface MemberRows {
  member: MemberInput;
  income: IncomeRow[];
  vehicle: VehicleRow[];
  realestate: RealEstateRow[];
  death: DeathRow[];
  accounts: TraceAccount[];
  /** Indexes into Prepared.crossprov (and the rows chosen). */
  crossprov: { index: number; row: CrossprovRow }[];
}

export interface Prepared {
  /** Counted members in member order (本人 first, then input order). */
  members: MemberRows[];
  byOrdinal: Map<number, MemberRows>;
  crossprov: TraceCrossprovItem[];
  ignored: TraceIgnoredRow[];
}

/** (file rank, line); the file name breaks a rank tie, which only an inconsistent input could hold. */
function refOrder(a: { ref: SourceRef }, b: { ref: SourceRef }): number {
  return a.ref.fileRank - b.ref.fileRank || (a.ref.file === b.ref.file ? 0 : a.ref.file < b.ref.file ? -1 : 1) || a.ref.line - b.ref.line;
}

/** Rows in (file rank, line) order; the usual already-sorted list is returned as is. */
function inRefOrder<T extends { ref: SourceRef }>(rows: T[]): T[] {
  for (let i = 1; i < rows.length; i++) {
    if (refOrder(rows[i - 1]!, rows[i]!) > 0) return [...rows].sort(refOrder);
  }
  return rows;
}

type Keyed = 'income' | 'vehicle' | 'realestate' | 'death';

export function prepare(
  input: HouseholdInput,
  counted: readonly MemberInput[],
  notCounted: ReadonlyMap<number, string>,
  reasons: ReasonList,
): Prepared {
  const byId = new Map<string, MemberInput>();
  for (const m of input.members) byId.set(m.idNumber, m);
  const members: MemberRows[] = counted.map((member) => ({
    member,
    income: [],
    vehicle: [],
    realestate: [],
    death: [],
    accounts: [],
    crossprov: [],
  }));
  const byOrdinal = new Map<number, MemberRows>();
  for (const mr of members) byOrdinal.set(mr.member.ordinal, mr);
  const ignored: TraceIgnoredRow[] = [];
  const bank = new Map<number, BankRow[]>();
  const cross = new Map<number, CrossprovRow[]>();

  /** The counted member a row belongs to, or undefined (then the row is set aside unread). */
  const owner = (row: { idNumber: string; ref: SourceRef; review?: '确认' | '无效匹配' }): MemberRows | undefined => {
    const m = byId.get(row.idNumber);
    if (row.review === '无效匹配') {
      // Issue 6: the operator found this hit is not the member's data; it is set aside on both bounds, and shown.
      ignored.push({ ref: row.ref, memberOrdinal: m ? m.ordinal : null, why: '复核处理结果为“无效匹配”（经核实不是本人的数据），不计入' });
      return undefined;
    }
    const mr = m ? byOrdinal.get(m.ordinal) : undefined;
    if (!mr) {
      const why = m ? `${memberLabel(m)}${notCounted.get(m.ordinal) ?? '不计入'}，其数据不读取（R1）` : '证件号不属于本户成员';
      ignored.push({ ref: row.ref, memberOrdinal: m ? m.ordinal : null, why });
    }
    return mr;
  };
  const collect = <K extends Keyed>(kind: K, rows: MemberRows[K]) => {
    for (const row of rows) {
      const mr = owner(row);
      if (mr) (mr[kind] as (typeof row)[]).push(row);
    }
  };
  collect('income', input.sources.income);
  collect('vehicle', input.sources.vehicle);
  collect('realestate', input.sources.realestate);
  collect('death', input.sources.death);
  for (const row of input.sources.bank) {
    const mr = owner(row);
    if (mr) push(bank, mr.member.ordinal, row);
  }
  for (const row of input.sources.crossprov) {
    const mr = owner(row);
    if (mr) push(cross, mr.member.ordinal, row);
  }

  const crossprov: TraceCrossprovItem[] = [];
  for (const mr of members) {
    const m = mr.member;
    mr.income = inRefOrder(mr.income);
    mr.vehicle = inRefOrder(mr.vehicle);
    mr.realestate = inRefOrder(mr.realestate);
    mr.death = inRefOrder(mr.death);
    const bankRows = inRefOrder(bank.get(m.ordinal) ?? []);
    const crossRows = inRefOrder(cross.get(m.ordinal) ?? []);
    mr.accounts = chooseAccounts(m, bankRows);
    for (const choice of dedupeCrossprov(m, crossRows)) {
      mr.crossprov.push({ index: crossprov.length, row: choice.row });
      crossprov.push(choice.item);
    }
    // R4: one NAME_MISMATCH per suspect row of a counted member, every kind (superseded rows included: each is a
    // row whose ID matched and whose name did not, which the operator should see).
    const suspect: SourceRef[] = [];
    for (const list of [bankRows, mr.vehicle, mr.realestate, mr.income, crossRows, mr.death] as { nameNorm: string; ref: SourceRef }[][]) {
      for (const row of list) if (gradeOf(row, m) === 'suspect') suspect.push(row.ref);
    }
    for (const ref of suspect) {
      reasons.add('NAME_MISMATCH', 'R4', { member: memberLabel(m), file: ref.file, line: ref.line }, { member: m, evidence: [ref] });
    }
  }
  ignored.sort((a, b) => kindIndex(a.ref) - kindIndex(b.ref) || refOrder(a, b));
  return { members, byOrdinal, crossprov, ignored };
}

const kindOrder = ['bank', 'vehicle', 'realestate', 'income', 'crossprov', 'death'];
function kindIndex(ref: SourceRef): number {
  return kindOrder.indexOf(ref.kind);
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
