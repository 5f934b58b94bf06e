/**
 * Building the match cache (matchCache.ts) during an import call.
 *
 * How rows are routed. An import call takes the applicants files first (batchFolder.ts orders them so); once they
 * are in, the batch's application_ids give provisional household numbers and each valid member ID its households
 * (R4 joins by ID; an ID in two applications is R3's case, and the row goes to both). Each accepted source row is then
 * routed as it is written. R1 runs at the call's end and may move whole applications out; the applicants' rows,
 * kept aside meanwhile (matchCapture.ts), are routed after it with R1's 本人 marks. The final numbering (application_id
 * order after R1) maps to the provisional one, so households R1 removed are skipped when read, and source rows that
 * DUPLICATE_ROW moved out after being routed are skipped by (file, line).
 *
 * Which calls keep a cache: the call that brings the applicants (with or without source files), and later calls that
 * add or replace source files only (the numbering and member IDs are read back; a replaced file's old rows are
 * skipped as a file no longer imported). A call that adds applicants, a file that fails part-way, or a batch whose
 * earlier files no cache covers: no cache, and the run takes the SQL path (its log says which).
 *
 * The one place data flows back from ingest into src/match: importMany owns the router (it alone sees a call's files,
 * R1 and the end of the call); wiring it in each of importMany's callers instead would spread it over three places.
 */
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kind } from '../ingest/columns.js';
import type { Db } from '../store/db.js';
import type { SqlValue } from '../store/rowWriter.js';
import { InternalError } from '../errors.js';
import { cacheFile, cacheSignature, cachedMatch, dropMatchCache, idAt, lineAt, perBucket, rowKey, type CachedMatch } from './matchCache.js';
import { applicationIds } from './matchPlan.js';
import { captureDir, FileCapture, FlatRows, type RowSink } from './matchCapture.js';
import { BlockWriter } from './rowBlocks.js';
import { kindOrder, kindRowReaders } from './sourceRows.js';

/**
 * Cells per block while routing: every bucket has one block open during the import, so this bounds the routing's
 * memory (~18 KB a bucket: 18 MB for 100,000 households).
 */
const blockCells = 2048;
const applicantColumns = kindRowReaders.applicants.columns;
const isSelfAt = applicantColumns.indexOf('is_self');
const idValidAt = applicantColumns.indexOf('id_valid');

export type CacheBuild = { built: true; households: number; buckets: number } | { built: false; reason: string };

/** Adds household `seq` to the households of member ID `id` (once: an ID listed twice in one application counts once). */
function addHousehold(householdsOfId: Map<string, number[]>, id: string, seq: number): void {
  const list = householdsOfId.get(id);
  if (!list) householdsOfId.set(id, [seq]);
  else if (!list.includes(seq)) list.push(seq);
}

/**
 * Routes one import call's rows into household buckets (see the file comment). importMany opens a sink per file
 * (importFile writes the accepted rows to it beside SQLite), then calls `finish()` after R1 and the ledger refresh.
 */
export class MatchRouter {
  private readonly dir: string;
  private readonly applicants = new Map<number, FileCapture>();
  private readonly routed = new Set<number>();
  private routing: { seqOf: Map<string, number>; householdsOfId: Map<string, number[]> } | undefined;
  /** Why no cache can come of this call, once known. */
  private refused: string | undefined;
  private started = false;
  /** The cache an earlier call made, when this call adds source files to it (see the constructor). */
  private readonly continued: CachedMatch | undefined;
  /** The 本人 rows R1 kept, by rowKey; undefined until R1 has run in this call (then read back from the workspace). */
  private selves: Set<number> | undefined;
  private readonly writers = new Map<number, BlockWriter>();
  private fd: number | undefined;
  /** The cache file being appended to (blocks as buckets fill; rewritten in bucket order by `finish`). */
  private file: AppendFile | undefined;
  /** (bucket, offset, length) of each block written, in writing order. */
  private parts: number[] = [];

