import { parentPort, workerData } from 'node:worker_threads';
import { UserInputError } from '../errors.js';
import { Credits } from '../workerCredits.js';
import { parseFile, type ParseJob } from './parseFile.js';

/**
 * Worker-thread entry: parses one file and posts its rows in order. At most `maxInFlight` row batches wait unacknowledged,
 * so a fast parser never piles rows up in memory ahead of the (slower) SQLite writer.
 */
const maxInFlight = 16;
const credits = new Credits(maxInFlight);
const port = parentPort!;

port.on('message', (m: { type: string }) => {
  if (m.type === 'ack') credits.release();
});

try {
  for await (const event of parseFile(workerData as ParseJob)) {
    if (event.type === 'rows') await credits.take();
    port.postMessage(event);
  }
  port.postMessage({ type: 'end' });
} catch (err) {
  if (err instanceof UserInputError) {
    port.postMessage({ type: 'refused', code: err.code, message: err.message, hint: err.hint, location: err.location });
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({ type: 'failed', name: e.name, message: e.message, stack: e.stack });
  }
}
port.close();
