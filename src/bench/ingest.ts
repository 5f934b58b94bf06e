/**
 * npm run bench:ingest [-- --rows N]: imports a generated N-row bank export (default 1,000,000) and prints rows/s and
 * peak RSS beside csv-parse parse-only on the same file; the GB18030 copy of the file is timed too. Each stage runs in
 * its own child process so its peak RSS is its own. Figures, not assertions: targets live in the README.
 */
import { arg, inChild as runChild } from './child.js';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import type { Kind } from '../ingest/columns.js';
import { importFile } from '../ingest/importFile.js';
import { openBatchId, openWorkspace } from '../store/db.js';
import { writeExportCsv } from './exportRows.js';

interface StageResult {
  stage: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
}

async function toGb18030(src: string, dst: string): Promise<void> {
  const out = createWriteStream(dst);
  createReadStream(src).pipe(iconv.decodeStream('utf8')).pipe(iconv.encodeStream('gb18030')).pipe(out);
  await once(out, 'finish');
}

/**
 * One measured stage over `files` of `kind`: csv-parse parse-only (the baseline), or hedui's import into a fresh
 * workspace (stage names starting with `hedui`). Also the child stage of `npm run bench` (src/bench/suite.ts).
 */
export async function runStage(stage: string, files: string[], kind: Kind, dir: string): Promise<StageResult> {
  const started = process.hrtime.bigint();
  let rows = 0;
  if (stage === 'csv-parse') {
    for (const file of files) {
      const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }));
      for await (const _record of parser) rows++;
      rows--; // header
    }
  } else {
    const ws = join(dir, `ws-${stage}-${kind}`);
    rmSync(ws, { recursive: true, force: true });
    const db = openWorkspace(ws);
    const batchId = openBatchId(db);
    for (const file of files) {
      const s = await importFile(db, batchId, kind, file);
      if (s.refused || s.read !== s.accepted + s.rejected) throw new Error(`import failed: ${JSON.stringify(s.refused)}`);
      rows += s.read;
    }
    db.close();
    rmSync(ws, { recursive: true, force: true });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { stage, rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function inChild(stage: string, file: string, dir: string): Promise<StageResult> {
  return runChild(fileURLToPath(import.meta.url), ['--stage', stage, '--kind', 'bank', '--files', JSON.stringify([file]), '--dir', dir], `stage ${stage}`);
}

async function main(): Promise<void> {
  const stage = arg('stage');
  if (stage) {
    process.send!(await runStage(stage, JSON.parse(arg('files')!) as string[], (arg('kind') ?? 'bank') as Kind, arg('dir')!));
    return;
  }
  const rows = Number(arg('rows') ?? 1_000_000);
  const dir = arg('dir') ?? join(tmpdir(), 'hedui-bench-ingest');
  mkdirSync(dir, { recursive: true });
  const utf8 = join(dir, 'bank-utf8.csv');
  const gb = join(dir, 'bank-gb18030.csv');
  process.stderr.write(`generating ${rows} bank rows in ${dir} …\n`);
  await writeExportCsv(utf8, 'bank', rows);
  await toGb18030(utf8, gb);
  const results: (StageResult & { file: string })[] = [];
  for (const [stage, file] of [['csv-parse', utf8], ['hedui-utf8', utf8], ['hedui-gb18030', gb]] as const) {
    results.push({ ...(await inChild(stage, file, dir)), file });
  }
  const table = results.map((r) => ({
    stage: r.stage,
    rows: r.rows,
    seconds: r.seconds.toFixed(2),
    'rows/s': Math.round(r.rows / r.seconds),
    'MB/s': (statSync(r.file).size / 1e6 / r.seconds).toFixed(1),
    'peak RSS MB': r.peakRssMb.toFixed(0),
  }));
  console.table(table);
  const base = results[0]!;
  console.log(`hedui UTF-8 import = ${((results[1]!.rows / results[1]!.seconds) / (base.rows / base.seconds) * 100).toFixed(0)}% of csv-parse parse-only; GB18030 = ${((results[2]!.rows / results[2]!.seconds) / (results[1]!.rows / results[1]!.seconds) * 100).toFixed(0)}% of UTF-8`);
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
