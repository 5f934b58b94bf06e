/** Worker thread entry: one range of households (src/batch/processRange.ts), results posted back in chunks. */
import { parentPort, workerData } from 'node:worker_threads';
import { processRange, type AssessJob, type AssessWorkerMessage } from './processRange.js';

const post = (m: AssessWorkerMessage) => parentPort!.postMessage(m);
let stopRequested = false;
parentPort!.on('message', (m: { type: string }) => {
  if (m.type === 'stop') stopRequested = true;
});
processRange(workerData as AssessJob, (rows) => post({ type: 'rows', rows }), () => stopRequested).then(
  (completed) => {
    post({ type: 'end', stopped: !completed });
    parentPort!.close();
  },
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e as NodeJS.ErrnoException).code;
    post({ type: 'failed', name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}), ...(typeof code === 'string' ? { code } : {}) });
  },
);
