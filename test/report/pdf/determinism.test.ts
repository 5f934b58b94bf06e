/** Identical input → byte-identical PDF (issue 4 §3), in this process and in a fresh one. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '../../../src/report/pdf/renderReport.js';
import { contextFor, eligibleHousehold, pdfObjects, typicalHousehold } from './households.js';

describe('deterministic PDF', () => {
  const a = typicalHousehold().a;
  const ctx = contextFor(a);

  it('renders the same bytes twice, whatever was rendered in between', () => {
    const first = renderReportPdf(a, ctx).pdf;
    renderReportPdf(eligibleHousehold(), contextFor(eligibleHousehold(), 2));
    const second = renderReportPdf(a, ctx).pdf;
    expect(second.equals(first)).toBe(true);
  });

  it('renders the same bytes in a fresh process (compiled dist/, built by the test setup)', () => {
    const dist = fileURLToPath(new URL('../../../dist/report/pdf/renderReport.js', import.meta.url));
    const script = `import(${JSON.stringify(dist)}).then((m) => { let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => { const { a, ctx } = JSON.parse(s); process.stdout.write(m.renderReportPdf(a, ctx).pdf.toString('base64')); }); });`;
    const out = execFileSync(process.execPath, ['-e', script], { input: JSON.stringify({ a, ctx }), maxBuffer: 64 * 1024 * 1024 });
    expect(Buffer.from(out.toString(), 'base64').equals(renderReportPdf(a, ctx).pdf)).toBe(true);
  });

  it('dates the file with the as-of date, never the clock, and derives /ID and subset tags from the content', () => {
    const pdf = renderReportPdf(a, ctx).pdf;
    const text = pdf.toString('latin1');
    // pdfkit writes each info value as an object of its own: /CreationDate n 0 R, /ModDate m 0 R.
    const objects = pdfObjects(pdf);
    const infoValue = (key: string) => objects.get(Number(new RegExp(`/${key} (\\d+) 0 R`).exec(text)![1]))!.dict.trim();
    expect(infoValue('CreationDate')).toBe('(D:20240630000000Z)');
    expect(infoValue('ModDate')).toBe('(D:20240630000000Z)');
    expect(text.match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20240630000000Z)', '(D:20240630000000Z)']);
    expect(text).toContain('<xmp:CreateDate>2024-06-30T00:00:00Z</xmp:CreateDate>');
    const id = /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(text);
    expect(id).not.toBeNull();
    const tags = (s: string) => [...s.matchAll(/\/BaseFont \/([A-Z]{6})\+NotoSansSC/g)].map((m) => m[1]);

    const other = eligibleHousehold();
    const otherPdf = renderReportPdf(other, { ...contextFor(other, 2), integrityCode: 'ab'.repeat(32) }).pdf.toString('latin1');
    expect(/\/ID \[<([0-9a-f]{32})>/.exec(otherPdf)![1]).not.toBe(id![1]);
    // Different glyph sets → different tags; the same report → the same tags.
    expect(tags(otherPdf)).not.toEqual(tags(text));
    expect(tags(renderReportPdf(a, ctx).pdf.toString('latin1'))).toEqual(tags(text));
    // No name in the document information or XMP metadata (they travel with every copy of the file, unprinted):
    // the only uncompressed places text could be; the pages' text is inside compressed streams.
    const utf16be = Buffer.from('张三', 'utf16le').swap16();
    expect(pdf.includes(utf16be)).toBe(false);
    expect(pdf.includes(Buffer.from('张三', 'utf8'))).toBe(false);
    const metadata = [...objects.values()].find((o) => o.dict.includes('/Type /Metadata'));
    expect(metadata?.stream?.toString('utf8')).toContain('居民家庭经济状况核对报告');
  });
});
