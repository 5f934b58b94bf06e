/**
 * Matching, first pass (rules.md R4): which stored rows belong to which household, as numbers only. For every kind,
 * the row ids of each household's rows in (file rank, line) order, laid out by household number like a CSR matrix:
 * household h's rows of kind k are `rowIds[start[h]] … rowIds[start[h + 1] - 1]`.
 *
 * Why not one sorted SQL stream (sessions 1–5): SQLite's sorter took ~6.5 s of a 12 s match over 2.2 M matched rows,
 * and handing each sorted row to JavaScript cost another ~1.4 µs. Here SQLite only joins each row's ID to the batch's
 * applicant rows (their (batch_id, id_number) index) and hands back two integers per row (applicant row, row id) in big
 * text chunks; the applicant row gives the household number, and household order comes from a counting sort (the
 * household number is dense), which is linear. The plan costs 16 bytes a matched row (row id and applicant row, typed
 * arrays on SharedArrayBuffers, so worker threads read it without a copy); the rows themselves are read household
 * chunk by household chunk in the second pass (householdStream.ts), so memory stays flat in the number of households.
 */
import type { Db } from '../store/db.js';
import { byCodePoint } from '../codePointOrder.js';
import { sourceKinds, type SourceKind, type StreamKind } from './sourceRows.js';

/** Which households to match: all, one application (explain), or a range of household numbers. */
export type HouseholdSelection = { all: true } | { applicationId: string } | { from: number; to: number };

export interface KindRows {
  /** Length households + 2: household h's rows are rowIds[start[h]] … rowIds[start[h + 1] - 1]. */
  start: Int32Array;
  /** Row ids (Float64: a workspace's row ids outgrow 2^31 after a few hundred nights of millions of rows). */
  rowIds: Float64Array;
  /**
   * Beside each row id, the applicant row whose ID the row matched (for applicant rows, the row itself): the row's
   * ID is that member's, so the second pass need not read it again.
   */
  memberRows: Float64Array;
}

export interface MatchPlan {
  batchId: number;
  /** Household numbers 1… in application_id order (the report sequence); the plan covers `from` … `to`. */
  from: number;
  to: number;
  /** Per kind of `kindOrder`. */
  kinds: KindRows[];
  /** Files of the batch: id → name and rank within its kind (code-point order of names: the R9 tie rule). */
  files: [fileId: number, name: string, rank: number][];
  /** IDs present in more than one accepted application of the batch (R3 DUPLICATE_MEMBER). */
  duplicateIds: string[];
}

/** Applications of the batch numbered 1… in application_id order (the report sequence), whatever the selection. */
export function countApplications(reader: Db, batchId: number): number {
  return reader.prepare(`SELECT COUNT(DISTINCT application_id) FROM applicants WHERE batch_id = ?`).pluck().get(batchId) as number;
}

/** Row ids per SQL call: the text of one chunk stays a few MB. */
const scanChunk = 65536;

interface BatchFile {
  id: number;
  kind: string;
  name: string;
  rank: number;
}

/**
 * The batch's application_ids in household-number order (or just `only`): the one numbering of households, shared by
 * the plan and the match cache (matchRouter.ts). The (batch_id, application_id) index yields them in BINARY collation
 * order: UTF-8 bytes, i.e. code points.
 */
export function applicationIds(reader: Db, batchId: number, only?: string): string[] {
  return reader
    .prepare(`SELECT DISTINCT application_id FROM applicants WHERE batch_id = ? ${only === undefined ? '' : 'AND application_id = ?'} ORDER BY application_id`)
    .pluck()
    .all(...(only === undefined ? [batchId] : [batchId, only])) as string[];
}

/** Row-id span of one file's rows: scanning it in table order beats seeking each row through the file index (3×). */
function fileSpan(reader: Db, kind: StreamKind, fileId: number): { lo: number; hi: number } | undefined {
  // Two queries: SQLite answers a lone MIN or MAX from the index's ends, but scans the file's entries for both at once.
  const lo = reader.prepare(`SELECT MIN(row_id) FROM ${kind} WHERE file_id = ?`).pluck().get(fileId) as number | null;
  const hi = reader.prepare(`SELECT MAX(row_id) FROM ${kind} WHERE file_id = ?`).pluck().get(fileId) as number | null;
  return lo === null || hi === null ? undefined : { lo, hi };
}

