/**
 * End-to-end: the real executable, as a county script runs it (stdout and stderr are pipes, so not a TTY).
 *
 * ⚠ These tests FAIL until the lead wires progress and the summary into the commands (src/cli, src/batch), which this
 * module's owner may not edit. What must be wired for them to pass:
 *   1. `exit_code` in the `hedui batch --json` object (src/cli/commands/batch.ts printSummary), equal to the process
 *      exit code; and, for schema validity, `households`/`unmatched_rows`/`outputs` exactly as
 *      docs/schema/batch-summary.schema.json says.
 *   2. A global `--events <file>` option (src/cli/main.ts) and GlobalOptions.events (src/cli/context.ts).
 *   3. Context builds `createProgressSink({ quiet, eventsFile: opts.events, stderr: process.stderr })` once, routes
 *      `say` through `sink.say` (gated on quiet), and calls `sink.close()` in `close()`.
 *   4. runBatch receives a RunProgress (`createRunProgress(sink)`) and calls stageStart/progress/stageEnd for import
 *      (via importProgress), match-assess, workbook and results (reports when rendered apart from assessment), and
 *      the command calls `run.done(exitCode)` just before returning the exit code.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, writeText } from '../helpers/workspace.js';
import { errorsOf, validateEvent, validateSummary } from './schemas.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function hedui(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/hedui.js', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Lines of stderr that are events (JSON objects with a type); the rest is human text. */
function eventLines(stderr: string): { type: string; stage?: string; exitCode?: number }[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

function batch(extra: string[] = [], input = 'fixtures/demo') {
  const dir = tempDir();
  const out = join(dir, '输出 结果');
  const r = hedui(['batch', '--input', input, '--out', out, '--workspace', join(dir, 'ws'), '--json', ...extra]);
  return { ...r, dir, out };
}

describe('hedui batch --json: the summary contract (needs the lead’s wiring, see top of file)', () => {
  it('prints exactly one schema-valid JSON object on stdout, whose exit_code is the process exit code', () => {
    const r = batch();
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.indexOf('\n')).toBe(r.stdout.length - 1); // one line: one object, nothing else on stdout
    const summary = JSON.parse(r.stdout);
    expect(validateSummary(summary), errorsOf(validateSummary)).toBe(true);
    expect(summary.exit_code).toBe(r.code);
    expect(r.code).toBe(10); // the demo batch has rejected rows and a 待复核 household
    expect(summary.rows_read).toBe(summary.rows_accepted + summary.rows_rejected);
    expect(summary.rows_read).toBe(summary.files.reduce((n: number, f: { rows_read: number }) => n + f.rows_read, 0));
    expect(summary.households.total).toBe(summary.households.eligible + summary.households.ineligible + summary.households.review);
    // No time of day anywhere in the summary (issue 5 item 3: only manifest.json may differ between runs).
    expect(r.stdout).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('not a TTY: NDJSON progress on stderr, schema-valid, every stage, done last with the exit code', () => {
    const r = batch();
    const events = eventLines(r.stderr);
    for (const e of events) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
    const started = events.filter((e) => e.type === 'stage-start').map((e) => e.stage);
    for (const stage of ['import', 'match-assess', 'workbook', 'results']) expect(started).toContain(stage);
    expect(events.at(-1)).toMatchObject({ type: 'done', exitCode: r.code });
    // Human text still comes through beside the events.
    expect(r.stderr).toContain('合计：读取');
  });

  it('--events FILE: the events go to the file (0600) and not to stderr', () => {
    const dir = tempDir();
    const file = join(dir, '事件 日志.ndjson');
    const r = batch(['--events', file]);
    expect(eventLines(r.stderr)).toEqual([]);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const events = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const e of events) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'done', exitCode: r.code });
    expect(JSON.parse(r.stdout).exit_code).toBe(r.code);
  });

  it('--quiet: nothing on stderr, the summary still on stdout', () => {
    const r = batch(['--quiet']);
    expect(r.stderr).toBe('');
    expect(validateSummary(JSON.parse(r.stdout)), errorsOf(validateSummary)).toBe(true);
  });

  it('a refused file: exit 3, and the summary says so (nothing assessed)', () => {
    const dir = tempDir();
    writeText(dir, 'in/applicants.csv', '申请编号,姓名\nH1,张三\n');
    writeText(dir, 'in/policy.yaml', readFileSync(join(root, 'fixtures/policy/heze-2024.yaml'), 'utf8'));
    const r = batch([], join(dir, 'in'));
    expect(r.code).toBe(3);
    const summary = JSON.parse(r.stdout);
    expect(validateSummary(summary), errorsOf(validateSummary)).toBe(true);
    expect(summary).toMatchObject({ exit_code: 3, refused_files: ['applicants.csv'], households: null, batch_id: null });
  });
});

describe('the summary schema catches drift', () => {
  const valid = () => ({
    batch_id: '09857a94f3be85e7', workspace_batch: 1, as_of: '2024-06-30',
    policy: { id: 'p', version: '1', sha256: 'a'.repeat(64) },
    households: { total: 2, eligible: 1, ineligible: 1, review: 0 },
    rows_read: 3, rows_accepted: 3, rows_rejected: 0,
    files: [{
      name: 'applicants.csv', path: '/x/applicants.csv', kind: 'applicants', format: 'csv', encoding: 'utf-8', sha256: 'b'.repeat(64),
      size: 10, rows_read: 3, rows_accepted: 3, rows_rejected: 0, unknown_columns: [], refused: null,
      already_imported: false, replaced_version: null,
    }],
    ignored_files: [], refused_files: [],
    unmatched_rows: { bank: 0, vehicle: 0, realestate: 0, income: 0, crossprov: 0, death: 0 },
    warnings: [], outputs: { results: '/o/results.json', workbook: '/o/summary.xlsx', reports: '/o/reports', rejected: '/o/rejected.csv', manifest: '/o/manifest.json' },
    exit_code: 0,
  });

  it('accepts a well-formed summary', () => {
    expect(validateSummary(valid()), errorsOf(validateSummary)).toBe(true);
  });

  it('refuses an unknown top-level field, a missing one, or a wall-clock field', () => {
    expect(validateSummary({ ...valid(), extra: 1 })).toBe(false);
    expect(validateSummary({ ...valid(), finished: '2024-06-30T01:02:03Z' })).toBe(false);
    const { exit_code: _, ...withoutExit } = valid();
    expect(validateSummary(withoutExit)).toBe(false);
  });

  it('ties exit_code to the counts (data-contract.md exit codes)', () => {
    expect(validateSummary({ ...valid(), exit_code: 10 })).toBe(false); // 10 needs rejected rows or 待复核
    expect(validateSummary({ ...valid(), rows_rejected: 1, rows_accepted: 2 })).toBe(false); // 0 with rejected rows
    expect(validateSummary({ ...valid(), rows_rejected: 1, exit_code: 10 })).toBe(true);
    expect(validateSummary({ ...valid(), households: { total: 2, eligible: 1, ineligible: 0, review: 1 }, exit_code: 10 })).toBe(true);
    expect(validateSummary({ ...valid(), exit_code: 3 })).toBe(false); // 3 needs a refused file and nothing assessed
    expect(validateSummary({ ...valid(), exit_code: 1 })).toBe(false); // an internal error prints no summary
  });
});
