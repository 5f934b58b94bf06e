/**
 * The streaming XLSX engine behind summary.xlsx (and the workbook benchmark): list sheets of typed columns written
 * row by row with exceljs's streaming WorkbookWriter, with flat memory, byte-identical output for identical input,
 * a temp name renamed into place and file mode 0600.
 *
 * Why exceljs alone used 739 MB for 1,000,000 rows × 12 columns (measured: 731 MB here), and what we do about it:
 *  1. No backpressure. A worksheet's XML goes into exceljs's StreamBuf, whose write() always returns true and which
 *     forwards full 64 KiB chunks to the PassThrough that archiver reads the zip entry from — ignoring that
 *     PassThrough's own write() result. archiver processes entries one at a time, each step waiting for the event
 *     loop (zlib runs in the thread pool, crc32 and stream plumbing on the main thread). A loop that adds and commits
 *     rows outruns it by far, so the sheet's whole XML (≈ 0.7 GB uncompressed for that sheet) piles up in the
 *     PassThrough. Fix: every few rows we look at that PassThrough's buffered length and, above 1 MiB, wait for its
 *     'drain'. Peak RSS then stays around 130 MB however many rows are written.
 *  2. Shared strings (off here, and off in exceljs by default, so not the cause of the 739 MB): with
 *     `useSharedStrings` every distinct string is kept in memory for the whole run, and application IDs, masked IDs
 *     and names are nearly all distinct — measured 938 MB with backpressure but shared strings on, for 1,000,000
 *     distinct strings. Inline strings cost a little file size, no memory.
 *  3. Styles: `useStyles` is needed for number formats. exceljs keys styles by object identity (a WeakMap), but a
 *     column style is copied into a fresh object for every cell, so every cell re-renders its style to XML to find
 *     its id (≈ 15 % of the time). We give each cell one of a few shared, frozen style objects instead.
 *
 * Text cells are inline strings (`t="inlineStr"`, exceljs's rich-text value with one run), the spreadsheet type for
 * text; exceljs's plain-string cells are `t="str"`, which the standard defines as a formula's string result.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { InternalError } from '../../errors.js';
import { outputFileMode } from '../atomicWrite.js';
import { neutraliseFormula } from '../csvCell.js';
import type { Cell, ColumnKind, ColumnSpec, Row } from './columns.js';
import { fixZipEntryTimes } from './zipTimes.js';

export type RowSource = Iterable<Row> | AsyncIterable<Row>;

export interface SheetPlan {
  /** Sheet name; continuation sheets are named `name(2)`, `name(3)`, … with the header repeated. */
  name: string;
  columns: readonly ColumnSpec[];
  rows: RowSource;
  /** 0-based data-row indexes printed bold (汇总's totals and block headers). */
  boldRows?: ReadonlySet<number>;
  /** Data rows under the autofilter (default: all rows of the sheet). */
  filterRows?: number;
}

export interface StreamWorkbookOptions {
  /** `YYYY-MM-DD`: docProps/core.xml created/modified and every zip entry's time (00:00:00). '' → 1980-01-01. */
  asOf: string;
  /** Data rows per sheet before continuing in `name(2)`; default 1,000,000 (Excel's limit is 1,048,576 rows). */
  maxRowsPerSheet?: number;
}

export interface StreamWorkbookResult {
  /** Data rows written per plan (header rows not counted), in plan order. */
  rows: number[];
  /** Every sheet written, continuation sheets included, in workbook order. */
  sheets: string[];
}

export const defaultMaxRowsPerSheet = 1_000_000;
/** Buffered sheet XML allowed ahead of the zip before we wait (bytes). */
const highWater = 1 << 20;
/** Rows between backpressure checks. */
const checkEvery = 64;
/** Excel's limit on the characters of one cell. */
const maxCellChars = 32767;

type Style = Partial<ExcelJS.Style>;
const font = { name: 'Calibri', size: 11, family: 2 } as const;
const bold = { ...font, bold: true };
const formats: Record<ColumnKind, string> = { text: '@', money: '#,##0.00', area: '#,##0.00', int: '0', date: 'yyyy-mm-dd' };
// One frozen object per (kind, weight): exceljs caches a style's id by object identity.
const plain = Object.fromEntries(Object.entries(formats).map(([k, numFmt]) => [k, Object.freeze({ numFmt })])) as Record<ColumnKind, Style>;
const strong = Object.fromEntries(Object.entries(formats).map(([k, numFmt]) => [k, Object.freeze({ numFmt, font: bold })])) as Record<ColumnKind, Style>;
const headerStyle: Style = Object.freeze<Style>({
  numFmt: '@',
  font: bold,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
  alignment: { vertical: 'middle' },
});

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const excelEpochOffset = 25569; // days from 1899-12-30 to 1970-01-01

