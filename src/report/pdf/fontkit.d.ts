/**
 * The small part of fontkit (the font engine pdfkit itself uses; no published types) that the report needs: parse a
 * TTF once, ask whether it covers a code point and which glyph draws it. Glyph bytes and metrics are read from the
 * file's own tables (src/report/pdf/fontProgram.ts), not through fontkit.
 */
declare module 'fontkit' {
  export interface Glyph {
    id: number;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    capHeight: number;
    xHeight: number;
    italicAngle: number;
    numGlyphs: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    directory: { tables: Record<string, { tag: string; offset: number; length: number } | undefined> };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