/**
 * Each applicant row's household number, by row id over the span of the batch's applicant rows: 0 for a row outside
 * the selection or with an invalid ID (it matches nothing). 4 bytes an applicant row.
 */
interface MemberHouseholds {
  lo: number;
  hh: Int32Array;
}

const householdOfRow = (m: MemberHouseholds, rowId: number): number => (rowId >= m.lo && rowId - m.lo < m.hh.length ? m.hh[rowId - m.lo]! : 0);

/**
 * The applicants: household numbers (application_id in code-point order), each applicant row's household (the source
 * rows are joined to the applicant rows through the (batch_id, id_number) index, so the member list is the applicants
 * table itself), and the IDs in several applications (R3). The rows are read a chunk at a time and nothing per row is
 * kept but the plan's numbers. Every planner thread needs the numbering (planInWorker.ts); only the first (`pairs`
 * given) collects the applicant rows and the R3 duplicates, which the plan takes from it alone.
 */
function planApplicants(
  reader: Db,
  batchId: number,
  files: BatchFile[],
  sel: HouseholdSelection,
  pairs: Pairs | undefined,
): { range: { from: number; to: number }; households: number; duplicateIds: string[]; members: MemberHouseholds } {
  const apps = applicationIds(reader, batchId, 'applicationId' in sel ? sel.applicationId : undefined);
  const households = new Map(apps.map((a, i) => [a, i + 1]));
  const range = 'from' in sel ? { from: Math.max(1, sel.from), to: Math.min(apps.length, sel.to) } : { from: 1, to: apps.length };
  const spans = files.flatMap((f) => {
    const span = f.kind === 'applicants' ? fileSpan(reader, 'applicants', f.id) : undefined;
    return span ? [{ file: f.id, ...span }] : [];
  });
  const lo = Math.min(...spans.map((s) => s.lo));
  const members: MemberHouseholds = { lo, hh: new Int32Array(spans.length === 0 ? 0 : Math.max(...spans.map((s) => s.hi)) - lo + 1) };
  // One JSON text per chunk of rows costs 40 % less than a row object each (and any application_id survives it).
  const stmt = reader
    .prepare(`SELECT group_concat(json_array(row_id, id_valid, application_id), ',') FROM applicants WHERE +file_id = ? AND row_id BETWEEN ? AND ?`)
    .pluck();
  for (const span of spans) {
    for (let first = span.lo; first <= span.hi; first += scanChunk) {
      const text = stmt.get(span.file, first, Math.min(span.hi, first + scanChunk - 1)) as string | null;
      if (text === null) continue;
      for (const [rowId, valid, app] of JSON.parse(`[${text}]`) as [number, number, string][]) {
        const hh = households.get(app);
        if (hh === undefined || hh < range.from || hh > range.to) continue;
        pairs?.push(hh, rowId, rowId);
        if (valid === 1) members.hh[rowId - lo] = hh;
      }
    }
  }
  const duplicateIds = pairs ? duplicateMembers(reader, batchId) : [];
  return { range, households: apps.length, duplicateIds, members };
}

/**
 * R3: IDs (valid or not) in more than one application of the batch. The IDs listed twice come from the covering
 * (batch_id, id_number) index alone; only those few rows are read for their application (50 ms against 400 ms for
 * grouping every row by its application, 100,000 households).
 */
export function duplicateMembers(reader: Db, batchId: number): string[] {
  const ids = reader
    .prepare(
      `SELECT id_number FROM applicants
        WHERE batch_id = $batch AND id_number IN (SELECT id_number FROM applicants WHERE batch_id = $batch GROUP BY id_number HAVING count(*) > 1)
        GROUP BY id_number HAVING min(application_id) <> max(application_id)`,
    )
    .pluck()
    .all({ batch: batchId }) as string[];
  return ids.sort(byCodePoint);
}

