// Experiment (session 10, issue 3), not product code: what would matching cost if each matched row were written at
// import, already encoded as the JSON the assessment input is built from, into files bucketed by household — a
// "materialised match"? Rows as JSON, or (FORMAT=bin) as binary blocks. Two timed parts:
//   build — what import would add: per source row a Map look-up of its ID (the batch's applicants are known) and
//           JSON.stringify of its cells, appended to its household bucket's file (the rows are read from the
//           workspace first, untimed, and fed in row-id order, i.e. in file order as an import sees them);
//   run   — what `hedui run` would do instead of the two SQL passes: N worker threads, each reads its buckets one by
//           one (readFileSync + JSON.parse), groups the rows by household and kind, builds the same HouseholdInput
//           objects as src/match/householdStream.ts and assesses them.
// `--check` builds the inputs on one thread and prints the sha256 of the inputs and of their assessments, to compare
// with the SQL path's (session 10: identical, 6632d7ec…ad690b5 and 9c289838…be39e); `--read` times the reading alone
// (half the households, one thread); `--encode` (FORMAT=bin) times the binary encoding alone, bucket by bucket in a
// small heap (the build's own figure is mostly its heap of every row held at once); `--build` rebuilds the buckets.
// PER_BUCKET=100 sets households per bucket file.
//
//   npm run bench:assess -- --keep --dir /tmp/ba
//   [FORMAT=bin] PER_BUCKET=100 node bench/experiments/materialisedMatch.mjs /tmp/ba /tmp/mm [--check | --read | --encode | --build]
// Reads the workspace only; writes only under the bucket folder given.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = new URL('../../dist/', import.meta.url).href;
const m = await import(root + 'match/householdStream.js');
const { kindRowReaders, kindOrder, sourceKinds, applicantIdCell } = await import(root + 'match/sourceRows.js');
const { memberFromRow } = await import(root + 'match/members.js');
const { assessHousehold } = await import(root + 'assess/assessHousehold.js');
const { findPolicyFile, loadPolicyFile } = await import(root + 'policy/index.js');
const { defaultAsOf } = await import(root + 'batch/assessBatch.js');
const { openWorkspace } = await import(root + 'store/db.js');

const perBucket = Number(process.env.PER_BUCKET ?? 1000);
/**
 * FORMAT=bin: each bucket as its distinct strings (one JSON array, in order of first use) and, per row, its cells as
 * (tag, value) pairs — tag 0 null, 1 number, 2 string (value = index in the strings) — so a repeated text (dates,
 * items, names of the same member) is parsed once per bucket and every other cell is a typed-array read.
 */
const binary = process.env.FORMAT === 'bin';

/**
 * Rows of one binary bucket: the same arrays JSON.parse gives for the JSON format. A bucket is a run of blocks, each
 * [u32 strings bytes, u32 cells, u32 0] + its strings as a JSON array (padded to 8) + a tag byte a cell (padded to 8)
 * + a float64 a cell; a row is a cell holding its cell count, then its cells.
 */
function decodeBucket(dir, b) {
  const buf = readFileSync(join(dir, `b${b}.bin`));
  const rows = [];
  for (let off = 0; off < buf.length; ) {
    const sBytes = buf.readUInt32LE(off);
    const count = buf.readUInt32LE(off + 4);
    off += 12;
    const strings = JSON.parse(buf.toString('utf8', off, off + sBytes));
    off += (sBytes + 7) & ~7;
    const tags = buf.subarray(off, off + count);
    off += (count + 7) & ~7;
    const values = new Float64Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + count * 8));
    off += count * 8;
    for (let at = 0; at < count; ) {
      const n = values[at++];
      const cells = new Array(n);
      for (let i = 0; i < n; i++, at++) {
        const t = tags[at];
        cells[i] = t === 0 ? null : t === 1 ? values[at] : strings[values[at]];
      }
      rows.push(cells);
    }
  }
  return rows;
}

