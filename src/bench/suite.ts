/**
 * npm run bench [-- --households N] [--bank-rows N] [--vehicle-rows N] [--realestate-rows N] [--income-rows N]
 *                  [--crossprov-rows N] [--pdfs N] [--workbook-rows N] [--chromium K] [--no-night] [--dir D] [--keep]
 *                  [--stages ingest,assess,report,workbook,night] [--reuse]
 *
 * Every stage of a night on one generated batch, each stage in a child process of its own (so its peak RSS is its own),
 * with the baselines measured in the same run on the same files, printed as one table and written to
 * bench/results.json. The batch: N households from the fixture generator (default 100,000), whose exports are padded
 * with rows about people outside the batch (src/bench/exportRows.ts) up to the row counts asked for (defaults, per
 * household: 10 bank, 1 vehicle, 1.5 real-estate, 30 income, 2.5 cross-province rows — issue 7's night at 100,000).
 *
 * Stages: per input kind, hedui's import beside csv-parse parse-only and the sqlite3 CLI `.import` (when installed);
 * the whole batch's import; match + assess (one thread, and the stage as `hedui batch` runs it on every core); PDFs
 * rendered on two worker threads (the first --pdfs households) beside headless Chromium (when installed); the workbook
 * writer; and the night itself: `hedui batch` end to end, wall time and peak RSS measured from outside the process.
 * Figures, not assertions: the targets live in the README.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateFixtures } from '../fixtures/generate.js';
import { planFolder } from '../ingest/batchFolder.js';
import { importMany } from '../ingest/importMany.js';
import { openWorkspace, startNewBatch, workspaceFileName } from '../store/db.js';
import { availableParallelism } from 'node:os';
import { arg, inChild } from './child.js';
import { exportKinds, writeExportCsv, type ExportKind } from './exportRows.js';
// Types only (erased at compile time): importing report.js itself would run that benchmark.
import type { ChromiumRow, ConfigResult } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const script = (name: string) => join(here, `${name}.js`);

/** One line of the table (and of bench/results.json). */
interface Figure {
  stage: string;
  tool: 'hedui' | 'baseline';
  items: number;
  unit: string;
  seconds: number;
  bytes?: number;
  peakRssMb?: number;
  note?: string;
}

const perHousehold: Record<ExportKind, number> = { bank: 10, vehicle: 1, realestate: 1.5, income: 30, crossprov: 2.5 };

function numberArg(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${v}`);
  return n;
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const elapsed = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

/** Generates the households, then pads each kind's exports with outsider rows up to the asked-for count. */
async function prepareInputs(dir: string, households: number, rows: Record<ExportKind, number>): Promise<void> {
  const input = join(dir, 'in');
  let t = process.hrtime.bigint();
  log(`generating ${households} households …`);
  const summary = await generateFixtures({ households, seed: 'bench-night', out: input, badRows: 0, formats: 'csv' });
  log(`  ${elapsed(t).toFixed(1)} s`);
  for (const kind of exportKinds) {
    const generated = summary.files.filter((f) => f.kind === kind).reduce((n, f) => n + f.rows, 0);
    const pad = rows[kind] - generated;
    if (pad <= 0) continue;
    t = process.hrtime.bigint();
    await writeExportCsv(join(input, `${kind}-9-outside.csv`), kind, pad, 1 + exportKinds.indexOf(kind));
    log(`  ${kind}: ${generated} generated + ${pad} outsider rows (${elapsed(t).toFixed(1)} s)`);
  }
}

function filesOf(dir: string, kind: string): string[] {
  return readdirSync(join(dir, 'in'))
    .filter((f) => f.startsWith(kind) && f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, 'in', f));
}

const bytesOf = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);

/** `cmd args` under GNU time when present, so a non-Node program's peak RSS is measured too. */
function timedCommand(cmd: string, args: string[], opts: { input?: string } = {}): { seconds: number; peakRssMb?: number; stdout: string } {
  const gnuTime = existsSync('/usr/bin/time');
  const t = process.hrtime.bigint();
  const report = join(tmpdir(), `hedui-bench-time-${process.pid}`);
  const stdout = gnuTime
    ? execFileSync('/usr/bin/time', ['-f', '%M', '-o', report, cmd, ...args], { input: opts.input, maxBuffer: 1 << 26 }).toString()
    : execFileSync(cmd, args, { input: opts.input, maxBuffer: 1 << 26 }).toString();
  const seconds = elapsed(t);
  if (!gnuTime) return { seconds, stdout };
  const kb = Number(execFileSync('tail', ['-n1', report]).toString().trim());
  rmSync(report, { force: true });
  return { seconds, peakRssMb: kb / 1024, stdout };
}

function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface StageResult {
  rows: number;
  seconds: number;
  peakRssMb: number;
}

async function ingestFigures(dir: string): Promise<Figure[]> {
  const out: Figure[] = [];
  const sqlite3 = hasCommand('sqlite3');
  for (const kind of ['applicants', ...exportKinds]) {
    const files = filesOf(dir, kind);
    const bytes = bytesOf(files);
    log(`ingest ${kind}: ${files.length} file(s), ${(bytes / 1e6).toFixed(0)} MB …`);
    for (const stage of ['hedui', 'csv-parse']) {
      const r = await inChild<StageResult>(script('ingest'), ['--stage', stage, '--kind', kind, '--files', JSON.stringify(files), '--dir', dir], `ingest ${stage} ${kind}`);
      out.push({
        stage: `ingest ${kind}`,
        tool: stage === 'hedui' ? 'hedui' : 'baseline',
        items: r.rows,
        unit: 'rows',
        seconds: r.seconds,
        bytes,
        peakRssMb: r.peakRssMb,
        note: stage === 'hedui' ? 'validate + store (UTF-8 CSV)' : 'csv-parse, parse only',
      });
    }
    if (sqlite3) {
      const db = join(dir, `sqlite3-${kind}.db`);
      rmSync(db, { force: true });
      // Each file into a table of its own, created from its header (a kind's files may have different columns).
      const commands = files.map((f, i) => `.import --csv '${f.replace(/'/g, "''")}' t${i}`).join('\n');
      const count = files.map((_, i) => `(SELECT count(*) FROM t${i})`).join(' + ');
      const r = timedCommand('sqlite3', [db], { input: `${commands}\nSELECT ${count};\n` });
      rmSync(db, { force: true });
      out.push({
        stage: `ingest ${kind}`, tool: 'baseline', items: Number(r.stdout.trim().split('\n').pop()), unit: 'rows', seconds: r.seconds, bytes,
        ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}), note: 'sqlite3 CLI .import, no validation',
      });
    }
  }
  if (!sqlite3) log('  sqlite3 CLI not found: its .import baseline is skipped (apt-get install sqlite3 to include it)');
  return out;
}

