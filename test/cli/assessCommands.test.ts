import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hedui } from '../helpers/cli.js';
import { tempDir, writeText } from '../helpers/workspace.js';

const header = '申请编号,区划代码,城乡类别,救助类别,申请日期,姓名,身份证号,与申请人关系,授权核对';
const A = '11010519491231002X'; // valid (GB 11643 example); born 1949-12-31
const pack = readFileSync('fixtures/policy/heze-2024.yaml', 'utf8');

function folder(files: Record<string, string>): { dir: string; input: string; out: string; ws: string } {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeText(dir, `in/${name}`, text);
  return { dir, input: join(dir, 'in'), out: join(dir, 'out'), ws: join(dir, 'ws') };
}

describe('hedui batch: policy selection (rules.md “Policy pack”)', () => {
  it('no pack in the folder and no --policy → exit 3, nothing assessed, says how to pass one', () => {
    const f = folder({ 'applicants.csv': `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\n` });
    const r = hedui(['batch', '--input', f.input, '--out', f.out, '--workspace', f.ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('POLICY_MISSING');
    expect(r.stderr).toContain('--policy');
  });

  it('two packs → exit 3 listing both', () => {
    const f = folder({
      'applicants.csv': `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\n`,
      'policy-a.yaml': pack,
      '参数-b.yaml': pack,
    });
    const r = hedui(['batch', '--input', f.input, '--out', f.out, '--workspace', f.ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('POLICY_AMBIGUOUS');
    expect(r.stderr).toContain('policy-a.yaml');
    expect(r.stderr).toContain('参数-b.yaml');
  });

  it('a pack with a typo in a key → exit 3 naming the path of the problem', () => {
    const f = folder({
      'applicants.csv': `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\n`,
      'policy.yaml': pack.replace('gradual_exit_months', 'gradual_exit_month'),
    });
    const r = hedui(['batch', '--input', f.input, '--out', f.out, '--workspace', f.ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('gradual_exit_month');
  });
});

describe('hedui batch → results.json, then run and explain', () => {
  it('writes results.json (0600) in application_id order with the contract fields; explain reads it back', () => {
    // H2: no data at all → 符合; benefit = (939.00 − 0) × 1 = 939.00 (R8).
    // H1: region 440524 has no entry in the 菏泽 pack → 待复核 POLICY_NOT_FOUND, figures null (R15 step 1).
    // A bank row for an ID nobody in the batch has: kept, counted as unmatched, never an error.
    const other = '110105194912310038';
    const f = folder({
      'applicants.csv': `${header}\nH2,371702,城市,低保,2024-06-01,张三,${A},本人,是\nH1,440524,农村,低保,2024-06-01,李四,${other},本人,是\n`,
      'bank.csv': `身份证号,姓名,机构名称,资产类别,余额,查询日期\n110105194912310046,王五,农行,活期存款,10,2024-06-01\n`,
      'policy.yaml': pack,
    });
    const r = hedui(['batch', '--input', f.input, '--out', f.out, '--workspace', f.ws, '--json']);
    expect(r.stderr).not.toContain('INTERNAL');
    const summary = JSON.parse(r.stdout);
    expect(summary.households).toEqual({ total: 2, eligible: 1, ineligible: 0, review: 1 });
    expect(summary.unmatched_rows.bank).toBe(1);
    expect(r.code).toBe(10); // a 待复核 household
    const path = join(f.out, 'results.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    const results = JSON.parse(text);
    expect(results.batch_id).toMatch(/^[0-9a-f]{16}$/);
    expect(results.as_of).toBe('2024-06-01');
    expect(results.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results.households.map((h: { application_id: string }) => h.application_id)).toEqual(['H1', 'H2']);
    const [h1, h2] = results.households;
    expect(h1).toMatchObject({ verdict: '待复核', verdict_code: 'review', per_capita_monthly_income: null, benefit_monthly: null, tier: null });
    expect(h1.reasons.map((x: { code: string }) => x.code)).toEqual(['POLICY_NOT_FOUND']);
    expect(h2).toMatchObject({ verdict: '符合', verdict_code: 'eligible', per_capita_monthly_income: 0, benefit_monthly: 939, members_counted: 1 });
    expect(text).toContain('"benefit_monthly":939.00'); // money printed with two decimals
    expect(h2.report_no).toBe('37170220240601' + '0002');
    expect(text).not.toContain(A); // IDs are masked in outputs

    const e = hedui(['explain', 'H2', '--workspace', f.ws]);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('符合');
    expect(e.stdout).not.toContain(A);
    const j = hedui(['explain', 'H2', '--workspace', f.ws, '--json']);
    expect(JSON.parse(j.stdout).applicationId).toBe('H2');
    const missing = hedui(['explain', 'NOPE', '--workspace', f.ws]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NOT_ASSESSED');

    // Same inputs, pack and as-of → byte-identical results.json, summary.xlsx and PDFs (batch_id is content-derived).
    const out2 = join(f.dir, 'out2');
    const again = hedui(['batch', '--input', f.input, '--out', out2, '--workspace', f.ws]);
    expect(again.code).toBe(10);
    expect(readFileSync(join(out2, 'results.json'), 'utf8')).toBe(text);
    for (const file of ['summary.xlsx', 'reports/H1.pdf', 'reports/H2.pdf']) {
      expect(readFileSync(join(out2, file)).equals(readFileSync(join(f.out, file))), file).toBe(true);
    }
    expect(h2.report_file).toBe('reports/H2.pdf');
    expect(h2.integrity_code).toMatch(/^[0-9a-f]{64}$/);

    // `hedui report` writes the same reports and workbook as the report step of `hedui batch`.
    const out4 = join(f.dir, 'out4');
    const rep = hedui(['report', '--workspace', f.ws, '--out', out4]);
    expect(rep.code).toBe(10);
    for (const file of ['summary.xlsx', 'reports/H1.pdf', 'reports/H2.pdf', 'results.json']) {
      expect(readFileSync(join(out4, file)).equals(readFileSync(join(f.out, file))), file).toBe(true);
    }
    expect(statSync(join(out4, 'reports/H2.pdf')).mode & 0o777).toBe(0o600);

    // `hedui run` re-assesses without reports: same verdicts and figures, no report fields.
    const run = hedui(['run', '--workspace', f.ws, '--out', join(f.dir, 'out3')]);
    expect(run.code).toBe(10);
    const rerun = JSON.parse(readFileSync(join(f.dir, 'out3', 'results.json'), 'utf8'));
    expect(rerun.batch_id).toBe(results.batch_id);
    expect(rerun.households[1]).toEqual({ ...h2, report_file: null, report_sha256: null });
  });

  it('--as-of that cannot be read is a usage error (exit 2)', () => {
    const f = folder({ 'applicants.csv': `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\n`, 'policy.yaml': pack });
    const r = hedui(['batch', '--input', f.input, '--out', f.out, '--workspace', f.ws, '--as-of', '2024-02-30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BAD_AS_OF');
  });
});

describe('--json when the run ends in an error', () => {
  it('prints one error object on stdout with the code and exit_code, the Chinese text on stderr', () => {
    const dir = tempDir();
    const r = hedui(['batch', '--input', join(dir, 'missing'), '--out', join(dir, 'out'), '--workspace', join(dir, 'ws'), '--json']);
    expect(r.code).toBe(3);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: { code: 'FILE_REFUSED' }, exit_code: 3 });
    expect(r.stderr).toContain('处理建议');
  });
});
