/**
 * `hedui verify` (issue 6, README.md §8): proves a 核对报告 PDF or a summary.xlsx is exactly a file a run wrote.
 * Two independent anchors:
 * - the output ledger (src/batch/outputLedger.ts): the SHA-256 of every file as it was written — a file whose bytes
 *   hash to a recorded value is that file, under whatever name it travels now;
 * - the integrity code: a report carries SHA-256(canonical results entry, pack sha256) in its info dictionary, so a
 *   genuine PDF must still agree with the workspace's stored result, and the stored result with itself (recomputing
 *   the code from it catches a result changed in the workspace after the report was issued).
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OutputKind } from '../batch/outputLedger.js';
import { sha256OfFile } from '../store/fileHash.js';
import { UserInputError } from '../errors.js';
import { integrityCode } from '../report/integrity.js';
// The footer's form of the code (first 16 hex in fours), so the operator can compare it with the paper.
import { shortIntegrityCode } from '../report/pdf/renderReport.js';
import type { Db } from '../store/db.js';
import { collectVerifyPaths } from './verifyPaths.js';
import { pdfIntegrityCode } from './verifyPdf.js';

export type VerifyStatus = 'ok' | 'altered' | 'unknown' | 'integrity_mismatch';

/** Stable English codes, one per kind of finding (the status groups them for counts and exit codes). */
export type VerifyCode =
  | 'VERIFIED'
  | 'FILE_ALTERED'
  | 'FILE_UNKNOWN'
  | 'INTEGRITY_CODE_MISSING'
  | 'INTEGRITY_CODE_DIFFERS'
  | 'STORED_RESULT_ALTERED'
  | 'STORED_RESULT_MISSING'
  | 'STORED_REPORT_HASH_DIFFERS';

/** One row of the output ledger a file was matched to (by hash when ok, by name or path when altered). */
export interface LedgerRecord {
  /** Workspace batch number (hedui explain --batch). */
  batch: number;
  /** results.json batch_id (16 hex), null for a batch that never assessed. */
  batchKey: string | null;
  kind: OutputKind;
  /** Path relative to the output folder, e.g. reports/SQ….pdf. */
  name: string;
  path: string;
  sha256: string;
  applicationId: string | null;
}

export interface VerifyFinding {
  /** Absolute path of the file checked. */
  file: string;
  sha256: string;
  status: VerifyStatus;
  code: VerifyCode;
  /** Chinese, for the operator. */
  message: string;
  records: LedgerRecord[];
  /** PDFs: the full integrity code read from the file, null when none could be read; other files: null. */
  integrityCode: string | null;
}

export interface VerifyCounts {
  ok: number;
  altered: number;
  unknown: number;
  integrity_mismatch: number;
}

const kindLabel: Record<OutputKind, string> = {
  results: '核对结果',
  workbook: '汇总表',
  report: '核对报告',
  rejected: '拒收记录',
  manifest: '批次清单',
};

/**
 * Verify every file named (a folder: every .pdf and .xlsx under it) against the workspace's output ledger.
 * Throws UserInputError (exit 3) for a missing path or a workspace that has recorded no outputs at all — an empty
 * ledger would make every genuine file look unknown.
 */
export async function verifyFiles(db: Db, paths: string[]): Promise<VerifyFinding[]> {
  const files = collectVerifyPaths(paths);
  const ledger = new OutputLedger(db);
  if (ledger.isEmpty()) {
    throw new UserInputError('LEDGER_EMPTY', '工作区的运行台账中没有任何输出文件记录，无法核验', {
      hint: '请用 --workspace 指定生成这些文件的工作区（hedui batch 使用的那个）',
    });
  }
  const findings: VerifyFinding[] = [];
  for (const file of files) findings.push(await verifyFile(ledger, file));
  return findings;
}

export function countFindings(findings: readonly VerifyFinding[]): VerifyCounts {
  const counts: VerifyCounts = { ok: 0, altered: 0, unknown: 0, integrity_mismatch: 0 };
  for (const f of findings) counts[f.status]++;
  return counts;
}

async function verifyFile(ledger: OutputLedger, file: string): Promise<VerifyFinding> {
  // A report is small and its bytes are needed for the code; a workbook can be large, so it is hashed as a stream.
  const bytes = /\.pdf$/i.test(file) ? await readBytes(file) : null;
  const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : await hashFile(file);
  const code = bytes && isPdf(bytes) ? pdfIntegrityCode(bytes) : null;
  const base = { file, sha256, integrityCode: code };

  const records = ledger.byHash(sha256);
  if (records.length === 0) {
    const named = ledger.byName(file);
    if (named.length > 0) {
      const r = named[0]!;
      return {
        ...base,
        status: 'altered',
        code: 'FILE_ALTERED',
        message: `名称已知但内容与记录不符：运行台账中批次 ${r.batch} 的${kindLabel[r.kind]} ${r.name} 的 SHA-256 为 ${short(r.sha256)}，此文件为 ${short(sha256)}`,
        records: named,
      };
    }
    return {
      ...base,
      status: 'unknown',
      code: 'FILE_UNKNOWN',
      message: `未在运行台账中找到：工作区没有写出过 SHA-256 为 ${short(sha256)} 的文件`,
      records: [],
    };
  }

  // The same bytes may have been written by several batches (identical re-runs): every report record must hold.
  let checked = false;
  for (const r of records) {
    if (r.kind !== 'report' || r.applicationId === null) continue;
    const problem = ledger.integrityProblem(r, code, sha256);
    if (problem) return { ...base, status: 'integrity_mismatch', ...problem, records };
    checked = true;
  }
  const r = records[0]!;
  const renamed = basename(file) !== basename(r.name) ? '（此文件已改名）' : '';
  const what = `批次 ${r.batch}${r.batchKey ? `（${r.batchKey}）` : ''}的${kindLabel[r.kind]} ${r.name}${r.applicationId && !r.name.includes(r.applicationId) ? `（申请编号 ${r.applicationId}）` : ''}${renamed}`;
  const integrity = checked && code !== null ? `，完整性校验码 ${shortIntegrityCode(code)} 与核对结果一致` : '';
  return { ...base, status: 'ok', code: 'VERIFIED', message: `与运行台账一致：${what}${integrity}`, records };
}

