import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/importFile.js';
import { rejectedRows } from '../../src/ingest/ledger.js';
import { tempWorkspace, writeText } from '../helpers/workspace.js';

const bankHeader = '身份证号,姓名,机构名称,资产类别,账号,余额,查询日期';
// 11010519491231002X is the GB 11643 example ID (valid); 110105194912310021 has a wrong check character.
const ID = '11010519491231002X';

describe('importFile: encodings and CSV shapes', () => {
  it('reads a GB18030 file with CRLF without --encoding, and keeps the ledger balanced', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const path = writeText(dir, 'bank.csv', `${bankHeader}\r\n${ID},张三,中国农业银行,活期存款,6228480012345678,"1,234.50元",2024/6/1\r\n`, 'gb18030');
    const s = await importFile(db, batchId, 'bank', path);
    expect(s.encoding).toBe('gb18030');
    expect([s.read, s.accepted, s.rejected]).toEqual([1, 1, 0]);
    const row = db.prepare('SELECT name, institution, balance, as_of, account_no FROM bank').get();
    // 1,234.50元 → 123450 分; 2024/6/1 → 2024-06-01; the account number stays text.
    expect(row).toEqual({ name: '张三', institution: '中国农业银行', balance: 123450, as_of: '2024-06-01', account_no: '6228480012345678' });
  });

  it('reads UTF-8 with BOM and matches alias headers', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const path = writeText(dir, 'bank.csv', `证件号码,户名,金融机构,账户类型,卡号,金额,截止日期\n${ID},李四,工商银行,定期存款,001,¥0.10,20240601\n`, 'utf-8-bom');
    const s = await importFile(db, batchId, 'bank', path);
    expect(s.encoding).toBe('utf-8');
    expect(s.accepted).toBe(1);
    expect(db.prepare('SELECT balance, account_no FROM bank').get()).toEqual({ balance: 10, account_no: '001' });
  });

  it('keeps quoted commas, quotes and line breaks, and numbers the next record by its physical line', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = `身份证号,姓名,不动产权证号,坐落,规划用途,建筑面积\n${ID},王五,"鲁(2024)菏泽市不动产权第0001号","菏泽市""牡丹区"",\n一号楼",住宅,89.5\n110105194912310021,赵六,X2,Y,住宅,50\n`;
    const s = await importFile(db, batchId, 'realestate', writeText(dir, 'realestate.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([2, 1, 1]);
    expect(db.prepare('SELECT location, area, line FROM realestate').get()).toEqual({ location: '菏泽市"牡丹区",\n一号楼', area: 8950, line: 2 });
    const [rej] = [...rejectedRows(db, batchId)];
    expect(rej).toMatchObject({ line: 4, code: 'ID_INVALID', column: '身份证号' });
  });

  it('rejects ragged rows with too few or too many cells, naming the counts', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = `${bankHeader}\n${ID},张三,农行,活期存款,1,100,2024-06-01,多余\n${ID},张三,农行,活期存款,2,100\n${ID},张三,农行,活期存款,3,1,234.50,2024-06-01\n`;
    const s = await importFile(db, batchId, 'bank', writeText(dir, 'bank.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([3, 0, 3]);
    const rows = [...rejectedRows(db, batchId)];
    expect(rows.map((r) => [r.line, r.code])).toEqual([[2, 'RAGGED_ROW'], [3, 'RAGGED_ROW'], [4, 'RAGGED_ROW']]);
    expect(rows[0]!.message).toContain('本行有 8 列，表头有 7 列');
  });

  it('refuses an empty file, accepts a header-only file with 0 rows, lists unknown columns once', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const empty = await importFile(db, batchId, 'bank', writeText(dir, 'bank-empty.csv', ''));
    expect(empty.refused?.code).toBe('FILE_REFUSED');
    const headerOnly = await importFile(db, batchId, 'bank', writeText(dir, 'bank-h.csv', `${bankHeader},备注\r\n`));
    expect(headerOnly.refused).toBeNull();
    expect([headerOnly.read, headerOnly.accepted, headerOnly.rejected]).toEqual([0, 0, 0]);
    expect(headerOnly.unknownColumns).toEqual(['备注']);
  });

  it('refuses a file missing required columns, listing what is missing and what was found', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const s = await importFile(db, batchId, 'bank', writeText(dir, 'bank.csv', `身份证号,姓名,余额\n${ID},张三,1\n`));
    expect(s.refused?.code).toBe('FILE_REFUSED');
    expect(s.refused?.message).toContain('“资产类别”');
    expect(s.refused?.message).toContain('“查询日期”');
    expect(s.refused?.message).toContain('表头为：“身份证号”、“姓名”、“余额”');
    expect(db.prepare('SELECT count(*) AS n FROM bank').get()).toEqual({ n: 0 });
  });

  it('refuses a path that does not exist and an .xls file, with a conversion hint', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const missing = await importFile(db, batchId, 'bank', join(dir, 'nope.csv'));
    expect(missing.refused?.message).toContain('不存在');
    const xls = await importFile(db, batchId, 'bank', writeText(dir, 'bank.xls', 'whatever'));
    expect(xls.refused?.hint).toContain('soffice --headless --convert-to xlsx');
  });

  it('rejects bad money, impossible dates and exact duplicates, each with its code', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const text = [
      bankHeader,
      `${ID},张三,农行,活期存款,1,3万,2024-06-01`,
      `${ID},张三,农行,活期存款,2,1.234,2024-06-01`,
      `${ID},张三,农行,活期存款,3,"1,23",2024-06-01`,
      `${ID},张三,农行,活期存款,4,100,2024-02-30`,
      `${ID},张三,农行,活期存款,5,100,2024-06-01`,
      `${ID},张 三,农行,活期存款,5,100.00,2024/6/1`,
    ].join('\n');
    const s = await importFile(db, batchId, 'bank', writeText(dir, 'bank.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([6, 1, 5]);
    expect([...rejectedRows(db, batchId)].map((r) => [r.line, r.code])).toEqual([
      [2, 'BAD_MONEY'], [3, 'BAD_MONEY'], [4, 'BAD_MONEY'], [5, 'BAD_DATE'], [7, 'DUPLICATE_ROW'],
    ]);
  });

  it('rejects a 50 MB cell without holding it, and goes on with the next row', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const big = 'x'.repeat(50 * 1024 * 1024);
    const text = `${bankHeader}\n${ID},张三,${big},活期存款,1,100,2024-06-01\n${ID},张三,农行,活期存款,2,100,2024-06-01\n`;
    const s = await importFile(db, batchId, 'bank', writeText(dir, 'bank.csv', text));
    expect([s.read, s.accepted, s.rejected]).toEqual([2, 1, 1]);
    const [rej] = [...rejectedRows(db, batchId)];
    expect(rej).toMatchObject({ line: 2, code: 'CELL_TOO_LONG', column: '机构名称' });
    expect(rej!.raw.length).toBeLessThan(5000);
  });
});

