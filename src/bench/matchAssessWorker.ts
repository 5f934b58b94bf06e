/**
 * bench:assess's parallel stage: one worker thread matches and assesses a range of households of the shared plan,
 * exactly as the night's workers do (src/batch/processRange.ts) minus storing results and writing reports.
 */
import { parentPort } from 'node:worker_threads';
import { assessHousehold } from '../assess/assessHousehold.js';
import { loadDispositions, openReader } from '../match/householdStream.js';
import { householdsOf, type MatchSource } from '../match/matchSource.js';
import { parsePolicyBytes } from '../policy/index.js';
import { matchedRows } from './child.js';

export interface MatchAssessJob {
  dbPath: string;
  plan: MatchSource;
  from: number;
  to: number;
  policyFile: string;
  policyBytes: Uint8Array;
  asOf: string;
}

export interface MatchAssessDone {
  households: number;
  sourceRows: number;
  /** Reading and assembling the households' rows (second match pass). */
  readSeconds: number;
  /** The pure core (src/assess). */
  coreSeconds: number;
}

/** The job arrives once the plan is made (src/bench/assess.ts): this thread starts up meanwhile. */
parentPort!.once('message', (job: MatchAssessJob) => {
  const pack = parsePolicyBytes(job.policyBytes, job.policyFile);
  const reader = openReader(job.dbPath);
  let households = 0;
  let sourceRows = 0;
  let coreMs = 0; // where the time goes (printed beside the figures): the pure core, the rest being the rows' reading
  const started = performance.now();
  for (const h of householdsOf(reader, job.plan, { dispositions: loadDispositions(reader) }, job.from, job.to)) {
    const t = performance.now();
    assessHousehold(h, pack, job.asOf);
    coreMs += performance.now() - t;
    sourceRows += matchedRows(h);
    households++;
  }
  const allMs = performance.now() - started;
  reader.close();
  parentPort!.postMessage({ households, sourceRows, readSeconds: (allMs - coreMs) / 1000, coreSeconds: coreMs / 1000 } satisfies MatchAssessDone);
});
