import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/importFile.js';
import { rejectedRows } from '../../src/ingest/ledger.js';
import { tempWorkspace, writeText } from '../helpers/workspace.js';

const header = '申请编号,区划代码,城乡类别,救助类别,申请日期,姓名,身份证号,与申请人关系,授权核对';
// Valid IDs (GB 11643 check characters computed): 11010519491231002X, 440524188001010014, 150122199010194636.
const A = '11010519491231002X';
const B = '440524188001010014';
const C = '150122199010194636';

describe('R1 household consistency at import', () => {
  it('accepts a household whose other members leave household-level columns blank', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\nH1,,,,,李四,${B},配偶,是\n`;
    const s = await importFile(db, batchId, 'applicants', writeText(dir, 'applicants.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([2, 2, 0]);
    expect(db.prepare('SELECT name, is_self FROM applicants ORDER BY line').all()).toEqual([
      { name: '张三', is_self: 1 },
      { name: '李四', is_self: 0 },
    ]);
  });

  it('rejects the whole application when a member disagrees on a household column, two 本人, or a repeated ID', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = [
      header,
      `H1,371702,城市,低保,2024-06-01,张三,${A},本人,是`,
      `H1,,,特困,,李四,${B},配偶,是`,
      `H2,371702,城市,低保,2024-06-01,王五,${C},本人,是`,
      `H2,371702,城市,低保,2024-06-01,王六,${B},本人,是`,
      `H3,371702,农村,低保,2024-06-01,赵七,${A},户主,是`,
      `H3,371702,农村,低保,2024-06-01,赵八,${A},子女,否`,
      `H4,371702,农村,低保,2024-06-01,孙九,${C},申请人,否`,
    ].join('\r\n');
    const s = await importFile(db, batchId, 'applicants', writeText(dir, 'applicants.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([7, 1, 6]);
    const rows = [...rejectedRows(db, batchId)];
    expect(rows.every((r) => r.code === 'HOUSEHOLD_INCONSISTENT')).toBe(true);
    expect(rows.find((r) => r.line === 3)!.message).toContain('“救助类别”（特困）与本人行（低保）不一致');
    expect(rows.find((r) => r.line === 4)!.message).toContain('有 2 行写为“本人”');
    expect(rows.find((r) => r.line === 6)!.message).toContain('出现了两次');
    // H4: 申请人 is read as 本人 when no row says 本人; a missing authorisation is not a rejection (R2).
    expect(db.prepare('SELECT application_id, is_self, authorized FROM applicants').all()).toEqual([
      { application_id: 'H4', is_self: 1, authorized: 0 },
    ]);
  });

  it('a rejected row rejects every row of its application, even rows already accepted from an earlier file', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const first = `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\n`;
    const second = `${header}\nH1,,,,2024-02-30,李四,${B},配偶,是\n`;
    const s1 = await importFile(db, batchId, 'applicants', writeText(dir, 'applicants-1.csv', first));
    expect(s1.accepted).toBe(1);
    await importFile(db, batchId, 'applicants', writeText(dir, 'applicants-2.csv', second));
    expect(db.prepare('SELECT count(*) AS n FROM applicants').get()).toEqual({ n: 0 });
    // The stored ledger of the earlier file is refreshed: its one row moved from accepted to rejected.
    expect(db.prepare('SELECT name, rows_read, rows_accepted, rows_rejected FROM files ORDER BY id').all()).toEqual([
      { name: 'applicants-1.csv', rows_read: 1, rows_accepted: 0, rows_rejected: 1 },
      { name: 'applicants-2.csv', rows_read: 1, rows_accepted: 0, rows_rejected: 1 },
    ]);
    expect([...rejectedRows(db, batchId)].map((r) => [r.file, r.line, r.code])).toEqual([
      ['applicants-1.csv', 2, 'HOUSEHOLD_INCONSISTENT'],
      ['applicants-2.csv', 2, 'BAD_DATE'],
    ]);
  });

  it('keeps an applicant with an invalid ID (R3: the household is blocked later, the row is not rejected)', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = `${header}\nH1,371702,城市,低保,2024-06-01,张三,110105194912310021,本人,是\n`;
    const s = await importFile(db, batchId, 'applicants', writeText(dir, 'applicants.csv', text));
    expect(s.accepted).toBe(1);
    expect(db.prepare('SELECT id_number, id_valid FROM applicants').get()).toEqual({ id_number: '110105194912310021', id_valid: 0 });
  });
});

describe('R1/R2 edge cases', () => {
  it('a blank 授权核对 reads as 否 and is not a rejection', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,\n`;
    const s = await importFile(db, batchId, 'applicants', writeText(dir, 'applicants.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([1, 1, 0]);
    expect(db.prepare('SELECT authorized FROM applicants').get()).toEqual({ authorized: 0 });
  });

  it('an exact duplicate member row rejects its copy DUPLICATE_ROW and the rest of the application', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = `${header}\nH1,371702,城市,低保,2024-06-01,张三,${A},本人,是\nH1,,,,,李四,${B},配偶,是\nH1,,,,,李四,${B},配偶,是\n`;
    const s = await importFile(db, batchId, 'applicants', writeText(dir, 'applicants.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([3, 0, 3]);
    expect([...rejectedRows(db, batchId)].map((r) => [r.line, r.code])).toEqual([
      [2, 'HOUSEHOLD_INCONSISTENT'],
      [3, 'HOUSEHOLD_INCONSISTENT'],
      [4, 'DUPLICATE_ROW'],
    ]);
  });
});