/** Imports the whole batch into <dir>/ws (what the later stages read). */
async function importAll(dir: string): Promise<Figure[]> {
  const t = process.hrtime.bigint();
  rmSync(join(dir, 'ws'), { recursive: true, force: true });
  const db = openWorkspace(join(dir, 'ws'));
  const plan = await planFolder(join(dir, 'in'));
  const files = await importMany(db, startNewBatch(db), plan.files, {});
  const seconds = elapsed(t);
  db.close();
  const rows = files.reduce((n, f) => n + f.read, 0);
  return [{ stage: 'import whole batch', tool: 'hedui', items: rows, unit: 'rows', seconds, bytes: bytesOf(plan.files.map((f) => f.path)), note: 'in the suite process' }];
}

async function assessFigures(dir: string, households: number): Promise<Figure[]> {
  const out: Figure[] = [];
  const cores = availableParallelism();
  for (const [stage, name, note] of [
    ['match', 'match', 'plan + row reads, one thread'],
    ['match+assess', 'match + assess', 'one thread'],
    [`match+assess ×${cores}`, `match + assess ×${cores}`, `${cores} worker threads, the plan made once by two planner threads, each assessing its range`],
    ['stage', 'match + assess + store', 'as hedui batch runs it: workers on every core, results stored'],
  ] as const) {
    log(`${stage} …`);
    const r = await inChild<{ households: number; seconds: number; peakRssMb: number }>(script('assess'), ['--stage', stage, '--dir', dir], stage);
    out.push({ stage: name, tool: 'hedui', items: r.households, unit: 'households', seconds: r.seconds, peakRssMb: r.peakRssMb, note });
  }
  if (out[0]!.items !== households) throw new Error(`match saw ${out[0]!.items} households, expected ${households}`);
  return out;
}

