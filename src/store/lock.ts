/**
 * One writer per workspace (issue 5): a second `hedui batch`/`run`/`report`/`import` on the same workspace refuses
 * with a clear message instead of interleaving with the first. The lock is a file created exclusively (`wx`) holding
 * the owner's pid, host and start time; a lock whose process is gone (killed, even by SIGKILL) is stale and taken
 * over, so a crash never blocks the next night. Reading commands (`explain`) do not lock: SQLite's WAL lets them read.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';

export const lockFileName = 'hedui.lock';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
  command: string;
}

export interface WorkspaceLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Take the workspace lock or throw WORKSPACE_LOCKED (exit 3) naming the run that holds it. */
export function acquireWorkspaceLock(workspace: string, command: string, now: () => Date = () => new Date()): WorkspaceLock {
  mkdirSync(workspace, { recursive: true, mode: 0o700 });
  const path = join(workspace, lockFileName);
  const info: LockInfo = { pid: process.pid, host: hostname(), started: now().toISOString(), command };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(path);
      // Another host's lock cannot be checked from here: it is honoured, and the message says where it came from.
      const stale = holder !== undefined && holder.host === info.host && !alive(holder.pid);
      if (stale || holder === undefined) {
        rmSync(path, { force: true });
        continue;
      }
      throw new UserInputError('WORKSPACE_LOCKED', `工作区正被另一个 hedui 进程使用（${holder.command}，进程号 ${holder.pid}，主机 ${holder.host}，开始于 ${holder.started}）`, {
        hint: `请等它结束后再运行；若确认该进程已不存在，可删除 ${path} 后重试，或用 --workspace 指定另一个工作区`,
        location: { file: path },
      });
    }
  }
  throw new UserInputError('WORKSPACE_LOCKED', `无法取得工作区锁 ${path}`, { hint: '请稍后重试' });
}
