/**
 * npm run bench:report [-- --households N] [--threads 1,2] [--chromium K] [--glyph-stats] [--keep]
 *
 * Renders the PDF 核对报告 of N generated households (default 10,000; the fixture generator's realistic batch,
 * imported and assessed as `hedui batch` does) with 1 and with 2 worker threads, each configuration in a child
 * process of its own so its peak RSS is its own, and prints PDFs/s (wall clock, including reading each household
 * from the workspace and assessing it; and rendering alone), bytes per PDF and peak RSS.
 * When /usr/bin/chromium exists it also times headless Chromium printing the same reports as HTML
 * (`chromium --headless --print-to-pdf`) for a small sample (default 5), side by side.
 * `--glyph-stats` prints, for the rendered sample, how often each character is drawn per weight: the input for
 * src/report/pdf/commonGlyphs.ts.
 * Figures, not assertions: the target (≥ 150 PDFs/s with two workers, ≤ 80 KB for a typical report) is in the README.
 */
import { arg, inChild as runChild } from './child.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';
import { assessHousehold } from '../assess/assessHousehold.js';
import type { HouseholdAssessment } from '../assess/result.js';
import { defaultAsOf } from '../batch/assessBatch.js';
import { generateFixtures } from '../fixtures/generate.js';
import { regionFullName } from '../identity/regions.js';
import { planFolder } from '../ingest/batchFolder.js';
import { importMany } from '../ingest/importMany.js';
import { countApplications, householdInputs, openReader } from '../match/householdStream.js';
import { findPolicyFile, loadPolicyFile, type LoadedPolicy } from '../policy/index.js';
import { integrityCode } from '../report/integrity.js';
import { cleanBlocks, type Block } from '../report/pdf/blocks.js';
import { fontProgram } from '../report/pdf/fontProgram.js';
import { renderReportPdf, type ReportContext } from '../report/pdf/renderReport.js';
import { reportBlocks } from '../report/pdf/reportContent.js';
import { TextGuard } from '../report/pdf/text.js';
import { reportNumber, resultsEntry, stringifyWithMoney } from '../report/resultsJson.js';
import { openWorkspace, startNewBatch, workspaceFileName } from '../store/db.js';

const self = fileURLToPath(import.meta.url);
const require = createRequire(import.meta.url);
const chromium = '/usr/bin/chromium';


interface Batch {
  dir: string;
  batchId: number;
  households: number;
}

interface WorkerResult {
  pdfs: number;
  bytes: number;
  pages: number;
  maxBytes: number;
  renderSeconds: number;
  substituted: number;
}

export interface ConfigResult {
  threads: number;
  pdfs: number;
  wallSeconds: number;
  renderSeconds: number;
  bytes: number;
  pages: number;
  maxBytes: number;
  substituted: number;
  peakRssMb: number;
}

function reportContext(a: HouseholdAssessment, seq: number, asOf: string, policy: LoadedPolicy): ReportContext {
  const reportNo = reportNumber(a.regionCode, asOf, seq);
  const entry = resultsEntry(a, { reportNo, reportFile: null, reportSha256: null });
  return {
    reportNo,
    asOf,
    regionName: regionFullName(a.regionCode) ?? a.trace.policy?.region.name ?? a.regionCode,
    policy: { id: policy.pack.id, version: policy.pack.version, sha256: policy.sha256 },
    integrityCode: integrityCode(JSON.parse(stringifyWithMoney(entry)) as Record<string, unknown>, policy.sha256),
  };
}

/** Each worker: its range of households, read from the workspace, assessed, rendered; render time measured apart. */
async function workerMain(): Promise<void> {
  const { dir, batchId, from, to } = workerData as { dir: string; batchId: number; from: number; to: number };
  const reader = openReader(join(dir, 'ws', workspaceFileName));
  const policy = await loadPolicyFile(await findPolicyFile(join(dir, 'in')));
  const asOf = defaultAsOf(reader, batchId)!;
  const r: WorkerResult = { pdfs: 0, bytes: 0, pages: 0, maxBytes: 0, renderSeconds: 0, substituted: 0 };
  for (const input of householdInputs(reader, batchId, {}, { from, to })) {
    const a = assessHousehold(input, policy.pack, asOf);
    const ctx = reportContext(a, input.seq, asOf, policy);
    const t = process.hrtime.bigint();
    const out = renderReportPdf(a, ctx);
    r.renderSeconds += Number(process.hrtime.bigint() - t) / 1e9;
    r.pdfs++;
    r.bytes += out.pdf.length;
    r.pages += out.pages;
    r.maxBytes = Math.max(r.maxBytes, out.pdf.length);
    if (out.substitutedChars.length > 0) r.substituted++;
  }
  reader.close();
  parentPort!.postMessage(r);
}

