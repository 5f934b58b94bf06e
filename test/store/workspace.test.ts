import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireWorkspaceLock, lockFileName } from '../../src/store/lock.js';
import { hedui } from '../helpers/cli.js';
import { tempDir } from '../helpers/workspace.js';

const lockOf = (pid: number) => JSON.stringify({ pid, host: hostname(), started: '2024-06-30T00:00:00.000Z', command: 'batch' });

describe('workspace lock: one writer at a time', () => {
  it('a second holder is refused while the first lives; release frees it', () => {
    const ws = tempDir();
    const first = acquireWorkspaceLock(ws, 'batch');
    expect(() => acquireWorkspaceLock(ws, 'run')).toThrowError(/工作区正被另一个 hedui 进程使用/);
    first.release();
    expect(existsSync(join(ws, lockFileName))).toBe(false);
    acquireWorkspaceLock(ws, 'run').release();
  });

  it('a lock left by a dead process (e.g. SIGKILL) is stale and taken over', () => {
    const ws = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(ws, lockFileName), lockOf(dead));
    const lock = acquireWorkspaceLock(ws, 'batch');
    lock.release();
  });

  it('hedui batch on a workspace held by a live process exits 3 with WORKSPACE_LOCKED and says what to do', () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    acquireWorkspaceLock(ws, 'batch'); // held by this (live) test process for the rest of the test
    const r = hedui(['batch', '--input', 'fixtures/demo', '--out', join(dir, 'out'), '--workspace', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('WORKSPACE_LOCKED');
    expect(r.stderr).toContain('处理建议');
  });
});

describe('re-importing into a batch (issue 5)', () => {
  it('the same bytes again are a reported no-op; a changed file of the same name replaces the old rows', () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    const header = '身份证号,姓名,机构名称,资产类别,余额,查询日期';
    writeFileSync(join(dir, 'bank.csv'), `${header}\n11010519491231002X,张三,农行,活期存款,10,2024-06-01\n`);
    const first = hedui(['import', 'bank', join(dir, 'bank.csv'), '--workspace', ws, '--json']);
    expect(first.code).toBe(0);
    const again = hedui(['import', 'bank', join(dir, 'bank.csv'), '--workspace', ws, '--json']);
    expect(again.stderr).toContain('未重复导入');
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ already_imported: true, rows_accepted: 1 });
    writeFileSync(join(dir, 'bank.csv'), `${header}\n11010519491231002X,张三,农行,活期存款,10,2024-06-01\n110105194912310011,李四,工行,活期存款,20,2024-06-01\n`);
    const changed = hedui(['import', 'bank', join(dir, 'bank.csv'), '--workspace', ws, '--json']);
    expect(changed.stderr).toContain('新版本');
    expect(JSON.parse(changed.stdout).files[0]).toMatchObject({ rows_accepted: 2, already_imported: false });
    expect(JSON.parse(changed.stdout).files[0].replaced_version).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('input archive (issue 5)', () => {
  it('every imported file is stored once under its SHA-256 in the workspace, 0600', async () => {
    const { archivePath } = await import('../../src/store/archive.js');
    const { createHash } = await import('node:crypto');
    const { statSync } = await import('node:fs');
    const dir = tempDir();
    const ws = join(dir, 'ws');
    const r = hedui(['batch', '--input', 'fixtures/demo', '--out', join(dir, 'out'), '--workspace', ws, '--quiet']);
    expect(r.code).toBe(10);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { inputs: { name: string; sha256: string }[] };
    expect(manifest.inputs.length).toBeGreaterThan(5);
    for (const input of manifest.inputs) {
      const path = archivePath(ws, input.sha256);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex'), input.name).toBe(input.sha256);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
  });
});
