/**
 * Fixed zip entry times, for byte-identical workbooks (issue 4 item 3).
 *
 * exceljs's streaming writer hands its parts to archiver without a date, and zip-stream stamps each entry with the
 * time it is processed (`util.dateify(null)` = now). Two entries are appended inside the WorkbookWriter constructor,
 * before any caller code could intervene, and neither exceljs nor archiver has an archive-wide date option. So after
 * the archive is complete we rewrite, in place, the 4-byte DOS time/date of every entry — in its local file header and
 * in its central-directory record. Nothing else in the file depends on them: the CRC covers the data only, sizes and
 * offsets do not change, and zip-stream writes no extra fields carrying times (checked below: an extended-timestamp
 * or NTFS extra field would make us fail loudly instead of leaving a time behind).
 */
import { open } from 'node:fs/promises';
import { InternalError } from '../../errors.js';

const sig = { local: 0x04034b50, central: 0x02014b50, eocd: 0x06054b50, zip64Eocd: 0x06064b50, zip64Locator: 0x07064b50 } as const;
/** Extra-field ids that carry times: extended timestamp (UT), NTFS, Info-ZIP Unix (old). */
const timeExtraIds = new Set([0x5455, 0x000a, 0x5855]);

/** DOS date/time of `YYYY-MM-DD` 00:00:00 (no time zone: the DOS fields have none). Outside 1980…2107 → 1980-01-01. */
export function dosDateTime(ymd: string): { date: number; time: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  const y = m ? Number(m[1]) : 1980;
  if (!m || y < 1980 || y > 2107) return { date: (0 << 9) | (1 << 5) | 1, time: 0 };
  return { date: ((y - 1980) << 9) | (Number(m[2]) << 5) | Number(m[3]), time: 0 };
}

function checkExtra(extra: Buffer, path: string, where: string): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (timeExtraIds.has(id)) throw new InternalError('ZIP_TIMES', `${path}: ${where} has a time-bearing extra field 0x${id.toString(16)}`);
    p += 4 + len;
  }
}

/**
 * Sets every entry's DOS modification time to `ymd` 00:00:00. Handles zip64 archives (a 1,000,000-row sheet stays far
 * below 4 GiB, but the code should not break if one day it does not). Returns the number of entries.
 */
export async function fixZipEntryTimes(path: string, ymd: string): Promise<number> {
  const { date, time } = dosDateTime(ymd);
  const stamp = Buffer.alloc(4);
  stamp.writeUInt16LE(time, 0);
  stamp.writeUInt16LE(date, 2);
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    const readAt = async (position: number, length: number): Promise<Buffer> => {
      const b = Buffer.alloc(length);
      const { bytesRead } = await fh.read(b, 0, length, position);
      if (bytesRead !== length) throw new InternalError('ZIP_TIMES', `${path}: short read at ${position}`);
      return b;
    };
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = await readAt(size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === sig.eocd) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new InternalError('ZIP_TIMES', `${path}: no end-of-central-directory record`);
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const locatorAt = eocd - 20;
      if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== sig.zip64Locator) throw new InternalError('ZIP_TIMES', `${path}: zip64 locator missing`);
      const z64 = await readAt(Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
      if (z64.readUInt32LE(0) !== sig.zip64Eocd) throw new InternalError('ZIP_TIMES', `${path}: bad zip64 end record`);
      entries = Number(z64.readBigUInt64LE(32));
      cdSize = Number(z64.readBigUInt64LE(40));
      cdOffset = Number(z64.readBigUInt64LE(48));
    }
    const cd = await readAt(cdOffset, cdSize);
    let p = 0;
    for (let k = 0; k < entries; k++) {
      if (cd.readUInt32LE(p) !== sig.central) throw new InternalError('ZIP_TIMES', `${path}: bad central directory record ${k}`);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const extra = cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
      checkExtra(extra, path, `central record ${k}`);
      let local = cd.readUInt32LE(p + 42);
      if (local === 0xffffffff) {
        // zip64 extra (0x0001): [uncompressed][compressed][local offset]…, each present only when its field is 0xffffffff.
        let q = 0;
        while (q + 4 <= extra.length && extra.readUInt16LE(q) !== 0x0001) q += 4 + extra.readUInt16LE(q + 2);
        if (q + 4 > extra.length) throw new InternalError('ZIP_TIMES', `${path}: zip64 offset missing in record ${k}`);
        let at = q + 4;
        if (cd.readUInt32LE(p + 24) === 0xffffffff) at += 8;
        if (cd.readUInt32LE(p + 20) === 0xffffffff) at += 8;
        local = Number(extra.readBigUInt64LE(at));
      }
      stamp.copy(cd, p + 12);
      const head = await readAt(local, 30);
      if (head.readUInt32LE(0) !== sig.local) throw new InternalError('ZIP_TIMES', `${path}: bad local header for record ${k}`);
      const localExtraLen = head.readUInt16LE(28);
      if (localExtraLen > 0) checkExtra(await readAt(local + 30 + head.readUInt16LE(26), localExtraLen), path, `local header ${k}`);
      await fh.write(stamp, 0, 4, local + 10);
      p += 46 + nameLen + extraLen + commentLen;
    }
    await fh.write(cd, 0, cdSize, cdOffset);
    return entries;
  } finally {
    await fh.close();
  }
}
