import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hedui } from '../helpers/cli.js';
import { tempDir, writeText } from '../helpers/workspace.js';

const applicants = '申请编号,区划代码,城乡类别,救助类别,申请日期,姓名,身份证号,与申请人关系,授权核对';
const A = '11010519491231002X'; // valid (GB 11643 example)
const pack = readFileSync('fixtures/policy/heze-2024.yaml', 'utf8');

describe('hedui batch (ingest stage)', () => {
  it('imports a folder, writes rejected.csv (BOM, 0600) and manifest.json, exits 10 when rows were rejected', () => {
    const dir = tempDir();
    const input = join(dir, '输入 批次');
    writeText(dir, '输入 批次/applicants.csv', `${applicants}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\n`);
    writeText(dir, '输入 批次/银行-1.csv', `身份证号,姓名,机构名称,资产类别,余额,查询日期\n${A},张三,农行,活期存款,=1+2,2024-06-01\n${A},张三,农行,活期存款,10,2024-06-01\n`);
    writeText(dir, '输入 批次/readme.txt', 'not data');
    writeText(dir, '输入 批次/policy.yaml', pack);
    const out = join(dir, 'out');
    const r = hedui(['batch', '--input', input, '--out', out, '--workspace', join(dir, 'ws'), '--json']);
    expect(r.code).toBe(10);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ rows_read: 3, rows_accepted: 2, rows_rejected: 1, ignored_files: ['readme.txt'] });
    const csv = readFileSync(join(out, 'rejected.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFfile,line,column,reason_code,message,raw\r\n')).toBe(true);
    // The raw row starts with the ID, but the bad money cell must not become a live formula: `=1+2` is inside raw.
    expect(csv).toContain('银行-1.csv,2,余额,BAD_MONEY,');
    expect(statSync(join(out, 'rejected.csv')).mode & 0o777).toBe(0o600);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    for (const input of manifest.inputs) expect(input.rows_read).toBe(input.rows_accepted + input.rows_rejected);
    expect(r.stderr).toContain('读取 2 行 = 接受 1 + 拒收 1');
  });

  it('refuses a folder with no applicants file (exit 3) and says how files must be named', () => {
    const dir = tempDir();
    writeText(dir, 'in/bank.csv', '身份证号,姓名\n');
    const r = hedui(['batch', '--input', join(dir, 'in'), '--out', join(dir, 'out'), '--workspace', join(dir, 'ws')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('NO_APPLICANTS');
    expect(r.stderr).toContain('applicants');
    expect(r.stdout).toBe('');
  });

  it('exits 3 when a file is refused, listing what is missing', () => {
    const dir = tempDir();
    writeText(dir, 'in/applicants.csv', '申请编号,姓名\nH1,张三\n');
    writeText(dir, 'in/policy.yaml', pack);
    const r = hedui(['batch', '--input', join(dir, 'in'), '--out', join(dir, 'out'), '--workspace', join(dir, 'ws')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('缺少必需的列');
    expect(r.stderr).toContain('“身份证号”');
  });

  it('exits 0 when every row is accepted', () => {
    const dir = tempDir();
    writeText(dir, 'in/申请名单.csv', `${applicants}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\n`, 'gb18030');
    writeText(dir, 'in/参数包.yaml', pack);
    const r = hedui(['batch', '--input', join(dir, 'in'), '--out', join(dir, 'out'), '--workspace', join(dir, 'ws')]);
    expect(r.stderr).toContain('GB18030');
    expect(r.code).toBe(0);
  });
});

describe('CLI contract', () => {
  it('a usage error exits 2 with a Chinese hint', () => {
    const r = hedui(['batch', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('用法错误');
  });

  it('hedui import of a path that does not exist exits 3 and names it', () => {
    const dir = tempDir();
    const r = hedui(['import', 'bank', join(dir, 'missing.csv'), '--workspace', join(dir, 'ws')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('missing.csv');
    expect(r.stderr).toContain('不存在');
  });

  it('hedui import of an unknown kind is a usage error', () => {
    const dir = tempDir();
    const r = hedui(['import', 'pets', 'x.csv', '--workspace', join(dir, 'ws')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('applicants');
  });

  it('no ID number or name reaches the log, even at trace level with rejected rows', () => {
    const dir = tempDir();
    const bad = '110105194912310021'; // wrong check character: appears in rejection messages
    const f = writeText(dir, 'bank.csv', `身份证号,姓名,机构名称,资产类别,余额,查询日期\n${A},欧阳娜娜,农行,活期存款,1,2024-06-01\n${bad},欧阳娜娜,农行,活期存款,x,2024-06-01\n`);
    const r = hedui(['import', 'bank', f, '--workspace', join(dir, 'ws'), '--log-level', 'trace']);
    expect(r.code).toBe(10);
    const log = readFileSync(join(dir, 'ws', 'hedui.log'), 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(A);
    expect(log).not.toContain(bad);
    expect(log).not.toContain('欧阳娜娜');
    expect(statSync(join(dir, 'ws', 'hedui.log')).mode & 0o777).toBe(0o600);
  });
});
