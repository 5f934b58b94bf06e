import type { Cell, RawRecord, SheetCell } from './types.js';
import { createSaxParser, decodeOoxmlText, localName, type SaxParser } from './xlsxParts.js';

/**
 * Incremental parser for one worksheet part (xl/worksheets/sheetN.xml): fed decoded text chunk by chunk, it returns
 * the non-blank rows completed so far, so memory does not grow with the sheet.
 *
 * Cell rules (data-contract.md "XLSX cells"):
 * - shared, inline (rich runs concatenated, phonetic runs skipped) and formula string results → string; an empty
 *   string is an empty cell (null), as Excel shows it;
 * - numbers, and formula numeric results → number; under a date format (built-in, CJK built-in or custom with a
 *   year/day token) → date, from the serial with the workbook's 1904 flag; a date-formatted serial with no calendar
 *   date (≤ 0, 60 = Excel's fictitious 1900-02-29, past 9999-12-31) stays a number so the column check rejects it;
 * - `t="d"` ISO 8601 cells → date; booleans (also formula results) → bool; errors (also formula results) → error;
 * - a formula cell with no cached result (written by a program, never opened in Excel) → error `#FORMULA_NO_RESULT`:
 *   its value is unknown, and data-contract.md says a value that cannot be read is never taken as blank.
 */

export interface SheetContext {
  /** Shared-string table; undefined when the package has none. */
  sharedStrings: readonly string[] | undefined;
  /** Cell style index → number format shows a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/** The formula had no cached value in the file. */
export const formulaNoResult = '#FORMULA_NO_RESULT';

/** rejected.csv shows at most this much of a record's raw text (same cap as the CSV reader). */
export const maxRawChars = 4_096;

/** Thrown for a structurally broken sheet (e.g. a shared-string index past the table); the reader refuses the file. */
export class SheetFormatError extends Error {}

const msPerDay = 86_400_000;

/**
 * Excel serial → `YYYY-MM-DD`, or null when the serial names no calendar date. 1900 system: 1 = 1900-01-01 and 60 is
 * the fictitious 1900-02-29 (Lotus bug), so serials from 61 on count from 1899-12-30. 1904 system: 0 = 1904-01-01.
 * The time of day is dropped after rounding to the millisecond (as Excel displays 45443.9999999999 as the next day).
 */
export function serialToYmd(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  return serialDayToYmd(Math.floor(Math.round(serial * msPerDay) / msPerDay), date1904);
}

function serialDayToYmd(days: number, date1904: boolean): string | null {
  let epochDays: number; // days since 1970-01-01
  if (date1904) {
    if (days < 0 || days > 2_957_003) return null;
    epochDays = days - 24_107;
  } else {
    if (days < 1 || days === 60 || days > 2_958_465) return null;
    epochDays = days < 60 ? days - 25_568 : days - 25_569;
  }
  return new Date(epochDays * msPerDay).toISOString().slice(0, 10);
}

/** Column letters of a cell reference (`AB12` → 27), 0-based; -1 when the reference has no letters. */
function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

function stringCell(v: string): SheetCell | null {
  const s = decodeOoxmlText(v);
  return s === '' ? null : { t: 'string', v: s };
}

/** The displayed text of a cell, for the raw line of rejected.csv. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  switch (c.t) {
    case 'string':
      return c.v;
    case 'number':
      return Object.is(c.v, -0) ? '0' : String(c.v);
    case 'date':
      return c.ymd;
    case 'bool':
      return c.v ? 'TRUE' : 'FALSE';
    case 'error':
      return c.v;
  }
}

/** The row as one CSV line (RFC 4180 quoting), capped like the CSV reader's raw text. */
export function renderRaw(cells: readonly Cell[]): string {
  let raw = '';
  for (let i = 0; i < cells.length; i++) {
    const s = cellText(cells[i] ?? null);
    if (i > 0) raw += ',';
    raw += /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    if (raw.length > maxRawChars) return raw.slice(0, maxRawChars) + '…';
  }
  return raw;
}

function isBlank(c: Cell): boolean {
  return c === null || (typeof c === 'string' ? c.trim() === '' : c.t === 'string' && c.v.trim() === '');
}

const enum Capture {
  None,
  Value,
  InlineText,
}

export class SheetRowParser {
  private readonly parser: SaxParser;
  private out: RawRecord[] = [];
  private inSheetData = false;
  private inRow = false;
  private rowNumber = 0;
  private cells: Cell[] = [];
  // current cell
  private inCell = false;
  private col = -1;
  private type = 'n';
  private style = 0;
  private hasFormula = false;
  private value: string | null = null;
  private inlineText: string | null = null;
  private inRPh = false;
  private capture = Capture.None;
  private readonly ymdCache = new Map<number, string | null>();

