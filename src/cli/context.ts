import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { UsageError } from '../errors.js';
import { createLogger, logLevels } from '../log.js';
import { createProgressSink } from './progressSink.js';
import { createRunProgress, type RunProgress } from '../progress/runProgress.js';
import { openWorkspace, type Db } from '../store/db.js';
import { acquireWorkspaceLock, type WorkspaceLock } from '../store/lock.js';

/** Options every command shares (sqlite-utils style: one grammar for all). */
export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
  logLevel?: string;
  quiet?: boolean;
  events?: string;
}

/** data-contract.md leaves the default open: $HEDUI_WORKSPACE, else ./hedui-workspace (decision recorded in README). */
export function workspaceDir(opts: GlobalOptions): string {
  return resolve(opts.workspace ?? process.env.HEDUI_WORKSPACE ?? 'hedui-workspace');
}

export interface Context {
  workspace: string;
  json: boolean;
  quiet: boolean;
  log: Logger;
  /** Human text: stderr, so stdout stays clean for --json. */
  say: (text: string) => void;
  /** Progress of this command's run: TTY display, NDJSON on stderr or --events file, or nothing (--quiet). */
  progress: RunProgress;
  openDb: () => Db;
  /** Take the one-writer lock of the workspace (commands that change it); released by close(). */
  lockWorkspace: (command: string) => void;
  close: () => void;
}

export function createContext(opts: GlobalOptions): Context {
  const level = opts.logLevel ?? 'info';
  if (!(logLevels as readonly string[]).includes(level)) {
    throw new UsageError('BAD_OPTION', `无效的日志级别“${level}”`, { hint: `可用：${logLevels.join('、')}` });
  }
  const workspace = workspaceDir(opts);
  let db: Db | undefined;
  let lock: WorkspaceLock | undefined;
  let log: Logger | undefined;
  const quiet = opts.quiet === true;
  const sink = createProgressSink({ quiet, ...(opts.events !== undefined ? { eventsFile: opts.events } : {}), stderr: process.stderr });
  const progress = createRunProgress(sink);
  const ctx: Context = {
    workspace,
    json: opts.json === true,
    quiet,
    get log() {
      log ??= workspaceLogger(workspace, level);
      return log;
    },
    say: (text) => {
      if (!quiet) sink.say(text);
    },
    progress,
    openDb: () => (db ??= openWorkspace(workspace)),
    lockWorkspace: (command) => {
      lock ??= acquireWorkspaceLock(workspace, command);
    },
    close: () => {
      sink.close();
      db?.close();
      lock?.release();
      log?.flush();
    },
  };
  return ctx;
}

/** Logs go to <workspace>/hedui.log (0600), with a per-workspace secret for the keyed hashes of personal keys. */
function workspaceLogger(workspace: string, level: string): Logger {
  mkdirSync(workspace, { recursive: true, mode: 0o700 });
  const secretPath = join(workspace, 'log-secret');
  if (!existsSync(secretPath)) writeFileSync(secretPath, randomBytes(32).toString('hex'), { mode: 0o600 });
  const secret = readFileSync(secretPath, 'utf8').trim();
  const destination = pino.destination({ dest: join(workspace, 'hedui.log'), sync: true, mode: 0o600 });
  return createLogger({ level, secret, destination });
}
