/**
 * Page layout of the 核对报告: A4 with a wider left margin for binding, a flow of paragraphs and ruled tables that
 * break across pages with their header row repeated, and a footer on every page once the page count is known.
 *
 * Drawing writes PDF content operators directly (text as Identity-H glyph codes of src/report/pdf/subsetFont.ts)
 * into one string per page, handed to pdfkit once per page at the end: far fewer objects than pdfkit's text API
 * per string, and the positions are exactly the ones measured here, so “nothing beyond the margins” holds by
 * construction. Coordinates are pdfkit's: points, origin at the top left, y downwards.
 */
import type { FontProgram, Weight } from './fontProgram.js';
import type { PdfDoc } from './pdfkitInternals.js';
import type { SubsetFont } from './subsetFont.js';
import { textWidth } from './subsetFont.js';
import { wrapText } from './text.js';

const mm = 72 / 25.4;

/** A4 in points, and the margins: 28 mm on the left for binding (GB/T 9704 style), the footer in the bottom margin. */
export const page = {
  width: 595.28,
  height: 841.89,
  left: 28 * mm,
  right: 595.28 - 20 * mm,
  top: 20 * mm,
  /** Lowest y of body content. */
  bottom: 841.89 - 27 * mm,
  /** Footer band: from the rule to the last footer line. */
  footerTop: 841.89 - 24 * mm,
  footerBottom: 841.89 - 10 * mm,
} as const;

/** Ascent and descent of Noto Sans SC in em (hhea 1160 / −288 per 1000): where a line's glyphs sit in its box. */
const ascent = 1.16;
const descent = 0.288;

export interface TextStyle {
  weight: Weight;
  size: number;
  /** 0 black … 1 white. */
  gray?: number;
}

export type Align = 'left' | 'right' | 'center';

export interface TableColumn {
  title: string;
  /** Relative width. */
  width: number;
  align?: Align;
}

export interface TableRow {
  cells: string[];
  /** Light background (e.g. a suspect row, a total). */
  shade?: boolean;
}

export interface TableSpec {
  columns: TableColumn[];
  rows: TableRow[];
  size?: number;
  /** false: no header row (a key–value grid). Default true. */
  header?: boolean;
  /** Column indexes drawn as labels (shaded) in every row: key–value grids. */
  labelColumns?: number[];
}

export interface ParagraphOptions {
  indent?: number;
  hanging?: number;
  lineHeight?: number;
  align?: Align;
  /** Space after the paragraph, points. */
  after?: number;
}

const num = (n: number): string => {
  const s = n.toFixed(2);
  return s.endsWith('.00') ? s.slice(0, -3) : s.endsWith('0') ? s.slice(0, -1) : s;
};

export class Canvas {
  private readonly pageContents: string[][] = [];
  /** Where drawing goes: the last page's operators, or a finished page's while its footer is drawn. */
  private current: string[] = [];
  y: number = page.top;
  private readonly doc: PdfDoc;
  private readonly fonts: Record<Weight, SubsetFont>;

  constructor(doc: PdfDoc, fonts: Record<Weight, SubsetFont>) {
    this.doc = doc;
    this.fonts = fonts;
  }

  get pageCount(): number {
    return this.pageContents.length;
  }

  program(weight: Weight): FontProgram {
    return this.fonts[weight].program;
  }

  width(text: string, style: TextStyle): number {
    return textWidth(this.fonts[style.weight].program, text, style.size);
  }

  addPage(): void {
    this.doc.addPage();
    const fonts = this.doc.page.fonts;
    for (const f of Object.values(this.fonts)) fonts[f.id] = f.ref();
    this.current = [];
    this.pageContents.push(this.current);
    this.y = page.top;
  }

  /** Starts a new page when less than `keep` points remain above the footer (or when there is no page yet). */
  ensure(keep: number): void {
    if (this.pageContents.length === 0 || this.y + keep > page.bottom) this.addPage();
  }

  private out(op: string): void {
    this.current.push(op);
  }

  /** One line of text with its baseline at `baseline`. */
  text(str: string, x: number, baseline: number, style: TextStyle): void {
    if (str === '') return;
    const f = this.fonts[style.weight];
    // The page's CTM flips y (pdfkit); the text matrix flips it back so glyphs stand upright.
    this.out(`BT /${f.id} ${num(style.size)} Tf ${num(style.gray ?? 0)} g 1 0 0 -1 ${num(x)} ${num(baseline)} Tm <${f.encode(str)}> Tj ET`);
  }

  /** Baseline of a line whose box of height lineHeight starts at top. */
  static baseline(top: number, size: number, lineHeight: number): number {
    return top + (lineHeight - (ascent + descent) * size) / 2 + ascent * size;
  }

  fillRect(x: number, y: number, w: number, h: number, gray: number): void {
    this.out(`${num(gray)} g ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f 0 g`);
  }

  hline(x1: number, x2: number, y: number, lineWidth = 0.5, gray = 0): void {
    this.out(`${num(lineWidth)} w ${num(gray)} G ${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S`);
  }

  /**
   * A wrapped paragraph from the current y, breaking pages between lines. `indent` shifts every line,
   * `hanging` all lines after the first (numbered lists).
   */
  paragraph(str: string, style: TextStyle, opts: ParagraphOptions = {}): void {
    const indent = opts.indent ?? 0;
    const hanging = opts.hanging ?? 0;
    const lh = opts.lineHeight ?? style.size * 1.6;
    const full = page.right - page.left - indent;
    const program = this.program(style.weight);
    const lines = wrapText(str, program, style.size, full, full - hanging).map((text, i) => ({
      text,
      x: page.left + indent + (i === 0 ? 0 : hanging),
    }));
    for (const l of lines) {
      this.ensure(lh);
      let x = l.x;
      const avail = page.right - l.x;
      if (opts.align === 'center') x += (avail - this.width(l.text, style)) / 2;
      else if (opts.align === 'right') x += avail - this.width(l.text, style);
      this.text(l.text, x, Canvas.baseline(this.y, style.size, lh), style);
      this.y += lh;
    }
    this.y += opts.after ?? 0;
  }

