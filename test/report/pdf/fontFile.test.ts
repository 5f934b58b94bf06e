/**
 * The embedded font files are real TrueType subsets: the spliced deflate stream decodes, the checksums hold, every
 * glyph the text uses has the outline of the source font (not a blank), and the common block is shared.
 */
import * as fontkit from 'fontkit';
import { deflateRawSync, inflateSync, constants as zlibConstants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, adler32Combine, ttfChecksum, zlibFromParts } from '../../../src/report/pdf/bytes.js';
import { fontProgram } from '../../../src/report/pdf/fontProgram.js';
import { pdfObjects, render, typicalHousehold } from './households.js';

describe('deflate segments', () => {
  it('computes Adler-32 and combines it like zlib', () => {
    expect(adler32(Buffer.from('Wikipedia'))).toBe(0x11e60398);
    const a = Buffer.from('居民家庭经济状况'.repeat(3000));
    const b = Buffer.from('核对报告'.repeat(5000));
    expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(adler32(Buffer.concat([a, b])));
  });

  it('joins a segment deflated earlier between fresh ones into one valid zlib stream', () => {
    const x = Buffer.from('前缀'.repeat(100));
    const y = Buffer.from('共用的字形数据'.repeat(2000));
    const z = Buffer.from('本报告另加的字形');
    const pre = { deflated: deflateRawSync(y, { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH }), adler: adler32(y), length: y.length };
    const stream = zlibFromParts([{ raw: x }, pre, { raw: z }], 6);
    // inflateSync checks the Adler-32 trailer.
    expect(inflateSync(stream).equals(Buffer.concat([x, y, z]))).toBe(true);
    expect(inflateSync(zlibFromParts([{ raw: x }, pre], 6)).equals(Buffer.concat([x, y]))).toBe(true);
  });
});

describe('embedded font files', () => {
  const { a } = typicalHousehold();
  const pdf = render(a).pdf;
  const objects = pdfObjects(pdf);
  const fontFiles = [...objects.values()].filter((o) => /\/Length1 \d+/.test(o.dict));

  it('embeds two TrueType subsets whose checksums hold and whose every glyph is the source font’s', () => {
    expect(fontFiles).toHaveLength(2);
    for (const file of fontFiles) {
      const ttf = file.stream!;
      expect(ttf.length).toBe(Number(/\/Length1 (\d+)/.exec(file.dict)![1]));
      // The whole file sums to 0xB1B0AFBA once head.checkSumAdjustment is in (OpenType spec).
      expect(ttfChecksum(ttf)).toBe(0xb1b0afba);
      // fontkit reads it back; the glyph count agrees with the common block plus this report's extras.
      const font = fontkit.create(ttf);
      const common = [fontProgram('regular'), fontProgram('bold')].map((p) => p.common.gids.length + 1);
      expect(common.some((c) => font.numGlyphs >= c)).toBe(true);
    }
  });

  it('draws 张 with the outline Noto Sans SC has for it (a glyph, not a blank box)', () => {
    // The ToUnicode map of the regular font says which CID stands for 张 (U+5F20).
    const regular = [...objects.values()].find((o) => /\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/.test(o.dict) && /\/Type \/Font/.test(o.dict) && /ToUnicode/.test(o.dict))!;
    const toUnicode = objects.get(Number(/\/ToUnicode (\d+) 0 R/.exec(regular.dict)![1]))!.stream!.toString('latin1');
    const cid = parseInt(/<([0-9a-f]{4})> <5f20>/.exec(toUnicode)![1]!, 16);
    const descendant = objects.get(Number(/\/DescendantFonts \[(\d+) 0 R\]/.exec(regular.dict)![1]))!;
    const descriptor = objects.get(Number(/\/FontDescriptor (\d+) 0 R/.exec(descendant.dict)![1]))!;
    const ttf = objects.get(Number(/\/FontFile2 (\d+) 0 R/.exec(descriptor.dict)![1]))!.stream!;
    type WithGlyphs = fontkit.Font & { getGlyph(id: number): { path: { toSVG(): string } } };
    const embedded = fontkit.create(ttf) as WithGlyphs;
    const source = fontkit.create(fontProgram('regular').file) as WithGlyphs;
    const svg = embedded.getGlyph(cid).path.toSVG();
    expect(svg.length).toBeGreaterThan(100);
    expect(svg).toBe(source.getGlyph(source.glyphForCodePoint(0x5f20).id).path.toSVG());
  });
});
