import { describe, expect, it } from 'vitest';
import { importMany } from '../../src/ingest/importMany.js';
import { householdInputs, openReader, planMatch } from '../../src/match/householdStream.js';
import { planMatchInWorker } from '../../src/match/planInWorker.js';
import { startNewBatch } from '../../src/store/db.js';
import { tempWorkspace, writeText } from '../helpers/workspace.js';

const header = '申请编号,区划代码,城乡类别,救助类别,申请日期,姓名,身份证号,与申请人关系,授权核对,不计入原因,豁免号牌';
// Valid IDs (GB 11643 check characters computed by hand with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
const A = '11010519491231002X';
const B = '110105194912310011';
const C = '110105194912310038';
const bankHeader = '身份证号,姓名,机构名称,资产类别,余额,查询日期';

async function workspace() {
  const { dir, db, batchId } = tempWorkspace();
  // Three applications; B is in two of them (R3), and an invalid ID is in two of them as well.
  const app = writeText(dir, 'in/applicants.csv', [
    header,
    `K2,371702,城市,低保,2024-06-01,张三,${A},本人,是,,`,
    `K2,,,,,李四,${B},配偶,是,,`,
    `K2,,,,,赵七,123456,子女,是,,`,
    `A1,371702,农村,特困,2024-05-01,王五,${C},本人,是,,`,
    `𠮷3,371702,农村,低保,2024-05-02,王六,${B},本人,是,,`,
    `𠮷3,,,,,钱八,123456,子女,是,,`,
  ].join('\n') + '\n');
  const bank = writeText(dir, 'in/bank.csv', [
    bankHeader,
    `${A},张三,农行,活期存款,1,2024-06-01`,
    `${B},李四,工行,定期存款,2,2024-06-01`,
    `${C},王五,农行,活期存款,3,2024-06-01`,
    `${A},张三,农行,定期存款,4,2024-06-01`,
  ].join('\n') + '\n');
  await importMany(db, batchId, [{ kind: 'applicants', path: app }, { kind: 'bank', path: bank }], {});
  return { db, batchId };
}