/** `YYYY-MM-DD` → Excel serial day, or null when it is not a real date. */
export function excelSerial(ymd: string): number | null {
  const m = isoDate.exec(ymd);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000 + excelEpochOffset;
}

/**
 * Text as written into a cell: formula-looking text neutralised with a leading apostrophe (the rule of csvCell.ts, so
 * CSV and workbook agree), cut at Excel's cell limit, and `_xHHHH_` protected — readers decode that sequence as an
 * escaped character, so a literal one is written as `_x005F_xHHHH_` — and CR written as `_x000D_`.
 */
export function cellText(value: string): string {
  let s = neutraliseFormula(value);
  if (s.length > maxCellChars) {
    let cut = maxCellChars - 8;
    if (/[\uD800-\uDBFF]/.test(s.charAt(cut - 1))) cut--; // never split a surrogate pair
    s = `${s.slice(0, cut)}…（已截断）`;
  }
  if (s.includes('_x')) s = s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
  // XML parsers turn a literal CR into LF (end-of-line normalisation); the OOXML escape keeps it.
  if (s.includes('\r')) s = s.replace(/\r/g, '_x000D_');
  return s;
}

type CellValue = ExcelJS.CellValue;
const textValue = (s: string): CellValue => ({ richText: [{ text: cellText(s) }] });

/** The exceljs value of one cell of a column; a value that does not fit the column's kind is written as text. */
function cellValue(kind: ColumnKind, v: Cell): { value: CellValue; kind: ColumnKind } | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'text') return { value: textValue(typeof v === 'number' ? String(v) : v), kind };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { value: textValue(String(v)), kind: 'text' };
    if (kind === 'money' || kind === 'area') return Number.isInteger(v) ? { value: v / 100, kind } : { value: textValue(String(v)), kind: 'text' };
    if (kind === 'int') return { value: v, kind };
    return { value: textValue(String(v)), kind: 'text' };
  }
  if (kind === 'date') {
    const serial = excelSerial(v);
    if (serial !== null) return { value: serial, kind };
  }
  return { value: textValue(v), kind: 'text' };
}

interface PipeInternals {
  _writableState?: { length?: number };
  once?: unknown;
}

/**
 * The PassThrough archiver reads a streaming worksheet's zip entry from (exceljs 4.4: worksheet.stream is a StreamBuf
 * whose `pipes[0]` is archiver's PassThrough, a readable-stream v2 stream). Undefined if the internals differ; the
 * writer then falls back to yielding to the event loop, which slows the growth but does not bound it — a test pins
 * that the hook is found (test/report/xlsx/memory.test.ts).
 */
export function sheetPipe(ws: ExcelJS.Worksheet): (NodeJS.EventEmitter & PipeInternals) | undefined {
  const stream = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream;
  const p = stream?.pipes?.[0] as PipeInternals | undefined;
  if (p && typeof p.once === 'function' && typeof p._writableState?.length === 'number') return p as NodeJS.EventEmitter & PipeInternals;
  return undefined;
}

const tempName = (path: string) => join(dirname(path), `.${basename(path)}.partial`);

class Failure {
  error: Error | null = null;
  private readonly waiters = new Set<(e: Error) => void>();
  fail(e: Error) {
    if (!this.error) this.error = e;
    for (const w of this.waiters) w(e);
  }
  /** `p`, or the failure if the output or the zip fails first (exceljs would otherwise wait for 'finish' forever). */
  race<T>(p: Promise<T>): Promise<T> {
    if (this.error) return Promise.reject(this.error);
    let onFail!: (e: Error) => void;
    const failed = new Promise<never>((_, reject) => {
      onFail = reject;
      this.waiters.add(onFail);
    });
    return Promise.race([p, failed]).finally(() => this.waiters.delete(onFail));
  }

  /** Resolves on `event` of `emitter`, rejects as soon as the output or the zip fails (a drain would never come). */
  wait(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      const done = () => {
        this.waiters.delete(onFail);
        resolve();
      };
      const onFail = (e: Error) => {
        emitter.off(event, done);
        this.waiters.delete(onFail);
        reject(e);
      };
      this.waiters.add(onFail);
      emitter.once(event, done);
    });
  }
}

