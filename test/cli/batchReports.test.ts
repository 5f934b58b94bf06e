import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hedui } from '../helpers/cli.js';
import { tempDir } from '../helpers/workspace.js';
import { has } from '../report/pdf/households.js';

const tools = has('pdftotext') && has('qpdf');
if (!tools) console.warn('SKIPPED: pdftotext/qpdf are not installed, so the end-to-end report check did not run (apt-get install qpdf poppler-utils)');

interface Entry {
  application_id: string;
  verdict: string;
  per_capita_monthly_income: number | null;
  report_file: string;
}

describe('hedui batch on fixtures/demo: every PDF read back with real readers agrees with results.json', () => {
  it.skipIf(!tools)('qpdf --check passes; the text holds the applicant, the verdict and p exactly as results.json, never a full ID', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const r = hedui(['batch', '--input', 'fixtures/demo', '--out', out, '--workspace', join(dir, 'ws')]);
    expect(r.code).toBe(10);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { households: Entry[] };
    expect(readdirSync(join(out, 'reports')).length).toBe(results.households.length);
    // Full IDs of the demo applicants, to prove none reaches a report.
    const applicantIds = readFileSync('fixtures/demo/applicants-1.csv', 'utf8').match(/\b\d{17}[\dXx]\b/g) ?? [];
    expect(applicantIds.length).toBeGreaterThan(10);
    for (const h of results.households) {
      const pdf = join(out, h.report_file);
      execFileSync('qpdf', ['--check', pdf], { stdio: 'pipe' });
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text, h.application_id).toContain(h.application_id);
      expect(text, h.application_id).toContain(h.verdict);
      if (h.per_capita_monthly_income !== null) {
        expect(text, h.application_id).toContain(h.per_capita_monthly_income.toFixed(2));
      }
      for (const id of applicantIds) expect(text.includes(id), `${h.application_id} shows a full ID`).toBe(false);
    }
  });
});
