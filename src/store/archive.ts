/**
 * Inputs archived content-addressed in the workspace (issue 5): `archive/<first 2 hex>/<sha256>` holds the exact
 * bytes a batch used, so a later audit recomputes from what was used, not from whatever the input folder holds now.
 * Identical files are stored once. Written to a temporary name and renamed; mode 0600 (the files hold personal data).
 */
import { chmod, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256OfFile } from './fileHash.js';

export function archivePath(workspace: string, sha256: string): string {
  return join(workspace, 'archive', sha256.slice(0, 2), sha256);
}

/** Copy `path` into the archive under `sha256` unless it is there already; returns the archive path. */
export async function archiveInput(workspace: string, path: string, sha256: string): Promise<string> {
  const target = archivePath(workspace, sha256);
  if (await stat(target).then(() => true, () => false)) return target;
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.partial`;
  try {
    await copyFile(path, tmp);
    await chmod(tmp, 0o600);
    // The file may have changed since it was hashed at import: never store bytes under another file's name.
    if ((await sha256OfFile(tmp)) !== sha256) throw new Error(`input changed while it was archived: ${path}`);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return target;
}
