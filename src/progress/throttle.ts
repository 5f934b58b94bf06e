import type { ProgressEvent, ProgressSink, RunEvent, Stage } from './events.js';

/** At most about four progress events a second per stage: enough to look alive, little enough for a log file. */
export const defaultIntervalSeconds = 0.25;

interface StageState {
  lastT: number;
  fileName: string | undefined;
  /** The newest progress event held back; sent before anything that would make it stale, so the last count is never lost. */
  pending: ProgressEvent | null;
}

/**
 * Wraps a sink so `progress` events are thinned to one per `intervalSeconds` per stage, timed by the events' own `t`
 * (so the thinning is deterministic under test). The first progress of a stage (and of each import file) and the last
 * one always pass: a held-back event is flushed before the stage ends, the file changes, or the run is done. A
 * progress event that reaches its total also passes at once. Every other event type passes untouched.
 */
export function throttle(sink: ProgressSink, intervalSeconds = defaultIntervalSeconds): ProgressSink {
  const states = new Map<Stage, StageState>();
  const flush = (state: StageState) => {
    if (state.pending) {
      sink.emit(state.pending);
      state.lastT = state.pending.t;
      state.pending = null;
    }
  };
  return {
    emit(e: RunEvent) {
      switch (e.type) {
        case 'progress': {
          const state = states.get(e.stage);
          if (!state || state.fileName !== e.file?.name) {
            if (state) flush(state);
            states.set(e.stage, { lastT: e.t, fileName: e.file?.name, pending: null });
            sink.emit(e);
          } else if ((e.total !== undefined && e.done >= e.total) || e.t - state.lastT >= intervalSeconds) {
            state.pending = null;
            state.lastT = e.t;
            sink.emit(e);
          } else {
            state.pending = e;
          }
          return;
        }
        case 'stage-start':
        case 'stage-end': {
          const state = states.get(e.stage);
          if (state) flush(state);
          states.delete(e.stage);
          sink.emit(e);
          return;
        }
        case 'done':
          for (const state of states.values()) flush(state);
          states.clear();
          sink.emit(e);
          return;
        case 'warning':
          sink.emit(e);
          return;
      }
    },
  };
}
