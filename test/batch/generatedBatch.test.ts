import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/runBatch.js';
import { faultReason, generateFixtures } from '../../src/fixtures/generate.js';
import { tempDir, tempWorkspace } from '../helpers/workspace.js';

describe('a generated batch with 5 % bad rows', () => {
  it('balances the ledger of every file and rejects exactly the injected faults, each with its reason code', async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const fx = await generateFixtures({ households: 300, seed: 'ledger', out: input, badRows: 0.05 });
    const { db } = tempWorkspace();
    const batch = await runBatch(db, { input, out: join(dir, 'out'), operator: 't', clock: () => new Date(0) });
    expect(batch.refused).toEqual([]);
    const files = fx.files.filter((f) => f.kind !== 'policy');
    expect(batch.files.map((f) => f.name).sort()).toEqual(files.map((f) => f.name).sort());
    for (const f of files) {
      const got = batch.files.find((b) => b.name === f.name)!;
      expect(got.read, f.name).toBe(f.rows);
      expect(got.read, f.name).toBe(got.accepted + got.rejected);
      expect(got.accepted, f.name).toBe(f.expectedAccepted);
    }
    // Each injected fault line carries the reason code the generator meant to provoke.
    const codes = new Map(
      (db.prepare(`SELECT f.name AS file, r.line, r.code FROM rejections r JOIN files f ON f.id = r.file_id`).all() as {
        file: string; line: number; code: string;
      }[]).map((r) => [`${r.file}:${r.line}`, r.code]),
    );
    let checked = 0;
    for (const f of files.filter((x) => x.kind !== 'applicants')) {
      for (const [fault, lines] of Object.entries(f.faultLines)) {
        for (const line of lines ?? []) {
          expect(codes.get(`${f.name}:${line}`), `${f.name}:${line} ${fault}`).toBe(faultReason[fault as keyof typeof faultReason]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
