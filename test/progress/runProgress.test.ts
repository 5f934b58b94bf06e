import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/progress/events.js';
import { importProgress } from '../../src/progress/importEvents.js';
import { createRunProgress } from '../../src/progress/runProgress.js';
import { errorsOf, validateEvent } from './schemas.js';

/** A monotonic clock the test moves by hand (milliseconds, like performance.now). */
function fakeClock(startMs = 5000) {
  let ms = startMs;
  return { now: () => ms, advance: (s: number) => void (ms += s * 1000) };
}

function collect() {
  const out: RunEvent[] = [];
  return { out, sink: { emit: (e: RunEvent) => void out.push(e) } };
}

describe('createRunProgress', () => {
  it('stamps t as seconds since the run started and works out each stage’s seconds', () => {
    const clock = fakeClock();
    const { out, sink } = collect();
    const run = createRunProgress(sink, { now: clock.now });
    clock.advance(1.5);
    run.stageStart('match-assess', { total: 3 });
    clock.advance(0.5);
    run.progress('match-assess', 1);
    clock.advance(0.75);
    run.progress('match-assess', 3);
    run.stageEnd('match-assess', 3);
    run.warning('POLICY_STALE', '参数包的有效期早于核对基准日');
    run.done(10);
    expect(out).toEqual([
      { type: 'stage-start', t: 1.5, stage: 'match-assess', unit: 'households', total: 3 },
      { type: 'progress', t: 2, stage: 'match-assess', done: 1, unit: 'households', total: 3 },
      { type: 'progress', t: 2.75, stage: 'match-assess', done: 3, unit: 'households', total: 3 },
      { type: 'stage-end', t: 2.75, stage: 'match-assess', done: 3, unit: 'households', seconds: 1.25 },
      { type: 'warning', t: 2.75, code: 'POLICY_STALE', message: '参数包的有效期早于核对基准日' },
      { type: 'done', t: 2.75, exitCode: 10 },
    ]);
    for (const e of out) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
  });

  it('thins progress to about four a second', () => {
    const clock = fakeClock();
    const { out, sink } = collect();
    const run = createRunProgress(sink, { now: clock.now });
    run.stageStart('reports', { total: 2000 });
    for (let i = 1; i <= 2000; i++) {
      clock.advance(0.001);
      run.progress('reports', i);
    }
    run.stageEnd('reports', 2000);
    const progress = out.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(8);
    expect(progress.length).toBeLessThanOrEqual(10);
    expect(progress.at(-1)).toMatchObject({ done: 2000, total: 2000, unit: 'reports' });
  });

  it('drops a sink that throws, tells once, and lets the run go on', () => {
    const errors: unknown[] = [];
    let calls = 0;
    const run = createRunProgress(
      { emit: () => { calls++; throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }); } },
      { onSinkError: (e) => errors.push(e) },
    );
    expect(() => {
      run.stageStart('import');
      run.progress('import', 1);
      run.done(0);
    }).not.toThrow();
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('uses performance.now by default: t starts near 0 and never goes back', () => {
    const { out, sink } = collect();
    const run = createRunProgress(sink);
    run.stageStart('results');
    run.stageEnd('results', 0);
    expect(out[0]!.t).toBeGreaterThanOrEqual(0);
    expect(out[0]!.t).toBeLessThan(1);
    expect(out[1]!.t).toBeGreaterThanOrEqual(out[0]!.t);
  });
});

describe('importProgress', () => {
  it('turns importMany callbacks into per-file import progress with base names only', () => {
    const clock = fakeClock();
    const { out, sink } = collect();
    const run = createRunProgress(sink, { now: clock.now });
    const imp = importProgress(run, 2);
    run.stageStart('import');
    imp.onEvent({ type: 'file-start', file: '/data/县 批次/applicants-1.csv', kind: 'applicants' });
    clock.advance(1);
    imp.onEvent({ type: 'file-rows', file: '/data/县 批次/applicants-1.csv', kind: 'applicants', read: 40 });
    clock.advance(1);
    imp.onEvent({ type: 'file-done', file: '/data/县 批次/applicants-1.csv', kind: 'applicants', summary: { read: 52 } as never });
    imp.onEvent({ type: 'file-start', file: '/data/县 批次/银行-1.csv', kind: 'bank' });
    imp.onEvent({ type: 'file-done', file: '/data/县 批次/银行-1.csv', kind: 'bank', summary: { read: 23 } as never });
    run.stageEnd('import', imp.rowsRead());
    const progress = out.filter((e) => e.type === 'progress');
    expect(progress.map((e) => [e.file!.name, e.file!.kind, e.file!.index, e.file!.count, e.done])).toEqual([
      ['applicants-1.csv', 'applicants', 1, 2, 0],
      ['applicants-1.csv', 'applicants', 1, 2, 40],
      ['applicants-1.csv', 'applicants', 1, 2, 52],
      ['银行-1.csv', 'bank', 2, 2, 0],
      ['银行-1.csv', 'bank', 2, 2, 23],
    ]);
    expect(out.at(-1)).toMatchObject({ type: 'stage-end', stage: 'import', done: 75, unit: 'rows' });
    for (const e of out) expect(validateEvent(e), errorsOf(validateEvent)).toBe(true);
    expect(JSON.stringify(out)).not.toContain('/data/');
  });
});
