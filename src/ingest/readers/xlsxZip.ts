import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * Random-access reader for the ZIP container of an .xlsx on disk: the central directory is read once, then any part
 * is streamed (inflated) on demand from its offset. Only what the reader needs is decompressed, in the order it needs
 * it, whatever order the producer wrote the parts in, and nothing is parked in temp files. Handles data descriptors
 * (sizes come from the central directory) and ZIP64.
 */

/** Thrown for a container that is not a usable ZIP; the reader turns it into a FILE_REFUSED refusal. */
export class ZipFormatError extends Error {}

export interface ZipEntry {
  /** Part name as stored, without a leading slash. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const sigEocd = 0x06054b50;
const sigZip64Locator = 0x07064b50;
const sigZip64Eocd = 0x06064b50;
const sigCentral = 0x02014b50;
const sigLocal = 0x04034b50;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('ZIP64 大小超出范围');
  return Number(v);
}

export class ZipFile {
  /** Lower-cased part name → entry (OPC part names are case-insensitive). */
  private readonly entries = new Map<string, ZipEntry>();

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const fh = await open(path, 'r');
    try {
      const zip = new ZipFile(path, fh);
      await zip.readDirectory();
      return zip;
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(name.toLowerCase());
  }

  get names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  private async readDirectory(): Promise<void> {
    const { size } = await this.fh.stat();
    // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the very end of the file.
    const tailStart = Math.max(0, size - 22 - 0xffff);
    const tail = await readAt(this.fh, tailStart, size - tailStart);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === sigEocd) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError('找不到 ZIP 目录（文件可能不完整，例如下载或复制时被截断）');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== sigZip64Locator) throw new ZipFormatError('ZIP64 目录定位记录缺失');
      const z64 = await readAt(this.fh, u64(tail, loc + 8), 56);
      if (z64.length < 56 || z64.readUInt32LE(0) !== sigZip64Eocd) throw new ZipFormatError('ZIP64 目录记录损坏');
      count = u64(z64, 32);
      cdSize = u64(z64, 40);
      cdOffset = u64(z64, 48);
    }
    if (cdOffset + cdSize > size || cdSize > 256 * 1024 * 1024) throw new ZipFormatError('ZIP 目录位置不正确（文件可能已损坏）');
    const cd = await readAt(this.fh, cdOffset, cdSize);
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== sigCentral) throw new ZipFormatError('ZIP 目录记录损坏');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      const rawName = cd.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
      // ZIP64 extended information: the 8-byte values present are those whose 32-bit field is saturated, in order.
      let x = p + 46 + nameLen;
      const extraEnd = x + extraLen;
      while (x + 4 <= extraEnd) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          const end = q + len;
          if (uncompressedSize === 0xffffffff && q + 8 <= end) {
            uncompressedSize = u64(cd, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= end) {
            compressedSize = u64(cd, q);
            q += 8;
          }
          if (localHeaderOffset === 0xffffffff && q + 8 <= end) localHeaderOffset = u64(cd, q);
        }
        x += 4 + len;
      }
      const name = rawName.replace(/\\/g, '/').replace(/^\/+/, '');
      if (!name.endsWith('/')) {
        this.entries.set(name.toLowerCase(), { name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
      }
      p = extraEnd + commentLen;
    }
  }

  /** The part's bytes, inflated, as a stream (chunks are Buffers). Errors (corrupt data, I/O) surface on it. */
  async openStream(entry: ZipEntry): Promise<Readable> {
    if (entry.flags & 0x1) throw new ZipFormatError(`部件 ${entry.name} 已加密`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`部件 ${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
    const header = await readAt(this.fh, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== sigLocal) throw new ZipFormatError(`部件 ${entry.name} 的文件头损坏`);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (entry.compressedSize === 0) {
      const empty = new PassThrough();
      empty.end();
      return empty;
    }
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 });
    if (entry.method === 0) return raw;
    const inflate = createInflateRaw({ chunkSize: 1 << 16 });
    // pipeline destroys both on error and re-emits it on the returned stream.
    return pipeline(raw, inflate, () => {});
  }

  /** A small part, whole, decoded as UTF-8 (BOM dropped). */
  async readText(entry: ZipEntry, maxBytes = 64 * 1024 * 1024): Promise<string> {
    if (entry.uncompressedSize > maxBytes) throw new ZipFormatError(`部件 ${entry.name} 过大`);
    const parts: Buffer[] = [];
    let total = 0;
    for await (const chunk of await this.openStream(entry)) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > maxBytes) throw new ZipFormatError(`部件 ${entry.name} 过大`);
      parts.push(buf);
    }
    return new TextDecoder().decode(Buffer.concat(parts));
  }
}
