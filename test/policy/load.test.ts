import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { policyFilePrefixes as ingestPrefixes } from '../../src/ingest/columns.js';
import {
  findPolicyFile,
  loadPolicyFile,
  parsePolicyBytes,
  PolicyValidationError,
  policyFilePrefixes,
} from '../../src/policy/load.js';
import { resolvePolicy } from '../../src/policy/resolve.js';
import { rawPack } from './packs.js';

const root = new URL('../../', import.meta.url);
const fixture = (p: string) => new URL(p, root).pathname;
const hezeText = readFileSync(fixture('fixtures/policy/heze-2024.yaml'), 'utf8');

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
/** A temp folder with Chinese characters and a space in its path. */
function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hedui 参数-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const yaml = (text: string, name = 'policy.yaml') => parsePolicyBytes(Buffer.from(text, 'utf8'), name);

function thrown(f: () => unknown): PolicyError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return e as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

async function rejected(p: Promise<unknown>): Promise<PolicyError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(PolicyError);
  return e as PolicyError;
}

describe('example packs load', () => {
  it('fixtures/policy/heze-2024.yaml: 菏泽 939/761, 特困 1221/990, from 2024-01-01', async () => {
    const path = fixture('fixtures/policy/heze-2024.yaml');
    const loaded = await loadPolicyFile(path);
    expect(loaded.file).toBe(path);
    expect(loaded.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    const region = loaded.pack.regions[0]!;
    expect(region).toMatchObject({ code: '3717', name: '山东省菏泽市' });
    expect(region.periods[0]).toMatchObject({
      from: '2024-01-01',
      citation: '菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》',
      dibao: { urban: 93900, rural: 76100 },
      tekun: { kind: 'fixed', urban: 122100, rural: 99000 },
      employment_cost_rate: { num: 1, den: 10 }, // written 0.10
      edge_multiplier: { num: 3, den: 2 }, // 1.5
      programs: { 低保边缘: { financial_assets: { kind: 'years_of_dibao', years: { num: 3, den: 1 } } } },
    });
  });

  it('fixtures/policy/luzhou-2024.yaml: 泸州 788/580, 特困 1025/754, from 2024-07-01', async () => {
    const { pack } = await loadPolicyFile(fixture('fixtures/policy/luzhou-2024.yaml'));
    expect(pack.regions[0]).toMatchObject({ code: '5105', name: '四川省泸州市' });
    expect(pack.regions[0]!.periods[0]).toMatchObject({
      from: '2024-07-01',
      citation: '泸州市民政局公布的2024年7月1日起城乡低保和特困供养标准（请核对原文）',
      dibao: { urban: 78800, rural: 58000 },
      tekun: { kind: 'fixed', urban: 102500, rural: 75400 },
    });
  });

  it('fixtures/demo/policy.yaml (the generated pack)', async () => {
    const { pack } = await loadPolicyFile(fixture('fixtures/demo/policy.yaml'));
    expect(pack.regions.map((r) => r.code)).toEqual(['3717', '5105', '15', '23', '32', '34', '36', '37', '53', '61']);
    const at = (applicationDate: string) => resolvePolicy(pack, { regionCode: '510502', applicationDate, program: '特困' });
    // 泸州 before 2024-07-01: multiplier 1.3 on 750/550 → 975 / 715 元 (750 × 1.3 = 975; 550 × 1.3 = 715, exact).
    expect(at('2024-06-30')).toMatchObject({ ok: true, params: { tekun: { urban: 97500, rural: 71500 } } });
    expect(at('2024-07-01')).toMatchObject({ ok: true, params: { tekun: { urban: 102500, rural: 75400 } } });
  });
});

describe('YAML reading', () => {
  it('keeps dates as text, quoted or not, even under a %YAML 1.1 directive', () => {
    const unquoted = yaml(hezeText);
    const quoted = yaml(hezeText.replace('from: 2024-01-01', 'from: "2024-01-01"'));
    const singleQuoted = yaml(hezeText.replace('from: 2024-01-01', "from: '2024-01-01'"));
    const yaml11 = yaml(`%YAML 1.1\n---\n${hezeText}`);
    expect(unquoted.regions[0]!.periods[0]!.from).toBe('2024-01-01');
    expect(quoted).toEqual(unquoted);
    expect(singleQuoted).toEqual(unquoted);
    expect(yaml11).toEqual(unquoted);
  });

  it('reads a BOM, anchors and aliases', () => {
    expect(parsePolicyBytes(Buffer.from(`\uFEFF${hezeText}`, 'utf8'), 'policy.yml')).toEqual(yaml(hezeText));
    const withAlias = hezeText
      .replace('vehicles: {exempt_motorcycles: true, inactive_status: [B, E, M, P]}', 'vehicles: &v {exempt_motorcycles: true, inactive_status: [B, E, M, P]}')
      .replace('低保边缘: {financial_assets: {per_capita_years_of_dibao: 3}}', '低保边缘: {vehicles: *v}');
    expect(yaml(withAlias).regions[0]!.periods[0]!.programs?.低保边缘?.vehicles).toEqual({ exempt_motorcycles: true, inactive_status: ['B', 'E', 'M', 'P'] });
  });

  it('names the file, the line and the path of a schema problem', () => {
    const text = hezeText.replace('dibao: {urban: 939', 'dibbao: {urban: 939');
    const line = text.split('\n').findIndex((l) => l.includes('dibbao')) + 1;
    const e = thrown(() => yaml(text, '/tmp/policy-heze.yaml'));
    expect(e).toBeInstanceOf(PolicyValidationError);
    expect(e.exitCode).toBe(3);
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.location).toEqual({ file: '/tmp/policy-heze.yaml', line, column: 'regions[0].periods[0].dibbao' });
    expect(e.message).toBe(`参数包 policy-heze.yaml 无法使用：未知的键 dibbao（regions[0].periods[0]）：是否应为 dibao？（第 ${line} 行）`);
    expect(e.hint).toBe('把 dibbao 改为 dibao');
  });

  it('lists every problem in the message', () => {
    const text = hezeText.replace('dibao: {urban: 939', 'dibbao: {urban: 939').replace('income_test: lt', 'income_test: ge');
    const e = thrown(() => yaml(text)) as PolicyValidationError;
    expect(e.problems.map((p) => p.path)).toEqual(['regions[0].periods[0].dibbao', 'regions[0].periods[0].income_test']);
    expect(e.message).toContain('另有 1 处问题');
    expect(e.message).toContain('regions[0].periods[0].income_test：取值“ge”无效');
  });

  it('gives the line of the parent when a key is missing', () => {
    const text = hezeText.replace(/^\s+income_months: 12.*\n/m, '');
    const line = text.split('\n').findIndex((l) => l.includes('- from: 2024-01-01')) + 1;
    const e = thrown(() => yaml(text));
    expect(e.location).toMatchObject({ line, column: 'regions[0].periods[0].income_months' });
  });

  it('refuses duplicate keys (the second would silently win)', () => {
    const text = hezeText.replace('income_months: 12', 'income_months: 12\n        income_months: 6');
    const line = text.split('\n').findIndex((l) => l.includes('income_months: 6')) + 1;
    const e = thrown(() => yaml(text));
    expect(e.code).toBe('POLICY_UNREADABLE');
    expect(e.location.line).toBe(line);
    expect(e.message).toContain('键“income_months”出现了两次');
  });

  it('refuses YAML syntax errors with the line', () => {
    const e = thrown(() => yaml('id: x\nregions:\n  - code: "3717\n'));
    expect(e.code).toBe('POLICY_UNREADABLE');
    expect(e.message).toContain('YAML 格式错误');
    expect(e.location.line).toBeGreaterThan(0);
  });

  it('refuses an empty file, a non-UTF-8 file and an unknown extension', () => {
    expect(thrown(() => yaml('  \n')).message).toContain('空文件');
    expect(thrown(() => parsePolicyBytes(iconv.encode(hezeText, 'gbk'), 'policy.yaml')).message).toContain('不是 UTF-8 编码');
    expect(thrown(() => yaml(hezeText, 'policy.txt')).hint).toBe('参数包须为 .yaml、.yml 或 .json 文件');
  });
});

