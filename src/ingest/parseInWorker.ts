import { Worker } from 'node:worker_threads';
import { InternalError, UserInputError } from '../errors.js';
import type { ParseEvent, ParseJob } from './parseFile.js';

type WorkerMessage =
  | ParseEvent
  | { type: 'end' }
  | { type: 'refused'; code: string; message: string; hint?: string; location: { file?: string } }
  | { type: 'failed'; name: string; message: string; stack?: string };

/** The compiled worker: from src/ (tests) and dist/ alike, this resolves to dist/ingest/parseWorker.js. */
const workerUrl = new URL('../../dist/ingest/parseWorker.js', import.meta.url);

/** parseFile in a worker thread, as the same async stream of events; errors are rethrown typed. */
export async function* parseFileInWorker(job: ParseJob): AsyncGenerator<ParseEvent> {
  const worker = new Worker(workerUrl, { workerData: job });
  const queue: WorkerMessage[] = [];
  let notify: (() => void) | undefined;
  let crashed: Error | undefined;
  let exited = false;
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    notify?.();
  });
  worker.on('error', (err) => {
    crashed = err;
    notify?.();
  });
  worker.on('exit', () => {
    exited = true;
    notify?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !crashed && !exited) await new Promise<void>((resolve) => (notify = resolve));
      const m = queue.shift();
      if (!m) throw new InternalError('PARSE_WORKER', 'parse worker stopped unexpectedly', { cause: crashed });
      switch (m.type) {
        case 'end':
          return;
        case 'refused':
          throw new UserInputError(m.code, m.message, { ...(m.hint ? { hint: m.hint } : {}), location: m.location });
        case 'failed':
          throw new InternalError('PARSE_WORKER', `parse worker failed: ${m.name}`, { cause: Object.assign(new Error(m.message), { stack: m.stack }) });
        case 'header':
          yield m;
          break;
        case 'rows':
          yield m;
          worker.postMessage({ type: 'ack' });
          break;
      }
    }
  } finally {
    await worker.terminate();
  }
}
