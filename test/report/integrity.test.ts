import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, integrityCode } from '../../src/report/integrity.js';
import { stringifyWithMoney, withIntegrityCode } from '../../src/report/resultsJson.js';

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

describe('withIntegrityCode: the stored entry text without serialising the entry twice', () => {
  it('gives the bytes of stringifying the entry with integrity_code as its last key', () => {
    // Money travels marked (two decimals) and loses its marks in stringifyWithMoney; text may hold braces and quotes.
    const entries: Record<string, unknown>[] = [
      { application_id: 'H1', benefit_monthly: '\udbff939.00', reasons: [{ code: 'X', message: '见 {a}"}' }], report_file: null },
      { application_id: '𠮷2', upper: { per_capita_monthly_income: '\udbff-0.05' }, report_file: 'reports/𠮷2.pdf', report_sha256: 'ab' },
    ];
    for (const e of entries) {
      expect(withIntegrityCode(stringifyWithMoney(e), 'c0de')).toBe(stringifyWithMoney({ ...e, integrity_code: 'c0de' }));
    }
    expect(withIntegrityCode(stringifyWithMoney(entries[0]), 'c0de')).toBe(
      '{"application_id":"H1","benefit_monthly":939.00,"reasons":[{"code":"X","message":"见 {a}\\"}"}],"report_file":null,"integrity_code":"c0de"}',
    );
  });
});
