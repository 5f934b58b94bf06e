/**
 * Matching (rules.md R4, first half): every accepted source row joins the household members whose normalised 身份证号
 * equals its own. Households are streamed in code-point order of application_id; for each one, a single prepared
 * statement fetches the matched rows of every kind through the `(batch_id, id_number)` index of each kind table.
 * Memory stays flat in the number of households and rows, and a worker given a range of households reads only that
 * range's rows (the earlier design joined and sorted every source row of the batch in one query, and each worker
 * repeated that whole scan: issue 3, profile in the README).
 * The read runs on its own connection because results are written meanwhile on the main one (WAL allows both).
 */
import Database from 'better-sqlite3';
import type { HouseholdInput, HouseholdSources, MemberInput, SourceRef } from '../assess/input.js';
import type { Db } from '../store/db.js';
import { kindRowReaders, sourceKinds, type Cell, type SourceKind } from './sourceRows.js';
import { memberFromRow, type ApplicantRow } from './members.js';
import { fingerprint, naturalKey, type ReviewKind } from './dispositionKey.js';

/** Which households to stream: all, one application (explain), or a range of household numbers (a worker's share). */
export type HouseholdSelection = { all: true } | { applicationId: string } | { from: number; to: number };

/** Open a second connection on the workspace file for the long read. */
export function openReader(db: Db | string): Db {
  const reader = new Database(typeof db === 'string' ? db : db.name, { fileMustExist: true });
  reader.pragma('cache_size = -32768');
  return reader;
}

/** Applications of the batch numbered 1… in application_id order (the report sequence), whatever the selection. */
export function countApplications(reader: Db, batchId: number): number {
  return reader.prepare(`SELECT COUNT(DISTINCT application_id) FROM applicants WHERE batch_id = ?`).pluck().get(batchId) as number;
}

const matchIndex = (kind: SourceKind) => `${kind}_match`;

/**
 * The `(batch_id, id_number)` index of every kind table. Built once after import rather than kept up to date during
 * it: sorting the keys of a finished table is several times cheaper than inserting into the index row by row, and
 * ingest speed is a target of its own (issue 2). Call on a connection that may write, before worker readers start.
 */
export function ensureMatchIndexes(db: Db): void {
  const have = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all() as string[]);
  for (const kind of sourceKinds) {
    if (!have.has(matchIndex(kind))) db.exec(`CREATE INDEX IF NOT EXISTS ${matchIndex(kind)} ON ${kind}(batch_id, id_number)`);
  }
}

interface FileInfo {
  name: string;
  rank: number;
}

/** Each file's name and rank within its kind: code-point order of names (R9 tie rule; rows sort by rank, line). */
function fileTable(reader: Db, batchId: number): Map<number, FileInfo> {
  const rows = reader.prepare(`SELECT id, kind, name FROM files WHERE batch_id = ? ORDER BY kind, name, id`).all(batchId) as {
    id: number;
    kind: string;
    name: string;
  }[];
  const files = new Map<number, FileInfo>();
  let kind = '';
  let rank = 0;
  for (const r of rows) {
    if (r.kind !== kind) {
      kind = r.kind;
      rank = 0;
    }
    files.set(r.id, { name: r.name, rank: rank++ });
  }
  return files;
}

const applicantColumns = [
  'application_id', 'region_code', 'area_type', 'program', 'application_date', 'name', 'name_norm', 'id_number',
  'id_valid', 'id_upgraded', 'id_problem', 'relation', 'authorized', 'excluded_reason', 'disability_grade',
  'disability_type', 'serious_illness', 'employed', 'declared_monthly_income', 'rigid_expense_annual',
  'current_recipient', 'exempt_plates', 'is_self', 'file_id', 'line',
] as const;

type ApplicantRecord = ApplicantRow & { file_id: number; line: number };

/** The selection as an application_id interval with the number of its first household (undefined: nothing to read). */
function interval(reader: Db, batchId: number, sel: HouseholdSelection): { lo: string; hi: string; firstSeq: number } | undefined {
  if ('applicationId' in sel) {
    const before = reader
      .prepare(`SELECT COUNT(DISTINCT application_id) FROM applicants WHERE batch_id = ? AND application_id < ?`)
      .pluck()
      .get(batchId, sel.applicationId) as number;
    return { lo: sel.applicationId, hi: sel.applicationId, firstSeq: before + 1 };
  }
  const from = 'from' in sel ? Math.max(1, sel.from) : 1;
  const nth = reader.prepare(`SELECT DISTINCT application_id FROM applicants WHERE batch_id = ? ORDER BY application_id LIMIT 1 OFFSET ?`).pluck();
  const lo = nth.get(batchId, from - 1) as string | undefined;
  if (lo === undefined) return undefined;
  const to = 'to' in sel ? sel.to : Number.MAX_SAFE_INTEGER;
  if (to < from) return undefined;
  const last = reader.prepare(`SELECT MAX(application_id) FROM applicants WHERE batch_id = ?`).pluck();
  const hi = (to === Number.MAX_SAFE_INTEGER ? undefined : (nth.get(batchId, to - 1) as string | undefined)) ?? (last.get(batchId) as string);
  return { lo, hi, firstSeq: from };
}

