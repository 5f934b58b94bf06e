/**
 * bench:assess's parallel stage: one worker thread matches and assesses a range of households of the shared plan,
 * exactly as the night's workers do (src/batch/processRange.ts) minus storing results and writing reports.
 */
import { parentPort } from 'node:worker_threads';
import { assessHousehold } from '../assess/assessHousehold.js';
import { householdsOfPlan, loadDispositions, openReader, type MatchPlan } from '../match/householdStream.js';
import { parsePolicyBytes } from '../policy/index.js';
import { matchedRows } from './child.js';

export interface MatchAssessJob {
  dbPath: string;
  plan: MatchPlan;
  from: number;
  to: number;
  policyFile: string;
  policyBytes: Uint8Array;
  asOf: string;
}

/** The job arrives once the plan is made (src/bench/assess.ts): this thread starts up meanwhile. */
parentPort!.once('message', (job: MatchAssessJob) => {
  const pack = parsePolicyBytes(job.policyBytes, job.policyFile);
  const reader = openReader(job.dbPath);
  let households = 0;
  let sourceRows = 0;
  for (const h of householdsOfPlan(reader, job.plan, { dispositions: loadDispositions(reader) }, job.from, job.to)) {
    assessHousehold(h, pack, job.asOf);
    sourceRows += matchedRows(h);
    households++;
  }
  reader.close();
  parentPort!.postMessage({ households, sourceRows });
});
