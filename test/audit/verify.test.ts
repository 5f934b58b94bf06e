import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countFindings, verifyFiles, type VerifyFinding } from '../../src/audit/verify.js';
import { pdfIntegrityCode } from '../../src/audit/verifyPdf.js';
import { createContext, type GlobalOptions } from '../../src/cli/context.js';
import { registerVerify } from '../../src/cli/commands/verify.js';
import { reportError, type Action } from '../../src/cli/main.js';
import { openWorkspace } from '../../src/store/db.js';
import { hedui } from '../helpers/cli.js';

/**
 * One real `hedui batch` over fixtures/demo; every test that changes something works on its own copy of the output
 * folder and workspace, so the original stays the honest run.
 */
let root: string;
let out: string;
let ws: string;
let households: { application_id: string; report_file: string; integrity_code: string; per_capita_monthly_income: number | null }[];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hedui 核验-'));
  out = join(root, 'out');
  ws = join(root, 'ws');
  const r = spawnSync(process.execPath, ['bin/hedui.js', 'batch', '--input', 'fixtures/demo', '--out', out, '--workspace', ws, '--quiet'], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(10); // the demo has rejected rows and 待复核 households by design
  households = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { households: typeof households }).households;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A private copy of the run: output folder and workspace (the database was closed by the batch process). */
function copyRun(): { out: string; ws: string } {
  const n = ++copies;
  const copy = { out: join(root, `out-${n}`), ws: join(root, `ws-${n}`) };
  cpSync(out, copy.out, { recursive: true });
  cpSync(ws, copy.ws, { recursive: true });
  return copy;
}

async function verifyWith(workspace: string, paths: string[]): Promise<VerifyFinding[]> {
  const db = openWorkspace(workspace);
  try {
    return await verifyFiles(db, paths);
  } finally {
    db.close();
  }
}

const notOk = (findings: VerifyFinding[]) => findings.filter((f) => f.status !== 'ok').map((f) => [f.file, f.status, f.code]);

/**
 * `hedui verify` in-process, through a commander program wired like src/cli/main.ts (same wrap, same error
 * boundary), so the command is tested before main.ts registers it.
 */
async function verifyCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let code = 0;
  let stdout = '';
  let stderr = '';
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const program = new Command('hedui').option('--workspace <dir>').option('--json').option('-q, --quiet').exitOverride();
    const wrap =
      <O>(action: Action<O>) =>
      async (...params: unknown[]) => {
        const cmd = params[params.length - 1] as Command;
        const opts = cmd.optsWithGlobals() as O & GlobalOptions;
        const ctx = createContext(opts);
        try {
          code = await action(ctx, opts, params.slice(0, -2).flat() as string[]);
        } finally {
          ctx.close();
        }
      };
    registerVerify(program, wrap);
    try {
      await program.parseAsync(['node', 'hedui', ...args]);
    } catch (err) {
      code = reportError(err);
    }
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
  return { code, stdout, stderr };
}

interface VerifyJson {
  files: { file: string; status: string; code: string; message: string; integrity_code: string | null; records: { batch: number; kind: string; application_id: string | null }[] }[];
  ok: number;
  altered: number;
  unknown: number;
  integrity_mismatch: number;
  exit_code: number;
}