async function reportFigures(dir: string, pdfs: number, chromiumSample: number): Promise<Figure[]> {
  log(`rendering ${pdfs} PDFs on 2 threads …`);
  const common = ['--dir', dir, '--batch', '1', '--households', String(pdfs)];
  const r = await inChild<ConfigResult>(script('report'), ['--child', '2', ...common], 'PDF rendering');
  const out: Figure[] = [
    { stage: 'PDF reports', tool: 'hedui', items: r.pdfs, unit: 'PDFs', seconds: r.wallSeconds, bytes: r.bytes, peakRssMb: r.peakRssMb, note: `pdfkit, 2 threads; read + assess + render; render alone ${Math.round(r.pdfs / r.renderSeconds)}/s` },
  ];
  if (chromiumSample > 0) {
    const rows = await inChild<ChromiumRow[] | null>(script('report'), ['--chromium-child', String(chromiumSample), ...common], 'Chromium');
    if (rows && rows.length > 0) {
      const seconds = rows.reduce((s, x) => s + x.chromiumSeconds, 0);
      out.push({ stage: 'PDF reports', tool: 'baseline', items: rows.length, unit: 'PDFs', seconds, bytes: rows.reduce((s, x) => s + x.chromiumBytes, 0), note: 'headless Chromium --print-to-pdf, same content as HTML, one process each' });
    } else log('  /usr/bin/chromium not found: the Chromium baseline is skipped (apt-get install chromium to include it)');
  }
  return out;
}

async function workbookFigures(dir: string, rows: number): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const stage of ['hedui', 'exceljs-default']) {
    log(`workbook ${stage}: ${rows} rows …`);
    const file = join(dir, `workbook-${stage}.xlsx`);
    const r = await inChild<{ rows: number; seconds: number; peakRssMb: number; bytes: number }>(script('workbook'), ['--stage', stage, '--rows', String(rows), '--out', file], `workbook ${stage}`);
    rmSync(file, { force: true });
    out.push({ stage: 'workbook', tool: stage === 'hedui' ? 'hedui' : 'baseline', items: r.rows, unit: 'rows', seconds: r.seconds, bytes: r.bytes, peakRssMb: r.peakRssMb, note: stage === 'hedui' ? '12 columns, streamed with back-pressure' : 'exceljs streaming writer, defaults' });
  }
  return out;
}

/** Peak RSS of a process (worker threads included), sampled from /proc when GNU time is not installed. */
function watchRss(pid: number): { stop: () => number } {
  let peak = 0;
  const read = () => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // the process has ended
    }
  };
  const timer = setInterval(read, 250);
  return { stop: () => (clearInterval(timer), peak) };
}

