import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, integrityCode } from '../../src/report/integrity.js';

describe('report integrity code', () => {
  it('is SHA-256 of the canonical entry (report fields removed) and the pack hash, recomputable from results.json', () => {
    const text = '{"application_id":"H1","benefit_monthly":939.00,"report_no":"1","report_file":"reports/H1.pdf","report_sha256":"ab","integrity_code":"cd"}';
    const entry = JSON.parse(text) as Record<string, unknown>;
    expect(canonicalEntry(entry)).toBe('{"application_id":"H1","benefit_monthly":939,"report_no":"1"}');
    const expected = createHash('sha256').update('{"application_id":"H1","benefit_monthly":939,"report_no":"1"}\npack').digest('hex');
    expect(integrityCode(entry, 'pack')).toBe(expected);
    // Any change to a figure changes the code.
    expect(integrityCode({ ...entry, benefit_monthly: 939.01 }, 'pack')).not.toBe(expected);
    expect(integrityCode(entry, 'other-pack')).not.toBe(expected);
  });
});
