/**
 * `hedui audit` (issue 6 item 1) end to end on the demo batch: the batch is run by the real executable, the audit is
 * run both through its core (auditBatch + writeAuditWorkbook) and through the command (registerAudit on a local
 * commander program with the same wrap as src/cli/main.ts, since main.ts wires it in separately).
 */
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditSheetNames, writeAuditWorkbook } from '../../src/audit/auditWorkbook.js';
import { auditBatch, compareEntries, parseJsonLossless, jsonText, type AuditResult } from '../../src/audit/recompute.js';
import { strataDimensions } from '../../src/audit/sample.js';
import { registerAudit } from '../../src/cli/commands/audit.js';
import { createContext, type GlobalOptions } from '../../src/cli/context.js';
import type { Action } from '../../src/cli/main.js';
import { reportError } from '../../src/cli/main.js';
import { ExitCode, HeduiError } from '../../src/errors.js';
import { archivePath } from '../../src/store/archive.js';
import { openWorkspace, type Db } from '../../src/store/db.js';
import { hedui } from '../helpers/cli.js';

let root: string;
/** The honest workspace the batch wrote; each test that changes something works on a copy. */
let honestWs: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hedui 抽查-'));
  honestWs = join(root, 'ws');
  const run = hedui(['batch', '--input', 'fixtures/demo', '--out', join(root, 'out'), '--workspace', honestWs, '--quiet']);
  expect(run.stderr).not.toMatch(/错误/);
  expect([ExitCode.ok, ExitCode.doneWithFindings]).toContain(run.code);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
function copyWorkspace(): string {
  const dir = join(root, `ws-copy-${++copies}`);
  cpSync(honestWs, dir, { recursive: true });
  return dir;
}

async function withDb<T>(ws: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = openWorkspace(ws);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

const audit = (ws: string, seed = 'x', sample = 10, batch = '1') =>
  withDb(ws, (db) => auditBatch(db, { batch, sample, seed, strata: strataDimensions }));

/** The command, run in-process as main.ts would run it: returns the exit code and what went to stdout. */
async function runAuditCommand(args: string[]): Promise<{ code: number; stdout: string }> {
  let code = -1;
  const program = new Command('hedui')
    .option('--workspace <dir>')
    .option('--json')
    .addOption(new Option('--log-level <level>').default('info'))
    .option('-q, --quiet')
    .option('--events <file>')
    .exitOverride();
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
  registerAudit(program, wrap);
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // usage errors print their message
  try {
    await program.parseAsync(['node', 'hedui', ...args, '--quiet']);
  } catch (err) {
    code = reportError(err);
  } finally {
    spy.mockRestore();
    quiet.mockRestore();
  }
  return { code, stdout: out.join('') };
}

async function sheetRows(path: string, sheet: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet)!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => {
      const v = c.value as { richText?: { text: string }[] } | number | null;
      cells.push(v && typeof v === 'object' && v.richText ? v.richText.map((t) => t.text).join('') : v === null ? '' : String(v));
    });
    rows.push(cells);
  });
  return rows;
}

