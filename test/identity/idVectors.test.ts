import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeIdText, parseIdNumber, type IdProblem } from '../../src/identity/idNumber.js';

// The spec's vectors (shared/data/id-vectors.tsv): input, valid, normalized, why.
const vectorsPath = new URL('./id-vectors.tsv', import.meta.url);
const rows = readFileSync(vectorsPath, 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line !== '')
  .map((line) => {
    const [input = '', valid = '', normalized = '', why = ''] = line.split('\t');
    return { input, valid, normalized, why };
  });

/** The problem an invalid vector must report, read from its `why`; an unrecognised why fails the test on purpose. */
function expectedProblem(why: string): IdProblem {
  if (/not a date/.test(why)) return 'date';
  if (/wrong check character/.test(why)) return 'checksum';
  if (/^\d+ characters$/.test(why)) return 'length';
  if (/bad check character symbol|non-digit/.test(why)) return 'characters';
  throw new Error(`no expected problem known for why “${why}”`);
}

describe('id-vectors.tsv', () => {
  it('holds the 16 vectors of the spec', () => {
    expect(rows).toHaveLength(16);
  });

  for (const { input, valid, normalized, why } of rows) {
    it(`${input} → ${valid === 'yes' ? normalized : 'invalid'} (${why})`, () => {
      const parsed = parseIdNumber(input);
      if (valid === 'yes') {
        expect(parsed).toMatchObject({ ok: true, id: normalized, upgraded: normalizeIdText(input).length === 15 });
        if (!parsed.ok) return;
        const born = /born (\d{4}(?:-\d\d-\d\d)?)/.exec(why)?.[1];
        if (born !== undefined) expect(parsed.birthDate.startsWith(born)).toBe(true);
        if (/\bfemale\b/.test(why)) expect(parsed.sex).toBe('F');
        const region = /region (\d{6})/.exec(why)?.[1];
        if (region !== undefined) expect(parsed.regionPrefix).toBe(region);
      } else {
        expect(valid).toBe('no');
        expect(parsed).toMatchObject({ ok: false, normalized: normalizeIdText(input), problem: expectedProblem(why) });
        const expectedCheck = /expected ([0-9X])\)/.exec(why)?.[1];
        if (expectedCheck !== undefined && !parsed.ok) expect(parsed.detail).toContain(`校验位应为 ${expectedCheck}`);
      }
    });
  }
});