export function batchFiles(reader: Db, batchId: number): BatchFile[] {
  const rows = reader.prepare(`SELECT id, kind, name FROM files WHERE batch_id = ? ORDER BY kind, name, id`).all(batchId) as {
    id: number;
    kind: string;
    name: string;
  }[];
  let kind = '';
  let rank = 0;
  return rows.map((r) => {
    if (r.kind !== kind) {
      kind = r.kind;
      rank = 0;
    }
    return { ...r, rank: rank++ };
  });
}

/** Pairs (household number, row id), with the applicant row matched, in scan order: plain data (crosses threads). */
export interface PairColumns {
  hh: Int32Array;
  rowId: Float64Array;
  memberRow: Float64Array;
  length: number;
}

/** A growable pair of columns filled in scan order. */
class Pairs implements PairColumns {
  hh = new Int32Array(1024);
  rowId = new Float64Array(1024);
  memberRow = new Float64Array(1024);
  length = 0;
  push(hh: number, rowId: number, memberRow: number): void {
    if (this.length === this.hh.length) {
      this.hh = grown(this.hh, new Int32Array(this.length * 2));
      this.rowId = grown(this.rowId, new Float64Array(this.length * 2));
      this.memberRow = grown(this.memberRow, new Float64Array(this.length * 2));
    }
    this.hh[this.length] = hh;
    this.rowId[this.length] = rowId;
    this.memberRow[this.length++] = memberRow;
  }
  /** Whether a pair from index `since` on is household `hh`'s. */
  hasSince(since: number, hh: number): boolean {
    for (let i = since; i < this.length; i++) if (this.hh[i] === hh) return true;
    return false;
  }
  /** Plain data of exactly `length` pairs (what crosses between threads; byHousehold reads only these fields). */
  trimmed(): PairColumns {
    const n = this.length;
    return { hh: this.hh.slice(0, n), rowId: this.rowId.slice(0, n), memberRow: this.memberRow.slice(0, n), length: n };
  }
}

function grown<T extends Int32Array | Float64Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/**
 * One source file's matched rows, appended to `out` in line order (the writer inserts a file's rows in line order,
 * so row-id order is line order: src/store/rowWriter.ts). SQLite joins each row's ID to the batch's applicant rows
 * through their (batch_id, id_number) index and returns "applicant row,row,applicant row,row,…" as one text per chunk
 * of row ids: two integers per row cross into JavaScript for the price of one string, and the applicant row gives the
 * household. A row whose ID is in two households (R3 DUPLICATE_MEMBER) comes out once for each; an ID listed twice in
 * one application gives the row to that household once.
 */
function scanFile(reader: Db, batchId: number, kind: SourceKind, fileId: number, part: PlanPart, members: MemberHouseholds, out: Pairs): void {
  const whole = fileSpan(reader, kind, fileId);
  if (!whole) return;
  const span = partOf(whole, part);
  // CROSS JOIN keeps the file's rows as the outer loop (probe the index per row, so one row's matches come out
  // together) whatever the statistics say; `+t.file_id` keeps SQLite on the row-id span (rows of other files inside
  // it are filtered out).
  const stmt = reader
    .prepare(
      `SELECT group_concat(a.row_id || ',' || t.row_id, ',') FROM ${kind} t CROSS JOIN applicants a ON a.batch_id = ? AND a.id_number = t.id_number
        WHERE +t.file_id = ? AND t.row_id BETWEEN ? AND ?`,
    )
    .pluck();
  let row = -1; // the row whose matches are being added, from `out` index `since`
  let since = 0;
  let member = 0;
  for (let lo = span.lo; lo <= span.hi; lo += scanChunk) {
    const text = stmt.get(batchId, fileId, lo, Math.min(span.hi, lo + scanChunk - 1)) as string | null;
    if (text === null) continue;
    let value = 0;
    let hh = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 44;
      if (c !== 44) {
        value = value * 10 + (c - 48);
        continue;
      }
      if (hh < 0) {
        member = value;
        hh = householdOfRow(members, value);
      } else {
        if (value !== row) {
          row = value;
          since = out.length;
        }
        if (hh > 0 && !out.hasSince(since, hh)) out.push(hh, value, member);
        hh = -1;
      }
      value = 0;
    }
  }
}

