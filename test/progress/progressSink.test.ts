import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressSink } from '../../src/cli/progressSink.js';
import { UsageError } from '../../src/errors.js';
import { ndjsonSink } from '../../src/progress/ndjson.js';
import { createRunProgress } from '../../src/progress/runProgress.js';
import type { RunProgress } from '../../src/progress/runProgress.js';
import { tempDir } from '../helpers/workspace.js';
import { fakeStream } from './fakeStream.js';
import { errorsOf, validateEvent } from './schemas.js';

/** A small but complete run: every event type, an import of two files, a warning. */
function simulateRun(run: RunProgress, exitCode = 10): void {
  run.stageStart('import');
  const file = (name: string, kind: string, index: number) => ({ name, kind, index, count: 2 });
  run.progress('import', 0, { file: file('applicants-1.csv', 'applicants', 1) });
  run.progress('import', 52, { file: file('applicants-1.csv', 'applicants', 1) });
  run.progress('import', 0, { file: file('银行-1.csv', 'bank', 2) });
  run.progress('import', 23, { file: file('银行-1.csv', 'bank', 2) });
  run.stageEnd('import', 75);
  run.stageStart('match-assess', { total: 19 });
  for (let i = 1; i <= 19; i++) run.progress('match-assess', i);
  run.stageEnd('match-assess', 19);
  run.warning('GLYPH_SUBSTITUTED', '申请 H1 的报告中有字体无法显示的字（U+4DB6），已以编码代替，请人工核对姓名');
  run.stageStart('workbook');
  run.stageEnd('workbook', 19);
  run.done(exitCode);
}

function parseLines(text: string): unknown[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').map((line) => JSON.parse(line));
}

describe('NDJSON sink', () => {
  it('writes one schema-valid JSON object per line, ending with done', () => {
    let text = '';
    simulateRun(createRunProgress(ndjsonSink((line) => void (text += line))));
    const events = parseLines(text);
    for (const e of events) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'done', exitCode: 10 });
    expect(events.filter((e) => (e as { type: string }).type === 'stage-end').length).toBe(3);
  });

  it('the schema refuses drift: an unknown field, a wall-clock time, an unknown stage', () => {
    expect(validateEvent({ type: 'done', t: 1, exitCode: 0, at: '2024-06-30T01:00:00Z' })).toBe(false);
    expect(validateEvent({ type: 'stage-start', t: 0, stage: 'assess', unit: 'households' })).toBe(false);
    expect(validateEvent({ type: 'progress', t: -1, stage: 'import', done: 1, unit: 'rows' })).toBe(false);
    expect(validateEvent({ type: 'warning', t: 0, code: 'stale policy', message: '…' })).toBe(false);
  });
});

describe('createProgressSink', () => {
  it('not a TTY: NDJSON events on stderr, and human text on lines of its own', () => {
    const stderr = fakeStream({ isTTY: false });
    const sink = createProgressSink({ quiet: false, stderr });
    const run = createRunProgress(sink);
    run.stageStart('import');
    sink.say('正在导入 applicants-1.csv …');
    simulateRun(run);
    sink.close();
    const lines = stderr.text.slice(0, -1).split('\n');
    expect(lines).toContain('正在导入 applicants-1.csv …');
    const events = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(events.length).toBe(lines.length - 1);
    for (const e of events) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
    expect(stderr.text).not.toContain('\r');
    expect(stderr.text).not.toContain('\x1b');
  });

  it('--quiet: emits nothing at all', () => {
    for (const isTTY of [true, false]) {
      const stderr = fakeStream({ isTTY, columns: 80 });
      const sink = createProgressSink({ quiet: true, stderr });
      simulateRun(createRunProgress(sink));
      sink.close();
      expect(stderr.chunks).toEqual([]);
    }
  });

  it('--events FILE: NDJSON appended to the file (created 0600), nothing on stderr but human text', () => {
    const dir = tempDir();
    const path = join(dir, '事件 日志.ndjson');
    const stderr = fakeStream({ isTTY: true, columns: 80 });
    for (let runNo = 0; runNo < 2; runNo++) {
      const sink = createProgressSink({ quiet: false, eventsFile: path, stderr });
      simulateRun(createRunProgress(sink), runNo === 0 ? 10 : 0);
      sink.say('核对 19 户：符合 15，不符合 3，待复核 1');
      sink.close();
    }
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const events = parseLines(readFileSync(path, 'utf8')) as { type: string; exitCode?: number }[];
    for (const e of events) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
    // Appended, not overwritten: both runs are there, each closed by its done event.
    expect(events.filter((e) => e.type === 'done').map((e) => e.exitCode)).toEqual([10, 0]);
    expect(stderr.text).toBe('核对 19 户：符合 15，不符合 3，待复核 1\n'.repeat(2));
  });

  it('--events FILE with --quiet still writes the file: a script that names a file wants it', () => {
    const dir = tempDir();
    const path = join(dir, 'events.ndjson');
    const stderr = fakeStream({ isTTY: false });
    const sink = createProgressSink({ quiet: true, eventsFile: path, stderr });
    simulateRun(createRunProgress(sink));
    sink.close();
    expect(stderr.chunks).toEqual([]);
    expect(parseLines(readFileSync(path, 'utf8')).length).toBeGreaterThan(5);
  });

  it('keeps an existing events file’s mode and content (appends only)', () => {
    const dir = tempDir();
    const path = join(dir, 'events.ndjson');
    writeFileSync(path, '{"type":"done","t":1,"exitCode":0}\n', { mode: 0o600 });
    const sink = createProgressSink({ quiet: false, eventsFile: path, stderr: fakeStream({ isTTY: false }) });
    createRunProgress(sink).done(3);
    sink.close();
    expect(readFileSync(path, 'utf8')).toMatch(/^\{"type":"done","t":1,"exitCode":0\}\n\{"type":"done","t":[0-9.]+,"exitCode":3\}\n$/);
  });

  it('an events file that cannot be created is a usage error (exit 2) naming the flag', () => {
    const dir = tempDir();
    let err: unknown;
    try {
      createProgressSink({ quiet: false, eventsFile: join(dir, 'no such folder', 'e.ndjson'), stderr: fakeStream({ isTTY: false }) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).hint).toContain('--events');
  });

  it('a TTY without --events gets the live display, not NDJSON', () => {
    const stderr = fakeStream({ isTTY: true, columns: 100 });
    const sink = createProgressSink({ quiet: false, stderr, ansi: true });
    simulateRun(createRunProgress(sink));
    sink.close();
    expect(stderr.text).toContain('\r\x1b[2K');
    expect(stderr.text).toContain('比对核对');
    expect(stderr.text).toContain('银行/金融资产');
    expect(stderr.text).not.toContain('"type"');
  });
});
