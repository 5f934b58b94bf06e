/**
 * The audit (issue 6 item 1): draw the seeded sample of a past batch (sample.ts), recompute the whole batch from the
 * workspace's archive — the exact input bytes (archive/<sha256>) and the exact pack bytes (batches.policy_bytes),
 * never the current input folder — and diff every field of each sampled household's stored results entry against the
 * recomputed one.
 *
 * The recompute imports into a fresh temporary workspace (inside the audited workspace, so the personal data never
 * leaves the folder it already lives in; removed afterwards, also on failure): every file the batch imported, in
 * their original import order, each copied under its ORIGINAL file name (R9 tie-breaks and evidence cite file
 * names) with the encoding and sheet it was read with; then R1 over all applicants files at once, as importMany does;
 * then the same assessBatch with the stored as-of date. Refused files are not archived (their rows never reached an
 * assessment) and superseded versions were replaced before the assessment, so both are skipped. Reports are not
 * re-rendered: report_file and report_sha256 are not compared (`hedui verify` checks the files), every other field is,
 * integrity_code included.
 */
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assessBatch } from '../batch/assessBatch.js';
import { storedPolicy } from '../batch/storedPolicy.js';
import { UsageError, UserInputError } from '../errors.js';
import type { Kind } from '../ingest/columns.js';
import type { TextEncoding } from '../ingest/encoding.js';
import { importFile } from '../ingest/importFile.js';
import { enforceHouseholdConsistency } from '../ingest/households.js';
import { refreshLedger } from '../ingest/ledger.js';
import type { RunProgress } from '../progress/runProgress.js';
import { archivePath } from '../store/archive.js';
import { openWorkspace, startNewBatch, type Db } from '../store/db.js';
import { sha256OfFile } from '../store/fileHash.js';
import { canonicalStrata, samplingMethodText, stratifiedSampleDetail, type SampleHousehold, type StratumAllocation, type StratumDimension } from './sample.js';
import { wilsonInterval, type RateWithInterval } from './stats.js';

// ---------------------------------------------------------------------------------------------------------------
// The audited batch
// ---------------------------------------------------------------------------------------------------------------

export interface AuditedBatch {
  /** Workspace batch number. */
  id: number;
  /** results.json batch_id (16 hex). */
  key: string;
  asOf: string;
  policy: { file: string; id: string; version: string; sha256: string };
}

function batchList(db: Db): string {
  const rows = db
    .prepare(`SELECT id, batch_key AS key, as_of AS asOf FROM batches WHERE batch_key IS NOT NULL ORDER BY id DESC LIMIT 5`)
    .all() as { id: number; key: string; asOf: string | null }[];
  return rows.length ? rows.map((r) => `${r.id}（${r.key}，基准日 ${r.asOf || '无'}）`).join('、') : '（工作区中还没有核对过的批次）';
}

/**
 * `--batch`: a workspace batch number, or the 16-hex batch_id of results.json. Identical inputs, pack and as-of give
 * the same batch_id, so several workspace batches may share one; the newest is taken (their results are identical).
 */
