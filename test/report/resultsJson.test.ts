import { describe, expect, it } from 'vitest';
import { reportNumber, resultsJsonLines, stringifyWithMoney } from '../../src/report/resultsJson.js';

describe('results.json text', () => {
  it('report_no = region_code + as-of yyyyMMdd + sequence of at least 4 digits (data-contract.md)', () => {
    expect(reportNumber('371702', '2024-06-30', 7)).toBe('371702202406300007');
    expect(reportNumber('371702', '2024-06-30', 12345)).toBe('3717022024063012345');
  });

  it('streams a valid JSON document, with and without households', () => {
    const header = { batchId: 'ab', asOf: '2024-06-30', toolVersion: '1', policy: { id: 'p', version: 'v', sha256: 's' }, warnings: [] };
    const empty = JSON.parse([...resultsJsonLines(header, [])].join(''));
    expect(empty.households).toEqual([]);
    const two = JSON.parse([...resultsJsonLines({ ...header, asOf: '' }, ['{"a":1}', '{"a":2.50}'])].join(''));
    expect(two.as_of).toBeNull();
    expect(two.households).toEqual([{ a: 1 }, { a: 2.5 }]);
  });

  it('text that looks like a number stays a string', () => {
    // Only values the writer marks become bare numbers; input text (IDs, messages) is never unquoted.
    expect(stringifyWithMoney({ id: '939.00', note: '\\udbff1.00' })).toBe('{"id":"939.00","note":"\\\\udbff1.00"}');
  });
});
