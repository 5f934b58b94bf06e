/**
 * Matching, second pass (rules.md R4): every household with its members and matched source rows, in application_id
 * order. The first pass (matchPlan.ts) says which row ids belong to which household; this pass reads the rows of a
 * chunk of households by row id, each kind as one JSON text, and assembles the households. Memory stays flat in the
 * number of households: one chunk of rows at a time, plus the plan's 16 bytes a matched row.
 * The read runs on its own connection because results are written meanwhile on the main one (WAL allows both).
 */
import Database from 'better-sqlite3';
import { InternalError } from '../errors.js';
import type { HouseholdInput, HouseholdSources, MemberInput, SourceRef } from '../assess/input.js';
import type { Db } from '../store/db.js';
import { applicantIdCell, kindOrder, kindRowReaders, sourceKinds, type Cell, type SourceKind, type StreamKind } from './sourceRows.js';
import { memberFromRow, type ApplicantRow } from './members.js';
import { fingerprint, naturalKey, type ReviewKind } from './dispositionKey.js';
import { planMatch, type HouseholdSelection, type MatchPlan } from './matchPlan.js';

export { countApplications, planMatch, type HouseholdSelection, type MatchPlan } from './matchPlan.js';

/**
 * Open a second connection on the workspace file for the long read. `cacheMiB` bounds its page cache: a night runs
 * up to five connections at once (issue 7: ≤ 1 GiB peak RSS), so point-lookup readers ask for less.
 */
export function openReader(db: Db | string, cacheMiB = 16): Db {
  const reader = new Database(typeof db === 'string' ? db : db.name, { fileMustExist: true });
  reader.pragma('temp_store = FILE');
  reader.pragma(`cache_size = -${cacheMiB * 1024}`);
  return reader;
}

export interface MatchContext {
  /** Review dispositions that change evidence (确认 / 无效匹配), by fingerprint (src/match/dispositionKey.ts). */
  dispositions?: ReadonlyMap<string, '确认' | '无效匹配'>;
}

/** The dispositions recorded in the workspace that change how a hit counts (需入户核查 changes nothing by itself). */
export function loadDispositions(db: Db): Map<string, '确认' | '无效匹配'> {
  const rows = db.prepare(`SELECT fingerprint, disposition FROM dispositions WHERE disposition IN ('确认', '无效匹配')`).all() as {
    fingerprint: string;
    disposition: '确认' | '无效匹配';
  }[];
  return new Map(rows.map((r) => [r.fingerprint, r.disposition]));
}

function emptySources(): HouseholdSources {
  return { bank: [], vehicle: [], realestate: [], income: [], crossprov: [], death: [] };
}

/**
 * Households per read, and the matched rows after which a chunk closes early (big households): bounds memory. Small
 * chunks keep a chunk's rows in the CPU caches until the core reads them: 100 / 2,000 against 1,000 / 20,000, two
 * worker threads over 100,000 households, three paired runs: 5–8 % less wall time, 100+ MB less peak RSS.
 */
const chunkHouseholds = 100;
const chunkRows = 2000;

/** Every household of the selection with its members and matched source rows, in application_id order. */
export function* householdInputs(
  reader: Db,
  batchId: number,
  ctx: MatchContext = {},
  sel: HouseholdSelection = { all: true },
): Generator<HouseholdInput & { seq: number }> {
  const own = !reader.inTransaction;
  if (own) reader.exec('BEGIN'); // one snapshot for both passes
  try {
    yield* householdsOfPlan(reader, planMatch(reader, batchId, sel), ctx);
  } finally {
    if (own && reader.inTransaction) reader.exec('COMMIT');
  }
}

