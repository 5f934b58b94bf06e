/**
 * One weight of Noto Sans SC as embedded in one report: a Type0 / CIDFontType2 font with Identity-H encoding, a
 * ToUnicode map (so text can be searched and copied) and a FontFile2 holding only the glyphs of the common block
 * (fontProgram.ts) plus the glyphs this report adds. We write the font objects ourselves instead of pdfkit's
 * EmbeddedFont because that one lays out every string through the full OpenType shaper (which Chinese text in one
 * script does not need) and subsets and deflates all glyphs again for every document — most of its time per report.
 *
 * Glyph order is fixed by construction: .notdef, the common block in its fixed order, then this report's extra
 * glyphs in order of first use. The subset tag of the font name is derived from that glyph list, so identical
 * reports get identical bytes and different subsets get different tags.
 */
import { createHash } from 'node:crypto';
import { ttfChecksum, zlibFromParts } from './bytes.js';
import { deflateLevel } from './pdfkitInternals.js';
import type { FontProgram } from './fontProgram.js';
import type { PdfDoc, PdfFontLike, PdfRef } from './pdfkitInternals.js';

/** Per code point, what the report needs to draw and measure it; shared by every report of the thread. */
interface CharInfo {
  gid: number;
  /** Advance in 1000ths of the font size. */
  advance: number;
  /** Subset id when the glyph is in the common block (fixed for every report), else 0. */
  commonCid: number;
}

const charInfos = new WeakMap<FontProgram, Map<number, CharInfo>>();

function charInfo(program: FontProgram, cp: number): CharInfo {
  let map = charInfos.get(program);
  if (!map) charInfos.set(program, (map = new Map()));
  let info = map.get(cp);
  if (!info) {
    const gid = program.glyphId(cp);
    info = { gid, advance: (program.advance(gid) * 1000) / program.unitsPerEm, commonCid: program.common.cidOf.get(gid) ?? 0 };
    map.set(cp, info);
  }
  return info;
}

/** Width of text in points at `size` (no kerning: the report's fonts are laid out glyph by glyph). */
export function textWidth(program: FontProgram, text: string, size: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) cp = text.codePointAt(i++)!;
    w += charInfo(program, cp).advance;
  }
  return (w * size) / 1000;
}

export function charAdvance(program: FontProgram, cp: number, size: number): number {
  return (charInfo(program, cp).advance * size) / 1000;
}

const hex4 = (n: number) => (n < 0x10 ? '000' : n < 0x100 ? '00' : n < 0x1000 ? '0' : '') + n.toString(16);

/** Composite-glyph component flags (TrueType glyf). */
const ARG_WORDS = 0x0001;
const HAVE_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAVE_XY_SCALE = 0x0040;
const HAVE_2X2 = 0x0080;

export class SubsetFont implements PdfFontLike {
  readonly id: string;
  readonly program: FontProgram;
  private readonly doc: PdfDoc;
  private dictionary: PdfRef | null = null;
  private embedded = false;
  /** Source glyph ids added by this report, in order of first use. */
  private readonly extras: number[] = [];
  private readonly extraCid = new Map<number, number>();
  /** Subset id → the code point it was first drawn for (ToUnicode). */
  private readonly extraCodePoint: number[] = [];

  constructor(doc: PdfDoc, program: FontProgram, id: string) {
    this.doc = doc;
    this.program = program;
    this.id = id;
  }

  /** The PDF font dictionary (created on first use; written when the document ends). */
  ref(): PdfRef {
    return (this.dictionary ??= this.doc.ref());
  }