describe('JSON reading', () => {
  const json = (text: string) => parsePolicyBytes(Buffer.from(text, 'utf8'), 'policy.json');

  it('reads the same pack as YAML', () => {
    const raw = rawPack();
    expect(json(JSON.stringify(raw, null, '\t'))).toEqual(yaml(JSON.stringify(raw)));
    expect(json(JSON.stringify(raw)).regions[0]!.periods[0]!.dibao).toEqual({ urban: 93900, rural: 76100 });
  });

  it('refuses duplicate keys and syntax errors', () => {
    const text = JSON.stringify(rawPack()).replace('"version":"2024.1"', '"version":"2024.1","version":"2025.1"');
    expect(thrown(() => json(text)).message).toContain('键“version”出现了两次');
    expect(thrown(() => json('{"id": "x",}')).message).toContain('不是有效的 JSON');
  });

  it('names the path of a schema problem', () => {
    const raw = rawPack();
    (raw.regions as Record<string, unknown>[])[0]!.code = 3717;
    const e = thrown(() => json(JSON.stringify(raw, null, 2)));
    expect(e.location).toMatchObject({ file: 'policy.json', column: 'regions[0].code', line: expect.any(Number) });
  });
});

describe('loadPolicyFile', () => {
  it('refuses a missing file with the path', async () => {
    const dir = tempDir();
    const e = await rejected(loadPolicyFile(join(dir, 'policy.yaml')));
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('找不到参数包文件');
    expect(e.location.file).toBe(join(dir, 'policy.yaml'));
  });

  it('hashes the bytes as read (a BOM changes the hash, not the pack)', async () => {
    const dir = tempDir({ 'policy.yaml': hezeText, 'policy-bom.yaml': `\uFEFF${hezeText}` });
    const a = await loadPolicyFile(join(dir, 'policy.yaml'));
    const b = await loadPolicyFile(join(dir, 'policy-bom.yaml'));
    expect(a.sha256).toBe(createHash('sha256').update(hezeText).digest('hex'));
    expect(b.sha256).not.toBe(a.sha256);
    expect(b.pack).toEqual(a.pack);
  });
});