describe('src/match/matchPlan: which rows belong to which household, as numbers', () => {
  it('numbers households in code-point order of application_id and lays rows out by household, in line order', async () => {
    const { db, batchId } = await workspace();
    const reader = openReader(db);
    const plan = planMatch(reader, batchId);
    // A1 < K2 < 𠮷3 in code points (𠮷 is U+20BB7, beyond every BMP character).
    expect([plan.from, plan.to]).toEqual([1, 3]);
    const lines = (kind: number, hh: number) => {
      const { start, rowIds } = plan.kinds[kind]!;
      const ids = [...rowIds.subarray(start[hh]!, start[hh + 1]!)];
      const table = kind === 0 ? 'applicants' : 'bank';
      return ids.map((id) => reader.prepare(`SELECT line FROM ${table} WHERE row_id = ?`).pluck().get(id));
    };
    expect([lines(0, 1), lines(0, 2), lines(0, 3)]).toEqual([[5], [2, 3, 4], [6, 7]]);
    // bank: A1 has C's row (line 4); K2 has A's rows (2, 5) and B's (3) in line order; 𠮷3 has B's row too.
    expect([lines(1, 1), lines(1, 2), lines(1, 3)]).toEqual([[4], [2, 3, 5], [3]]);
    // R3: B and the invalid 123456 are each in two applications; A and C in one.
    expect(plan.duplicateIds.sort()).toEqual(['123456', B].sort());
    reader.close();
  });

  it('a range plans only its households, with the batch-wide numbering; one application plans alone', async () => {
    const { db, batchId } = await workspace();
    const reader = openReader(db);
    const range = planMatch(reader, batchId, { from: 2, to: 9 });
    expect([range.from, range.to]).toEqual([2, 3]); // clipped to the three households
    const bank = range.kinds[1]!;
    expect(bank.start[2]! - bank.start[1]!).toBe(0); // household 1 (A1) is outside the range
    expect(bank.start[4]! - bank.start[2]!).toBe(4);
    expect([...householdInputs(reader, batchId, {}, { from: 2, to: 9 })].map((h) => [h.seq, h.applicationId])).toEqual([[2, 'K2'], [3, '𠮷3']]);
    const one = [...householdInputs(reader, batchId, {}, { applicationId: '𠮷3' })];
    expect(one.map((h) => [h.seq, h.applicationId, h.sources.bank.map((r) => r.balance)])).toEqual([[1, '𠮷3', [200]]]);
    expect([...householdInputs(reader, batchId, {}, { applicationId: 'NONE' })]).toEqual([]);
    reader.close();
  });

  it('puts a household’s rows in line order even if row-id order and line order ever disagree', async () => {
    const { db, batchId } = await workspace();
    // Swap the line numbers of A's two bank rows (lines 2 and 5): the later row id now carries the earlier line.
    db.exec(`UPDATE bank SET line = CASE line WHEN 2 THEN 5 WHEN 5 THEN 2 ELSE line END`);
    const reader = openReader(db);
    const k2 = [...householdInputs(reader, batchId)].find((h) => h.applicationId === 'K2')!;
    expect(k2.sources.bank.map((r) => [r.ref.line, r.balance])).toEqual([[2, 400], [3, 200], [5, 100]]);
    reader.close();
  });

  it('an invalid ID matches nothing; earlier batches do not count; an ID twice in one household still gets its rows once', async () => {
    const { dir, db, batchId } = tempWorkspace();
    // Batch 1 (before this one): C in application Q1 — not a duplicate of this batch's C (R3 is per batch).
    const old = writeText(dir, 'old/applicants.csv', `${header}\nQ1,371702,城市,低保,2024-06-01,王五,${C},本人,是,,\n`);
    await importMany(db, batchId, [{ kind: 'applicants', path: old }], {});
    const next = startNewBatch(db);
    const app = writeText(dir, 'in/applicants.csv', [
      header,
      `M1,371702,城市,低保,2024-06-01,张三,${A},本人,是,,`,
      `M1,,,,,赵七,123456,子女,是,,`,
      `M2,371702,城市,低保,2024-06-01,王五,${C},本人,是,,`,
    ].join('\n') + '\n');
    const bank = writeText(dir, 'in/bank.csv', [bankHeader, `${A},张三,农行,活期存款,1,2024-06-01`, `123456,赵七,农行,活期存款,2,2024-06-01`, `${C},王五,农行,活期存款,3,2024-06-01`].join('\n') + '\n');
    await importMany(db, next, [{ kind: 'applicants', path: app }, { kind: 'bank', path: bank }], {});
    // R1 refuses an application listing an ID twice at import; should such rows ever reach the workspace, the row
    // still goes to the household once (a copy of A's row, as if M1 listed A twice).
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('applicants') WHERE name <> 'row_id'`).pluck().all() as string[]).join(', ');
    db.prepare(`INSERT INTO applicants (${columns}) SELECT ${columns} FROM applicants WHERE batch_id = ? AND id_number = ?`).run(next, A);
    const reader = openReader(db);
    const plan = planMatch(reader, next);
    const bankOf = (hh: number) => [...plan.kinds[1]!.rowIds.subarray(plan.kinds[1]!.start[hh]!, plan.kinds[1]!.start[hh + 1]!)];
    const lineOf = (id: number) => reader.prepare(`SELECT line FROM bank WHERE row_id = ?`).pluck().get(id);
    // M1 gets A's row (line 2) once and not the invalid ID's row (line 3); M2 gets C's row (line 4).
    expect([bankOf(1).map(lineOf), bankOf(2).map(lineOf)]).toEqual([[2], [4]]);
    expect(plan.kinds[0]!.start[2]! - plan.kinds[0]!.start[1]!).toBe(3); // M1's three applicant rows
    // A is twice in M1 only: not in two applications. C is in Q1 of the earlier batch: not this batch's duplicate.
    expect(plan.duplicateIds).toEqual([]);
    const piece = await planMatchInWorker(db.name, next, 2);
    expect([...piece.kinds[1]!.rowIds]).toEqual([...plan.kinds[1]!.rowIds]);
    reader.close();
  });

  it('the plan made by 1–5 worker threads, each scanning a slice of every file, is the plan made here, on shared arrays', async () => {
    const { db, batchId } = await workspace();
    const reader = openReader(db);
    const here = planMatch(reader, batchId);
    reader.close();
    const plain = (p: typeof here) => ({ ...p, kinds: p.kinds.map((k) => ({ start: [...k.start], rowIds: [...k.rowIds] })) });
    // Split in 1, 2, 3 and 5 parts (more parts than the 4 bank rows: some slices are empty).
    for (const parts of [1, 2, 3, 5]) {
      const there = await planMatchInWorker(db.name, batchId, parts);
      expect(there.kinds[1]!.rowIds.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(plain(there)).toEqual(plain(here));
    }
    expect(here.to).toBe(3);
  });

  it('a plan worker that fails rejects with MATCH_PLAN_WORKER instead of hanging', async () => {
    await expect(planMatchInWorker('/nonexistent/hedui.sqlite', 1)).rejects.toMatchObject({ code: 'MATCH_PLAN_WORKER' });
  });
});
