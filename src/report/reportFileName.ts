/**
 * Report file names (data-contract.md): keep only [0-9A-Za-z_-] and CJK characters of the application_id, so the
 * name is valid on NTFS and Linux alike; when two applications would share a name, every one of them gets `-` and
 * the first 8 hex of SHA-256(application_id) appended, so no report overwrites another and names never depend on
 * which household came first.
 */
import { createHash } from 'node:crypto';

const unsafe = /[^0-9A-Za-z_\-\p{Script=Han}]/gu;

export function safeBaseName(applicationId: string): string {
  const kept = applicationId.normalize('NFC').replace(unsafe, '');
  return kept === '' ? '_' : kept;
}

const hashSuffix = (applicationId: string) => createHash('sha256').update(applicationId, 'utf8').digest('hex').slice(0, 8);

/** The base names that more than one application would get (lower-cased: NTFS names are case-insensitive). */
export function collidingBaseNames(applicationIds: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const colliding = new Set<string>();
  for (const id of applicationIds) {
    const key = safeBaseName(id).toLowerCase();
    if (seen.has(key)) colliding.add(key);
    else seen.add(key);
  }
  return colliding;
}

export function reportFileName(applicationId: string, colliding: ReadonlySet<string>): string {
  const base = safeBaseName(applicationId);
  return colliding.has(base.toLowerCase()) ? `${base}-${hashSuffix(applicationId)}.pdf` : `${base}.pdf`;
}