  /** Identity-H hex codes of text; every code point must have a glyph (text.ts substitutes the rest first). */
  encode(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) cp = text.codePointAt(i++)!;
      const info = charInfo(this.program, cp);
      out += hex4(info.commonCid || this.extraCidOf(info.gid, cp));
    }
    return out;
  }

  private extraCidOf(gid: number, cp: number): number {
    let cid = this.extraCid.get(gid);
    if (cid === undefined) cid = this.addExtra(gid, cp);
    return cid;
  }

  private addExtra(gid: number, cp: number): number {
    const common = this.program.common.cidOf.get(gid);
    if (common !== undefined) return common;
    this.extras.push(gid);
    const cid = this.program.common.gids.length + this.extras.length;
    this.extraCid.set(gid, cid);
    this.extraCodePoint[cid] = cp;
    // A composite glyph draws its components by glyph id: they must be in the subset too (-1: no text of their own).
    const bytes = this.program.glyphBytes(gid);
    if (bytes.length >= 10 && bytes.readInt16BE(0) < 0) for (const c of componentIds(bytes)) if (!this.extraCid.has(c)) this.addExtra(c, -1);
    return cid;
  }

  finalize(): void {
    if (this.embedded || this.dictionary === null) return;
    this.embedded = true;
    this.embed(this.dictionary);
  }

  private embed(dictionary: PdfRef): void {
    const p = this.program;
    const common = p.common;
    const name = `${this.subsetTag()}+${p.postscriptName}`;
    const { prefix, extrasGlyf, totalLength } = this.fontFileParts();
    const fontFile = this.doc.ref({ Filter: 'FlateDecode', Length1: totalLength });
    // The common block was deflated once per process; only this report's tables and extra glyphs are deflated here.
    fontFile.end(
      zlibFromParts(
        [{ raw: prefix }, { deflated: common.deflated, adler: common.adler, length: common.glyfLength }, { raw: extrasGlyf }],
        deflateLevel,
      ),
    );
    let flags = 1 << 2; // symbolic: the glyphs are addressed by CID, not by a standard encoding
    if (p.fixedPitch) flags |= 1 << 0;
    if (p.familyClass >= 1 && p.familyClass <= 7) flags |= 1 << 1;
    if (p.familyClass === 10) flags |= 1 << 3;
    const descriptor = this.doc.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: flags,
      FontBBox: p.bbox,
      ItalicAngle: p.italicAngle,
      Ascent: p.ascender,
      Descent: p.descender,
      CapHeight: p.capHeight,
      XHeight: p.xHeight,
      StemV: p.weight === 'bold' ? 140 : 80,
      FontFile2: fontFile,
    });
    descriptor.end();
    const descendant = this.doc.ref({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 1000,
      W: this.widthArray(),
      CIDToGIDMap: 'Identity',
    });
    descendant.end();
    dictionary.data = {
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [descendant],
      ToUnicode: this.toUnicode(),
    };
    dictionary.end();
  }

  /** Six capital letters from the subset's glyph list: stable for the same glyphs, different for different ones. */
  private subsetTag(): string {
    const h = createHash('sha256');
    h.update(this.program.postscriptName);
    h.update(Uint32Array.from(this.program.common.gids));
    h.update(Uint32Array.from(this.extras));
    const d = h.digest();
    let tag = '';
    for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (d[i]! % 26));
    return tag;
  }

  /** Source glyph id of every subset id (0 … n−1). */
  private glyphOrder(): number[] {
    return [0, ...this.program.common.gids, ...this.extras];
  }

  /** W: widths that differ from DW 1000 (Latin letters, digits, some punctuation), as runs `c [w1 w2 …]`. */
  private widthArray(): (number | number[])[] {
    const p = this.program;
    const order = this.glyphOrder();
    const w: (number | number[])[] = [];
    let run: number[] | null = null;
    let runNext = -1;
    order.forEach((gid, cid) => {
      const width = Math.round((p.advance(gid) * 1000) / p.unitsPerEm);
      if (width === 1000) return;
      if (run && runNext === cid) run.push(width);
      else {
        run = [width];
        w.push(cid, run);
      }
      runNext = cid + 1;
    });
    return w;
  }

  private toUnicode(): PdfRef {
    const p = this.program;
    const entries: string[] = [];
    const add = (cid: number, cp: number) => {
      if (cp < 0) return;
      let u: string;
      if (cp > 0xffff) {
        const v = cp - 0x10000;
        u = hex4(0xd800 | (v >>> 10)) + hex4(0xdc00 | (v & 0x3ff));
      } else u = hex4(cp);
      entries.push(`<${hex4(cid)}> <${u}>`);
    };
    p.common.codePoints.forEach((cp, i) => add(i + 1, cp));
    this.extras.forEach((_, i) => {
      const cid = p.common.gids.length + 1 + i;
      add(cid, this.extraCodePoint[cid] ?? -1);
    });
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100);
      blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
    }
    const cmap = this.doc.ref();
    cmap.end(
      '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n' +
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
        '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n' +
        '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
        blocks.join('\n') +
        '\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend',
    );
    return cmap;
  }

  /**
   * The TrueType file in three parts: everything before the common glyphs (offset table, head, hhea, maxp, prep,
   * hmtx, loca, glyph 0), the common block (not here: already deflated) and this report's extra glyphs. glyf is laid
   * out last so the common block sits at a fixed place inside it; every glyph is padded to 4 bytes so the checksum
   * of glyf is the sum of its parts' checksums.
   */
  private fontFileParts(): { prefix: Buffer; extrasGlyf: Buffer; totalLength: number } {
    const p = this.program;
    const common = p.common;
    const order = this.glyphOrder();
    const numGlyphs = order.length;
    const newId = new Map<number, number>();
    order.forEach((gid, cid) => newId.set(gid, cid));

    const notdef = pad4(p.glyphBytes(0));
    const extraParts: Buffer[] = [];
    const extraOffsets: number[] = [];
    let extraLength = 0;
    for (const gid of this.extras) {
      extraOffsets.push(extraLength);
      let bytes = p.glyphBytes(gid);
      if (bytes.length >= 10 && bytes.readInt16BE(0) < 0) bytes = remapComponents(bytes, newId);
      const padded = pad4(bytes);
      extraParts.push(padded);
      extraLength += padded.length;
    }
    extraOffsets.push(extraLength);
    const extrasGlyf = Buffer.concat(extraParts, extraLength);

    const loca = Buffer.alloc(4 * (numGlyphs + 1));
    loca.writeUInt32BE(0, 0);
    const commonStart = notdef.length;
    for (let i = 0; i <= common.gids.length; i++) loca.writeUInt32BE(commonStart + common.offsets[i]!, 4 * (1 + i));
    const extraStart = commonStart + common.glyfLength;
    for (let i = 1; i < extraOffsets.length; i++) loca.writeUInt32BE(extraStart + extraOffsets[i]!, 4 * (1 + common.gids.length + i));

    const hmtx = Buffer.alloc(4 * numGlyphs);
    order.forEach((gid, cid) => {
      hmtx.writeUInt16BE(p.advance(gid), 4 * cid);
      hmtx.writeInt16BE(p.leftSideBearing(gid), 4 * cid + 2);
    });

    const head = Buffer.from(p.table('head')!);
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set below
    head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
    const hhea = Buffer.from(p.table('hhea')!);
    hhea.writeUInt16BE(numGlyphs, 34);
    const maxp = Buffer.from(p.table('maxp')!);
    maxp.writeUInt16BE(numGlyphs, 4);

    const glyfLength = notdef.length + common.glyfLength + extraLength;
    const glyfChecksum = (ttfChecksum(notdef) + common.checksum + ttfChecksum(extrasGlyf)) >>> 0;
    const tables: { tag: string; data: Buffer | null; length: number; checksum: number }[] = [];
    const plain = (tag: string, data: Buffer | undefined) => {
      if (data) tables.push({ tag, data, length: data.length, checksum: ttfChecksum(data) });
    };
    plain('head', head);
    plain('hhea', hhea);
    plain('maxp', maxp);
    plain('cvt ', p.table('cvt '));
    plain('fpgm', p.table('fpgm'));
    plain('prep', p.table('prep'));
    plain('hmtx', hmtx);
    plain('loca', loca);
    tables.push({ tag: 'glyf', data: null, length: glyfLength, checksum: glyfChecksum });

    const numTables = tables.length;
    const headerLength = 12 + 16 * numTables;
    let offset = headerLength;
    const placed = tables.map((t) => {
      const at = offset;
      offset += t.length + ((4 - (t.length % 4)) % 4);
      return { ...t, offset: at };
    });
    const header = Buffer.alloc(headerLength);
    const entrySelector = Math.floor(Math.log2(numTables));
    header.writeUInt32BE(0x00010000, 0);
    header.writeUInt16BE(numTables, 4);
    header.writeUInt16BE(16 * 2 ** entrySelector, 6);
    header.writeUInt16BE(entrySelector, 8);
    header.writeUInt16BE(16 * numTables - 16 * 2 ** entrySelector, 10);
    // The table directory is sorted by tag (byte order); the data stays in the order above, glyf last.
    [...placed]
      .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
      .forEach((t, i) => {
        const at = 12 + 16 * i;
        header.write(t.tag, at, 4, 'latin1');
        header.writeUInt32BE(t.checksum, at + 4);
        header.writeUInt32BE(t.offset, at + 8);
        header.writeUInt32BE(t.length, at + 12);
      });
    let fileSum = ttfChecksum(header);
    for (const t of placed) fileSum = (fileSum + t.checksum) >>> 0;
    head.writeUInt32BE((0xb1b0afba - fileSum) >>> 0, 8);

    const prefixParts: Buffer[] = [header];
    for (const t of placed) if (t.data) prefixParts.push(pad4(t.data));
    prefixParts.push(notdef);
    const prefix = Buffer.concat(prefixParts);
    return { prefix, extrasGlyf, totalLength: prefix.length + common.glyfLength + extraLength };
  }
}

