import { describe, expect, it } from 'vitest';
import { pdfInfoString, pdfIntegrityCode } from '../../src/audit/verifyPdf.js';

const code = '9ba7db17f6708eda296debe2c5cec8dfd8da4fdb9f25e73eb05e860dfadf8e7d';

/** UTF-16BE with a byte-order mark, escaped the way pdfkit writes a literal string. */
function pdfkitString(text: string): string {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
  const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\\': '\\\\', '(': '\\(', ')': '\\)' };
  return `(${be.toString('latin1').replace(/[\n\r\t\b\f()\\]/g, (c) => escapes[c]!)})`;
}

function pdf(body: string): Buffer {
  return Buffer.from(`%PDF-1.7\n%\xff\xff\n${body}\n%%EOF\n`, 'latin1');
}

describe('reading the integrity code from a PDF info dictionary', () => {
  it('follows /Info and an indirect Keywords string in UTF-16BE with escaped bytes', () => {
    // 峰 (U+5CF0) encodes as 5C F0: a backslash byte pdfkit escapes; 括 (U+62EC) and ( ) check balanced parentheses.
    const file = pdf(`5 0 obj\n${pdfkitString(`完整性校验码 ${code}`)}\nendobj\n7 0 obj\n<<\n/Author ${pdfkitString('峰(括)')}\n/Keywords 5 0 R\n>>\nendobj\ntrailer\n<<\n/Size 8\n/Info 7 0 R\n>>`);
    expect(pdfIntegrityCode(file)).toBe(code);
    expect(pdfInfoString(file, 'Author')).toBe('峰(括)');
  });

  it('reads a direct hex string and octal escapes; the newest trailer (incremental update) wins', () => {
    const hex = `<FEFF${Buffer.from(`完整性校验码 ${code.toUpperCase()}`, 'utf16le').swap16().toString('hex')}>`;
    const file = pdf(
      `1 0 obj\n<< /Keywords (old) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n` +
        `2 0 obj\n<< /Title (a\\050b\\051\\\nc) /Keywords ${hex} >>\nendobj\ntrailer\n<< /Info 2 0 R >>`,
    );
    expect(pdfIntegrityCode(file)).toBe(code); // lower case, whatever the file holds
    expect(pdfInfoString(file, 'Title')).toBe('a(b)c');
  });

  it('is null when there is no info dictionary, no Keywords or no code in it, or the syntax is broken', () => {
    expect(pdfIntegrityCode(pdf('1 0 obj\n<< >>\nendobj'))).toBeNull();
    expect(pdfIntegrityCode(pdf('1 0 obj\n<< /Title (x) >>\nendobj\ntrailer\n<< /Info 1 0 R >>'))).toBeNull();
    expect(pdfIntegrityCode(pdf('1 0 obj\n<< /Keywords (hedui) >>\nendobj\ntrailer\n<< /Info 1 0 R >>'))).toBeNull();
    expect(pdfIntegrityCode(pdf('1 0 obj\n<< /Keywords (unterminated >>\nendobj\ntrailer\n<< /Info 1 0 R >>'))).toBeNull();
    expect(pdfIntegrityCode(pdf('trailer\n<< /Info 9 0 R >>'))).toBeNull();
  });
});
