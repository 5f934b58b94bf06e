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
import { checkCharacter } from '../identity/checksum.js';
import { importFile } from '../ingest/importFile.js';
import { openBatchId, openWorkspace } from '../store/db.js';

interface StageResult {
  stage: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
}

const institutions = ['中国农业银行', '中国工商银行', '中国建设银行', '中国银行', '菏泽农商银行', '邮储银行'];
const types = ['活期存款', '定期存款', '理财', '基金'];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英';

/** Deterministic rows (a linear congruential sequence), so every run measures the same file. */
async function writeBankCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let s = 42;
  const next = (m: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % m);
  out.write('身份证号,姓名,机构名称,资产类别,账号,余额,查询日期\r\n');
  for (let i = 0; i < rows; i++) {
    const birth = `19${50 + next(50)}${String(1 + next(12)).padStart(2, '0')}${String(1 + next(28)).padStart(2, '0')}`;
    const first17 = `371702${birth}${String(next(1000)).padStart(3, '0')}`;
    const id = first17 + checkCharacter(first17);
    const name = surnames[next(surnames.length)]! + given[next(given.length)]! + (next(2) ? given[next(given.length)]! : '');
    const balance = `${next(200000)}.${String(next(100)).padStart(2, '0')}`;
    const line = `${id},${name},${institutions[next(institutions.length)]},${types[next(types.length)]},6228${String(i).padStart(12, '0')},${balance},2024-06-${String(1 + next(28)).padStart(2, '0')}\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function toGb18030(src: string, dst: string): Promise<void> {
  const out = createWriteStream(dst);
  createReadStream(src).pipe(iconv.decodeStream('utf8')).pipe(iconv.encodeStream('gb18030')).pipe(out);
  await once(out, 'finish');
}

async function runStage(stage: string, file: string, dir: string): Promise<StageResult> {
  const started = process.hrtime.bigint();
  let rows = 0;
  if (stage === 'csv-parse') {
    const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }));
    for await (const _record of parser) rows++;
    rows--; // header
  } else {
    const ws = join(dir, `ws-${stage}`);
    rmSync(ws, { recursive: true, force: true });
    const db = openWorkspace(ws);
    const s = await importFile(db, openBatchId(db), 'bank', file);
    if (s.refused || s.read !== s.accepted + s.rejected) throw new Error(`import failed: ${JSON.stringify(s.refused)}`);
    rows = s.read;
    db.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { stage, rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function inChild(stage: string, file: string, dir: string): Promise<StageResult> {
  return runChild(fileURLToPath(import.meta.url), ['--stage', stage, '--file', file, '--dir', dir], `stage ${stage}`);
}


async function main(): Promise<void> {
  const stage = arg('stage');
  if (stage) {
    process.send!(await runStage(stage, arg('file')!, arg('dir')!));
    return;
  }
  const rows = Number(arg('rows') ?? 1_000_000);
  const dir = arg('dir') ?? join(tmpdir(), 'hedui-bench-ingest');
  mkdirSync(dir, { recursive: true });
  const utf8 = join(dir, 'bank-utf8.csv');
  const gb = join(dir, 'bank-gb18030.csv');
  process.stderr.write(`generating ${rows} bank rows in ${dir} …\n`);
  await writeBankCsv(utf8, rows);
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

await main();