describe('hedui audit on an honest batch', () => {
  let honest: AuditResult;
  beforeAll(async () => {
    honest = await audit(honestWs);
  });

  it('samples 10 of the 19 households, recomputes all 19 from the archive and finds 0 differences', () => {
    expect(honest.population).toBe(19);
    expect(honest.sampleSize).toBe(10);
    expect(honest.households).toHaveLength(10);
    expect(honest.recomputedHouseholds).toBe(19);
    expect(honest.differences).toEqual([]);
    expect(honest.householdsWithDifferences).toBe(0);
    expect(honest.errorRate!.rate).toBe(0);
    expect(honest.errorRate!.upper).toBeCloseTo(0.277533, 5);
    expect(honest.batch.key).toMatch(/^[0-9a-f]{16}$/);
    // The temporary workspace is gone.
    expect(readdirSync(honestWs).filter((f) => f.startsWith('audit-recompute-'))).toEqual([]);
  });

  it('the same seed draws the same sample; the batch_id names the same batch as its number', async () => {
    const again = await audit(honestWs, 'x', 10, honest.batch.key);
    expect(again.households).toEqual(honest.households);
    const verdictOnly = await withDb(honestWs, (db) => auditBatch(db, { batch: '1', sample: 10, seed: 'x', strata: ['verdict'] }));
    const otherSeed = await withDb(honestWs, (db) => auditBatch(db, { batch: '1', sample: 10, seed: 'y', strata: ['verdict'] }));
    expect(otherSeed.households.map((h) => h.applicationId)).not.toEqual(verdictOnly.households.map((h) => h.applicationId));
    // 3 不符合, 1 待复核, 15 符合; n = 10: quotas 1.58, .53, 7.89 → 1,0,7 + 2 seats (remainders 17/19 符合, 11/19 不符合)
    // → 2,0,8; 待复核 needs one: 不符合 is 0.42 over its quota, 符合 0.11 → 不符合 gives → 1,1,8.
    expect(verdictOnly.allocation.map((s) => [s.stratum, s.population, s.sample])).toEqual([
      ['不符合', 3, 1],
      ['待复核', 1, 1],
      ['符合', 15, 8],
    ]);
  });

  it('a sample at least the batch takes every household', async () => {
    const all = await audit(honestWs, 'x', 500);
    expect(all.sampleSize).toBe(19);
    expect(all.differences).toEqual([]);
  });

  it('writes audit.xlsx with 抽查清单, 差异明细, 结论: byte-identical when repeated, mode 0600', async () => {
    const a = join(root, 'a', 'audit.xlsx');
    const b = join(root, 'b', 'audit.xlsx');
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    await writeAuditWorkbook(a, honest);
    await writeAuditWorkbook(b, await audit(honestWs));
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(a).mode & 0o777).toBe(0o600);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...auditSheetNames]);
    const list = await sheetRows(a, '抽查清单');
    expect(list).toHaveLength(11);
    expect(list.slice(1).every((r) => r[5] === '是')).toBe(true);
    expect(list.slice(1).map((r) => r[2])).toEqual(honest.households.map((h) => h.applicationId));
    expect(await sheetRows(a, '差异明细')).toHaveLength(1); // the header only
    const conclusion = Object.fromEntries((await sheetRows(a, '结论')).map((r) => [r[0], r[1]]));
    expect(conclusion['结论']).toMatch(/^未发现差异/);
    expect(conclusion['随机种子']).toBe('x');
    expect(conclusion['总体户数']).toBe('19');
    expect(conclusion['样本户数']).toBe('10');
    expect(conclusion['有差异的户数']).toBe('0');
    expect(conclusion['差错率']).toBe('0.00%');
    expect(conclusion['95% 置信区间']).toBe('0.00% ～ 27.75%');
    expect(conclusion['抽样方法']).toMatch(/最大余数法/);
  });

  it('the command exits 0 and prints one JSON object', async () => {
    const out = join(root, 'cli-honest');
    const r = await runAuditCommand(['audit', '--workspace', honestWs, '--batch', '1', '--sample', '10', '--seed', 'x', '--out', out, '--json']);
    expect(r.code).toBe(ExitCode.ok);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json['exit_code']).toBe(0);
    expect(json['differences']).toEqual([]);
    expect(json['sample_size']).toBe(10);
    expect((json['sample'] as { application_id: string }[]).map((s) => s.application_id)).toEqual(honest.households.map((h) => h.applicationId));
    expect(statSync(join(out, 'audit.xlsx')).isFile()).toBe(true);
  });
});

describe('hedui audit after a stored result was altered', () => {
  it('reports exactly that household and field, exit 4', async () => {
    const honest = await audit(honestWs);
    const ws = copyWorkspace();
    // Alter one figure of a sampled household in the workspace, keeping the entry's format.
    const target = await withDb(ws, async (db) => {
      for (const h of honest.households) {
        const entry = db.prepare(`SELECT entry FROM results WHERE batch_id = 1 AND application_id = ?`).pluck().get(h.applicationId) as string;
        const m = /"per_capita_monthly_income":(\d+\.\d\d)/.exec(entry);
        if (!m) continue;
        const altered = (Number(m[1]) + 100).toFixed(2);
        db.prepare(`UPDATE results SET entry = ? WHERE batch_id = 1 AND application_id = ?`).run(entry.replace(m[0], `"per_capita_monthly_income":${altered}`), h.applicationId);
        return { id: h.applicationId, was: m[1]!, now: altered };
      }
      throw new Error('no sampled household with a per-capita income');
    });

    const r = await audit(ws);
    expect(r.households).toEqual(honest.households.map((h) => (h.applicationId === target.id ? { ...h, differences: 1 } : h)));
    expect(r.differences).toEqual([{ applicationId: target.id, path: 'per_capita_monthly_income', reported: target.now, recomputed: target.was }]);
    expect(r.householdsWithDifferences).toBe(1);
    expect(r.errorRate!.rate).toBe(0.1);

    const out = join(root, 'cli-altered');
    const cli = await runAuditCommand(['audit', '--workspace', ws, '--batch', r.batch.key, '--sample', '10', '--seed', 'x', '--out', out, '--json']);
    expect(cli.code).toBe(ExitCode.difference);
    const json = JSON.parse(cli.stdout) as { differences: unknown[]; exit_code: number; households_with_differences: number };
    expect(json.exit_code).toBe(4);
    expect(json.households_with_differences).toBe(1);
    expect(json.differences).toEqual([{ application_id: target.id, path: 'per_capita_monthly_income', reported: target.now, recomputed: target.was }]);
    const diffs = await sheetRows(join(out, 'audit.xlsx'), '差异明细');
    expect(diffs.slice(1)).toEqual([[target.id, 'per_capita_monthly_income', '家庭月人均收入', target.now, target.was]]);
    const list = await sheetRows(join(out, 'audit.xlsx'), '抽查清单');
    expect(list.filter((row) => row[5] === '否').map((row) => row[2])).toEqual([target.id]);
  });
});