  constructor(
    private readonly db: Db,
    private readonly batchId: number,
  ) {
    this.dir = captureDir(db);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const earlier = db.prepare(`SELECT COUNT(*) FROM files WHERE batch_id = ? AND state = 'imported'`).pluck().get(batchId) as number;
    // A batch cached by an earlier call can take more source files (a county script importing kind by kind);
    // anything else about an earlier call's files means no cache.
    // Read before this call registers any file (that changes the ledger the cache's signature is checked against).
    if (earlier > 0) this.continued = cachedMatch(db, batchId);
    if (earlier > 0 && !this.continued) this.refused = 'the batch has files from an earlier import call that no match cache covers';
  }

  /** Where file `fileId`'s accepted rows go besides SQLite; undefined once this call can no longer make a cache. */
  open(kind: Kind, fileId: number): RowSink | undefined {
    if (!this.started) {
      this.started = true;
      if (this.continued) this.continueCache();
      else dropMatchCache(this.db, this.batchId);
      if (!this.refused) {
        const path = cacheFile(this.db, this.batchId);
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        // A continued cache's file is appended to: hasCurrentCache checked its size against the recorded one.
        const size = this.continued ? statSync(path).size : 0;
        this.fd = openSync(path, this.continued ? 'a' : 'w', 0o600);
        this.file = new AppendFile(this.fd, size);
      }
    }
    if (this.refused) return undefined;
    if (kind === 'applicants') {
      if (this.continued) return this.refuse('applicants were added to a batch already cached (the households change)');
      if (this.routing) return this.refuse('an applicants file came after a source file');
      const capture = new FileCapture(join(this.dir, `${fileId}.bin`), kind, fileId);
      this.applicants.set(fileId, capture);
      return capture;
    }
    const routing = (this.routing ??= this.startRouting());
    const k = kindOrder.indexOf(kind);
    const flatRows = new FlatRows(kind, fileId);
    const at = idAt[k]!;
    this.routed.add(fileId);
    return {
      addBatch: (flat: readonly SqlValue[], count: number) =>
        flatRows.forEach(
          flat,
          count,
          (cells) => {
            const list = routing.householdsOfId.get(cells[at] as string)!;
            for (let i = 0; i < list.length; i++) this.writerOf(list[i]!).add(cells, list[i]!, k);
          },
          (id) => routing.householdsOfId.has(id),
        ),
      close: () => undefined,
    };
  }

  /**
   * A file whose rows are not in the batch after all (refused part-way, or replaced by a later version). An applicants
   * file's capture is dropped. A source file's rows routed in this call already sit in blocks beside other files'
   * rows; a reader would skip them (the file is no longer imported), but a partly read file is rare enough that the
   * call simply gives up its cache (the run takes the SQL path) rather than rely on that.
   */
  discard(fileId: number): void {
    const capture = this.applicants.get(fileId);
    if (capture) {
      capture.close();
      rmSync(capture.path, { force: true });
      this.applicants.delete(fileId);
    }
    if (this.routed.has(fileId)) this.refuse(`file ${fileId} was imported only in part`);
  }

  /** R1's 本人 row of a kept application (enforceHouseholdConsistency's `onSelf`). */
  markSelf(fileId: number, line: number): void {
    (this.selves ??= new Set()).add(rowKey(fileId, line));
  }

  private refuse(reason: string): undefined {
    this.refused ??= reason;
    return undefined;
  }

  private writerOf(seq: number): BlockWriter {
    const bucket = Math.floor((seq - 1) / perBucket);
    let w = this.writers.get(bucket);
    if (!w) {
      w = new BlockWriter((block) => {
        this.parts.push(bucket, this.file!.size, block.length);
        this.file!.write(block);
      }, blockCells);
      this.writers.set(bucket, w);
    }
    return w;
  }