/**
 * Counting sort by household number over the pieces of one kind, taken in order (file rank, then part): stable, so
 * each household keeps the (file rank, line) order of the scans.
 */
function byHousehold(pieces: readonly PairColumns[], households: number): KindRows {
  const start = new Int32Array(new SharedArrayBuffer((households + 2) * 4));
  let total = 0;
  for (const p of pieces) {
    for (let i = 0; i < p.length; i++) start[p.hh[i]! + 1]!++;
    total += p.length;
  }
  for (let h = 1; h < start.length; h++) start[h]! += start[h - 1]!;
  const next = start.slice();
  const rowIds = new Float64Array(new SharedArrayBuffer(Math.max(1, total) * 8));
  const memberRows = new Float64Array(new SharedArrayBuffer(Math.max(1, total) * 8));
  for (const p of pieces) {
    for (let i = 0; i < p.length; i++) {
      const at = next[p.hh[i]!]!++;
      rowIds[at] = p.rowId[i]!;
      memberRows[at] = p.memberRow[i]!;
    }
  }
  return { start, rowIds, memberRows };
}

/** One of `count` planners: it scans the `index`-th slice of each source file's row-id span. */
export interface PlanPart {
  index: number;
  count: number;
}

function partOf(span: { lo: number; hi: number }, part: PlanPart): { lo: number; hi: number } {
  const size = span.hi - span.lo + 1;
  return { lo: span.lo + Math.floor((size * part.index) / part.count), hi: span.lo + Math.floor((size * (part.index + 1)) / part.count) - 1 };
}

/** What one planner found: its part of every file's matched pairs, in file order (typed arrays, transferable). */
export interface PlanPiece {
  batchId: number;
  part: PlanPart;
  range: { from: number; to: number };
  households: number;
  files: [fileId: number, name: string, rank: number][];
  duplicateIds: string[];
  /** The applicants' pairs and `duplicateIds`: part 0 only (empty in the other parts). */
  applicants: PairColumns;
  /** Per source kind (sourceKinds order), the pairs of its files in file order. */
  sources: PairColumns[];
}

/**
 * One part of the first pass: every part numbers the households and each applicant row's household, then scans its
 * slice of each source file — the expensive scan splits across threads (planInWorker.ts).
 */
export function planPiece(reader: Db, batchId: number, sel: HouseholdSelection, part: PlanPart): PlanPiece {
  const files = batchFiles(reader, batchId);
  const applicants = new Pairs();
  const { range, households, duplicateIds, members } = planApplicants(reader, batchId, files, sel, part.index === 0 ? applicants : undefined);
  const sources = sourceKinds.map((kind) => {
    const pairs = new Pairs();
    if (range.from <= range.to) for (const f of files) if (f.kind === kind) scanFile(reader, batchId, kind, f.id, part, members, pairs);
    return pairs.trimmed();
  });
  return { batchId, part, range, households, files: files.map((f) => [f.id, f.name, f.rank]), duplicateIds, applicants: applicants.trimmed(), sources };
}

/** The plan from the pieces of every part (each part's slice of a file precedes the next part's: line order). */
export function joinPieces(pieces: readonly PlanPiece[]): MatchPlan {
  const ordered = [...pieces].sort((a, b) => a.part.index - b.part.index);
  const first = ordered[0]!;
  const kinds = [byHousehold([first.applicants], first.households)];
  sourceKinds.forEach((_, k) => kinds.push(byHousehold(ordered.map((p) => p.sources[k]!), first.households)));
  return { batchId: first.batchId, from: first.range.from, to: first.range.to, kinds, files: first.files, duplicateIds: first.duplicateIds };
}

/** The first pass for a selection of the batch's households (see the file comment), in this thread. */
export function planMatch(reader: Db, batchId: number, sel: HouseholdSelection = { all: true }): MatchPlan {
  return joinPieces([planPiece(reader, batchId, sel, { index: 0, count: 1 })]);
}
