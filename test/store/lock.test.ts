import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
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