/** One bucket being written in the binary format, a block at a time (memory bounded by the block). */
class BinaryBucket {
  static cap = 8192;
  strings = new Map();
  tags = new Uint8Array(BinaryBucket.cap);
  values = new Float64Array(BinaryBucket.cap);
  count = 0;
  constructor(fd) {
    this.fd = fd;
  }
  add(cells) {
    if (this.count + cells.length + 1 > BinaryBucket.cap) this.flush();
    const tags = this.tags;
    const values = this.values;
    let at = this.count;
    tags[at] = 1;
    values[at++] = cells.length;
    for (let i = 0; i < cells.length; i++, at++) {
      const c = cells[i];
      if (c === null) tags[at] = 0;
      else if (typeof c === 'number') {
        tags[at] = 1;
        values[at] = c;
      } else {
        let code = this.strings.get(c);
        if (code === undefined) this.strings.set(c, (code = this.strings.size));
        tags[at] = 2;
        values[at] = code;
      }
    }
    this.count = at;
  }
  flush() {
    if (this.count === 0) return;
    const s = Buffer.from(JSON.stringify([...this.strings.keys()]));
    const head = Buffer.alloc(12);
    head.writeUInt32LE(s.length, 0);
    head.writeUInt32LE(this.count, 4);
    const pad = (n) => Buffer.alloc(((n + 7) & ~7) - n);
    writeSync(this.fd, Buffer.concat([head, s, pad(s.length), this.tags.subarray(0, this.count), pad(this.count), Buffer.from(this.values.buffer, 0, this.count * 8)]));
    this.strings = new Map();
    this.count = 0;
  }
  close() {
    this.flush();
  }
}

/** One bucket being written as JSON: one array a row, written out every 64 KB. */
class JsonBucket {
  parts = [];
  size = 0;
  first = true;
  constructor(fd) {
    this.fd = fd;
  }
  add(cells) {
    const text = (this.first ? '[' : ',') + JSON.stringify(cells);
    this.first = false;
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 65536) this.flush();
  }
  flush() {
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.parts.push(this.first ? '[]' : ']');
    this.flush();
  }
}

/** A bucket's rows, each its cells followed by household, kind and matched applicant row. */
const bucketRows = (dir, b) => (binary ? decodeBucket(dir, b) : JSON.parse(readFileSync(join(dir, `b${b}.json`), 'utf8')));

/** What assembling needs of the bucket folder's meta.json: files by id, and the IDs in several applications (R3). */
function contextOf(meta) {
  return { files: new Map(meta.files.map(([id, name, rank]) => [id, { name, rank }])), duplicates: new Set(meta.duplicateIds) };
}

/**
 * The same HouseholdInput as householdStream.ts's assemble, from one household's rows. A row is its cells (the kind's
 * columns, file_id, line, row_id) followed by household, kind and matched applicant row: the readers ignore trailing
 * cells, so no row is copied.
 */
function assemble(hh, rows, { files, duplicates }) {
  const byKind = kindOrder.map(() => []);
  for (const r of rows) byKind[r[r.length - 2]].push(r);
  const apps = byKind[0];
  if (apps.length === 0) return undefined;
  const idOf = new Map();
  for (const r of apps) idOf.set(r[r.length - 4], r[applicantIdCell]);
  const refOf = (k, r) => {
    const n = r.length;
    const f = files.get(r[n - 6]);
    return { kind: kindOrder[k], file: f.name, line: r[n - 5], fileRank: f.rank };
  };
  const order = (a, b) => a.ref.fileRank - b.ref.fileRank || a.ref.line - b.ref.line;
  const built = (k, make) => {
    const list = byKind[k];
    const out = [];
    let sorted = true;
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      const row = make(r, refOf(k, r), idOf.get(r[r.length - 1]));
      if (out.length > 0 && order(out[out.length - 1], row) > 0) sorted = false;
      out.push(row);
    }
    if (!sorted) out.sort(order);
    return out;
  };
  const appRows = built(0, (cells, ref) => ({ row: kindRowReaders.applicants.build(cells, ref, ''), ref }));
  const members = appRows.map(({ row, ref }, i) => memberFromRow(row, ref, i));
  const self = (appRows.find((r) => r.row.is_self === 1) ?? appRows[0]).row;
  const sources = { bank: [], vehicle: [], realestate: [], income: [], crossprov: [], death: [] };
  sourceKinds.forEach((kind, i) => { for (const row of built(i + 1, kindRowReaders[kind].build)) sources[kind].push(row); });
  const dup = members.filter((x) => duplicates.has(x.idNumber)).map((x) => x.idNumber);
  return {
    seq: hh, applicationId: self.application_id, regionCode: self.region_code ?? '', areaType: self.area_type, program: self.program,
    applicationDate: self.application_date ?? '', currentRecipient: self.current_recipient === 1, members, duplicateMemberIds: [...new Set(dup)], sources,
  };
}

