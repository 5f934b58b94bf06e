/**
 * Byte-level helpers for building a report's embedded font file: TrueType checksums, Adler-32 and zlib streams
 * assembled from deflate segments.
 *
 * Why segments: the glyphs every report shares are deflated once per process (src/report/pdf/fontProgram.ts). A raw
 * deflate segment that ends on a full flush is byte-aligned, final-bit clear and refers to nothing before it, so
 * segments compressed separately can be laid end to end and decompress as one stream; only the zlib header and the
 * Adler-32 of the whole uncompressed text have to be written around them (RFC 1950/1951).
 */
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';

const adlerBase = 65521;

/** Adler-32 (RFC 1950) of bytes, continuing from `start` (1 for a fresh sum). */
export function adler32(bytes: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    // 3800 bytes keep both sums below 2^31 between reductions (zlib uses 5552 with unsigned 32-bit sums).
    const end = Math.min(i + 3800, n);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= adlerBase;
    b %= adlerBase;
  }
  return ((b << 16) | a) >>> 0;
}

/** Adler-32 of A followed by B, from adler(A), adler(B) and B's length (zlib's adler32_combine). */
export function adler32Combine(adlerA: number, adlerB: number, lengthB: number): number {
  const rem = lengthB % adlerBase;
  let sum1 = adlerA & 0xffff;
  let sum2 = (rem * sum1) % adlerBase;
  sum1 += (adlerB & 0xffff) + adlerBase - 1;
  sum2 += ((adlerA >>> 16) & 0xffff) + ((adlerB >>> 16) & 0xffff) + adlerBase - rem;
  if (sum1 >= adlerBase) sum1 -= adlerBase;
  if (sum1 >= adlerBase) sum1 -= adlerBase;
  if (sum2 >= adlerBase * 2) sum2 -= adlerBase * 2;
  if (sum2 >= adlerBase) sum2 -= adlerBase;
  return ((sum2 << 16) | sum1) >>> 0;
}

/** TrueType table checksum: the sum of big-endian 32-bit words, the last one zero-padded. */
export function ttfChecksum(bytes: Uint8Array): number {
  let sum = 0;
  const n = bytes.length;
  const whole = n - (n % 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 0;
  for (; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (i < n) {
    let last = 0;
    for (let k = 0; k < 4; k++) last = (last << 8) | (i + k < n ? bytes[i + k]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** One part of a zlib stream: either bytes to deflate now, or a segment deflated earlier with its Adler-32. */
export type ZlibPart = { raw: Uint8Array } | { deflated: Uint8Array; adler: number; length: number };

/**
 * A zlib stream (FlateDecode) of the parts' uncompressed concatenation. Fresh parts are deflated at `level`; every
 * part but the last ends on a full flush, the last one finishes the stream.
 */
export function zlibFromParts(parts: ZlibPart[], level: number): Buffer {
  const out: Uint8Array[] = [Buffer.from([0x78, 0xda])];
  let adler = 1;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if ('raw' in part) {
      out.push(deflateRawSync(part.raw, { level, finishFlush: last ? zlibConstants.Z_FINISH : zlibConstants.Z_FULL_FLUSH }));
      adler = adler32(part.raw, adler);
    } else {
      out.push(part.deflated);
      adler = adler32Combine(adler, part.adler, part.length);
    }
  });
  if (parts.length === 0 || !('raw' in parts[parts.length - 1]!)) out.push(deflateRawSync(Buffer.alloc(0), { level }));
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler, 0);
  out.push(trailer);
  return Buffer.concat(out);
}
