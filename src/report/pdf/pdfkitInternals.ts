/**
 * The few pdfkit internals the report relies on, typed in one place (pdfkit 0.20; @types/pdfkit declares most of
 * them loosely or not at all). Why they are needed:
 * - `ref(data)` / `end(bytes)`: the font objects are written by src/report/pdf/subsetFont.ts, not by pdfkit's own
 *   EmbeddedFont, so that the glyphs all reports share are subset and compressed once per process;
 * - `_fontFamilies`: pdfkit finalises (embeds) every font registered there when the document ends;
 * - `page.fonts`: the page's /Font resources;
 * - `push`: the document is a Readable stream; taking its chunks directly makes rendering synchronous and saves the
 *   stream machinery for every report.
 */
import PDFDocument from 'pdfkit';
import zlib from 'node:zlib';

/**
 * Deflate level of pdfkit's own streams (page content). pdfkit calls node:zlib's deflateSync at its default level 6
 * and offers no option; profiling a 20,000-household night put deflate at 17 % of a render thread's time. Level 3
 * rendered ~5 % more reports per second (three alternating runs: +2 to +10 %) for 1.3 KB more per report (README). The override is
 * installed only for the synchronous `doc.end()` below and restored right after, so nothing else sees it.
 */
export const deflateLevel = 3;
const deflateSync = zlib.deflateSync;
const deflateAtLevel = ((data: zlib.InputType, options?: zlib.ZlibOptions) =>
  deflateSync(data, { ...options, level: deflateLevel })) as typeof zlib.deflateSync;

export interface PdfRef {
  readonly id: number;
  data: Record<string, unknown>;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}

export interface PdfFontLike {
  readonly id: string;
  finalize(): void;
}

export interface PdfDoc {
  ref(data?: Record<string, unknown>): PdfRef;
  addPage(options?: Record<string, unknown>): PdfDoc;
  switchToPage(n: number): unknown;
  bufferedPageRange(): { start: number; count: number };
  addContent(data: string): PdfDoc;
  end(): void;
  readonly page: { fonts: Record<string, PdfRef>; width: number; height: number };
  _fontFamilies: Record<string, PdfFontLike>;
  push(chunk: Uint8Array | null): boolean;
}

export interface PdfInfo {
  Title: string;
  Subject: string;
  Keywords: string;
  Author: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  ModDate: Date;
}

type PdfDocClass = new (options: object) => PdfDoc;

/**
 * pdfkit's document with its output kept in memory: the constructor already writes the file header, so the override
 * has to be a method of the class, and its buffer is created on first use (a class field would be initialised only
 * after the base constructor ran).
 */
class SyncDocument extends (PDFDocument as unknown as PdfDocClass) {
  declare chunks?: Uint8Array[];
  declare ended?: boolean;
  override push(chunk: Uint8Array | null): boolean {
    if (chunk === null) this.ended = true;
    else (this.chunks ??= []).push(chunk);
    return true;
  }
}

/**
 * A pdfkit document whose output is collected synchronously: `finish()` ends it and returns the bytes. No default
 * font is loaded (pdfkit would otherwise parse Helvetica's metrics for every document).
 */
export function openDocument(info: PdfInfo): { doc: PdfDoc; finish(): Buffer } {
  const doc = new SyncDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    font: null,
    info,
  });
  return {
    doc,
    finish() {
      zlib.deflateSync = deflateAtLevel;
      try {
        doc.end();
      } finally {
        zlib.deflateSync = deflateSync;
      }
      if (!doc.ended || !doc.chunks) throw new Error('pdfkit did not finish the document synchronously');
      return Buffer.concat(doc.chunks);
    },
  };
}