  /**
   * Picks up the earlier call's cache: its numbering, its blocks, and the households of each valid member ID (from the
   * workspace: the applicants rows R1 kept; the applications it moved out get no further rows, nor need any).
   */
  private continueCache(): void {
    const stored = this.continued!;
    const seqOf = new Map(applicationIds(this.db, this.batchId).map((a, i) => [a, stored.provisional[i]!]));
    const householdsOfId = new Map<string, number[]>();
    const members = this.db.prepare(`SELECT application_id, id_number FROM applicants WHERE batch_id = ? AND id_valid = 1`).raw();
    for (const [app, id] of members.iterate(this.batchId) as Iterable<[string, string]>) addHousehold(householdsOfId, id, seqOf.get(app)!);
    this.routing = { seqOf, householdsOfId };
    this.parts = Array.from(stored.parts);
  }

  /** Provisional household numbers, and the households of each valid member ID, from the applicants imported so far. */
  private startRouting(): NonNullable<MatchRouter['routing']> {
    const seqOf = new Map(applicationIds(this.db, this.batchId).map((a, i) => [a, i + 1]));
    const householdsOfId = new Map<string, number[]>();
    for (const capture of this.applicants.values()) {
      capture.forEachBlock((rows) => {
        for (const r of rows) {
          const seq = seqOf.get(r[0] as string);
          if (seq === undefined || r[idValidAt] !== 1) continue; // a row DUPLICATE_ROW removed: R1 removes its application
          addHousehold(householdsOfId, r[idAt[0]!] as string, seq);
        }
      });
    }
    return { seqOf, householdsOfId };
  }