describe('findPolicyFile', () => {
  it('uses the prefixes of the batch-folder kinds', () => {
    expect([...policyFilePrefixes]).toEqual([...ingestPrefixes]);
  });

  it.each(['policy.yaml', 'policy-heze.yml', 'Policy.JSON', '参数包.yaml', '参数-2024.json'])('finds the single pack %s', async (name) => {
    const dir = tempDir({ [name]: '', 'applicants.csv': '', 'bank.xlsx': '', 'README.txt': '' });
    expect(await findPolicyFile(dir)).toBe(join(dir, name));
  });

  it('none → exit 3 saying how to pass --policy, naming a near miss', async () => {
    const dir = tempDir({ 'applicants.csv': '', 'policy.xlsx': '' });
    const e = await rejected(findPolicyFile(dir));
    expect(e.code).toBe('POLICY_MISSING');
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('中没有参数包');
    expect(e.message).toContain('发现 policy.xlsx，但参数包须为 .yaml、.yml 或 .json 文件');
    expect(e.hint).toContain('--policy');
  });

  it('several → exit 3 listing them and how to choose one with --policy', async () => {
    const dir = tempDir({ 'policy.yaml': '', '参数.json': '', 'applicants.csv': '' });
    const e = await rejected(findPolicyFile(dir));
    expect(e.code).toBe('POLICY_AMBIGUOUS');
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('有 2 个参数包：policy.yaml、参数.json');
    expect(e.hint).toBe(`只保留一个，或用 --policy 指定要用的那个：--policy ${join(dir, 'policy.yaml')}`);
  });

  it('ignores folders, hidden files and Office lock files', async () => {
    const dir = tempDir({ 'policy.yaml': '', '~$policy.yaml': '', '.policy.yaml': '' });
    mkdirSync(join(dir, 'policy-old.yaml'));
    expect(await findPolicyFile(dir)).toBe(join(dir, 'policy.yaml'));
  });

  it('--policy wins over the folder, and must exist with a pack extension', async () => {
    const other = tempDir({ 'heze.yaml': hezeText, 'heze.txt': '' });
    const dir = tempDir({ 'policy.yaml': '', '参数.yaml': '' });
    expect(await findPolicyFile(dir, join(other, 'heze.yaml'))).toBe(join(other, 'heze.yaml'));
    expect((await rejected(findPolicyFile(dir, join(other, 'nope.yaml')))).message).toContain('找不到 --policy 指定的参数包');
    expect((await rejected(findPolicyFile(dir, join(other, 'heze.txt')))).hint).toBe('参数包须为 .yaml、.yml 或 .json 文件');
  });

  it('an unreadable input folder is exit 3 too', async () => {
    const e = await rejected(findPolicyFile(join(tmpdir(), 'hedui-no-such-folder-Ω')));
    expect(e.exitCode).toBe(3);
  });
});
