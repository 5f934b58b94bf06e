import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessBatch, defaultAsOf, storedEntries } from '../../src/batch/assessBatch.js';
import { generateFixtures } from '../../src/fixtures/generate.js';
import { planFolder } from '../../src/ingest/batchFolder.js';
import { importMany } from '../../src/ingest/importMany.js';
import { findPolicyFile, loadPolicyFile } from '../../src/policy/index.js';
import { tempDir, tempWorkspace } from '../helpers/workspace.js';

describe('assess stage: worker threads change nothing', () => {
  it('1, 2 and 3 workers store identical results for every household, each household exactly once', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    await generateFixtures({ households: 240, seed: 'workers', out: input, badRows: 0.02, formats: 'csv' });
    const { db, batchId } = tempWorkspace();
    await importMany(db, batchId, (await planFolder(input)).files, {});
    const policy = await loadPolicyFile(await findPolicyFile(input));
    const asOf = defaultAsOf(db, batchId)!;
    const runs: string[][] = [];
    for (const workers of [1, 2, 3]) {
      const summary = await assessBatch(db, batchId, policy, asOf, { workers });
      const entries = [...storedEntries(db, batchId)];
      expect(summary.households).toBe(entries.length);
      runs.push(entries);
    }
    const ids = runs[0]!.map((e) => (JSON.parse(e) as { application_id: string }).application_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(200);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});
