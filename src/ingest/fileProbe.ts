import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** One streaming pass over a file before it is parsed: identity (sha256, size) and encoding evidence. */
export interface FileProbe {
  sha256: string;
  size: number;
  /** The first bytes, for format sniffing (.xls magic, zip). */
  head: Buffer;
  utf8Bom: boolean;
  /** The whole file decodes as UTF-8 (data-contract.md: valid UTF-8 → UTF-8, else GB18030). */
  validUtf8: boolean;
}

export async function probeFile(path: string, opts: { checkUtf8: boolean }): Promise<FileProbe> {
  const hash = createHash('sha256');
  let validUtf8 = opts.checkUtf8;
  let size = 0;
  let head = Buffer.alloc(0);
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
    size += chunk.length;
    if (validUtf8) {
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeUtf8Length(bytes);
      validUtf8 = isUtf8(bytes.subarray(0, cut));
      carry = Buffer.from(bytes.subarray(cut));
    }
  }
  if (carry.length) validUtf8 = false; // the file ends inside a multi-byte sequence
  const utf8Bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return { sha256: hash.digest('hex'), size, head, utf8Bom, validUtf8 };
}

/** Length of `bytes` without a trailing multi-byte sequence that the next chunk completes (at most 3 bytes held back). */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length; // ASCII: nothing pending
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length; // continuation bytes only: let isUtf8 judge them
}
