import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { once } from 'node:events';

/** Output files are private (0600) and never carry their final name until complete (write to a temp name, rename). */
export const outputFileMode = 0o600;

const tempName = (path: string) => join(dirname(path), `.${basename(path)}.partial`);

export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = tempName(path);
  try {
    await writeFile(tmp, data, { mode: outputFileMode });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Streams lines to a temp file with backpressure, then renames it into place. */
export async function writeLinesAtomic(path: string, lines: Iterable<string>): Promise<void> {
  const tmp = tempName(path);
  const out = createWriteStream(tmp, { mode: outputFileMode });
  try {
    for (const line of lines) {
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(tmp, path);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}