/** The households `from` … `to` of a plan (a worker's share of the batch), in household-number order. */
export function* householdsOfPlan(
  reader: Db,
  plan: MatchPlan,
  ctx: MatchContext = {},
  from = plan.from,
  to = plan.to,
): Generator<HouseholdInput & { seq: number }> {
  const ctxOf = assembleContext(plan.files, plan.duplicateIds, ctx);
  // The kind's columns, then file_id, line and row_id: the readers take the leading cells and ignore the rest. The row
  // ids drive the join, so the rows come back in the plan's order (the nested loop's order, checked row by row).
  const statements = kindOrder.map((kind) => {
    const cols = kindRowReaders[kind].select('t');
    return reader
      // The brackets come from SQLite: wrapping the text in JavaScript would make JSON.parse copy it (a cons string).
      .prepare(
        `SELECT '[' || group_concat(json_array(${cols}, t.file_id, t.line, t.row_id), ',') || ']'
           FROM json_each(?) j CROSS JOIN ${kind} t ON t.row_id = j.value`,
      )
      .pluck();
  });
  for (let first = Math.max(from, plan.from); first <= Math.min(to, plan.to); ) {
    let last = first;
    let rows = 0;
    for (const k of plan.kinds) rows += k.start[first + 1]! - k.start[first]!;
    while (last < Math.min(to, plan.to) && last - first + 1 < chunkHouseholds && rows < chunkRows) {
      last++;
      for (const k of plan.kinds) rows += k.start[last + 1]! - k.start[last]!;
    }
    const chunk: Chunk = {
      cells: plan.kinds.map((k, i) => readRows(statements[i]!, k.rowIds.subarray(k.start[first]!, k.start[last + 1]!), kindOrder[i]!)),
      idOfMember: new Map(),
    };
    for (const cells of chunk.cells[0]!) chunk.idOfMember.set(cells[cells.length - 1] as number, cells[applicantIdCell] as string);
    for (let hh = first; hh <= last; hh++) {
      const rows: HouseholdRows = {
        of: (k) => ({ cells: chunk.cells[k]!, lo: plan.kinds[k]!.start[hh]! - plan.kinds[k]!.start[first]!, hi: plan.kinds[k]!.start[hh + 1]! - plan.kinds[k]!.start[first]! }),
        idNumber: (k, i) => {
          const member = plan.kinds[k]!.memberRows[plan.kinds[k]!.start[first]! + i]!;
          const id = chunk.idOfMember.get(member);
          if (id === undefined) throw new InternalError('MATCH_ROW_GONE', `member row ${member} of household ${hh} not read`);
          return id;
        },
      };
      const input = assemble(hh, rows, ctxOf);
      if (input) yield input;
    }
    first = last + 1;
  }
}

/** One chunk's rows, per kind in the plan's order, and the ID of each applicant row in it. */
interface Chunk {
  cells: Cell[][][];
  idOfMember: Map<number, string>;
}

/** The cells of rows `ids`, in that order (duplicates included). */
export function readRows(statement: { get: (arg: string) => unknown }, ids: Float64Array, kind: StreamKind): Cell[][] {
  if (ids.length === 0) return [];
  const text = statement.get(`[${ids.join(',')}]`) as string | null;
  const rows = text === null ? [] : (JSON.parse(text) as Cell[][]);
  let inOrder = rows.length === ids.length;
  for (let i = 0; inOrder && i < rows.length; i++) inOrder = rows[i]![rows[i]!.length - 1] === ids[i];
  if (inOrder) return rows;
  // Should SQLite ever return the joined rows in another order, they are put back in the plan's order by row id.
  const byId = new Map(rows.map((cells) => [cells[cells.length - 1] as number, cells]));
  return Array.from(ids, (id) => {
    const cells = byId.get(id);
    if (!cells) throw new InternalError('MATCH_ROW_GONE', `row ${id} of ${kind} planned but not read`);
    return cells;
  });
}

/** (file rank, line) order of two rows. */
function byFileAndLine(a: { ref: SourceRef }, b: { ref: SourceRef }): number {
  return a.ref.fileRank - b.ref.fileRank || a.ref.line - b.ref.line;
}

/** One household's rows per kind (kindOrder index k): the cells of rows `lo` … `hi - 1` of `cells`, and each row's member ID. */
export interface HouseholdRows {
  of(k: number): { cells: Cell[][]; lo: number; hi: number };
  /** The ID of the member row `i` of kind `k` matched (for an applicant row, its own). */
  idNumber(k: number, i: number, cells: Cell[]): string;
}

/** What assembling needs of the batch besides the household's rows. */
export interface AssembleContext {
  /** Files by id: name and rank within its kind (the R9 tie rule). */
  files: ReadonlyMap<number, { name: string; rank: number }>;
  /** IDs in more than one application of the batch (R3). */
  duplicates: ReadonlySet<string>;
  reviewed: ReadonlyMap<string, '确认' | '无效匹配'> | undefined;
}

