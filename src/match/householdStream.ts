/**
 * Matching (rules.md R4, first half): every accepted source row joins the household members whose normalised 身份证号
 * equals its own. One sorted SQL stream yields each household with its members and matched rows, in code-point order
 * of application_id, so memory stays flat in the number of households and rows.
 *
 * How: two temp tables number the applications (`hh`, in application_id order) and list every member ID per `hh`;
 * one UNION ALL query joins each kind table to the member list and sorts by (hh, kind, file name, line). SQLite's
 * sorter spills to disk (temp_store = FILE on this connection), so a night of millions of rows never sits in memory.
 * The read runs on its own connection because results are written meanwhile on the main one (WAL allows both).
 */
import Database from 'better-sqlite3';
import type { Kind } from '../ingest/columns.js';
import type { HouseholdInput, HouseholdSources, MemberInput, SourceRef } from '../assess/input.js';
import type { Db } from '../store/db.js';
import { kindRowReaders, sourceKinds, type SourceKind } from './sourceRows.js';
import { memberFromRow, type ApplicantRow } from './members.js';
import { fingerprint, naturalKey, type ReviewKind } from './dispositionKey.js';

const kindOrder: readonly ('applicants' | SourceKind)[] = ['applicants', ...sourceKinds];

/** Which households to stream: all, one application (explain), or a range of household numbers (a worker's share). */
export type HouseholdSelection = { all: true } | { applicationId: string } | { from: number; to: number };

/**
 * Open a second connection on the workspace file for the long read. `cacheMiB` bounds its page cache and the sorter's
 * in-memory runs (SQLite sizes both from cache_size): 8 MiB measured no slower than 32 on a 20,000-household night, and a night
 * runs up to five connections at once (issue 7: ≤ 1 GiB peak RSS), so point-lookup readers ask for less.
 */
export function openReader(db: Db | string, cacheMiB = 16): Db {
  const reader = new Database(typeof db === 'string' ? db : db.name, { fileMustExist: true });
  reader.pragma('temp_store = FILE');
  reader.pragma(`cache_size = -${cacheMiB * 1024}`);
  return reader;
}

/** Applications of the batch numbered 1… in application_id order (the report sequence), whatever the selection. */
export function countApplications(reader: Db, batchId: number): number {
  return reader.prepare(`SELECT COUNT(DISTINCT application_id) FROM applicants WHERE batch_id = ?`).pluck().get(batchId) as number;
}

function prepareTempTables(reader: Db, batchId: number, sel: HouseholdSelection): void {
  const only = 'applicationId' in sel ? sel.applicationId : undefined;
  const range = 'from' in sel ? sel : { from: 1, to: Number.MAX_SAFE_INTEGER };
  reader.exec(`DROP TABLE IF EXISTS temp.hh; DROP TABLE IF EXISTS temp.hm;
    CREATE TEMP TABLE hh (hh INTEGER PRIMARY KEY, application_id TEXT NOT NULL UNIQUE);
    CREATE TEMP TABLE hm (id_number TEXT NOT NULL, hh INTEGER NOT NULL, PRIMARY KEY (id_number, hh)) WITHOUT ROWID;`);
  reader
    .prepare(
      `INSERT INTO temp.hh (application_id) SELECT DISTINCT application_id FROM applicants WHERE batch_id = ?
        ${only === undefined ? '' : 'AND application_id = ?'} ORDER BY application_id`,
    )
    .run(...(only === undefined ? [batchId] : [batchId, only]));
  reader
    .prepare(
      `INSERT INTO temp.hm (id_number, hh) SELECT DISTINCT a.id_number, h.hh FROM applicants a JOIN temp.hh h ON h.application_id = a.application_id
        WHERE a.batch_id = ? AND a.id_valid = 1 AND h.hh BETWEEN ? AND ?`,
    )
    .run(batchId, range.from, range.to);
}

interface FileInfo {
  name: string;
  rank: number;
}

/**
 * Each file's name and rank within its kind: code-point order of names (R9 tie rule). The rank also orders the
 * stream, so SQLite sorts integers instead of comparing names row by row.
 */
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
  reader.exec(`DROP TABLE IF EXISTS temp.fr; CREATE TEMP TABLE fr (file_id INTEGER PRIMARY KEY, rank INTEGER NOT NULL)`);
  const put = reader.prepare(`INSERT INTO temp.fr (file_id, rank) VALUES (?, ?)`);
  reader.transaction(() => {
    for (const [id, f] of files) put.run(id, f.rank);
  })();
  return files;
}

