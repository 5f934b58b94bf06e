/**
 * Reads the integrity code back out of a 核对报告 PDF for `hedui verify` (issue 6). The renderer
 * (src/report/pdf/renderReport.ts) puts the full code in the document info dictionary as
 * Keywords `完整性校验码 <64 hex>`; pdfkit writes the info dictionary and its strings as plain (uncompressed)
 * objects, non-ASCII strings as literal UTF-16BE with a byte-order mark and `\`-escapes. The footer only shows the
 * first 16 hex digits inside compressed content streams, so the info dictionary is the place to read it.
 *
 * This is a small reader of the PDF object syntax, not a PDF library: it follows the last `/Info n g R` of the file
 * (the newest trailer wins, as in an incremental update) to its object and reads one string. Anything it cannot
 * follow yields null, which verify reports as a missing code rather than guessing.
 */

const integrityPattern = /完整性校验码\s*([0-9a-fA-F]{64})/;

/** The 64-hex integrity code in the PDF's info dictionary Keywords, lower case; null when there is none. */
export function pdfIntegrityCode(pdf: Buffer): string | null {
  const keywords = pdfInfoString(pdf, 'Keywords');
  const m = keywords === null ? null : integrityPattern.exec(keywords);
  return m ? m[1]!.toLowerCase() : null;
}

/** A text entry of the document info dictionary (Title, Keywords, …), decoded; null when absent or unreadable. */
export function pdfInfoString(pdf: Buffer, key: string): string | null {
  // latin1 maps every byte to one char, so string offsets are byte offsets and binary streams cannot break decoding.
  const text = pdf.toString('latin1');
  let info: Ref | undefined;
  for (const m of text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)) info = { num: Number(m[1]), gen: Number(m[2]) };
  if (!info) return null;
  try {
    const dict = objectValue(text, info);
    if (!dict || dict.type !== 'dict') return null;
    let value = dict.entries.get(key);
    if (value?.type === 'ref') value = objectValue(text, value);
    return value?.type === 'string' ? decodeTextString(value.bytes) : null;
  } catch {
    return null; // malformed syntax: no code rather than a crash
  }
}

interface Ref {
  num: number;
  gen: number;
}

type PdfValue =
  | { type: 'dict'; entries: Map<string, PdfValue> }
  | { type: 'array'; items: PdfValue[] }
  | { type: 'string'; bytes: Buffer }
  | { type: 'ref'; num: number; gen: number }
  | { type: 'name'; name: string }
  | { type: 'other'; token: string };

/** The value of indirect object `num gen obj`; the last definition in the file wins (incremental updates). */
function objectValue(text: string, ref: Ref): PdfValue | undefined {
  let start = -1;
  for (const m of text.matchAll(new RegExp(`(?:^|[^0-9])${ref.num}\\s+${ref.gen}\\s+obj\\b`, 'g'))) start = m.index + m[0].length;
  if (start < 0) return undefined;
  return new Parser(text, start).value();
}

const whitespace = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const delimiters = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

class Parser {
  constructor(
    private readonly s: string,
    private i: number,
  ) {}

  value(): PdfValue {
    this.skip();
    const c = this.s[this.i];
    if (c === undefined) throw new Error('end of file');
    if (c === '<' && this.s[this.i + 1] === '<') return this.dict();
    if (c === '<') return this.hexString();
    if (c === '(') return this.literalString();
    if (c === '[') return this.array();
    if (c === '/') return { type: 'name', name: this.name() };
    const token = this.token();
    // `n g R`: look ahead for the two following tokens without consuming them when it is not a reference.
    if (/^\d+$/.test(token)) {
      const save = this.i;
      this.skip();
      const gen = this.token();
      this.skip();
      if (/^\d+$/.test(gen) && this.s[this.i] === 'R' && this.isEnd(this.i + 1)) {
        this.i++;
        return { type: 'ref', num: Number(token), gen: Number(gen) };
      }
      this.i = save;
    }
    return { type: 'other', token };
  }

  private dict(): PdfValue {
    this.i += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skip();
      if (this.s.startsWith('>>', this.i)) {
        this.i += 2;
        return { type: 'dict', entries };
      }
      if (this.s[this.i] !== '/') throw new Error('dictionary key expected');
      const key = this.name();
      entries.set(key, this.value());
    }
  }

  private array(): PdfValue {
    this.i++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skip();
      if (this.s[this.i] === ']') {
        this.i++;
        return { type: 'array', items };
      }
      items.push(this.value());
    }
  }

  private name(): string {
    this.i++; // '/'
    const start = this.i;
    while (!this.isEnd(this.i)) this.i++;
    // #xx escapes in names (PDF 1.2+)
    return this.s.slice(start, this.i).replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }

  private token(): string {
    const start = this.i;
    while (!this.isEnd(this.i)) this.i++;
    if (this.i === start) throw new Error(`unexpected “${this.s[this.i]}”`);
    return this.s.slice(start, this.i);
  }

  private hexString(): PdfValue {
    const end = this.s.indexOf('>', this.i);
    if (end < 0) throw new Error('unterminated hex string');
    let hex = this.s.slice(this.i + 1, end).replace(/[\0\t\n\f\r ]/g, '');
    this.i = end + 1;
    if (hex.length % 2) hex += '0'; // a missing final digit is 0 (PDF 32000 §7.3.4.3)
    return { type: 'string', bytes: Buffer.from(hex, 'hex') };
  }

  /** A literal string: balanced parentheses, backslash escapes, octal codes and line continuations (§7.3.4.2). */
  private literalString(): PdfValue {
    const out: number[] = [];
    let depth = 0;
    const s = this.s;
    let i = this.i + 1;
    for (;;) {
      const c = s[i];
      if (c === undefined) throw new Error('unterminated string');
      if (c === '\\') {
        const n = s[i + 1];
        i += 2;
        if (n === undefined) throw new Error('unterminated string');
        const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
        if (n in simple) out.push(simple[n]!);
        else if (n >= '0' && n <= '7') {
          let oct = n;
          while (oct.length < 3 && s[i]! >= '0' && s[i]! <= '7') oct += s[i++];
          out.push(parseInt(oct, 8) & 0xff);
        } else if (n === '\r') {
          if (s[i] === '\n') i++; // continuation over CRLF
        } else if (n !== '\n') out.push(n.charCodeAt(0)); // unknown escape: the backslash is ignored
        continue;
      }
      if (c === '(') depth++;
      if (c === ')' && depth-- === 0) {
        this.i = i + 1;
        return { type: 'string', bytes: Buffer.from(out) };
      }
      out.push(c.charCodeAt(0));
      i++;
    }
  }

  private skip(): void {
    for (;;) {
      while (whitespace.has(this.s[this.i]!)) this.i++;
      if (this.s[this.i] !== '%') return;
      while (this.i < this.s.length && this.s[this.i] !== '\n' && this.s[this.i] !== '\r') this.i++; // comment
    }
  }

  private isEnd(i: number): boolean {
    const c = this.s[i];
    return c === undefined || whitespace.has(c) || delimiters.has(c);
  }
}

/** A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one (PDF 2.0), else PDFDocEncoding ≈ Latin-1. */
function decodeTextString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}