function pad4(b: Buffer): Buffer {
  const pad = (4 - (b.length % 4)) % 4;
  return pad === 0 ? b : Buffer.concat([b, Buffer.alloc(pad)]);
}

/** Component glyph ids of a composite glyph. */
function componentIds(bytes: Buffer): number[] {
  const ids: number[] = [];
  let at = 10;
  for (;;) {
    const flags = bytes.readUInt16BE(at);
    ids.push(bytes.readUInt16BE(at + 2));
    at += 4 + (flags & ARG_WORDS ? 4 : 2) + (flags & HAVE_SCALE ? 2 : flags & HAVE_XY_SCALE ? 4 : flags & HAVE_2X2 ? 8 : 0);
    if (!(flags & MORE_COMPONENTS)) return ids;
  }
}

/** A copy of a composite glyph with its component ids renumbered to subset ids. */
function remapComponents(bytes: Buffer, newId: Map<number, number>): Buffer {
  const out = Buffer.from(bytes);
  let at = 10;
  for (;;) {
    const flags = out.readUInt16BE(at);
    out.writeUInt16BE(newId.get(out.readUInt16BE(at + 2)) ?? 0, at + 2);
    at += 4 + (flags & ARG_WORDS ? 4 : 2) + (flags & HAVE_SCALE ? 2 : flags & HAVE_XY_SCALE ? 4 : flags & HAVE_2X2 ? 8 : 0);
    if (!(flags & MORE_COMPONENTS)) return out;
  }
}