/** One configuration (a child process): `threads` workers over equal ranges of the batch. */
async function configMain(threads: number, batch: Batch): Promise<ConfigResult> {
  const started = process.hrtime.bigint();
  const per = Math.ceil(batch.households / threads);
  const results = await Promise.all(
    Array.from({ length: threads }, (_, i) => {
      const from = i * per + 1;
      const to = Math.min(batch.households, (i + 1) * per);
      return new Promise<WorkerResult>((resolve, reject) => {
        const w = new Worker(self, { workerData: { dir: batch.dir, batchId: batch.batchId, from, to } });
        w.once('message', resolve);
        w.once('error', reject);
      });
    }),
  );
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sum = (k: keyof WorkerResult) => results.reduce((s, r) => s + r[k], 0);
  return {
    threads,
    pdfs: sum('pdfs'),
    wallSeconds,
    // The slowest worker's render time: what the render work alone would take with the threads in parallel.
    renderSeconds: Math.max(...results.map((r) => r.renderSeconds)),
    bytes: sum('bytes'),
    pages: sum('pages'),
    maxBytes: Math.max(...results.map((r) => r.maxBytes)),
    substituted: sum('substituted'),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function inChild(threads: number, batch: Batch): Promise<ConfigResult> {
  return runChild(self, ['--child', String(threads), '--dir', batch.dir, '--batch', String(batch.batchId), '--households', String(batch.households)], `configuration with ${threads} threads`);
}

async function prepare(households: number, dir: string): Promise<Batch> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let t = Date.now();
  process.stderr.write(`generating ${households} households in ${dir} …\n`);
  await generateFixtures({ households, seed: 'bench-report', out: join(dir, 'in'), badRows: 0, formats: 'csv' });
  process.stderr.write(`  ${((Date.now() - t) / 1000).toFixed(1)} s\nimporting …\n`);
  t = Date.now();
  const db = openWorkspace(join(dir, 'ws'));
  const batchId = startNewBatch(db);
  const plan = await planFolder(join(dir, 'in'));
  await importMany(db, batchId, plan.files, {});
  const count = countApplications(db, batchId);
  db.close();
  process.stderr.write(`  ${count} applications in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  return { dir, batchId, households: count };
}

/** The first `n` households of the batch, assessed, with their report contexts (for Chromium and glyph stats). */
async function sample(batch: Batch, n: number): Promise<{ a: HouseholdAssessment; ctx: ReportContext }[]> {
  const reader = openReader(join(batch.dir, 'ws', workspaceFileName));
  const policy = await loadPolicyFile(await findPolicyFile(join(batch.dir, 'in')));
  const asOf = defaultAsOf(reader, batch.batchId)!;
  const out: { a: HouseholdAssessment; ctx: ReportContext }[] = [];
  for (const input of householdInputs(reader, batch.batchId, {}, { from: 1, to: n })) {
    const a = assessHousehold(input, policy.pack, asOf);
    out.push({ a, ctx: reportContext(a, input.seq, asOf, policy) });
  }
  reader.close();
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The same blocks as the PDF, as a print-styled HTML page (what a Chromium-based report would print). */
function blocksHtml(blocks: Block[], footer: string): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<h1>${esc(b.text)}</h1>`;
        case 'heading':
          return `<h2>${esc(b.text)}</h2>`;
        case 'subheading':
          return `<h3>${esc(b.text)}</h3>`;
        case 'para':
          return `<p class="${b.style ?? 'body'}" style="margin-left:${b.indent ?? 0}pt;text-align:${b.align ?? 'left'}">${esc(b.text).replace(/\n/g, '<br>')}</p>`;
        case 'space':
          return `<div style="height:${b.height}pt"></div>`;
        case 'table': {
          const head = b.spec.header === false ? '' : `<thead><tr>${b.spec.columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead>`;
          const rows = b.spec.rows
            .map((r) => {
              const cells = r.cells.map((c, i) => {
                const span = i === r.cells.length - 1 ? b.spec.columns.length - i : 1;
                return `<td${span > 1 ? ` colspan="${span}"` : ''}${r.shade ? ' class="shade"' : ''}>${esc(c).replace(/\n/g, '<br>')}</td>`;
              });
              return `<tr>${cells.join('')}</tr>`;
            })
            .join('');
          return `<table>${head}<tbody>${rows}</tbody></table>`;
        }
      }
    })
    .join('\n');
  // The same TTF files as the PDF (file URLs into node_modules), so Chromium embeds the same glyphs.
  const face = (weight: number, file: string) =>
    `@font-face { font-family: "Noto Sans SC"; font-weight: ${weight}; src: url("${pathToFileURL(require.resolve(`@expo-google-fonts/noto-sans-sc/${file}`)).href}"); }`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
