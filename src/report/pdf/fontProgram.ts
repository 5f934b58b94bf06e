/**
 * The two Noto Sans SC weights the report uses, parsed once per process (or worker thread) and shared by every
 * report it renders. The TTFs come from the npm package `@expo-google-fonts/noto-sans-sc` (SIL Open Font Licence 1.1,
 * see docs/fonts.md) and are read from node_modules, never from the machine's font folders, so every machine embeds
 * the same glyphs.
 *
 * Besides coverage and metrics, a program keeps a precompressed “common block”: the glyphs that nearly every report
 * prints (labels, digits, the words of the rules' messages), already laid out and deflated once. Each report's font
 * file is that block plus its own few extra glyphs (src/report/pdf/subsetFont.ts), so no report pays again for
 * subsetting and compressing the glyphs all reports share.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import * as fontkit from 'fontkit';
import { adler32, ttfChecksum } from './bytes.js';
import { commonText } from './commonGlyphs.js';

export type Weight = 'regular' | 'bold';

const fontFiles: Record<Weight, string> = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

interface TableRef {
  offset: number;
  length: number;
}

/** The deflated common block of one weight (see file comment). */
export interface CommonBlock {
  /** Glyph ids of the source font, in subset order (subset id = index + 1; 0 is .notdef). */
  gids: number[];
  /** Subset id of each source glyph id in the block. */
  cidOf: Map<number, number>;
  /** The code point each glyph was listed for, in subset order (its ToUnicode entry). */
  codePoints: number[];
  /** The block's glyf bytes: each glyph padded to 4 bytes. */
  glyfLength: number;
  /** Offset of each glyph inside the block (gids.length + 1 entries). */
  offsets: number[];
  /** Raw deflate of the glyf bytes, ending on a full flush so more deflate data can follow (src/report/pdf/bytes.ts). */
  deflated: Buffer;
  adler: number;
  checksum: number;
}

export class FontProgram {
  readonly weight: Weight;
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  /** In 1000ths of the font size (PDF glyph space). */
  readonly ascender: number;
  readonly descender: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: [number, number, number, number];
  readonly fixedPitch: boolean;
  readonly familyClass: number;
  readonly numGlyphs: number;
  readonly file: Buffer;
  readonly common: CommonBlock;
  private readonly font: fontkit.Font;
  private readonly tables: Record<string, TableRef>;
  private readonly longLoca: boolean;
  private readonly numberOfHMetrics: number;
  /** code point → source glyph id (0 = not in the font); filled on first use, shared by every report. */
  private readonly glyphCache = new Map<number, number>();

  constructor(weight: Weight, file: Buffer) {
    this.weight = weight;
    this.file = file;
    this.font = fontkit.create(file);
    const tables: Record<string, TableRef> = {};
    for (const [tag, t] of Object.entries(this.font.directory.tables)) if (t) tables[tag] = { offset: t.offset, length: t.length };
    for (const tag of ['head', 'hhea', 'hmtx', 'loca', 'glyf', 'maxp']) {
      if (!tables[tag]) throw new Error(`${fontFiles[weight]}: TrueType table ${tag} missing (a CFF font cannot be embedded here)`);
    }
    this.tables = tables;
    const head = tables.head!.offset;
    this.longLoca = file.readInt16BE(head + 50) === 1;
    this.numberOfHMetrics = file.readUInt16BE(tables.hhea!.offset + 34);
    this.numGlyphs = file.readUInt16BE(tables.maxp!.offset + 4);
    this.postscriptName = this.font.postscriptName.replaceAll(' ', '_');
    this.unitsPerEm = this.font.unitsPerEm;
    const scale = 1000 / this.unitsPerEm;
    this.ascender = this.font.ascent * scale;
    this.descender = this.font.descent * scale;
    this.capHeight = (this.font.capHeight || this.font.ascent) * scale;
    this.xHeight = (this.font.xHeight || 0) * scale;
    this.italicAngle = this.font.italicAngle;
    const b = this.font.bbox;
    this.bbox = [b.minX * scale, b.minY * scale, b.maxX * scale, b.maxY * scale];
    this.fixedPitch = tables.post ? file.readUInt32BE(tables.post.offset + 12) !== 0 : false;
    this.familyClass = tables['OS/2'] ? file.readInt16BE(tables['OS/2'].offset + 30) >> 8 : 0;
    this.common = this.buildCommonBlock();
  }

