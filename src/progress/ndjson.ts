import type { ProgressSink, RunEvent } from './events.js';

/**
 * One event per line, each written whole in one call, so human text written to the same stream never lands inside an
 * event line and a killed run leaves whole lines behind.
 */
export function ndjsonSink(writeLine: (line: string) => void): ProgressSink {
  return { emit: (e: RunEvent) => writeLine(JSON.stringify(e) + '\n') };
}