describe('importFile: XLSX', () => {
  it('refuses an ID stored as a number cell (digits already lost) and says to format the column as text', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['身份证号', '姓名', '死亡日期']);
    ws.addRow([110105194912310030, '张三', '2024-05-01']);
    ws.addRow([ID, '李四', new Date(Date.UTC(2024, 4, 2))]);
    const path = join(dir, 'death.xlsx');
    await wb.xlsx.writeFile(path);
    const s = await importFile(db, batchId, 'death', path);
    expect([s.read, s.accepted, s.rejected]).toEqual([2, 1, 1]);
    const [rej] = [...rejectedRows(db, batchId)];
    expect(rej).toMatchObject({ line: 2, code: 'TEXT_AS_NUMBER' });
    expect(rej!.hint).toContain('文本');
    expect(db.prepare('SELECT id_number, death_date FROM death').get()).toEqual({ id_number: ID, death_date: '2024-05-02' });
  });
});

describe('importFile: worker thread', () => {
  it('gives exactly the same rows and rejections parsed in a worker thread as inline', async () => {
    const text = [
      bankHeader,
      `${ID},张三,农行,活期存款,1,100,2024-06-01`,
      `${ID},张三,农行,活期存款,2,3万,2024-06-01`,
      `${ID},张三,农行,活期存款,1,100,2024-06-01`,
      `110105194912310021,李四,农行,活期存款,3,5,2024-06-01`,
      ...Array.from({ length: 5000 }, (_, i) => `${ID},张三,农行,定期存款,${i + 10},${i}.${i % 100},2024/6/${1 + (i % 28)}`),
    ].join('\r\n');
    const dump = async (worker: boolean) => {
      const { dir, db, batchId } = tempWorkspace();
      const s = await importFile(db, batchId, 'bank', writeText(dir, 'bank.csv', text), { worker });
      return {
        counts: [s.read, s.accepted, s.rejected],
        rows: db.prepare('SELECT line, id_number, account_no, balance, as_of FROM bank ORDER BY line').all(),
        rejected: [...rejectedRows(db, batchId)],
      };
    };
    const inline = await dump(false);
    const threaded = await dump(true);
    expect(inline.counts).toEqual([5004, 5001, 3]);
    expect(threaded).toEqual(inline);
  });
});

describe('importFile: a wrong --encoding', () => {
  it('refuses a GB18030 file forced to UTF-8 with an ENCODING refusal that names the fix', async () => {
    const { dir, db, batchId } = tempWorkspace();
    const path = writeText(dir, 'bank.csv', `${bankHeader}\r\n${ID},张三,农行,活期存款,1,1,2024-06-01\r\n`, 'gb18030');
    const s = await importFile(db, batchId, 'bank', path, { encoding: 'utf-8' });
    expect(s.refused?.code).toBe('ENCODING');
    expect(s.refused?.hint).toContain('--encoding gb18030');
  });
});
