import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';

/** One report PDF, atomically (temp name + rename, mode 0600). */
export function writePdf(dir: string, file: string, bytes: Buffer): Promise<void> {
  return writeFileAtomic(join(dir, file), bytes);
}