describe('hedui audit refuses what it cannot recompute', () => {
  it('a missing archived input is ARCHIVE_MISSING naming the file (exit 3), and no temp workspace is left', async () => {
    const ws = copyWorkspace();
    const file = await withDb(ws, async (db) => db.prepare(`SELECT name, sha256 FROM files WHERE batch_id = 1 AND kind = 'bank' ORDER BY id LIMIT 1`).get() as { name: string; sha256: string });
    unlinkSync(archivePath(ws, file.sha256));
    const err = (await audit(ws).catch((e: unknown) => e)) as HeduiError;
    expect(err).toBeInstanceOf(HeduiError);
    expect(err.code).toBe('ARCHIVE_MISSING');
    expect(err.exitCode).toBe(ExitCode.inputUnusable);
    expect(err.message).toContain(file.name);
    expect(readdirSync(ws).filter((f) => f.startsWith('audit-recompute-'))).toEqual([]);
  });

  it('an archived input whose bytes changed is ARCHIVE_CHANGED', async () => {
    const ws = copyWorkspace();
    const file = await withDb(ws, async (db) => db.prepare(`SELECT name, sha256 FROM files WHERE batch_id = 1 ORDER BY id LIMIT 1`).get() as { name: string; sha256: string });
    chmodSync(archivePath(ws, file.sha256), 0o600);
    appendFileSync(archivePath(ws, file.sha256), '\n');
    const err = (await audit(ws).catch((e: unknown) => e)) as HeduiError;
    expect(err.code).toBe('ARCHIVE_CHANGED');
    expect(err.message).toContain(file.name);
  });

  it('an unknown batch is a usage error; bad options exit 2', async () => {
    const err = (await audit(honestWs, 'x', 10, '42').catch((e: unknown) => e)) as HeduiError;
    expect(err.code).toBe('BATCH_NOT_FOUND');
    expect(err.exitCode).toBe(ExitCode.usage);
    expect((await runAuditCommand(['audit', '--workspace', honestWs, '--batch', '1', '--sample', '0', '--seed', 'x'])).code).toBe(ExitCode.usage);
    expect((await runAuditCommand(['audit', '--workspace', honestWs, '--batch', '1', '--sample', '5', '--seed', 'x', '--strata', 'county'])).code).toBe(ExitCode.usage);
  });
});

describe('compareEntries', () => {
  const base = '{"a":"x","n":930.00,"reasons":[{"code":"R1","evidence":[{"file":"f.csv","line":3}]}],"upper":null,"report_file":"reports/a.pdf","report_sha256":"aa","integrity_code":"c1"}';

  it('keeps number texts, compares nested arrays by position and ignores the report file fields only', () => {
    expect(jsonText(parseJsonLossless(base))).toBe(base);
    expect(compareEntries('A', base, base)).toEqual([]);
    const other = base
      .replace('930.00', '930.01')
      .replace('"line":3', '"line":4')
      .replace('"upper":null', '"upper":{"income_line":1.00}')
      .replace('reports/a.pdf', 'reports/b.pdf')
      .replace('"aa"', '"bb"')
      .replace('"c1"', '"c2"');
    expect(compareEntries('A', base, other)).toEqual([
      { applicationId: 'A', path: 'n', reported: '930.00', recomputed: '930.01' },
      { applicationId: 'A', path: 'reasons[0].evidence[0].line', reported: '3', recomputed: '4' },
      { applicationId: 'A', path: 'upper', reported: 'null', recomputed: '{"income_line":1.00}' },
      { applicationId: 'A', path: 'integrity_code', reported: 'c1', recomputed: 'c2' },
    ]);
  });

  it('reports missing and extra array items and keys, and a household the recompute did not assess', () => {
    const more = base.replace('"reasons":[{', '"reasons":[{"code":"R0"},{').replace('"a":"x"', '"a":"x","b":true');
    expect(compareEntries('A', base, more).map((d) => d.path)).toEqual(['reasons[0].code', 'reasons[0].evidence', 'reasons[1]', 'b']);
    expect(compareEntries('A', base, undefined)).toEqual([
      { applicationId: 'A', path: '（整户）', reported: '有核对结果', recomputed: expect.stringMatching(/复算中没有该户/) as unknown as string },
    ]);
  });
});
