/**
 * Progress events of one run, and the output contract they live under (issue 5 item 4; data-contract.md "CLI contract").
 *
 * - **stdout**: with `--json`, exactly one JSON object (docs/schema/batch-summary.schema.json) and nothing else, so a
 *   county script can `JSON.parse` the whole of stdout. Without `--json`, stdout stays empty.
 * - **stderr**: human text in Chinese (with the reason code beside it), plus progress. On a TTY, progress is a live
 *   one-line-per-stage display; otherwise one NDJSON event per line (docs/schema/progress-event.schema.json). Human
 *   lines and event lines never share a line, so a reader can take every line that parses as a JSON object with a
 *   `type` as an event and every other line as text.
 * - **`--events FILE`**: the NDJSON events go to FILE (appended, created 0600) instead of stderr; human text stays on
 *   stderr. `--quiet` silences progress and human text on stderr, but not an events file asked for by name.
 *
 * Time appears in events only: `t` is seconds since the run started, from the monotonic clock (performance.now), so
 * it cannot jump with the wall clock and never identifies when a run happened. No output file ever carries it
 * (issue 5 item 3: byte-identical re-runs).
 */

/** The stages of a run, in the order `hedui batch` goes through them. */
export const stages = ['import', 'match-assess', 'reports', 'workbook', 'results'] as const;
export type Stage = (typeof stages)[number];

/** What a stage counts. */
export const units = ['rows', 'households', 'reports', 'files'] as const;
export type Unit = (typeof units)[number];

/** The unit a stage counts unless its caller says otherwise. */
export const defaultUnit: Record<Stage, Unit> = {
  import: 'rows',
  'match-assess': 'households',
  reports: 'reports',
  workbook: 'rows',
  results: 'households',
};

/**
 * The input file an import progress event is about. `name` is the base name only: a full path can hold a user name
 * or a county's folder layout, which has no business in a log that may be shipped elsewhere.
 */
export interface FileRef {
  name: string;
  /** The kind its name gave it (applicants, bank, …; data-contract.md). */
  kind: string;
  /** 1-based position among the files of this import, and how many there are. */
  index: number;
  count: number;
}

export interface StageStartEvent {
  type: 'stage-start';
  t: number;
  stage: Stage;
  unit: Unit;
  total?: number;
}

export interface ProgressEvent {
  type: 'progress';
  t: number;
  stage: Stage;
  /** Count so far; for `import`, rows read from the current `file`. */
  done: number;
  total?: number;
  unit: Unit;
  file?: FileRef;
}

export interface StageEndEvent {
  type: 'stage-end';
  t: number;
  stage: Stage;
  done: number;
  unit: Unit;
  /** Seconds the stage took (monotonic clock). */
  seconds: number;
}

export interface WarningEvent {
  type: 'warning';
  t: number;
  /** Stable English reason code, as in the summary's warnings. */
  code: string;
  /** Chinese text for the operator. */
  message: string;
}

export interface DoneEvent {
  type: 'done';
  t: number;
  /** The process exit code (data-contract.md), the same as the summary's exit_code. */
  exitCode: number;
}

export type RunEvent = StageStartEvent | ProgressEvent | StageEndEvent | WarningEvent | DoneEvent;

/** Where events go: an NDJSON stream, the live TTY display, or nowhere. Must never throw into the run. */
export interface ProgressSink {
  emit(e: RunEvent): void;
}

/** --quiet: progress costs nothing and shows nothing. */
export const noProgress: ProgressSink = { emit: () => {} };

/** Seconds with millisecond precision: enough for rates and ETAs, short lines in the NDJSON. */
export function roundSeconds(s: number): number {
  return Math.round(s * 1000) / 1000;
}
