import { describe, expect, it } from 'vitest';
import type { ProgressEvent, RunEvent } from '../../src/progress/events.js';
import { throttle } from '../../src/progress/throttle.js';

function collect() {
  const out: RunEvent[] = [];
  return { out, sink: { emit: (e: RunEvent) => void out.push(e) } };
}

const progress = (t: number, done: number, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({
  type: 'progress', t, stage: 'match-assess', done, unit: 'households', ...extra,
});

describe('throttle', () => {
  it('passes the first and the last progress event and about four a second in between', () => {
    const { out, sink } = collect();
    const s = throttle(sink);
    // 1,000 households over 2 seconds, one event each: 2 ms apart.
    for (let i = 1; i <= 1000; i++) s.emit(progress(i * 0.002, i, { total: 1000 }));
    const done = out.map((e) => (e as ProgressEvent).done);
    expect(done[0]).toBe(1);
    expect(done[done.length - 1]).toBe(1000);
    // t = 0.002 first, then one per 0.25 s up to 2.0 s: 8 more, plus the last (reaches its total).
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < out.length - 1; i++) expect(out[i]!.t - out[i - 1]!.t).toBeGreaterThanOrEqual(0.25);
  });

  it('never sends more than five progress events in any one-second window of a stage', () => {
    const { out, sink } = collect();
    const s = throttle(sink);
    for (let i = 0; i < 5000; i++) s.emit(progress(i * 0.001, i));
    const ts = out.map((e) => e.t);
    for (const start of ts) expect(ts.filter((t) => t >= start && t < start + 1).length).toBeLessThanOrEqual(5);
  });

  it('flushes the held-back last count before the stage ends, when no total is known', () => {
    const { out, sink } = collect();
    const s = throttle(sink);
    s.emit({ type: 'stage-start', t: 0, stage: 'workbook', unit: 'rows' });
    for (let i = 1; i <= 10; i++) s.emit(progress(i * 0.01, i * 100, { stage: 'workbook', unit: 'rows' }));
    s.emit({ type: 'stage-end', t: 0.2, stage: 'workbook', done: 1000, unit: 'rows', seconds: 0.2 });
    expect(out.map((e) => e.type)).toEqual(['stage-start', 'progress', 'progress', 'stage-end']);
    expect((out[1] as ProgressEvent).done).toBe(100);
    expect((out[2] as ProgressEvent).done).toBe(1000);
    expect(out[2]!.t).toBe(0.1);
  });

  it('treats each import file as a fresh start: the last count of one file and the first of the next both pass', () => {
    const { out, sink } = collect();
    const s = throttle(sink);
    const f = (name: string, index: number) => ({ name, kind: 'bank', index, count: 2 });
    s.emit(progress(0, 0, { stage: 'import', unit: 'rows', file: f('bank-1.csv', 1) }));
    s.emit(progress(0.01, 500, { stage: 'import', unit: 'rows', file: f('bank-1.csv', 1) }));
    s.emit(progress(0.02, 0, { stage: 'import', unit: 'rows', file: f('bank-2.xlsx', 2) }));
    s.emit(progress(0.03, 7, { stage: 'import', unit: 'rows', file: f('bank-2.xlsx', 2) }));
    s.emit({ type: 'done', t: 0.04, exitCode: 0 });
    expect(out.map((e) => (e.type === 'progress' ? `${e.file!.name}:${e.done}` : e.type))).toEqual([
      'bank-1.csv:0', 'bank-1.csv:500', 'bank-2.xlsx:0', 'bank-2.xlsx:7', 'done',
    ]);
  });

  it('throttles each stage on its own and lets warnings through untouched', () => {
    const { out, sink } = collect();
    const s = throttle(sink);
    s.emit(progress(0, 1));
    s.emit(progress(0.01, 1, { stage: 'reports', unit: 'reports' }));
    s.emit({ type: 'warning', t: 0.02, code: 'POLICY_STALE', message: '参数包已过期' });
    s.emit(progress(0.03, 2));
    expect(out.map((e) => (e.type === 'progress' ? `${e.stage}:${e.done}` : e.type))).toEqual(['match-assess:1', 'reports:1', 'warning']);
  });
});