class SheetWriter {
  private ws!: ExcelJS.Worksheet;
  private pipe: (NodeJS.EventEmitter & PipeInternals) | undefined;
  private part = 0;
  private inPart = 0;
  total = 0;
  readonly names: string[] = [];

  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly plan: SheetPlan,
    private readonly maxRows: number,
    private readonly failure: Failure,
  ) {}

  open(): void {
    this.part++;
    this.inPart = 0;
    const name = this.part === 1 ? this.plan.name : `${this.plan.name}(${this.part})`;
    this.names.push(name);
    this.ws = this.wb.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      // Printed lists (the 待复核 list goes to the 乡镇 on paper too) repeat the header on every page.
      pageSetup: { orientation: 'landscape', printTitlesRow: '1:1' },
    });
    this.ws.columns = this.plan.columns.map((c) => ({ width: c.width, style: plain[c.kind] }));
    this.pipe = sheetPipe(this.ws);
    const header = this.ws.addRow([]);
    this.plan.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = textValue(c.header);
      cell.style = headerStyle;
    });
    header.commit();
  }

  /** Writes one data row; true when the caller should `await ready()` before the next. */
  write(cells: Row): boolean {
    const cols = this.plan.columns;
    if (cells.length > cols.length) {
      throw new InternalError('WORKBOOK_ROW', `${this.plan.name}: row has ${cells.length} cells, the sheet has ${cols.length} columns`);
    }
    if (this.inPart === this.maxRows) {
      this.close();
      this.open();
    }
    const styles = this.plan.boldRows?.has(this.total) ? strong : plain;
    const row = this.ws.addRow([]);
    for (let i = 0; i < cells.length; i++) {
      const v = cellValue(cols[i]!.kind, cells[i]!);
      if (!v) continue;
      const cell = row.getCell(i + 1);
      cell.value = v.value;
      cell.style = styles[v.kind];
    }
    row.commit();
    this.inPart++;
    this.total++;
    return this.total % checkEvery === 0;
  }

  async ready(): Promise<void> {
    if (this.failure.error) throw this.failure.error;
    const p = this.pipe;
    if (!p) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return;
    }
    if ((p._writableState?.length ?? 0) > highWater) await this.failure.wait(p, 'drain');
  }

  close(): void {
    const last = this.part === 1 && this.plan.filterRows !== undefined ? Math.min(this.plan.filterRows, this.inPart) : this.inPart;
    this.ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + last, column: this.plan.columns.length } };
    this.ws.commit();
  }
}

async function writeRows(sheet: SheetWriter, rows: RowSource): Promise<void> {
  if (Symbol.iterator in rows) {
    for (const r of rows as Iterable<Row>) if (sheet.write(r)) await sheet.ready();
  } else {
    for await (const r of rows as AsyncIterable<Row>) if (sheet.write(r)) await sheet.ready();
  }
}

/** Writes the sheets in order to `path` (via a temp name, mode 0600); byte-identical for identical input and asOf. */
export async function streamWorkbook(path: string, plans: readonly SheetPlan[], opts: StreamWorkbookOptions): Promise<StreamWorkbookResult> {
  const maxRows = opts.maxRowsPerSheet ?? defaultMaxRowsPerSheet;
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 1_048_575) {
    throw new InternalError('WORKBOOK_OPTIONS', `maxRowsPerSheet must be 1 … 1,048,575, got ${maxRows}`);
  }
  const stamp = isoDate.test(opts.asOf) ? opts.asOf : '1980-01-01';
  const tmp = tempName(path);
  await rm(tmp, { force: true }); // a stale temp file would keep its old mode
  const out: WriteStream = createWriteStream(tmp, { mode: outputFileMode, highWaterMark: 1 << 20 });
  const failure = new Failure();
  out.on('error', (e) => failure.fail(e));
  const closed = once(out, 'close');
  closed.catch(() => undefined); // an error is reported through `failure`
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const when = new Date(`${stamp}T00:00:00Z`);
    wb.created = when;
    wb.modified = when;
    wb.creator = 'hedui';
    wb.lastModifiedBy = 'hedui';
    (wb as unknown as { zip?: NodeJS.EventEmitter }).zip?.on('error', (e: Error) => failure.fail(e));
    const rows: number[] = [];
    const sheets: string[] = [];
    for (const plan of plans) {
      const sheet = new SheetWriter(wb, plan, maxRows, failure);
      sheet.open();
      await writeRows(sheet, plan.rows);
      sheet.close();
      rows.push(sheet.total);
      sheets.push(...sheet.names);
      if (failure.error) throw failure.error;
    }
    await failure.race(wb.commit());
    if (!out.closed) await closed;
    if (failure.error) throw failure.error;
    await fixZipEntryTimes(tmp, stamp);
    await rename(tmp, path);
    return { rows, sheets };
  } catch (err) {
    out.destroy();
    // The stream may still be opening the file: removing it before 'close' could leave it to be created afterwards.
    await closed.catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}