/** Households of buckets `b0` … `b1 - 1`, in household order. */
function* householdsOfBuckets(dir, b0, b1, ctx) {
  for (let b = b0; b < b1; b++) {
    const rows = bucketRows(dir, b);
    const first = b * perBucket + 1;
    const groups = Array.from({ length: perBucket }, () => []);
    for (const r of rows) groups[r[r.length - 3] - first].push(r);
    for (let i = 0; i < perBucket; i++) {
      if (groups[i].length === 0) continue;
      const input = assemble(first + i, groups[i], ctx);
      if (input) yield input;
    }
  }
}

if (isMainThread) {
  const [bench, dir, flag] = process.argv.slice(2);
  if (!bench || !dir) throw new Error('usage: node bench/experiments/materialisedMatch.mjs <bench dir> <bucket dir> [--check | --read | --encode | --build]');
  const db = openWorkspace(join(bench, 'ws'));
  const batchId = db.prepare(`SELECT MAX(id) FROM batches`).pluck().get();
  const reader = m.openReader(db);
  reader.exec('BEGIN');
  const plan = m.planMatch(reader, batchId);
  const households = plan.to;
  if (!existsSync(join(dir, 'meta.json')) || flag === '--build') {
    // Untimed: every matched row's cells, read as the second pass reads them.
    const feed = [];
    kindOrder.forEach((kind, k) => {
      const cols = kindRowReaders[kind].select('t');
      const st = reader.prepare(`SELECT '[' || group_concat(json_array(${cols}, t.file_id, t.line, t.row_id), ',') || ']' FROM json_each(?) j CROSS JOIN ${kind} t ON t.row_id = j.value`).pluck();
      const { start, rowIds, memberRows } = plan.kinds[k];
      for (let hh = 1; hh <= households; hh += 1000) {
        const lo = start[hh], hi = start[Math.min(households, hh + 999) + 1];
        const cells = m.readRows(st, rowIds.subarray(lo, hi), kind);
        let h = hh;
        for (let i = lo; i < hi; i++) {
          while (start[h + 1] <= i) h++;
          feed.push({ rowId: rowIds[i], k, hh: h, member: memberRows[i], cells: cells[i - lo] });
        }
      }
    });
    feed.sort((a, b) => a.k - b.k || a.rowId - b.rowId);
    // What import would add per row: the ID's household (a Map of the batch's IDs) and the row's JSON, appended to its bucket.
    const idMap = new Map();
    const idOfRow = new Map();
    for (const f of feed) if (f.k === 0) { idMap.set(f.cells[applicantIdCell], f.hh); idOfRow.set(f.rowId, f.cells[applicantIdCell]); }
    const keys = feed.map((f) => idOfRow.get(f.member));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const t = performance.now();
    const Bucket = binary ? BinaryBucket : JsonBucket;
    const buckets = Array.from({ length: Math.ceil(households / perBucket) }, (_, b) => new Bucket(openSync(join(dir, `b${b}.${binary ? 'bin' : 'json'}`), 'w', 0o600)));
    let looked = 0;
    for (let i = 0; i < feed.length; i++) {
      const f = feed[i];
      looked += idMap.get(keys[i]) ?? 0; // the look-up import would do (the result is known here)
      f.cells.push(f.hh, f.k, f.member);
      buckets[Math.floor((f.hh - 1) / perBucket)].add(f.cells);
    }
    for (const bk of buckets) {
      bk.close();
      closeSync(bk.fd);
    }
    let bytes = 0;
    for (const f of readdirSync(dir)) bytes += statSync(join(dir, f)).size;
    console.log(`build: ${feed.length} rows, ${((performance.now() - t) / 1000).toFixed(2)} s, ${(bytes / 1e6).toFixed(0)} MB (${looked > 0 ? 'looked up' : ''})`);
  }
  const meta = { files: plan.files, duplicateIds: plan.duplicateIds, households };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
  reader.exec('COMMIT');
  const policy = await loadPolicyFile(await findPolicyFile(join(bench, 'in')));
  const asOf = defaultAsOf(db, batchId);
  const nb = Math.ceil(households / perBucket);
  if (flag === '--encode' && binary) {
    // The encoding alone, in a small heap: each bucket's rows decoded (untimed), then encoded again (to /dev/null).
    const fd = openSync('/dev/null', 'w');
    let ms = 0;
    let rows = 0;
    for (let b = 0; b < nb; b++) {
      const list = decodeBucket(dir, b);
      const bk = new BinaryBucket(fd);
      const t0 = performance.now();
      for (const r of list) bk.add(r);
      bk.flush();
      ms += performance.now() - t0;
      rows += list.length;
    }
    closeSync(fd);
    console.log(`encoding alone: ${rows} rows in ${(ms / 1000).toFixed(2)} s (${((ms * 1000) / rows).toFixed(2)} µs a row)`);
  } else if (flag === '--read') {
    for (let rep = 0; rep < 3; rep++) {
      const t = performance.now();
      let n = 0;
      let parse = 0;
      for (let b = 0; b < Math.ceil(nb / 2); b++) {
        const p0 = performance.now();
        bucketRows(dir, b);
        parse += performance.now() - p0;
      }
      const t1 = performance.now();
      for (const x of householdsOfBuckets(dir, 0, Math.ceil(nb / 2), contextOf(meta))) n++;
      console.log(`read alone, one thread: ${n} households, read+parse only ${(parse / 1000).toFixed(2)} s (${((t1 - t) / 1000).toFixed(2)} s), whole read ${((performance.now() - t1) / 1000).toFixed(2)} s`);
    }
  } else if (flag === '--check') {
    const hIn = createHash('sha256'), hOut = createHash('sha256');
    for (const x of householdsOfBuckets(dir, 0, nb, contextOf(meta))) { hIn.update(JSON.stringify(x)); hOut.update(JSON.stringify(assessHousehold(x, policy.pack, asOf))); }
    console.log('in', hIn.digest('hex'), 'out', hOut.digest('hex'));
  } else {
    const t = performance.now();
    const halves = [[0, Math.ceil(nb / 2)], [Math.ceil(nb / 2), nb]];
    const res = await Promise.all(halves.map(([b0, b1]) => new Promise((resolve, reject) => {
      const w = new Worker(new URL(import.meta.url), { workerData: { dir, b0, b1, policyFile: policy.file, policyBytes: policy.bytes, asOf } });
      w.once('message', resolve); w.once('error', reject);
    })));
    const s = (performance.now() - t) / 1000;
    console.log(`run ×2: ${households} households in ${s.toFixed(2)} s = ${Math.round(households / s)}/s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB;`, res.map((r) => `read ${r.read.toFixed(2)} s + core ${r.core.toFixed(2)} s (${r.n})`).join('; '));
  }
  db.close();
} else {
  const { dir, b0, b1, policyFile, policyBytes, asOf } = workerData;
  const { parsePolicyBytes } = await import(root + 'policy/index.js');
  const pack = parsePolicyBytes(policyBytes, policyFile);
  const ctx = contextOf(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')));
  let core = 0, n = 0;
  const t0 = performance.now();
  for (const x of householdsOfBuckets(dir, b0, b1, ctx)) {
    const t = performance.now(); assessHousehold(x, pack, asOf); core += performance.now() - t; n++;
  }
  const all = (performance.now() - t0) / 1000;
  parentPort.postMessage({ n, core: core / 1000, read: all - core / 1000 });
}