  /** Routes the applicants (R1 has decided), closes every bucket and records the cache. Call once, at the call's end. */
  finish(): CacheBuild {
    if (!this.started) return { built: false, reason: 'no file was imported by this call' };
    if (!this.refused && !this.continued) {
      const imported = this.db.prepare(`SELECT id, kind FROM files WHERE batch_id = ? AND state = 'imported'`).all(this.batchId) as { id: number; kind: string }[];
      const other = imported.find((f) => !this.applicants.has(f.id) && !this.routed.has(f.id));
      if (other) this.refuse(`file ${other.id} (${other.kind}) was not imported by this call`);
    }
    if (this.refused) {
      dropMatchCache(this.db, this.batchId);
      return { built: false, reason: this.refused };
    }
    const routing = (this.routing ??= this.startRouting());
    const linesOf = (sql: string): Set<number> => {
      const out = new Set<number>();
      for (const [file, line] of this.db.prepare(sql).raw().iterate(this.batchId) as Iterable<[number, number]>) out.add(rowKey(file, line));
      return out;
    };
    // Only a call that brought applicants routes them (a continued cache has its applicants already).
    const gone = this.applicants.size > 0 ? linesOf(`SELECT r.file_id, r.line FROM rejections r JOIN files f ON f.id = r.file_id WHERE f.batch_id = ? AND f.kind = 'applicants'`) : new Set<number>();
    const selves = this.applicants.size === 0 ? new Set<number>() : (this.selves ?? linesOf(`SELECT file_id, line FROM applicants WHERE batch_id = ? AND is_self = 1`));
    const at = lineAt[0]!;
    const finalApps = applicationIds(this.db, this.batchId);
    this.db.transaction(() => {
      for (const [fileId, capture] of this.applicants) {
        capture.forEachBlock((rows) => {
          for (const r of rows) {
            const key = rowKey(fileId, r[at] as number);
            if (gone.has(key)) continue;
            const seq = routing.seqOf.get(r[0] as string);
            if (seq === undefined) throw new InternalError('MATCH_CACHE_ROW', `applicant row of file ${fileId} line ${r[at]} has no household`);
            r[isSelfAt] = selves.has(key) ? 1 : 0;
            this.writerOf(seq).add(r, seq, 0);
          }
        });
      }
      for (const w of this.writers.values()) w.flush();
      this.file!.flush();
      closeSync(this.fd!);
      this.fd = undefined;
      const parts = inBucketOrder(cacheFile(this.db, this.batchId), partsByBucket(this.parts));
      const provisional = Int32Array.from(finalApps, (a) => {
        const seq = routing.seqOf.get(a);
        if (seq === undefined) throw new InternalError('MATCH_CACHE_ROW', 'an application appeared after the routing began');
        return seq;
      });
      // DUPLICATE_ROW is the one way an accepted source row leaves the batch after being routed (rowWriter.ts).
      const removed = this.db
        .prepare(
          `SELECT r.file_id, r.line FROM rejections r JOIN files f ON f.id = r.file_id
            WHERE f.batch_id = ? AND f.kind <> 'applicants' AND r.code = 'DUPLICATE_ROW' ORDER BY r.file_id, r.line`,
        )
        .raw()
        .all(this.batchId) as [number, number][];
      this.db
        .prepare(
          `INSERT OR REPLACE INTO match_cache (batch_id, signature, households, per_bucket, provisional, removed, parts, bytes) VALUES (?,?,?,?,?,?,?,?)`,
        )
        .run(
          this.batchId, cacheSignature(this.db, this.batchId), finalApps.length, perBucket, Buffer.from(provisional.buffer),
          JSON.stringify(removed), Buffer.from(parts.buffer), this.file!.size,
        );
    })();
    return { built: true, households: finalApps.length, buckets: this.writers.size };
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    for (const c of this.applicants.values()) c.close();
    this.applicants.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Rewrites the cache file with each bucket's blocks side by side, in bucket order, and returns their new places. The
 * routing writes blocks as buckets fill, interleaved; read back that way, a run whose file has left the page cache
 * (a run days after the import) seeks for every block: 28 s instead of 4.5 s for the bench's ×2 stage (session 11).
 * Laid out in order, each worker reads its range front to back, a bucket in one read. Costs the import a copy of the
 * file (~400 MB per 100,000 households, from the page cache).
 */
function inBucketOrder(path: string, parts: Float64Array): Float64Array {
  const out = new Float64Array(parts.length);
  const tmp = `${path}.tmp`;
  const from = openSync(path, 'r');
  const to = openSync(tmp, 'w', 0o600);
  try {
    const file = new AppendFile(to, 0);
    for (let i = 0; i < parts.length; i += 3) {
      const block = Buffer.allocUnsafe(parts[i + 2]!);
      if (readSync(from, block, 0, block.length, parts[i + 1]!) !== block.length) throw new InternalError('MATCH_CACHE_CUT', `${path}: block at ${parts[i + 1]} cut short`);
      out[i] = parts[i]!;
      out[i + 1] = file.size;
      out[i + 2] = block.length;
      file.write(block);
    }
    file.flush();
  } finally {
    closeSync(from);
    closeSync(to);
  }
  renameSync(tmp, path);
  return out;
}

/** The (bucket, offset, length) triples ordered by bucket, each bucket's in writing order (a stable sort). */
function partsByBucket(parts: readonly number[]): Float64Array {
  const order = Array.from({ length: parts.length / 3 }, (_, i) => i).sort((a, b) => parts[a * 3]! - parts[b * 3]! || a - b);
  const out = new Float64Array(parts.length);
  order.forEach((p, i) => out.set(parts.slice(p * 3, p * 3 + 3), i * 3));
  return out;
}

/** An append-only file written a MiB at a time (one write instead of one per ~16 KB block); `size` is where the next buffer lands. */
class AppendFile {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly fd: number,
    public size: number,
  ) {}

  write(buf: Buffer): void {
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    this.size += buf.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  flush(): void {
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    for (let done = 0; done < chunk.length; ) done += writeSync(this.fd, chunk, done, chunk.length - done);
    this.pending = [];
    this.pendingBytes = 0;
  }
}