export function resolveBatch(db: Db, ref: string): AuditedBatch {
  const text = ref.trim();
  let row: Record<string, unknown> | undefined;
  const cols = `id, batch_key, as_of, policy_file, policy_id, policy_version, policy_sha256`;
  if (/^[0-9a-fA-F]{16}$/.test(text)) {
    row = db.prepare(`SELECT ${cols} FROM batches WHERE batch_key = ? ORDER BY id DESC LIMIT 1`).get(text.toLowerCase()) as typeof row;
  }
  if (!row && /^\d{1,15}$/.test(text)) row = db.prepare(`SELECT ${cols} FROM batches WHERE id = ?`).get(Number(text)) as typeof row;
  if (!row) {
    throw new UsageError('BATCH_NOT_FOUND', `工作区中没有批次“${ref}”`, {
      hint: `--batch 填工作区批次号（hedui batch --json 输出的 workspace_batch）或 results.json 中的 batch_id（16 位十六进制）；最近的批次：${batchList(db)}`,
    });
  }
  const id = row['id'] as number;
  const results = db.prepare(`SELECT count(*) FROM results WHERE batch_id = ?`).pluck().get(id) as number;
  if (row['as_of'] === null || row['batch_key'] === null || row['policy_sha256'] === null || results === 0) {
    throw new UsageError('BATCH_NOT_ASSESSED', `工作区第 ${id} 批没有核对结果，无法抽查`, {
      hint: `抽查的对象是已完成核对的批次；最近的批次：${batchList(db)}`,
    });
  }
  return {
    id,
    key: row['batch_key'] as string,
    asOf: row['as_of'] as string,
    policy: {
      file: row['policy_file'] as string,
      id: row['policy_id'] as string,
      version: row['policy_version'] as string,
      sha256: row['policy_sha256'] as string,
    },
  };
}