/** `hedui batch` end to end on the batch folder, as an operator runs it; timed and measured from outside. */
async function night(dir: string): Promise<Figure[]> {
  const ws = join(dir, 'night-ws');
  const outDir = join(dir, 'night-out');
  rmSync(ws, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  log('night: hedui batch end to end …');
  const t = process.hrtime.bigint();
  const hedui = [process.execPath, join(root, 'bin', 'hedui.js'), '--workspace', ws, 'batch', '--input', join(dir, 'in'), '--out', outDir, '--quiet', '--json'];
  const timeFile = join(dir, 'night-time.txt');
  const gnuTime = existsSync('/usr/bin/time');
  const [cmd, ...args] = gnuTime ? ['/usr/bin/time', '-f', '%M', '-o', timeFile, ...hedui] : hedui;
  const child = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const rss = watchRss(child.pid!);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  const seconds = elapsed(t);
  const sampled = rss.stop();
  const peakRssMb = gnuTime ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024 : sampled;
  if (![0, 10].includes(code)) throw new Error(`hedui batch exited ${code}`);
  const summary = JSON.parse(stdout) as { households: { total: number }; rows_read: number };
  const db = new Database(join(ws, workspaceFileName), { readonly: true });
  const stages = JSON.parse(db.prepare(`SELECT stages FROM runs ORDER BY id DESC LIMIT 1`).pluck().get() as string) as Record<string, number>;
  const workbookRows = db.prepare(`SELECT COUNT(*) FROM workbook_rows`).pluck().get() as number;
  db.close();
  const reports = readdirSync(join(outDir, 'reports'));
  const pdfBytes = reports.reduce((n, f) => n + statSync(join(outDir, 'reports', f)).size, 0);
  const h = summary.households.total;
  return [
    { stage: 'night: hedui batch', tool: 'hedui', items: h, unit: 'households', seconds, peakRssMb, note: `wall + peak RSS from outside; ${summary.rows_read} rows, ${reports.length} PDFs, summary.xlsx, results.json` },
    { stage: 'night: import', tool: 'hedui', items: summary.rows_read, unit: 'rows', seconds: stages.import ?? NaN },
    { stage: 'night: match+assess+PDFs', tool: 'hedui', items: h, unit: 'households', seconds: stages['assess+reports'] ?? NaN, bytes: pdfBytes, note: `${reports.length} PDFs` },
    { stage: 'night: workbook', tool: 'hedui', items: workbookRows, unit: 'rows', seconds: stages.workbook ?? NaN },
  ];
}

const rate = (r: number) => (r >= 100 ? String(Math.round(r)) : r.toPrecision(2));

function printTable(figures: Figure[]): void {
  console.table(
    figures.map((f) => ({
      stage: f.stage,
      tool: f.tool === 'hedui' ? 'hedui' : 'baseline',
      [`items`]: `${f.items} ${f.unit}`,
      seconds: f.seconds.toFixed(2),
      'per second': `${rate(f.items / f.seconds)} ${f.unit}/s`,
      'MB/s': f.bytes !== undefined && f.unit === 'rows' ? (f.bytes / 1e6 / f.seconds).toFixed(1) : '',
      'bytes/item': f.bytes !== undefined && f.unit !== 'rows' ? Math.round(f.bytes / f.items) : '',
      'peak RSS MB': f.peakRssMb !== undefined ? f.peakRssMb.toFixed(0) : '',
      note: f.note ?? '',
    })),
  );
}

function machine(): Record<string, string | number> {
  const sqliteVersion = (new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get() as string) ?? '';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite: sqliteVersion,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The stage group of a figure written before figures carried their group. */
function groupOf(stage: string): Group | 'import' {
  if (stage.startsWith('ingest')) return 'ingest';
  if (stage.startsWith('import')) return 'import';
  if (stage.startsWith('match')) return 'assess';
  if (stage.startsWith('PDF')) return 'report';
  if (stage.startsWith('workbook')) return 'workbook';
  return 'night';
}

const groups = ['ingest', 'assess', 'report', 'workbook', 'night'] as const;
type Group = (typeof groups)[number];

async function main(): Promise<void> {
  const households = numberArg('households', 100_000);
  const rows = Object.fromEntries(exportKinds.map((k) => [k, numberArg(`${k}-rows`, Math.round(households * perHousehold[k]))])) as Record<ExportKind, number>;
  const pdfs = Math.min(households, numberArg('pdfs', 10_000));
  const workbookRows = Math.min(1_000_000, numberArg('workbook-rows', 1_000_000));
  const chromiumSample = numberArg('chromium', 3);
  const dir = arg('dir') ?? join(tmpdir(), 'hedui-bench');
  const only = (arg('stages')?.split(',') ?? groups.filter((g) => g !== 'night' || !process.argv.includes('--no-night'))) as Group[];
  const unknown = only.filter((g) => !groups.includes(g));
  if (unknown.length) throw new Error(`--stages: unknown ${unknown.join(', ')} (choose from ${groups.join(', ')})`);
  // --reuse: measure the inputs (and imported workspace) an earlier --keep run left in --dir, e.g. to repeat one stage.
  const reuse = process.argv.includes('--reuse') && existsSync(join(dir, 'in'));
  const started = process.hrtime.bigint();
  if (!reuse) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await prepareInputs(dir, households, rows);
  }

  const figures: (Figure & { group: Group | 'import' })[] = [];
  const run = async (group: Group | 'import', measure: () => Promise<Figure[]>) => {
    for (const f of await measure()) figures.push({ ...f, group });
  };
  if (only.includes('ingest')) await run('ingest', () => ingestFigures(dir));
  if ((only.includes('assess') || only.includes('report')) && !(reuse && existsSync(join(dir, 'ws')))) {
    log('importing the whole batch …');
    await run('import', () => importAll(dir));
  }
  if (only.includes('assess')) await run('assess', () => assessFigures(dir, households));
  if (only.includes('report')) await run('report', () => reportFigures(dir, pdfs, chromiumSample));
  if (only.includes('workbook')) await run('workbook', () => workbookFigures(dir, workbookRows));
  if (only.includes('night')) await run('night', () => night(dir));

  const resultsFile = join(root, 'bench', 'results.json');
  // A partial run replaces its own stages' figures in the results of the last full run with the same options.
  const options = { households, rows, pdfs, workbookRows, chromiumSample };
  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as { options: unknown; figures: typeof figures }) : undefined;
  const partial = only.length < groups.length && previous && JSON.stringify(previous.options) === JSON.stringify(options);
  const kept = (partial ? previous.figures : [])
    .map((f) => ({ ...f, group: f.group ?? groupOf(f.stage) }))
    .filter((f) => !only.includes(f.group as Group) && !(f.group === 'import' && figures.some((g) => g.group === 'import')));
  const order = ['ingest', 'import', 'assess', 'report', 'workbook', 'night'];
  const all = [...kept, ...figures].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));

  console.log(`\nhedui bench: ${households} households; source rows ${JSON.stringify(rows)}${partial ? ` (re-run: ${only.join(', ')})` : ''}`);
  printTable(all);
  const results = {
    machine: machine(),
    options,
    suiteSeconds: Math.round(elapsed(started)),
    figures: all.map((f) => ({ ...f, perSecond: Math.round(f.items / f.seconds) })),
  };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to ${resultsFile}`);
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

await main();