  constructor(private readonly ctx: SheetContext) {
    const parser = createSaxParser();
    parser.on('opentag', (tag) => {
      const a = tag.attributes;
      switch (localName(tag.name)) {
        case 'sheetData':
          this.inSheetData = true;
          break;
        case 'row': {
          if (!this.inSheetData) break;
          this.inRow = true;
          // `r` is optional: a row without it follows the previous one.
          const r = a.r ? parseInt(a.r, 10) : NaN;
          this.rowNumber = r > 0 ? r : this.rowNumber + 1;
          this.cells = [];
          this.col = -1;
          break;
        }
        case 'c': {
          if (!this.inRow) break;
          this.inCell = true;
          const col = a.r ? columnIndex(a.r) : -1;
          this.col = col >= 0 ? col : this.col + 1;
          this.type = a.t ?? 'n';
          this.style = a.s ? parseInt(a.s, 10) : 0;
          this.hasFormula = false;
          this.value = null;
          this.inlineText = null;
          break;
        }
        case 'f':
          if (this.inCell) this.hasFormula = true;
          break;
        case 'v':
          if (this.inCell) {
            this.value = '';
            this.capture = Capture.Value;
          }
          break;
        case 'is':
          if (this.inCell) this.inlineText = '';
          break;
        case 'rPh':
          this.inRPh = true;
          break;
        case 't':
          if (this.inCell && this.inlineText !== null && !this.inRPh) this.capture = Capture.InlineText;
          break;
      }
    });
    const onText = (t: string): void => {
      if (this.capture === Capture.Value) this.value += t;
      else if (this.capture === Capture.InlineText) this.inlineText += t;
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', (tag) => {
      switch (localName(tag.name)) {
        case 'v':
        case 't':
          this.capture = Capture.None;
          break;
        case 'rPh':
          this.inRPh = false;
          break;
        case 'c':
          if (this.inCell) {
            this.inCell = false;
            this.setCell(this.col, this.cellValue());
          }
          break;
        case 'row':
          if (this.inRow) {
            this.inRow = false;
            this.endRow();
          }
          break;
        case 'sheetData':
          this.inSheetData = false;
          break;
      }
    });
    this.parser = parser;
  }

  /** Feeds decoded text; returns the rows completed in it. Malformed XML throws. */
  push(text: string): RawRecord[] {
    this.parser.write(text);
    const out = this.out;
    this.out = [];
    return out;
  }

  end(): RawRecord[] {
    this.parser.close();
    const out = this.out;
    this.out = [];
    return out;
  }

  private setCell(col: number, cell: Cell): void {
    const cells = this.cells;
    if (col < cells.length) {
      cells[col] = cell;
      return;
    }
    if (cell === null) return;
    while (cells.length < col) cells.push(null);
    cells.push(cell);
  }

  private endRow(): void {
    const cells = this.cells;
    let last = cells.length - 1;
    while (last >= 0 && cells[last] === null) last--;
    cells.length = last + 1;
    if (cells.every(isBlank)) return; // data-contract.md: blank rows are not counted
    this.out.push({ line: this.rowNumber, cells, raw: renderRaw(cells) });
  }

  /** serialToYmd, memoised per day: a sheet's dates repeat, and building the string is the costly part. */
  private ymdOf(serial: number): string | null {
    if (!Number.isFinite(serial)) return null;
    const day = Math.floor(Math.round(serial * msPerDay) / msPerDay);
    let ymd = this.ymdCache.get(day);
    if (ymd === undefined) {
      if (this.ymdCache.size >= 50_000) this.ymdCache.clear();
      ymd = serialDayToYmd(day, this.ctx.date1904);
      this.ymdCache.set(day, ymd);
    }
    return ymd;
  }

  private cellValue(): SheetCell | null {
    const v = this.value;
    if (this.hasFormula && v === null) return { t: 'error', v: formulaNoResult };
    switch (this.type) {
      case 's': {
        if (v === null || v.trim() === '') return null;
        const sst = this.ctx.sharedStrings;
        const s = sst?.[Number(v)];
        if (s === undefined) throw new SheetFormatError(`第 ${this.rowNumber} 行引用的共享字符串${/^\s*\d+\s*$/.test(v) ? ` #${v.trim()}` : ''}不存在（文件可能已损坏）`);
        return s === '' ? null : { t: 'string', v: s };
      }
      case 'inlineStr':
        return stringCell(this.inlineText ?? v ?? '');
      case 'str':
        return stringCell(v ?? '');
      case 'b':
        if (v === null || v.trim() === '') return null;
        return { t: 'bool', v: v.trim() === '1' || v.trim().toLowerCase() === 'true' };
      case 'e':
        return v === null || v === '' ? null : { t: 'error', v };
      case 'd': {
        if (v === null || v.trim() === '') return null;
        const m = /^\s*(\d{4}-\d{2}-\d{2})/.exec(v);
        return m?.[1] ? { t: 'date', ymd: m[1] } : { t: 'string', v };
      }
      default: {
        if (v === null || v.trim() === '') return this.hasFormula ? { t: 'error', v: formulaNoResult } : null;
        const n = Number(v);
        if (!Number.isFinite(n)) return { t: 'string', v };
        if (this.ctx.dateStyles[this.style] === true) {
          const ymd = this.ymdOf(n);
          if (ymd !== null) return { t: 'date', ymd };
        }
        return { t: 'number', v: n };
      }
    }
  }
}
