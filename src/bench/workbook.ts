/**
 * npm run bench:workbook [-- --rows N] [--no-baseline] [--keep]: writes one N-row × 12-column sheet (default
 * 1,000,000 rows, the most one sheet of summary.xlsx holds) and prints rows/s, peak RSS and file size. Stages:
 * - hedui: src/report/xlsx/streamWorkbook.ts (backpressure on exceljs's zip entry, inline strings, shared styles,
 *   fixed zip times, temp name + rename).
 * - exceljs-default: the textbook exceljs streaming loop — `addRow(values).commit()` with column number formats —
 *   the 739 MB measurement of issue 4, for comparison.
 * Each stage runs in its own child process so its peak RSS is its own. Figures, not assertions.
 */
import { arg, inChild as runChild } from './child.js';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { ColumnSpec, Row } from '../report/xlsx/columns.js';
import { streamWorkbook } from '../report/xlsx/streamWorkbook.js';

interface StageResult {
  stage: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
  bytes: number;
}

const columns: ColumnSpec[] = [
  { header: '申请编号', kind: 'text', width: 24 },
  { header: '姓名', kind: 'text', width: 10 },
  { header: '身份证号', kind: 'text', width: 22 },
  { header: '与申请人关系', kind: 'text', width: 12 },
  { header: '申报月收入', kind: 'money', width: 14 },
  { header: '核实收入', kind: 'money', width: 14 },
  { header: '年刚性支出', kind: 'money', width: 14 },
  { header: '申请日期', kind: 'date', width: 12 },
  { header: '查询日期', kind: 'date', width: 12 },
  { header: '年龄', kind: 'int', width: 6 },
  { header: '行号', kind: 'int', width: 8 },
  { header: '说明', kind: 'text', width: 40 },
];

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英';
const relations = ['本人', '配偶', '子女', '父母', '孙子女'];

/** Deterministic rows (a linear congruential sequence), so every run writes the same sheet. */
function* rows(n: number): Generator<Row> {
  let s = 42;
  const next = (m: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % m);
  for (let i = 0; i < n; i++) {
    const day = `2024-0${1 + next(6)}-${String(1 + next(28)).padStart(2, '0')}`;
    yield [
      `SQ371702202406${String(i).padStart(6, '0')}`,
      surnames[next(surnames.length)]! + given[next(given.length)]! + (next(2) ? given[next(given.length)]! : ''),
      `371702********${String(next(10000)).padStart(4, '0')}`,
      relations[next(relations.length)]!,
      next(500000),
      next(3000000),
      next(2) ? null : next(5000000),
      day,
      '2024-06-30',
      18 + next(70),
      2 + i,
      next(4) ? '计入' : '不计入（不在收入核算期内）',
    ];
  }
}

async function runHedui(n: number, out: string): Promise<void> {
  await streamWorkbook(out, [{ name: '收入明细', columns, rows: rows(n) }], { asOf: '2024-06-30' });
}

/** What most exceljs streaming code does: no backpressure, a fresh style object per cell. */
async function runExceljsDefault(n: number, out: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true });
  const ws = wb.addWorksheet('收入明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  const numFmt = { text: '@', money: '#,##0.00', area: '#,##0.00', int: '0', date: 'yyyy-mm-dd' } as const;
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { numFmt: numFmt[c.kind] } }));
  for (const r of rows(n)) {
    const values = r.map((v, i) => {
      const kind = columns[i]!.kind;
      if (v === null) return null;
      if (kind === 'money' && typeof v === 'number') return v / 100;
      if (kind === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
      return v;
    });
    ws.addRow(values).commit();
  }
  ws.commit();
  await wb.commit();
}

async function runStage(stage: string, n: number, out: string): Promise<StageResult> {
  const started = process.hrtime.bigint();
  if (stage === 'hedui') await runHedui(n, out);
  else if (stage === 'exceljs-default') await runExceljsDefault(n, out);
  else throw new Error(`unknown stage ${stage}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { stage, rows: n, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size };
}

function inChild(stage: string, n: number, out: string): Promise<StageResult> {
  return runChild(fileURLToPath(import.meta.url), ['--stage', stage, '--rows', String(n), '--out', out], `stage ${stage}`);
}


async function main(): Promise<void> {
  const stage = arg('stage');
  if (stage) {
    process.send!(await runStage(stage, Number(arg('rows')), arg('out')!));
    return;
  }
  const n = Number(arg('rows') ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error('--rows must be 1 … 1,000,000 (one sheet)');
  const dir = arg('dir') ?? join(tmpdir(), 'hedui-bench-workbook');
  mkdirSync(dir, { recursive: true });
  const stages = process.argv.includes('--no-baseline') ? ['hedui'] : ['hedui', 'exceljs-default'];
  process.stderr.write(`writing ${n} rows × ${columns.length} columns per stage in ${dir} …\n`);
  const results: StageResult[] = [];
  for (const s of stages) results.push(await inChild(s, n, join(dir, `${s}.xlsx`)));
  console.table(
    results.map((r) => ({
      stage: r.stage,
      rows: r.rows,
      seconds: r.seconds.toFixed(1),
      'rows/s': Math.round(r.rows / r.seconds),
      'peak RSS MB': r.peakRssMb.toFixed(0),
      'file MB': (r.bytes / 1e6).toFixed(1),
    })),
  );
  console.log('target (issue 4): a 1,000,000-row workbook with peak RSS under 500 MB');
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

await main();
