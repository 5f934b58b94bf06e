import { describe, expect, it } from 'vitest';
import { importMany } from '../../src/ingest/importMany.js';
import { planMatch, householdInputs, openReader, readRows, unmatchedCounts } from '../../src/match/householdStream.js';
import { startNewBatch } from '../../src/store/db.js';
import { tempWorkspace, writeText } from '../helpers/workspace.js';

const header = '申请编号,区划代码,城乡类别,救助类别,申请日期,姓名,身份证号,与申请人关系,授权核对,不计入原因,豁免号牌';
// Valid IDs (GB 11643 check characters computed by hand with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
const A = '11010519491231002X';
const B = '110105194912310011';
const C = '110105194912310038';
const D = '110105194912310046'; // nobody's: its rows are unmatched

describe('src/match: members and matched rows per household, in application_id order', () => {
  it('groups rows by household, orders by file name then line, counts unmatched rows, finds duplicate members', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const app = writeText(dir, 'in/applicants.csv',
      `${header}\nZ9,371702,城市,低保,2024-06-01,张三,${A},本人,是,,京A·12345\nZ9,,,,,李四,${B},配偶,是,服刑,\nB1,371702,农村,特困,2024-05-01,王五,${C},本人,是,,\nB2,371702,农村,低保,2024-05-02,王六,${B},本人,是,,\n`);
    const bank2 = writeText(dir, 'in/bank-2.csv', `身份证号,姓名,机构名称,资产类别,余额,查询日期\n${A},张三,农行,活期存款,20,2024-06-01\n${D},某某,农行,活期存款,5,2024-06-01\n`);
    const bank1 = writeText(dir, 'in/bank-1.csv', `身份证号,姓名,机构名称,资产类别,余额,查询日期\n${A},张叁,农行,活期存款,10,2024-06-01\n${B},李四,工行,定期存款,7,2024-06-01\n`);
    const veh = writeText(dir, 'in/vehicle.csv', `身份证号,姓名,号牌号码,机动车状态\n${C},王五,鲁R12345,正常\n`);
    await importMany(db, batchId, [
      { kind: 'applicants', path: app },
      { kind: 'bank', path: bank2 },
      { kind: 'bank', path: bank1 },
      { kind: 'vehicle', path: veh },
    ], {});

    const reader = openReader(db);
    expect(planMatch(reader, batchId).duplicateIds).toEqual([B]);
    const hs = [...householdInputs(reader, batchId)];
    reader.close();
    expect(hs.map((h) => h.applicationId)).toEqual(['B1', 'B2', 'Z9']); // code-point order

    const z9 = hs[2]!;
    expect(z9).toMatchObject({ regionCode: '371702', areaType: '城市', program: '低保', applicationDate: '2024-06-01' });
    expect(z9.members.map((m) => [m.name, m.isSelf, m.excludedReason, m.ordinal])).toEqual([
      ['张三', true, null, 0],
      ['李四', false, '服刑', 1],
    ]);
    expect(z9.members[0]!.exemptPlates).toEqual(['京A12345']); // R10: dots and spaces removed
    expect(z9.members[0]!.birthDate).toBe('1949-12-31');
    expect(z9.duplicateMemberIds).toEqual([B]);
    // bank-1.csv sorts before bank-2.csv (code-point order of names) whatever the import order: file ranks 0 and 1.
    expect(z9.sources.bank.map((r) => [r.ref.file, r.ref.fileRank, r.ref.line, r.idNumber, r.balance])).toEqual([
      ['bank-1.csv', 0, 2, A, 1000],
      ['bank-1.csv', 0, 3, B, 700], // the excluded member's row is matched too; the core decides not to read it (R1)
      ['bank-2.csv', 1, 2, A, 2000],
    ]);
    expect(z9.sources.bank[0]!.nameNorm).not.toBe(z9.members[0]!.nameNorm); // 张叁 ≠ 张三: suspect evidence (R4)

    const b1 = hs[0]!;
    expect(b1.sources.vehicle.map((v) => [v.plateNorm, v.status])).toEqual([['鲁R12345', 'A']]);
    expect(b1.sources.bank).toEqual([]);
    expect(hs[1]!.sources.bank.map((r) => r.balance)).toEqual([700]); // B is in two households: both get the row

    const unmatched = Object.fromEntries(unmatchedCounts(db, batchId).map((u) => [u.kind, [u.accepted, u.unmatched]]));
    expect(unmatched.bank).toEqual([4, 1]);
    expect(unmatched.vehicle).toEqual([1, 0]);
  });

  it('matches each batch of a workspace only against its own rows', async () => {
    const { dir, db, batchId: first } = tempWorkspace();
    const app = writeText(dir, 'in/applicants.csv', `${header}\nA1,371702,城市,低保,2024-06-01,张三,${A},本人,是,,\n`);
    const bankOf = (yuan: number) => `身份证号,姓名,机构名称,资产类别,余额,查询日期\n${A},张三,农行,活期存款,${yuan},2024-06-01\n`;
    await importMany(db, first, [{ kind: 'applicants', path: app }, { kind: 'bank', path: writeText(dir, 'night1/bank.csv', bankOf(10)) }], {});
    const balances = (batch: number) => {
      const reader = openReader(db);
      const hs = [...householdInputs(reader, batch)];
      reader.close();
      return hs.map((h) => h.sources.bank.map((r) => r.balance));
    };
    expect(balances(first)).toEqual([[1000]]);
    // The next night in the same workspace: the same person with another balance.
    const second = startNewBatch(db);
    await importMany(db, second, [{ kind: 'applicants', path: app }, { kind: 'bank', path: writeText(dir, 'night2/bank.csv', bankOf(25)) }], {});
    expect(balances(second)).toEqual([[2500]]);
    expect(balances(first)).toEqual([[1000]]); // an old batch explained later still sees only its own rows
  });
});

describe('src/match/householdStream readRows: the rows of a chunk in the plan’s order', () => {
  // Cells end with file_id, line, row_id (sourceRows.ts); a stub statement stands in for SQLite's answer.
  const answer = (rows: number[][]) => ({ get: () => JSON.stringify(rows) });
  it('takes SQLite’s rows as they come when they follow the plan, duplicates included', () => {
    const rows = [[1, 2, 30], [1, 5, 10], [1, 2, 30]];
    expect(readRows(answer(rows), Float64Array.from([30, 10, 30]), 'bank')).toEqual(rows);
  });
  it('puts rows back in the plan’s order should they come in another, and refuses a planned row that is missing', () => {
    const rows = [[1, 5, 10], [1, 2, 30]];
    expect(readRows(answer(rows), Float64Array.from([30, 10, 30]), 'bank')).toEqual([[1, 2, 30], [1, 5, 10], [1, 2, 30]]);
    expect(() => readRows(answer(rows), Float64Array.from([30, 11]), 'bank')).toThrow(expect.objectContaining({ code: 'MATCH_ROW_GONE' }));
  });
});