function streamSql(): string {
  const parts = kindOrder.map((kind, k) => {
    if (kind === 'applicants') {
      // JOIN order: the few numbered applications drive the lookup of their rows (one application for explain).
      return `SELECT h.hh AS hh, ${k} AS k, r.rank AS rank, a.file_id AS file_id, a.line AS line, ${kindRowReaders.applicants.jsonColumns('a')} AS v
                FROM applicants a JOIN temp.hh h ON h.application_id = a.application_id JOIN temp.fr r ON r.file_id = a.file_id
               WHERE a.batch_id = $batch AND h.hh BETWEEN $from AND $to`;
    }
    return `SELECT m.hh AS hh, ${k} AS k, r.rank AS rank, t.file_id AS file_id, t.line AS line, ${kindRowReaders[kind].jsonColumns('t')} AS v
              FROM ${kind} t JOIN temp.hm m ON m.id_number = t.id_number JOIN temp.fr r ON r.file_id = t.file_id
             WHERE t.file_id IN (SELECT id FROM files WHERE batch_id = $batch AND kind = '${kind}')`;
  });
  return `${parts.join('\nUNION ALL\n')}\nORDER BY hh, k, rank, line`;
}

type StreamRow = [hh: number, k: number, rank: number, fileId: number, line: number, v: string];

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

/** Every household of the batch with its members and matched source rows, in application_id order. */
export function* householdInputs(
  reader: Db,
  batchId: number,
  ctx: MatchContext,
  sel: HouseholdSelection = { all: true },
): Generator<HouseholdInput & { seq: number }> {
  prepareTempTables(reader, batchId, sel);
  const range = 'from' in sel ? sel : { from: 1, to: Number.MAX_SAFE_INTEGER };
  const files = fileTable(reader, batchId);
  const reviewed = ctx.dispositions && ctx.dispositions.size > 0 ? ctx.dispositions : undefined;
  const stmt = reader.prepare(streamSql()).raw(true);
  let current: { hh: number; members: ApplicantRow[]; refs: SourceRef[]; sources: HouseholdSources } | undefined;

  const finish = (c: NonNullable<typeof current>): HouseholdInput & { seq: number } => {
    const members: MemberInput[] = c.members.map((row, i) => memberFromRow(row, c.refs[i]!, i));
    const self = c.members.find((m) => m.is_self === 1) ?? c.members[0]!;
    const dup = members.filter((m) => ctx.duplicateIds.has(m.idNumber)).map((m) => m.idNumber);
    return {
      seq: c.hh,
      applicationId: self.application_id,
      regionCode: self.region_code ?? '',
      areaType: self.area_type as HouseholdInput['areaType'],
      program: self.program as HouseholdInput['program'],
      applicationDate: self.application_date ?? '',
      currentRecipient: self.current_recipient === 1,
      members,
      duplicateMemberIds: [...new Set(dup)],
      sources: c.sources,
    };
  };

  for (const [hh, k, rank, fileId, line, v] of stmt.iterate({ batch: batchId, from: range.from, to: range.to }) as Iterable<StreamRow>) {
    if (!current || current.hh !== hh) {
      if (current) yield finish(current);
      current = { hh, members: [], refs: [], sources: emptySources() };
    }
    const kind = kindOrder[k]! as Kind;
    const ref: SourceRef = { kind, file: files.get(fileId)!.name, line, fileRank: rank };
    if (kind === 'applicants') {
      current.members.push(kindRowReaders.applicants.read(v, ref));
      current.refs.push(ref);
    } else {
      const reader = kindRowReaders[kind as SourceKind];
      const row = reader.read(v, ref) as { idNumber: string; review?: '确认' | '无效匹配' };
      if (reviewed && kind !== 'death') {
        const d = reviewed.get(fingerprint(row.idNumber, kind as ReviewKind, naturalKey(kind as ReviewKind, row as never)));
        if (d) row.review = d;
      }
      (current.sources[kind as SourceKind] as unknown[]).push(row);
    }
  }
  if (current) yield finish(current);
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
