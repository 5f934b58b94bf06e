import { defaultUnit, roundSeconds, type FileRef, type ProgressSink, type RunEvent, type Stage, type Unit } from './events.js';
import { defaultIntervalSeconds, throttle } from './throttle.js';

/**
 * What the pipeline calls to report progress. It stamps every event with `t` (seconds since the run started, monotonic),
 * works out each stage's seconds, and thins progress to ~4/s per stage. Reporting progress must never stop a nightly
 * run: if the sink throws (a closed pipe, a full disk under --events), the sink is dropped and `onSinkError` is told once.
 */
export interface RunProgress {
  stageStart(stage: Stage, opts?: { total?: number; unit?: Unit }): void;
  progress(stage: Stage, done: number, opts?: { total?: number; file?: FileRef }): void;
  stageEnd(stage: Stage, done: number): void;
  warning(code: string, message: string): void;
  done(exitCode: number): void;
}

export interface RunProgressOptions {
  /** Milliseconds from a monotonic clock; default performance.now. Tests pass a fake. */
  now?: () => number;
  intervalSeconds?: number;
  onSinkError?: (err: unknown) => void;
}

export function createRunProgress(sink: ProgressSink, opts: RunProgressOptions = {}): RunProgress {
  const now = opts.now ?? (() => performance.now());
  const origin = now();
  const t = () => roundSeconds(Math.max(0, now() - origin) / 1000);
  let target: ProgressSink | null = throttle(sink, opts.intervalSeconds ?? defaultIntervalSeconds);
  const started = new Map<Stage, { t: number; unit: Unit; total?: number }>();

  const emit = (e: RunEvent) => {
    if (!target) return;
    try {
      target.emit(e);
    } catch (err) {
      target = null;
      opts.onSinkError?.(err);
    }
  };

  return {
    stageStart(stage, o = {}) {
      const unit = o.unit ?? defaultUnit[stage];
      const at = t();
      started.set(stage, { t: at, unit, ...(o.total !== undefined ? { total: o.total } : {}) });
      emit({ type: 'stage-start', t: at, stage, unit, ...(o.total !== undefined ? { total: o.total } : {}) });
    },
    progress(stage, done, o = {}) {
      const s = started.get(stage);
      const total = o.total ?? s?.total;
      emit({
        type: 'progress', t: t(), stage, done, unit: s?.unit ?? defaultUnit[stage],
        ...(total !== undefined ? { total } : {}),
        ...(o.file ? { file: o.file } : {}),
      });
    },
    stageEnd(stage, done) {
      const s = started.get(stage);
      const at = t();
      started.delete(stage);
      emit({ type: 'stage-end', t: at, stage, done, unit: s?.unit ?? defaultUnit[stage], seconds: roundSeconds(at - (s?.t ?? at)) });
    },
    warning(code, message) {
      emit({ type: 'warning', t: t(), code, message });
    },
    done(exitCode) {
      emit({ type: 'done', t: t(), exitCode });
    },
  };
}
