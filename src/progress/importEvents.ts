import { basename } from 'node:path';
import type { ImportEvent } from '../ingest/importMany.js';
import type { RunProgress } from './runProgress.js';

/**
 * Turns importMany's per-file callbacks into `import` progress events (one file at a time: name, kind, rows read).
 * The caller brackets the import with `stageStart('import')` and `stageEnd('import', rowsRead)`; `rowsRead()` gives
 * the running total across files for that call.
 */
export function importProgress(run: RunProgress, fileCount: number): { onEvent: (e: ImportEvent) => void; rowsRead: () => number } {
  let index = 0;
  let finished = 0;
  let current = 0;
  return {
    onEvent(e) {
      if (e.type === 'file-start') {
        index++;
        current = 0;
      } else if (e.type === 'file-rows') {
        current = e.read ?? current;
      } else {
        current = e.summary?.read ?? e.read ?? current;
      }
      const file = { name: basename(e.file), kind: e.kind, index, count: fileCount };
      run.progress('import', current, { file });
      if (e.type === 'file-done') {
        finished += current;
        current = 0;
      }
    },
    rowsRead: () => finished + current,
  };
}