/** The output ledger and results of the workspace, read-only. */
class OutputLedger {
  private readonly hashQuery;
  private readonly nameQuery;
  private readonly resultQuery;

  constructor(private readonly db: Db) {
    const columns = `o.batch_id AS batch, b.batch_key AS batchKey, o.kind, o.name, o.path, o.sha256, o.application_id AS applicationId
      FROM outputs o JOIN batches b ON b.id = o.batch_id`;
    this.hashQuery = db.prepare(`SELECT ${columns} WHERE o.sha256 = ? ORDER BY o.batch_id DESC, o.path`);
    // Path first (the file still where the run wrote it), then the name anywhere (a copy of reports/X.pdf or
    // summary.xlsx handed over in another folder); newest batch first.
    this.nameQuery = db.prepare(
      `SELECT ${columns}
        WHERE o.path IN (?, ?) OR o.name = ? OR substr(o.name, -?) = ?
        ORDER BY o.path IN (?, ?) DESC, o.batch_id DESC, o.path`,
    );
    this.resultQuery = db.prepare(
      `SELECT r.entry, b.policy_sha256 AS packSha256 FROM results r JOIN batches b ON b.id = r.batch_id
        WHERE r.batch_id = ? AND r.application_id = ?`,
    );
  }

  isEmpty(): boolean {
    return this.db.prepare(`SELECT 1 FROM outputs LIMIT 1`).get() === undefined;
  }

  byHash(sha256: string): LedgerRecord[] {
    return this.hashQuery.all(sha256) as LedgerRecord[];
  }

  byName(file: string): LedgerRecord[] {
    const real = realPath(file);
    const base = basename(file);
    const tail = `/${base}`;
    // substr counts characters (code points), not UTF-16 units.
    return this.nameQuery.all(file, real, base, [...tail].length, tail, file, real) as LedgerRecord[];
  }

  /** Why a genuine report no longer agrees with its stored result, or null when the code holds all round. */
  integrityProblem(r: LedgerRecord, pdfCode: string | null, sha256: string): { code: VerifyCode; message: string } | null {
    const who = `批次 ${r.batch} 申请编号 ${r.applicationId}`;
    const row = this.resultQuery.get(r.batch, r.applicationId) as { entry: string; packSha256: string | null } | undefined;
    if (!row || row.packSha256 === null) {
      return { code: 'STORED_RESULT_MISSING', message: `完整性校验码不符：工作区中已没有${who} 的核对结果或参数包记录，无法核对` };
    }
    if (pdfCode === null) {
      return { code: 'INTEGRITY_CODE_MISSING', message: `完整性校验码不符：PDF 中读不到完整性校验码（${who}）` };
    }
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(row.entry) as Record<string, unknown>;
    } catch {
      return { code: 'STORED_RESULT_ALTERED', message: `完整性校验码不符：工作区中${who} 的核对结果已损坏（不是有效的 JSON）` };
    }
    const stored = entry.integrity_code;
    if (stored !== pdfCode) {
      return {
        code: 'INTEGRITY_CODE_DIFFERS',
        message: `完整性校验码不符：报告上为 ${shortIntegrityCode(pdfCode)}，工作区中${who} 的核对结果记录为 ${typeof stored === 'string' ? shortIntegrityCode(stored) : '（无）'}`,
      };
    }
    const recomputed = integrityCode(entry, row.packSha256);
    if (recomputed !== stored) {
      return {
        code: 'STORED_RESULT_ALTERED',
        message: `完整性校验码不符：工作区中${who} 的核对结果在出具报告后被改动（按现存结果重新计算为 ${shortIntegrityCode(recomputed)}，报告上为 ${shortIntegrityCode(pdfCode)}）`,
      };
    }
    // The code does not cover report_sha256 (a report cannot hash itself); it still has to name this very file.
    if (entry.report_sha256 !== sha256) {
      return { code: 'STORED_REPORT_HASH_DIFFERS', message: `完整性校验码不符：工作区中${who} 的核对结果记录的报告 SHA-256 与此文件不同` };
    }
    return null;
  }
}

function short(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw unreadable(file, cause);
  }
}

function hashFile(file: string): Promise<string> {
  return sha256OfFile(file).catch((cause: unknown) => Promise.reject(unreadable(file, cause)));
}

function unreadable(file: string, cause: unknown): UserInputError {
  return new UserInputError('FILE_UNREADABLE', `无法读取要核验的文件：${file}`, {
    hint: '请检查文件权限，或先把文件复制到本机可读的位置再核验',
    cause,
  });
}