describe('hedui verify against the run ledger of a real batch', () => {
  it('an untouched output folder: every PDF and summary.xlsx is ok, with its batch, kind and application (exit 0)', async () => {
    const r = await verifyCli(['--workspace', ws, '--json', 'verify', out]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as VerifyJson;
    // PDFs and the workbook only (a folder is searched for .pdf and .xlsx), reports sorted by code point, then summary.xlsx.
    expect(json.files.map((f) => f.file)).toEqual([
      ...households.map((h) => join(out, h.report_file)).sort(),
      join(out, 'summary.xlsx'),
    ]);
    expect(json).toMatchObject({ ok: households.length + 1, altered: 0, unknown: 0, integrity_mismatch: 0, exit_code: 0 });
    for (const h of households) {
      const f = json.files.find((x) => x.file === join(out, h.report_file))!;
      expect(f).toMatchObject({ status: 'ok', code: 'VERIFIED', integrity_code: h.integrity_code });
      expect(f.records).toEqual([expect.objectContaining({ batch: 1, kind: 'report', application_id: h.application_id })]);
    }
    expect(json.files.at(-1)!.records).toEqual([expect.objectContaining({ kind: 'workbook', application_id: null })]);
  });

  it('the integrity code read from each PDF is the one results.json holds for that household', () => {
    for (const h of households) expect(pdfIntegrityCode(readFileSync(join(out, h.report_file)))).toBe(h.integrity_code);
  });

  it('one byte changed in one PDF: exactly that file is altered (name known, content not), exit 4', async () => {
    const run = copyRun();
    const target = join(run.out, households[3]!.report_file);
    const bytes = readFileSync(target);
    bytes[bytes.length >> 1]! ^= 0x01;
    writeFileSync(target, bytes);
    const findings = await verifyWith(run.ws, [run.out]);
    expect(notOk(findings)).toEqual([[target, 'altered', 'FILE_ALTERED']]);
    expect(findings.find((f) => f.file === target)!.message).toContain(`名称已知但内容与记录不符`);
    expect(countFindings(findings)).toEqual({ ok: households.length, altered: 1, unknown: 0, integrity_mismatch: 0 });

    const r = await verifyCli(['--workspace', run.ws, 'verify', run.out]);
    expect(r.code).toBe(4);
    const crosses = r.stdout.split('\n').filter((l) => l.startsWith('✗'));
    expect(crosses).toHaveLength(1);
    expect(crosses[0]).toContain(households[3]!.report_file);
    expect(crosses[0]).toContain('（FILE_ALTERED）');
    expect(r.stdout).toContain(`核验 ${households.length + 1} 个文件：一致 ${households.length}，内容被改动 1，未在台账中 0，完整性校验码不符 0`);
  });

  it('a genuine PDF copied under another name is still ok (its hash is in the ledger)', async () => {
    const run = copyRun();
    const h = households[0]!;
    const renamed = join(run.out, '给审计的副本.pdf');
    cpSync(join(out, h.report_file), renamed);
    const [f] = await verifyWith(run.ws, [renamed]);
    expect(f).toMatchObject({ file: renamed, status: 'ok', code: 'VERIFIED', integrityCode: h.integrity_code });
    expect(f!.message).toContain(`核对报告 ${h.report_file}（此文件已改名）`);
  });

  it('a PDF that no run wrote, under a name no run used, is unknown (exit 4)', async () => {
    const run = copyRun();
    const stranger = join(run.out, 'stranger.pdf');
    writeFileSync(stranger, '%PDF-1.7\n% not a report of this workspace\n%%EOF\n');
    const findings = await verifyWith(run.ws, [run.out]);
    expect(notOk(findings)).toEqual([[stranger, 'unknown', 'FILE_UNKNOWN']]);
    expect(findings.find((f) => f.file === stranger)!.message).toContain('未在运行台账中找到');
    const r = await verifyCli(['--workspace', run.ws, '--json', 'verify', stranger]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: 0, unknown: 1, exit_code: 4 });
  });

  it('a stored result altered in the workspace: that report (genuine bytes) is integrity_mismatch, the others ok', async () => {
    const run = copyRun();
    const h = households.find((x) => x.per_capita_monthly_income !== null)!;
    const db = openWorkspace(run.ws);
    const changed = db
      .prepare(`UPDATE results SET entry = json_set(entry, '$.per_capita_monthly_income', json_extract(entry, '$.per_capita_monthly_income') - 100) WHERE application_id = ?`)
      .run(h.application_id).changes;
    db.close();
    expect(changed).toBe(1);
    const findings = await verifyWith(run.ws, [run.out]);
    const target = join(run.out, h.report_file);
    expect(notOk(findings)).toEqual([[target, 'integrity_mismatch', 'STORED_RESULT_ALTERED']]);
    expect(findings.find((f) => f.file === target)!.message).toContain(`批次 1 申请编号 ${h.application_id} 的核对结果在出具报告后被改动`);

    // Altered together with a recomputed integrity_code: the PDF's own code no longer matches the stored one.
    const db2 = openWorkspace(run.ws);
    db2.prepare(`UPDATE results SET entry = json_set(entry, '$.integrity_code', ?) WHERE application_id = ?`).run('0'.repeat(64), h.application_id);
    db2.close();
    const again = await verifyWith(run.ws, [target]);
    expect(notOk(again)).toEqual([[target, 'integrity_mismatch', 'INTEGRITY_CODE_DIFFERS']]);

    const r = await verifyCli(['--workspace', run.ws, '--json', 'verify', run.out]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: households.length, altered: 0, unknown: 0, integrity_mismatch: 1, exit_code: 4 });
  });

  it('a stored result that no longer names the report, or is gone, is integrity_mismatch for that report only', async () => {
    const run = copyRun();
    const [a, b] = households;
    const db = openWorkspace(run.ws);
    // report_sha256 is outside the integrity code (a report cannot hash itself), so it is checked on its own.
    db.prepare(`UPDATE results SET entry = json_set(entry, '$.report_sha256', ?) WHERE application_id = ?`).run('f'.repeat(64), a!.application_id);
    db.prepare(`DELETE FROM results WHERE application_id = ?`).run(b!.application_id);
    db.close();
    const findings = await verifyWith(run.ws, [run.out]);
    expect(notOk(findings)).toEqual([
      [join(run.out, a!.report_file), 'integrity_mismatch', 'STORED_REPORT_HASH_DIFFERS'],
      [join(run.out, b!.report_file), 'integrity_mismatch', 'STORED_RESULT_MISSING'],
    ]);
  });

  it('summary.xlsx with one byte changed is altered', async () => {
    const run = copyRun();
    const workbook = join(run.out, 'summary.xlsx');
    const bytes = readFileSync(workbook);
    bytes[100]! ^= 0xff;
    writeFileSync(workbook, bytes);
    const findings = await verifyWith(run.ws, [workbook]);
    expect(notOk(findings)).toEqual([[workbook, 'altered', 'FILE_ALTERED']]);
    expect(findings[0]!.records[0]).toMatchObject({ kind: 'workbook', name: 'summary.xlsx', batch: 1 });
  });

  it('a path that does not exist is exit 3 with a hint, before anything is verified', async () => {
    const r = await verifyCli(['--workspace', ws, 'verify', out, join(root, '没有这个文件.pdf')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('错误（PATH_NOT_FOUND）');
    expect(r.stderr).toContain('处理建议：');
  });

  it('a workspace that does not exist is exit 3 (an empty one would call every genuine file unknown)', async () => {
    const r = await verifyCli(['--workspace', join(root, 'no-such-ws'), 'verify', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('错误（WORKSPACE_NOT_FOUND）');
  });
});

// The real executable: runs once src/cli/main.ts registers the command (skipped, not failed, before that).
const wired = /^\s+verify\b/m.test(hedui(['--help']).stdout);
describe('bin/hedui.js verify (once registered in src/cli/main.ts)', () => {
  it.runIf(wired)('exit 0 on the honest run, 4 after a byte of a PDF changes; --json is one object on stdout', () => {
    const ok = hedui(['verify', out, '--workspace', ws, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as VerifyJson).ok).toBe(households.length + 1);
    const run = copyRun();
    const target = join(run.out, households[0]!.report_file);
    const bytes = readFileSync(target);
    bytes[200]! ^= 0x01;
    writeFileSync(target, bytes);
    const bad = hedui(['verify', run.out, '--workspace', run.ws]);
    expect(bad.code).toBe(4);
    expect(bad.stdout).toContain('（FILE_ALTERED）');
  });
});
