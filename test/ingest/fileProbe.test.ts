import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeFile } from '../../src/ingest/fileProbe.js';
import { tempDir } from '../helpers/workspace.js';

describe('probeFile encoding evidence', () => {
  it('finds UTF-8 valid across 1 MiB chunk boundaries that split a character, and GB18030 not', async () => {
    const dir = tempDir();
    // 3-byte characters after an odd ASCII prefix, so a chunk boundary lands inside a character.
    const text = 'a' + '菏泽市牡丹区'.repeat(300_000);
    const utf8 = join(dir, 'u.csv');
    writeFileSync(utf8, text);
    expect((await probeFile(utf8, { checkUtf8: true })).validUtf8).toBe(true);
    const gb = join(dir, 'g.csv');
    writeFileSync(gb, iconv.encode(text, 'gb18030'));
    expect((await probeFile(gb, { checkUtf8: true })).validUtf8).toBe(false);
  });

  it('rejects a file cut inside a character, and sees the BOM', async () => {
    const dir = tempDir();
    const cut = join(dir, 'c.csv');
    writeFileSync(cut, Buffer.from('\uFEFF姓名', 'utf8').subarray(0, 7));
    const p = await probeFile(cut, { checkUtf8: true });
    expect(p.utf8Bom).toBe(true);
    expect(p.validUtf8).toBe(false);
  });
});
