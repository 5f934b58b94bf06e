/** Worker thread entry: one range of households (src/batch/processRange.ts), results posted back in chunks. */
import { parentPort } from 'node:worker_threads';
import { Credits } from '../workerCredits.js';
import { processRange, type AssessJob, type AssessWorkerMessage } from './processRange.js';

const post = (m: AssessWorkerMessage) => parentPort!.postMessage(m);
let stopRequested = false;
/**
 * Chunks posted but not yet stored by the main thread. Without this bound a worker that assesses faster than the main
 * thread stores (no reports asked) queued every result in the main thread: 100,000 households took 658 MB (issue 7).
 */
const maxUnstored = 4;
const credits = new Credits(maxUnstored);
parentPort!.on('message', (m: { type: string; job?: AssessJob }) => {
  if (m.type === 'job') run(m.job!);
  if (m.type === 'stop') stopRequested = true;
  if (m.type === 'stored') credits.release();
});
const emit = async (rows: AssessWorkerMessage & { type: 'rows' }) => {
  await credits.take();
  post(rows);
};
/** The job arrives once the batch's plan is made (src/batch/assessBatch.ts): this thread starts up meanwhile. */
function run(job: AssessJob): void {
  processRange(job, (rows) => emit({ type: 'rows', rows }), () => stopRequested).then(
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
}