  /**
   * A ruled table. Rows that do not fit go to the next page under a repeated header row; a row taller than a whole
   * page is split between its lines.
   */
  table(spec: TableSpec): void {
    const size = spec.size ?? 8;
    const lh = size * 1.45;
    const padX = 3;
    const padY = 2.5;
    const total = spec.columns.reduce((s, c) => s + c.width, 0);
    const tableWidth = page.right - page.left;
    const xs: number[] = [page.left];
    for (const c of spec.columns) xs.push(xs[xs.length - 1]! + (tableWidth * c.width) / total);
    xs[xs.length - 1] = page.right;
    const labels = new Set(spec.labelColumns ?? []);
    const regular = this.program('regular');

    /** A cell spans from its column to the next cell's column; the last cell of a short row spans to the end. */
    const layout = (row: TableRow, isHeader: boolean) => {
      const cells = row.cells.map((text, i) => {
        const from = i;
        const to = i === row.cells.length - 1 ? spec.columns.length : i + 1;
        // Tables are set in the regular weight, headers and labels set apart by shading: every bold glyph would be
        // one more glyph in the file.
        const weight: Weight = 'regular';
        const w = xs[to]! - xs[from]! - 2 * padX;
        const lines = wrapText(text, regular, size, w);
        const align: Align = isHeader ? 'center' : (spec.columns[i]?.align ?? 'left');
        return { from, to, weight, lines, align, label: labels.has(i) };
      });
      const height = Math.max(1, ...cells.map((c) => c.lines.length)) * lh + 2 * padY;
      return { cells, height, shade: row.shade ?? false };
    };
    type Laid = ReturnType<typeof layout>;

    const draw = (r: Laid, fill: number | null, lineFrom = 0, lineCount = Infinity) => {
      const shown = Math.min(Math.max(...r.cells.map((c) => c.lines.length)) - lineFrom, lineCount);
      const height = Math.max(1, shown) * lh + 2 * padY;
      const top = this.y;
      if (fill !== null) this.fillRect(xs[0]!, top, xs[xs.length - 1]! - xs[0]!, height, fill);
      for (const c of r.cells) {
        if (c.label && fill === null) this.fillRect(xs[c.from]!, top, xs[c.to]! - xs[c.from]!, height, 0.94);
        const style: TextStyle = { weight: c.weight, size };
        const lines = c.lines.slice(lineFrom, lineFrom + lineCount);
        lines.forEach((line, k) => {
          const inner = xs[c.to]! - xs[c.from]! - 2 * padX;
          let x = xs[c.from]! + padX;
          if (c.align !== 'left') {
            const w = this.width(line, style);
            x += c.align === 'right' ? inner - w : (inner - w) / 2;
          }
          this.text(line, x, Canvas.baseline(top + padY + k * lh, size, lh), style);
        });
      }
      // Borders: the row's outline and the separators of its cells.
      const ops = [`0.5 w 0.35 G ${num(xs[0]!)} ${num(top)} ${num(xs[xs.length - 1]! - xs[0]!)} ${num(height)} re`];
      for (const c of r.cells) if (c.from > 0) ops.push(`${num(xs[c.from]!)} ${num(top)} m ${num(xs[c.from]!)} ${num(top + height)} l`);
      this.out(`${ops.join(' ')} S`);
      this.y += height;
      return shown;
    };

    const header = spec.header === false ? null : layout({ cells: spec.columns.map((c) => c.title) }, true);
    const headerHeight = header ? header.height : 0;
    const drawHeader = () => {
      if (header) draw(header, 0.9);
    };
    const rows = spec.rows.map((r) => layout(r, false));
    // Keep the header with at least the first row (or one line of it).
    this.ensure(headerHeight + Math.min(rows[0]?.height ?? 0, lh + 2 * padY));
    drawHeader();
    for (const r of rows) {
      if (this.y + r.height > page.bottom) {
        const roomOnFresh = page.bottom - page.top - headerHeight;
        if (r.height <= roomOnFresh || this.y + lh + 2 * padY > page.bottom) {
          this.addPage();
          drawHeader();
        }
      }
      if (this.y + r.height <= page.bottom) {
        draw(r, r.shade ? 0.96 : null);
        continue;
      }
      // Taller than the room left even on a fresh page: print the lines that fit, continue on the next page.
      const totalLines = Math.max(...r.cells.map((c) => c.lines.length));
      let from = 0;
      while (from < totalLines) {
        const fit = Math.max(1, Math.floor((page.bottom - this.y - 2 * padY) / lh));
        from += draw(r, r.shade ? 0.96 : null, from, fit);
        if (from < totalLines) {
          this.addPage();
          drawHeader();
        }
      }
    }
  }

  /** Hands each page's content to pdfkit, with the footer drawn by `footer(pageIndex, pageCount)`. */
  finish(footer: (pageIndex: number, pageCount: number) => void): void {
    const count = this.pageContents.length;
    for (let i = 0; i < count; i++) {
      this.current = this.pageContents[i]!;
      footer(i, count);
      this.doc.switchToPage(i);
      this.doc.addContent(this.current.join('\n'));
    }
  }
}