  /** Source glyph id for a code point; 0 when the font has no glyph for it (R: never a silent blank box). */
  glyphId(codePoint: number): number {
    let gid = this.glyphCache.get(codePoint);
    if (gid === undefined) {
      gid = this.font.hasGlyphForCodePoint(codePoint) ? this.font.glyphForCodePoint(codePoint).id : 0;
      this.glyphCache.set(codePoint, gid);
    }
    return gid;
  }

  hasGlyph(codePoint: number): boolean {
    return this.glyphId(codePoint) !== 0;
  }

  /** Advance width in font units (hmtx). */
  advance(gid: number): number {
    const hmtx = this.tables.hmtx!.offset;
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return this.file.readUInt16BE(hmtx + 4 * i);
  }

  /** Left side bearing in font units (hmtx). */
  leftSideBearing(gid: number): number {
    const hmtx = this.tables.hmtx!.offset;
    if (gid < this.numberOfHMetrics) return this.file.readInt16BE(hmtx + 4 * gid + 2);
    return this.file.readInt16BE(hmtx + 4 * this.numberOfHMetrics + 2 * (gid - this.numberOfHMetrics));
  }

  /** The glyph's bytes in glyf (empty for a glyph without outline, e.g. the space). */
  glyphBytes(gid: number): Buffer {
    const loca = this.tables.loca!.offset;
    const start = this.longLoca ? this.file.readUInt32BE(loca + 4 * gid) : 2 * this.file.readUInt16BE(loca + 2 * gid);
    const end = this.longLoca ? this.file.readUInt32BE(loca + 4 * gid + 4) : 2 * this.file.readUInt16BE(loca + 2 * gid + 2);
    const glyf = this.tables.glyf!.offset;
    return this.file.subarray(glyf + start, glyf + end);
  }

  /** A raw table of the source font (head, hhea, maxp, prep, …), or undefined when absent. */
  table(tag: string): Buffer | undefined {
    const t = this.tables[tag];
    return t ? this.file.subarray(t.offset, t.offset + t.length) : undefined;
  }

  private buildCommonBlock(): CommonBlock {
    const gids: number[] = [];
    const codePoints: number[] = [];
    const cidOf = new Map<number, number>();
    for (const ch of commonText[this.weight]) {
      const cp = ch.codePointAt(0)!;
      const gid = this.glyphId(cp);
      if (gid === 0 || cidOf.has(gid)) continue;
      gids.push(gid);
      codePoints.push(cp);
      cidOf.set(gid, gids.length);
    }
    const parts: Buffer[] = [];
    const offsets = [0];
    let length = 0;
    for (const gid of gids) {
      const bytes = this.glyphBytes(gid);
      if (bytes.length >= 2 && bytes.readInt16BE(0) < 0) {
        // Composite glyphs name their components by source glyph id; the common block keeps ids fixed, so it only
        // takes simple glyphs (Noto Sans SC has none that are composite). A composite one goes to a report's extras.
        throw new Error(`common glyph ${gid} of ${this.postscriptName} is composite`);
      }
      parts.push(bytes);
      length += bytes.length;
      const pad = (4 - (bytes.length % 4)) % 4;
      if (pad) {
        parts.push(Buffer.alloc(pad));
        length += pad;
      }
      offsets.push(length);
    }
    const glyf = Buffer.concat(parts, length);
    return {
      gids,
      cidOf,
      codePoints,
      glyfLength: length,
      offsets,
      // Compressed once per process at the highest level: the cost is paid once, the bytes saved in every report.
      deflated: deflateRawSync(glyf, { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH }),
      adler: adler32(glyf),
      checksum: ttfChecksum(glyf),
    };
  }
}

const programs: Partial<Record<Weight, FontProgram>> = {};
const require = createRequire(import.meta.url);

/** The parsed font of a weight: read and parsed on first use, then reused for every report of this thread. */
export function fontProgram(weight: Weight): FontProgram {
  let p = programs[weight];
  if (!p) {
    p = new FontProgram(weight, readFileSync(require.resolve(fontFiles[weight])));
    programs[weight] = p;
  }
  return p;
}