${face(400, '400Regular/NotoSansSC_400Regular.ttf')}
${face(700, '700Bold/NotoSansSC_700Bold.ttf')}
@page { size: A4; margin: 20mm 20mm 27mm 28mm; @bottom-left { content: "${esc(footer)}"; font-size: 7pt; } @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 7pt; } }
body { font-family: "Noto Sans SC"; font-size: 9pt; }
h1 { text-align: center; font-size: 17pt; } h2 { font-size: 11.5pt; } h3 { font-size: 9.5pt; }
table { width: 100%; border-collapse: collapse; font-size: 7.5pt; } thead { display: table-header-group; }
th, td { border: 0.5pt solid #555; padding: 2pt 3pt; } th { background: #e6e6e6; font-weight: normal; } td.shade { background: #f5f5f5; }
.note { color: #404040; font-size: 8pt; } .verdict { font-weight: bold; font-size: 12pt; } .strong { font-weight: bold; }
</style></head><body>${body}</body></html>`;
}

export interface ChromiumRow {
  household: string;
  chromiumSeconds: number;
  chromiumBytes: number;
  pdfkitSeconds: number;
  pdfkitBytes: number;
}

/** Headless Chromium printing each sampled report as HTML, beside pdfkit on the same content; null when not installed. */
function chromiumSide(items: { a: HouseholdAssessment; ctx: ReportContext }[], dir: string): ChromiumRow[] | null {
  if (!existsSync(chromium)) return null;
  const out = join(dir, 'chromium');
  mkdirSync(out, { recursive: true });
  const rows: ChromiumRow[] = [];
  for (const [i, { a, ctx }] of items.entries()) {
    const blocks = cleanBlocks(reportBlocks(a, { ...ctx, idOf: (m) => m.idMasked }), new TextGuard([fontProgram('regular'), fontProgram('bold')]));
    const html = join(out, `${i}.html`);
    writeFileSync(html, blocksHtml(blocks, `报告编号 ${ctx.reportNo}　完整性校验码 ${ctx.integrityCode.slice(0, 16)}`));
    const pdf = join(out, `${i}.pdf`);
    const t = process.hrtime.bigint();
    execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], { stdio: 'ignore' });
    const chromiumSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const t2 = process.hrtime.bigint();
    const ours = renderReportPdf(a, ctx);
    const pdfkitSeconds = Number(process.hrtime.bigint() - t2) / 1e9;
    rows.push({ household: a.applicationId, chromiumSeconds, chromiumBytes: statSync(pdf).size, pdfkitSeconds, pdfkitBytes: ours.pdf.length });
  }
  return rows;
}

function printChromium(rows: ChromiumRow[] | null): void {
  if (!rows) {
    console.log(`\nChromium comparison skipped: ${chromium} not found (apt-get install chromium to include it).`);
    return;
  }
  console.log('\nheadless Chromium (--print-to-pdf, one process per report) beside pdfkit, same content:');
  console.table(
    rows.map((r) => ({
      household: r.household,
      'chromium s': r.chromiumSeconds.toFixed(2),
      'chromium KB': (r.chromiumBytes / 1024).toFixed(0),
      'pdfkit ms': (r.pdfkitSeconds * 1000).toFixed(1),
      'pdfkit KB': (r.pdfkitBytes / 1024).toFixed(0),
    })),
  );
}

/** Characters drawn per weight in the sample's PDFs, read back from the files (content streams + ToUnicode). */
function glyphStats(items: { a: HouseholdAssessment; ctx: ReportContext }[]): void {
  const counts = { regular: new Map<string, number>(), bold: new Map<string, number>() };
  for (const { a, ctx } of items) {
    const pdf = renderReportPdf(a, ctx).pdf;
    const used = drawnCharacters(pdf);
    for (const w of ['regular', 'bold'] as const) for (const ch of used[w]) counts[w].set(ch, (counts[w].get(ch) ?? 0) + 1);
  }
  for (const w of ['regular', 'bold'] as const) {
    const sorted = [...counts[w]].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    console.log(`\n${w}: ${sorted.length} distinct characters in ${items.length} reports`);
    for (const share of [0.9, 0.75, 0.5, 0.25]) {
      const chars = sorted.filter(([, n]) => n >= share * items.length).map(([c]) => c);
      console.log(`  drawn in ≥ ${share * 100}% of reports (${chars.length}): ${JSON.stringify(chars.join(''))}`);
    }
  }
}

/** Per font resource (/F1 regular, /F2 bold), the characters the page content streams draw. */
function drawnCharacters(pdf: Buffer): { regular: Set<string>; bold: Set<string> } {
  const text = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const re = /(\d+) 0 obj\n([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!;
    const s = body.indexOf('stream\n');
    let stream: Buffer | null = null;
    if (s >= 0) {
      const start = m.index + m[0].indexOf(body) + s + 7;
      const end = text.indexOf('\nendstream', start);
      const raw = pdf.subarray(start, end);
      stream = body.slice(0, s).includes('FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict: s >= 0 ? body.slice(0, s) : body, stream });
  }
  const cmapOf = (fontObj: number): Map<number, string> => {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj)!.dict)![1]!;
    const map = new Map<number, string>();
    const cmap = objects.get(Number(toUnicode))!.stream!.toString('latin1');
    for (const e of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/g)) {
      const units = e[2]!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
      map.set(parseInt(e[1]!, 16), String.fromCharCode(...units));
    }
    return map;
  };
  const used = { regular: new Set<string>(), bold: new Set<string>() };
  const fontIds = new Map<string, 'regular' | 'bold'>();
  const maps = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    const f = /\/Font <<\s*\/F1 (\d+) 0 R\s*\/F2 (\d+) 0 R/.exec(dict);
    if (f && !maps.size) {
      maps.set('F1', cmapOf(Number(f[1])));
      maps.set('F2', cmapOf(Number(f[2])));
      fontIds.set('F1', 'regular');
      fontIds.set('F2', 'bold');
    }
  }
  for (const { stream } of objects.values()) {
    if (!stream) continue;
    const content = stream.toString('latin1');
    for (const op of content.matchAll(/\/(F[12]) [\d.]+ Tf [^<]*<([0-9a-f]*)> Tj/g)) {
      const map = maps.get(op[1]!)!;
      const set = used[fontIds.get(op[1]!)!];
      for (const code of op[2]!.match(/.{4}/g) ?? []) {
        const ch = map.get(parseInt(code, 16));
        if (ch) set.add(ch);
      }
    }
  }
  return used;
}

async function main(): Promise<void> {
  if (!isMainThread) return workerMain();
  const child = arg('child');
  const chromiumChild = arg('chromium-child');
  if (child || chromiumChild) {
    // Child modes, also used by `npm run bench` (src/bench/suite.ts) on its own batch.
    const batch: Batch = { dir: arg('dir')!, batchId: Number(arg('batch')), households: Number(arg('households')) };
    process.send!(child ? await configMain(Number(child), batch) : chromiumSide(await sample(batch, Number(chromiumChild)), batch.dir));
    return;
  }
  const households = Number(arg('households') ?? 10_000);
  const dir = arg('dir') ?? join(tmpdir(), 'hedui-bench-report');
  const batch = await prepare(households, dir);
  if (process.argv.includes('--glyph-stats')) {
    glyphStats(await sample(batch, Math.min(batch.households, Number(arg('sample') ?? 1000))));
    return;
  }
  const results: ConfigResult[] = [];
  for (const threads of (arg('threads') ?? '1,2').split(',').map(Number)) {
    process.stderr.write(`rendering with ${threads} worker thread(s) …\n`);
    results.push(await inChild(threads, batch));
  }
  console.log(`\nPDF 核对报告: ${batch.households} households, pdfkit + Noto Sans SC (subset, embedded)`);
  console.table(
    results.map((r) => ({
      threads: r.threads,
      PDFs: r.pdfs,
      'wall s': r.wallSeconds.toFixed(2),
      'PDFs/s (wall: read+assess+render)': Math.round(r.pdfs / r.wallSeconds),
      'PDFs/s (render only)': Math.round(r.pdfs / r.renderSeconds),
      'KB/PDF avg': (r.bytes / r.pdfs / 1024).toFixed(1),
      'KB max': (r.maxBytes / 1024).toFixed(0),
      'pages avg': (r.pages / r.pdfs).toFixed(2),
      'with substituted chars': r.substituted,
      'peak RSS MB': r.peakRssMb.toFixed(0),
    })),
  );
  printChromium(chromiumSide(await sample(batch, Number(arg('chromium') ?? 5)), dir));
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

await main();
