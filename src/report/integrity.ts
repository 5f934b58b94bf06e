/**
 * The integrity code of a household report (README.md §8, issue 4): SHA-256 over the household's canonical results
 * entry and the pack's SHA-256. Canonical = the entry as results.json holds it, parsed as plain JSON (so `939.00` is
 * the number 939), without the fields that describe the report itself (report_file, report_sha256,
 * integrity_code — the report carries the code, so it cannot be part of it), re-serialised with JSON.stringify in the
 * entry's own key order. Anyone can recompute it from results.json and the pack.
 */
import { createHash } from 'node:crypto';

const reportFields = ['report_file', 'report_sha256', 'integrity_code'];

export function canonicalEntry(entry: Record<string, unknown>): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (!reportFields.includes(k)) copy[k] = v;
  return JSON.stringify(copy);
}

export function integrityCode(entry: Record<string, unknown>, packSha256: string): string {
  return createHash('sha256').update(`${canonicalEntry(entry)}\n${packSha256}`, 'utf8').digest('hex');
}