export function assembleContext(files: MatchPlan['files'], duplicateIds: readonly string[], ctx: MatchContext): AssembleContext {
  return {
    files: new Map(files.map(([id, name, rank]) => [id, { name, rank }])),
    duplicates: new Set(duplicateIds),
    reviewed: ctx.dispositions && ctx.dispositions.size > 0 ? ctx.dispositions : undefined,
  };
}

/**
 * The household's input from its rows, whichever store they were read from (this file's SQL path or the match cache,
 * matchCache.ts). A row's cells are its kind's reader columns, then file id and line (later cells are ignored).
 */
export function assemble(hh: number, household: HouseholdRows, { files, duplicates, reviewed }: AssembleContext): (HouseholdInput & { seq: number }) | undefined {
  /** The household's rows of kind k, built with the ID of the member each matched, in (file rank, line) order. */
  const rowsOf = <T extends { ref: SourceRef }>(k: number, build: (cells: Cell[], ref: SourceRef, idNumber: string) => T): T[] => {
    const kind = kindOrder[k]!;
    const at = kindRowReaders[kind].columns.length;
    const { cells: list, lo, hi } = household.of(k);
    const out: T[] = [];
    let ordered = true;
    for (let i = lo; i < hi; i++) {
      const cells = list[i]!;
      const file = files.get(cells[at] as number);
      if (!file) throw new InternalError('MATCH_ROW_GONE', `file ${cells[at]} of a ${kind} row of household ${hh} is not the batch's`);
      const row = build(cells, { kind, file: file.name, line: cells[at + 1] as number, fileRank: file.rank }, household.idNumber(k, i, cells));
      if (out.length > 0 && byFileAndLine(out[out.length - 1]!, row) > 0) ordered = false;
      out.push(row);
    }
    // The plan relies on the writer inserting each file's rows in line order (row-id order = line order); should a
    // workspace ever break that, the household's rows are put in (file rank, line) order here, never silently misordered.
    if (!ordered) out.sort(byFileAndLine);
    return out;
  };
  const rows = rowsOf(0, (cells, ref) => ({ row: kindRowReaders.applicants.build(cells, ref, ''), ref }));
  if (rows.length === 0) return undefined;
  const members: MemberInput[] = rows.map(({ row, ref }, i) => memberFromRow(row, ref, i));
  const self: ApplicantRow = (rows.find((r) => r.row.is_self === 1) ?? rows[0]!).row;
  const sources = emptySources();
  sourceKinds.forEach((kind, i) => {
    const list = sources[kind] as unknown[];
    const build = kindRowReaders[kind].build as (cells: Cell[], ref: SourceRef, idNumber: string) => { ref: SourceRef; idNumber: string; review?: '确认' | '无效匹配' };
    for (const row of rowsOf(i + 1, build)) {
      if (reviewed && kind !== 'death') {
        const d = reviewed.get(fingerprint(row.idNumber, kind as ReviewKind, naturalKey(kind as ReviewKind, row as never)));
        if (d) row.review = d;
      }
      list.push(row);
    }
  });
  const dup = members.filter((m) => duplicates.has(m.idNumber)).map((m) => m.idNumber);
  return {
    seq: hh,
    applicationId: self.application_id,
    regionCode: self.region_code ?? '',
    areaType: self.area_type as HouseholdInput['areaType'],
    program: self.program as HouseholdInput['program'],
    applicationDate: self.application_date ?? '',
    currentRecipient: self.current_recipient === 1,
    members,
    duplicateMemberIds: [...new Set(dup)],
    sources,
  };
}

export interface UnmatchedCount {
  kind: SourceKind;
  accepted: number;
  unmatched: number;
}

/** Source rows whose ID is nobody's in the batch: kept and counted, never an error (issue 3 “bad input”). */
export function unmatchedCounts(db: Db, batchId: number): UnmatchedCount[] {
  return sourceKinds.map((kind) => {
    const r = db
      .prepare(
        `SELECT COUNT(*) AS accepted,
                SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM applicants a WHERE a.batch_id = $batch AND a.id_number = t.id_number) THEN 1 ELSE 0 END) AS unmatched
           FROM ${kind} t WHERE t.file_id IN (SELECT id FROM files WHERE batch_id = $batch AND kind = '${kind}')`,
      )
      .get({ batch: batchId }) as { accepted: number; unmatched: number | null };
    return { kind, accepted: r.accepted, unmatched: r.unmatched ?? 0 };
  });
}