/** Cells every kind's columns are padded to, so one UNION ALL carries them all; kind, file and line follow. */
const width = Math.max(...sourceKinds.map((k) => kindRowReaders[k].columns.length));

/** The statement fetching every kind's rows for `n` member IDs (named $m0…), cached by n. */
function sourceStatement(reader: Db, cache: Map<number, Database.Statement>, n: number): Database.Statement {
  let stmt = cache.get(n);
  if (stmt) return stmt;
  const ids = Array.from({ length: n }, (_, i) => `$m${i}`).join(',');
  const sql = sourceKinds
    .map((kind, k) => {
      const cols = [...kindRowReaders[kind].columns, ...Array<string>(width - kindRowReaders[kind].columns.length).fill('NULL')];
      return `SELECT ${cols.join(', ')}, ${k}, file_id, line FROM ${kind} INDEXED BY ${matchIndex(kind)} WHERE batch_id = $batch AND id_number IN (${ids})`;
    })
    .join('\nUNION ALL\n');
  stmt = reader.prepare(sql).raw(true);
  cache.set(n, stmt);
  return stmt;
}

const byFileThenLine = (a: { ref: SourceRef }, b: { ref: SourceRef }) => a.ref.fileRank - b.ref.fileRank || a.ref.line - b.ref.line;

export interface MatchContext {
  /** IDs present in more than one accepted application of the batch (R3 DUPLICATE_MEMBER). */
  duplicateIds: ReadonlySet<string>;
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

export function duplicateMemberIds(db: Db, batchId: number): Set<string> {
  const rows = db
    .prepare(
      `SELECT id_number FROM applicants WHERE batch_id = ? GROUP BY id_number HAVING COUNT(DISTINCT application_id) > 1`,
    )
    .pluck()
    .all(batchId) as string[];
  return new Set(rows);
}

function emptySources(): HouseholdSources {
  return { bank: [], vehicle: [], realestate: [], income: [], crossprov: [], death: [] };
}

/** Every household of the selection with its members and matched source rows, in application_id order. */
export function* householdInputs(
  reader: Db,
  batchId: number,
  ctx: MatchContext,
  sel: HouseholdSelection = { all: true },
): Generator<HouseholdInput & { seq: number }> {
  ensureMatchIndexes(reader);
  const span = interval(reader, batchId, sel);
  if (!span) return;
  const files = fileTable(reader, batchId);
  const reviewed = ctx.dispositions && ctx.dispositions.size > 0 ? ctx.dispositions : undefined;
  const statements = new Map<number, Database.Statement>();
  const refOf = (kind: 'applicants' | SourceKind, fileId: number, line: number): SourceRef => {
    const f = files.get(fileId)!;
    return { kind, file: f.name, line, fileRank: f.rank };
  };

  const household = (seq: number, rows: ApplicantRecord[]): HouseholdInput & { seq: number } => {
    const withRefs = rows.map((row) => ({ row, ref: refOf('applicants', row.file_id, row.line) })).sort(byFileThenLine);
    const members: MemberInput[] = withRefs.map((m, i) => memberFromRow(m.row, m.ref, i));
    const self = withRefs.find((m) => m.row.is_self === 1)?.row ?? withRefs[0]!.row;
    const ids = [...new Set(members.filter((m) => m.idValid).map((m) => m.idNumber))];
    const sources = emptySources();
    if (ids.length > 0) {
      const params: Record<string, string | number> = { batch: batchId };
      ids.forEach((id, i) => (params[`m${i}`] = id));
      for (const cells of sourceStatement(reader, statements, ids.length).iterate(params) as Iterable<Cell[]>) {
        const kind = sourceKinds[cells[width] as number]!;
        const row = kindRowReaders[kind].build(cells, refOf(kind, cells[width + 1] as number, cells[width + 2] as number)) as {
          idNumber: string;
          review?: '确认' | '无效匹配';
        };
        if (reviewed && kind !== 'death') {
          const d = reviewed.get(fingerprint(row.idNumber, kind as ReviewKind, naturalKey(kind as ReviewKind, row as never)));
          if (d) row.review = d;
        }
        (sources[kind] as unknown[]).push(row);
      }
      for (const kind of sourceKinds) if (sources[kind].length > 1) (sources[kind] as { ref: SourceRef }[]).sort(byFileThenLine);
    }
    const dup = members.filter((m) => ctx.duplicateIds.has(m.idNumber)).map((m) => m.idNumber);
    return {
      seq,
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
  };

  // A household's source rows are read while the applicants cursor is still open: each statement has its own cursor.
  const applicants = reader.prepare(
    `SELECT ${applicantColumns.join(', ')} FROM applicants
      WHERE batch_id = ? AND application_id BETWEEN ? AND ? ORDER BY application_id`,
  );
  let seq = span.firstSeq;
  let rows: ApplicantRecord[] = [];
  for (const row of applicants.iterate(batchId, span.lo, span.hi) as Iterable<ApplicantRecord>) {
    if (rows.length > 0 && rows[0]!.application_id !== row.application_id) {
      yield household(seq++, rows);
      rows = [];
    }
    rows.push(row);
  }
  if (rows.length > 0) yield household(seq, rows);
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
