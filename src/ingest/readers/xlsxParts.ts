import { posix } from 'node:path';
import { SaxesParser } from 'saxes';

/**
 * Parsers for the small package parts of an .xlsx (workbook.xml, its rels, styles.xml) and for the shared-string
 * table, fed decoded text. exceljs's own parsers for these are bypassed (see xlsx.ts for why): they decode each
 * compressed chunk on its own, which garbles CJK characters that straddle a chunk boundary, keep only the last <t> of
 * a string that has phonetic runs, and do not know the CJK built-in date formats.
 *
 * The XML tokenizer is saxes (the one exceljs itself uses), a direct dependency.
 */

export interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}

export interface SaxParser {
  on(event: 'opentag' | 'closetag', handler: (tag: SaxTag) => void): void;
  on(event: 'text' | 'cdata', handler: (text: string) => void): void;
  /** Malformed XML throws from write()/close() (no error handler is installed). */
  write(chunk: string): unknown;
  close(): unknown;
}

export function createSaxParser(): SaxParser {
  return new SaxesParser({ position: false }) as unknown as SaxParser;
}

/** Element name without its namespace prefix (`x:c` → `c`); some producers prefix every SpreadsheetML element. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** OOXML escapes characters XML cannot hold as `_xHHHH_` (Excel writes line breaks as `_x000D_`); `_x005F_` is `_`. */
export function decodeOoxmlText(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface WorkbookSheet {
  name: string;
  /** Relationship id (r:id) pointing at the sheet part. */
  rId: string;
  state: string;
}

export interface WorkbookInfo {
  /** In workbook (tab) order. */
  sheets: WorkbookSheet[];
  date1904: boolean;
}

function parseWhole(xml: string, onOpen: (tag: SaxTag, local: string) => void): void {
  const parser = createSaxParser();
  parser.on('opentag', (tag) => onOpen(tag, localName(tag.name)));
  parser.write(xml);
  parser.close();
}

function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

export function parseWorkbookXml(xml: string): WorkbookInfo {
  const info: WorkbookInfo = { sheets: [], date1904: false };
  parseWhole(xml, (tag, local) => {
    if (local === 'workbookPr') {
      info.date1904 = isTrue(tag.attributes.date1904);
    } else if (local === 'sheet') {
      const a = tag.attributes;
      // The relationship id is `r:id`, whatever prefix the producer bound to the relationships namespace.
      const idKey = Object.keys(a).find((k) => k !== 'sheetId' && localName(k) === 'id' && k.includes(':'));
      info.sheets.push({ name: a.name ?? '', rId: idKey ? (a[idKey] ?? '') : '', state: a.state ?? 'visible' });
    }
  });
  return info;
}

export interface Relationship {
  id: string;
  type: string;
  /** The target part's name inside the package (no leading slash). */
  target: string;
}

/**
 * A .rels part. Targets are resolved against the folder of the part the rels belong to (`''` for the package root,
 * `xl` for xl/workbook.xml); absolute targets (`/xl/worksheets/sheet1.xml`, written by some producers) are kept.
 */
export function parseRels(xml: string, sourceDir: string): Relationship[] {
  const rels: Relationship[] = [];
  parseWhole(xml, (tag, local) => {
    if (local !== 'Relationship') return;
    const { Id: id, Type: type, Target: target, TargetMode: mode } = tag.attributes;
    if (!id || !target || mode === 'External') return;
    const t = target.replace(/\\/g, '/');
    const resolved = t.startsWith('/') ? t.slice(1) : posix.join(sourceDir, t);
    rels.push({ id, type: type ?? '', target: posix.normalize(resolved).replace(/^\.\//, '') });
  });
  return rels;
}

/** The last segment of a relationship type (transitional and strict OOXML differ only in the prefix). */
export function relKind(rel: Relationship): string {
  return rel.type.slice(rel.type.lastIndexOf('/') + 1);
}

// Built-in number formats that show a date (ECMA-376 §18.8.30 plus the zh-CN/zh-TW/ja/ko ids 27–36 and 50–58 that
// CJK Excel writes without a <numFmt> definition). Time-only ones (18–21, 32–35, 45–47, 55, 56 in zh-CN) are left out:
// a time of day is not a date.
const builtinDateFormats = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);

/**
 * Whether a custom number format shows a calendar date: after dropping quoted literals, escaped and padding
 * characters and [..] sections (colours, locales, elapsed time), it still holds a year or day token. Month alone is
 * ambiguous with minutes and is treated as not a date.
 */
export function isDateFormatCode(code: string): boolean {
  const s = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[yYdD]/.test(s);
}

/**
 * styles.xml → for each cell style index (the `s` attribute of a cell), whether its number format shows a date.
 * Only <cellXfs> counts (cellStyleXfs are the named styles, dxfs are conditional formats).
 */
export function parseDateStyles(xml: string): boolean[] {
  const customFormats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  const parser = createSaxParser();
  parser.on('opentag', (tag) => {
    switch (localName(tag.name)) {
      case 'numFmts':
        inNumFmts = true;
        break;
      case 'cellXfs':
        inCellXfs = true;
        break;
      case 'numFmt':
        if (inNumFmts) customFormats.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
        break;
      case 'xf':
        if (inCellXfs) xfFormats.push(Number(tag.attributes.numFmtId ?? '0'));
        break;
    }
  });
  parser.on('closetag', (tag) => {
    const local = localName(tag.name);
    if (local === 'numFmts') inNumFmts = false;
    else if (local === 'cellXfs') inCellXfs = false;
  });
  parser.write(xml);
  parser.close();
  return xfFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormatCode(custom) : builtinDateFormats.has(id);
  });
}

/**
 * Incremental parser for xl/sharedStrings.xml: each <si> becomes one plain string (rich-text runs concatenated,
 * phonetic <rPh> runs skipped, `_xHHHH_` escapes decoded). Formatting is dropped, so the table costs only its text.
 */
export class SharedStringsParser {
  readonly strings: string[] = [];
  private readonly parser = createSaxParser();
  private inSi = false;
  private inRPh = false;
  private inT = false;
  private text = '';

  constructor() {
    this.parser.on('opentag', (tag) => {
      switch (localName(tag.name)) {
        case 'si':
          this.inSi = true;
          this.text = '';
          break;
        case 'rPh':
          this.inRPh = true;
          break;
        case 't':
          if (this.inSi && !this.inRPh) this.inT = true;
          break;
      }
    });
    const onText = (t: string): void => {
      if (this.inT) this.text += t;
    };
    this.parser.on('text', onText);
    this.parser.on('cdata', onText);
    this.parser.on('closetag', (tag) => {
      switch (localName(tag.name)) {
        case 'si':
          this.strings.push(decodeOoxmlText(this.text));
          this.text = '';
          this.inSi = false;
          break;
        case 'rPh':
          this.inRPh = false;
          break;
        case 't':
          this.inT = false;
          break;
      }
    });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): string[] {
    this.parser.close();
    return this.strings;
  }
}
