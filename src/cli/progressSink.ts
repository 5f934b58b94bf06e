import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { kindSpecs, kinds, type Kind } from '../ingest/columns.js';
import { noProgress, type RunEvent } from '../progress/events.js';
import { ndjsonSink } from '../progress/ndjson.js';
import { ttyRenderer, type LiveSink, type TextStream } from '../progress/ttyRenderer.js';

export interface ProgressSinkOptions {
  quiet: boolean;
  /** --events FILE: NDJSON appended there instead of stderr. */
  eventsFile?: string;
  /** process.stderr (anything with write/isTTY/columns in tests). */
  stderr: TextStream;
  /** ANSI clear-line on the TTY display; default: unless TERM=dumb. */
  ansi?: boolean;
}

/**
 * Picks where progress goes (contract in src/progress/events.ts):
 * `--events FILE` → NDJSON lines appended to FILE (0600), even with --quiet: a script that names a file wants it;
 * `--quiet` → nothing; stderr a TTY → the live Chinese display; otherwise → NDJSON lines on stderr.
 * Human text goes through `say`, so on a TTY it is written above the live line instead of tearing it. Callers gate
 * `say` on --quiet themselves (Context.say does).
 */
export function createProgressSink(opts: ProgressSinkOptions): LiveSink {
  const { stderr } = opts;
  const sayPlain = (text: string) => void stderr.write(text.endsWith('\n') ? text : text + '\n');
  if (opts.eventsFile !== undefined) return fileSink(opts.eventsFile, sayPlain);
  if (opts.quiet) return { ...noProgress, say: sayPlain, close: () => {} };
  if (stderr.isTTY) return ttyRenderer(stderr, { kindLabel, ansi: opts.ansi ?? process.env.TERM !== 'dumb' });
  const sink = ndjsonSink((line) => void stderr.write(line));
  return { emit: sink.emit, say: sayPlain, close: () => {} };
}

function kindLabel(kind: string): string {
  return (kinds as readonly string[]).includes(kind) ? kindSpecs[kind as Kind].label : kind;
}

/** Synchronous appends: each event is on disk before the run moves on, so a SIGKILLed run's file shows how far it got. */
function fileSink(path: string, say: (text: string) => void): LiveSink {
  const abs = resolve(path);
  let fd: number | null;
  try {
    fd = openSync(abs, 'a', 0o600);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'EIO';
    throw new UsageError('BAD_OPTION', `无法写入事件文件“${abs}”（${code}）`, {
      hint: '请检查 --events 所在的文件夹是否存在、是否有写入权限',
      cause,
    });
  }
  const sink = ndjsonSink((line) => {
    if (fd !== null) writeSync(fd, line);
  });
  return {
    emit: (e: RunEvent) => sink.emit(e),
    say,
    close: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