/** The batch's households as sample.ts needs them, from the stored results entries (what results.json holds). */
export function populationOf(db: Db, batchId: number): SampleHousehold[] {
  return (
    db
      .prepare(
        `SELECT application_id AS applicationId, json_extract(entry, '$.region_code') AS region,
                json_extract(entry, '$.verdict') AS verdict, json_extract(entry, '$.program') AS program
           FROM results WHERE batch_id = ? ORDER BY application_id`,
      )
      .all(batchId) as { applicationId: string; region: unknown; verdict: unknown; program: unknown }[]
  ).map((r) => ({
    applicationId: r.applicationId,
    region: r.region === null ? '' : String(r.region),
    verdict: r.verdict === null ? '' : String(r.verdict),
    program: r.program === null ? '' : String(r.program),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Recompute from the archive
// ---------------------------------------------------------------------------------------------------------------

interface ArchivedFile {
  id: number;
  kind: Kind;
  name: string;
  sha256: string;
  encoding: TextEncoding | null;
  sheet: string | null;
}

export interface RecomputeOptions {
  /** Where the temporary workspace goes (default: the audited workspace's folder). */
  tempRoot?: string;
  progress?: RunProgress;
}

export interface RecomputeResult {
  /** Households the recompute assessed. */
  households: number;
  /** The recomputed results entry (JSON text) of each asked-for application the recompute assessed. */
  entries: Map<string, string>;
  /** The archived files used, in import order. */
  files: { name: string; kind: Kind; sha256: string }[];
}

/** Recompute batch `batchId` of `db` from its archived inputs and pack; returns the entries of `applicationIds`. */
export async function recomputeBatch(db: Db, batchId: number, applicationIds: readonly string[], opts: RecomputeOptions = {}): Promise<RecomputeResult> {
  const workspace = dirname(db.name);
  const batch = db.prepare(`SELECT as_of, policy_sha256 FROM batches WHERE id = ?`).get(batchId) as
    | { as_of: string | null; policy_sha256: string | null }
    | undefined;
  if (!batch || batch.as_of === null) {
    throw new UsageError('BATCH_NOT_ASSESSED', `工作区第 ${batchId} 批没有核对结果，无法复算`, { hint: '请先用 hedui batch 完成该批次的核对' });
  }
  const policy = storedPolicy(db, batchId);
  if (batch.policy_sha256 !== null && policy.sha256 !== batch.policy_sha256) {
    throw new UserInputError('ARCHIVE_CHANGED', `工作区第 ${batchId} 批存档的参数包内容已被改动（sha256 与登记的不一致），无法复算`, {
      hint: '工作区数据库可能被修改过；请从备份恢复工作区后重新抽查',
    });
  }
  const files = db
    .prepare(`SELECT id, kind, name, sha256, encoding, sheet FROM files WHERE batch_id = ? AND state = 'imported' ORDER BY id`)
    .all(batchId) as ArchivedFile[];

  // Every archived file must be there with its recorded bytes before any work starts.
  for (const f of files) {
    const path = archivePath(workspace, f.sha256);
    if (!(await stat(path).then((s) => s.isFile(), () => false))) {
      throw new UserInputError('ARCHIVE_MISSING', `工作区归档中缺少本批的输入文件“${f.name}”（sha256 ${f.sha256.slice(0, 12)}…），无法从归档复算`, {
        hint: `应在 ${path}；请从工作区备份恢复 archive 文件夹，或把原文件“${f.name}”重新导入到一个新批次后再抽查`,
        location: { file: f.name },
      });
    }
  }

  const root = await mkdtemp(join(opts.tempRoot ?? workspace, 'audit-recompute-'));
  let tmpDb: Db | undefined;
  try {
    const copies: { file: ArchivedFile; path: string }[] = [];
    for (const [i, f] of files.entries()) {
      // One folder per file: two files of one batch may share a name (imported from different folders).
      const dir = join(root, 'inputs', String(i + 1));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, f.name);
      await copyFile(archivePath(workspace, f.sha256), path);
      if ((await sha256OfFile(path)) !== f.sha256) {
        throw new UserInputError('ARCHIVE_CHANGED', `工作区归档中的输入文件“${f.name}”内容已被改动（sha256 与导入时登记的不一致），无法复算`, {
          hint: `归档文件 ${archivePath(workspace, f.sha256)} 应与导入时的原文件逐字节相同；请从工作区备份恢复`,
          location: { file: f.name },
        });
      }
      copies.push({ file: f, path });
    }

    tmpDb = openWorkspace(join(root, 'ws'));
    const tmpBatch = startNewBatch(tmpDb);
    const progress = opts.progress;
    progress?.stageStart('import');
    let rowsRead = 0;
    for (const [i, { file, path }] of copies.entries()) {
      const fileRef = { name: file.name, kind: file.kind, index: i + 1, count: copies.length };
      const summary = await importFile(tmpDb, tmpBatch, file.kind, path, {
        ...(file.encoding ? { encoding: file.encoding } : {}),
        ...(file.sheet ? { sheet: file.sheet } : {}),
        deferHouseholdCheck: true,
        onRows: (read) => progress?.progress('import', rowsRead + read, { file: fileRef }),
      });
      if (summary.refused) {
        throw new UserInputError('RECOMPUTE_REFUSED', `复算时输入文件“${file.name}”被拒收（${summary.refused.code}：${summary.refused.message}），而原批次接受了它`, {
          hint: '本程序的版本可能与原批次不同（读取规则有变）；请用原批次的 hedui 版本抽查',
          location: { file: file.name },
        });
      }
      rowsRead += summary.read;
    }
    // R1 sees every applicants file at once (an application may span files), as importMany does.
    if (copies.some((c) => c.file.kind === 'applicants')) {
      enforceHouseholdConsistency(tmpDb, tmpBatch);
      refreshLedger(tmpDb, tmpBatch);
    }
    progress?.stageEnd('import', rowsRead);

    progress?.stageStart('match-assess');
    const a = await assessBatch(tmpDb, tmpBatch, policy, batch.as_of, {
      onProgress: (done, total) => progress?.progress('match-assess', done, { total }),
    });
    progress?.stageEnd('match-assess', a.households);

    const entries = new Map<string, string>();
    const get = tmpDb.prepare(`SELECT entry FROM results WHERE batch_id = ? AND application_id = ?`).pluck();
    for (const id of applicationIds) {
      const e = get.get(tmpBatch, id) as string | undefined;
      if (e !== undefined) entries.set(id, e);
    }
    return { households: a.households, entries, files: files.map((f) => ({ name: f.name, kind: f.kind, sha256: f.sha256 })) };
  } finally {
    tmpDb?.close();
    await rm(root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Field-by-field comparison
// ---------------------------------------------------------------------------------------------------------------

/** A JSON number kept as its text: `930.00` stays `930.00` (results.json prints money with two decimals). */
export class JsonNumber {
  constructor(readonly text: string) {}
}
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | Map<string, JsonValue>;

const stringToken = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const numberToken = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JSON.parse that keeps number texts and key order (objects become Maps). Throws SyntaxError on bad JSON. */
export function parseJsonLossless(text: string): JsonValue {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`bad JSON at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const token = (re: RegExp): string => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return fail();
    i = re.lastIndex;
    return m[0];
  };
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) fail();
    i++;
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const m = new Map<string, JsonValue>();
      ws();
      if (text[i] === '}') {
        i++;
        return m;
      }
      for (;;) {
        ws();
        const key = JSON.parse(token(stringToken)) as string;
        expect(':');
        m.set(key, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect('}');
        return m;
      }
    }
    if (c === '[') {
      i++;
      const a: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return a;
      }
    }
    if (c === '"') return JSON.parse(token(stringToken)) as string;
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return new JsonNumber(token(numberToken));
  };
  const v = value();
  ws();
  if (i !== text.length) fail();
  return v;
}

/** Compact JSON text of a value, numbers as written. */
export function jsonText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return `{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
}

/** A value as an auditor reads it: text without quotes, everything else as JSON; absent → （无）. */
export function displayValue(v: JsonValue | undefined): string {
  if (v === undefined) return '（无）';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return jsonText(v);
}

export interface Difference {
  applicationId: string;
  /** Field path in the results entry: `per_capita_monthly_income`, `reasons[0].evidence[2].line`, `upper.income_line`. */
  path: string;
  /** As reported (the stored entry = results.json), for display. */
  reported: string;
  /** As recomputed from the archive, for display. */
  recomputed: string;
}

/** Fields that describe the PDF, which an audit does not re-render (verify checks the files themselves). */
export const notCompared: readonly string[] = ['report_file', 'report_sha256'];

/** The path of the whole household (one of the two entries is missing). */
export const wholeHousehold = '（整户）';

function sameLeaf(a: JsonValue, b: JsonValue): boolean {
  if (a instanceof JsonNumber && b instanceof JsonNumber) return a.text === b.text;
  return a === b;
}

function diffValues(id: string, path: string, a: JsonValue | undefined, b: JsonValue | undefined, out: Difference[], top: boolean): void {
  if (a instanceof Map && b instanceof Map) {
    const keys = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
    for (const k of keys) {
      if (top && notCompared.includes(k)) continue;
      diffValues(id, path ? `${path}.${k}` : k, a.get(k), b.get(k), out, false);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(id, `${path}[${i}]`, a[i], b[i], out, false);
    return;
  }
  if (a !== undefined && b !== undefined && !(a instanceof Map) && !(b instanceof Map) && !Array.isArray(a) && !Array.isArray(b) && sameLeaf(a, b)) return;
  out.push({ applicationId: id, path, reported: displayValue(a), recomputed: displayValue(b) });
}

/**
 * Every difference between a household's reported entry and its recomputed entry, in the reported entry's key order
 * (keys only the recomputed entry has come last), arrays compared position by position.
 */
export function compareEntries(applicationId: string, reported: string | undefined, recomputed: string | undefined): Difference[] {
  if (reported === undefined || recomputed === undefined) {
    return [
      {
        applicationId,
        path: wholeHousehold,
        reported: reported === undefined ? '（无核对结果）' : '有核对结果',
        recomputed: recomputed === undefined ? '复算中没有该户（整户未能核对或不在归档输入中）' : '有核对结果',
      },
    ];
  }
  const out: Difference[] = [];
  diffValues(applicationId, '', parseJsonLossless(reported), parseJsonLossless(recomputed), out, true);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The audit
// ---------------------------------------------------------------------------------------------------------------

export interface AuditOptions {
  /** `--batch`: workspace batch number or 16-hex batch_id. */
  batch: string;
  /** `--sample`: households wanted (all when ≥ the batch's households). */
  sample: number;
  seed: string;
  strata: readonly StratumDimension[];
  progress?: RunProgress;
  tempRoot?: string;
}

export interface AuditedHousehold {
  applicationId: string;
  stratum: string;
  /** SHA-256(`{seed}:{application_id}`): the household's place in its stratum. */
  hash: string;
  /** Reported verdict (results.json `verdict`). */
  verdict: string;
  differences: number;
}

export interface AuditResult {
  batch: AuditedBatch;
  seed: string;
  strata: StratumDimension[];
  /** `--sample` as asked. */
  requested: number;
  /** Households of the batch (N). */
  population: number;
  /** Households sampled (min(n, N)). */
  sampleSize: number;
  allocation: StratumAllocation[];
  households: AuditedHousehold[];
  differences: Difference[];
  householdsWithDifferences: number;
  /** Error rate and Wilson 95 % interval over the sampled households; null when nothing was sampled. */
  errorRate: RateWithInterval | null;
  /** Households the recompute assessed (equals the population for an honest archive). */
  recomputedHouseholds: number;
  /** How it was done, in Chinese (for the 结论 sheet). */
  method: { sampling: string; recompute: string; interval: string };
}

export const recomputeMethodText =
  '复算：按工作区归档（archive/<sha256>）中本批导入时的原始字节，以原文件名、原读取编码与工作表、原导入顺序导入一个临时工作区，' +
  '用本批存档的参数包（逐字节相同）和原核对基准日重新比对、核对整批，再将抽中家庭的 results.json 条目逐字段比较' +
  '（含原因的代码、说明、成员、证据，上限数字与完整性校验码；报告文件名与报告 SHA-256 不比较，报告文件由 hedui verify 核验）。';

export const intervalMethodText =
  '差错率 = 有差异的户数 ÷ 样本户数（比例分配样本，未加权）；95% 置信区间用 Wilson 得分区间（z = 1.96），未作有限总体校正。';

/** Sample, recompute, compare: the whole audit except writing the workbook. */
export async function auditBatch(db: Db, opts: AuditOptions): Promise<AuditResult> {
  const batch = resolveBatch(db, opts.batch);
  const population = populationOf(db, batch.id);
  const detail = stratifiedSampleDetail(population, opts.sample, opts.seed, opts.strata);
  const recomputed = await recomputeBatch(
    db,
    batch.id,
    detail.sample.map((s) => s.applicationId),
    { ...(opts.progress ? { progress: opts.progress } : {}), ...(opts.tempRoot ? { tempRoot: opts.tempRoot } : {}) },
  );
  const stored = db.prepare(`SELECT entry FROM results WHERE batch_id = ? AND application_id = ?`).pluck();
  const verdictOf = new Map(population.map((h) => [h.applicationId, h.verdict]));
  const differences: Difference[] = [];
  const households: AuditedHousehold[] = detail.sample.map((s) => {
    const diffs = compareEntries(s.applicationId, stored.get(batch.id, s.applicationId) as string | undefined, recomputed.entries.get(s.applicationId));
    differences.push(...diffs);
    return { applicationId: s.applicationId, stratum: s.stratum, hash: s.hash, verdict: verdictOf.get(s.applicationId) ?? '', differences: diffs.length };
  });
  const householdsWithDifferences = households.filter((h) => h.differences > 0).length;
  return {
    batch,
    seed: opts.seed,
    strata: canonicalStrata(opts.strata),
    requested: opts.sample,
    population: detail.population,
    sampleSize: detail.size,
    allocation: detail.strata,
    households,
    differences,
    householdsWithDifferences,
    errorRate: wilsonInterval(householdsWithDifferences, detail.size),
    recomputedHouseholds: recomputed.households,
    method: { sampling: samplingMethodText(opts.strata), recompute: recomputeMethodText, interval: intervalMethodText },
  };
}
