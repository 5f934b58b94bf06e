/**
 * summary.xlsx read back by real readers: exceljs's reader for structure (sheets, frozen header, autofilter, number
 * formats, cell types, masking, formula neutralising, the sheet split, determinism, mode 0600), and LibreOffice
 * (when installed) converting 家庭明细 to CSV, whose values must equal results.json.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { reportNumber, resultsEntry, stringifyWithMoney } from '../../../src/report/resultsJson.js';
import { householdColumns, incomeColumns, memberColumns, sheetNames, type Row } from '../../../src/report/xlsx/columns.js';
import { writeSummaryWorkbook, type WorkbookSource } from '../../../src/report/xlsx/writeWorkbook.js';
import { asOf } from '../../assess/builders.js';
import { accountNo, fullIds, makeBatch } from './batch.js';

const dir = mkdtempSync(join(tmpdir(), 'hedui-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function allTexts(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(cell.text))));
  return out;
}

const col = (columns: readonly { header: string }[], name: string) => columns.findIndex((c) => c.header === name) + 1;

describe('summary.xlsx structure', async () => {
  const b = makeBatch({ fullIds: false });
  const path = join(dir, 'summary.xlsx');
  const result = await writeSummaryWorkbook(path, b.source, b.ctx);
  const wb = await read(path);

  it('has the nine sheets in order and reports the rows written', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '家庭明细', '成员明细', '收入明细', '财产明细', '待复核清单', '风险预警', '拒收记录', '参数']);
    expect(result.sheets).toEqual(wb.worksheets.map((w) => w.name));
    expect(result.rows).toMatchObject({ households: 4, members: 6, income: 3, assets: 4, review: 2, rejected: 2 });
  });

  it('every sheet has a frozen header row, an autofilter over its rows and column widths', () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
      expect(ws.autoFilter).toMatch(/^A1:[A-Z]+\d+$/);
      expect(ws.getCell('A1').font?.bold).toBe(true);
      expect(ws.getColumn(1).width).toBeGreaterThan(5);
      expect(ws.pageSetup.printTitlesRow).toBe('1:1'); // the header repeats on printed pages
    }
    expect(wb.getWorksheet('家庭明细')!.autoFilter).toBe('A1:AH5');
    expect(wb.getWorksheet('家庭明细')!.getRow(1).values).toEqual([undefined, ...householdColumns.map((c) => ({ richText: [{ text: c.header }] }))]);
  });

  it('money is a yuan number formatted #,##0.00, counts 0, dates real date cells yyyy-mm-dd', () => {
    const ws = wb.getWorksheet('家庭明细')!;
    const a = b.assessments[0]!;
    const money = ws.getCell(2, col(householdColumns, '家庭月人均收入'));
    expect(money.type).toBe(ExcelJS.ValueType.Number);
    expect(money.value).toBe(a.figures!.perCapitaMonthlyIncome / 100);
    expect(money.numFmt).toBe('#,##0.00');
    const count = ws.getCell(2, col(householdColumns, '计入人数'));
    expect([count.value, count.numFmt]).toEqual([2, '0']);
    const day = ws.getCell(2, col(householdColumns, '申请日期'));
    expect(day.type).toBe(ExcelJS.ValueType.Date);
    expect((day.value as Date).toISOString()).toBe('2024-06-15T00:00:00.000Z');
    expect(day.numFmt).toBe('yyyy-mm-dd');
    const loss = wb.getWorksheet('收入明细')!.getCell(3, col(incomeColumns, '金额'));
    expect([loss.value, loss.numFmt]).toEqual([-350.5, '#,##0.00']);
    const blocked = ws.getCell(4, col(householdColumns, '家庭月人均收入'));
    expect(blocked.type).toBe(ExcelJS.ValueType.Null);
  });

  it('IDs, accounts, plates and certificate numbers are text cells (@), masked', () => {
    const id = wb.getWorksheet('成员明细')!.getCell(2, col(memberColumns, '身份证号'));
    expect(id.type).toBe(ExcelJS.ValueType.RichText); // an inline string: t="inlineStr"
    expect([id.text, id.numFmt]).toEqual(['371702********1234', '@']);
    const assets = wb.getWorksheet('财产明细')!;
    for (const r of [2, 3, 4]) {
      const c = assets.getCell(r, 7);
      expect(c.type).toBe(ExcelJS.ValueType.RichText);
      expect(c.numFmt).toBe('@');
    }
    expect([2, 3, 4].map((r) => assets.getCell(r, 7).text)).toEqual(['***************0018', '鲁R12345', '鲁(2020)菏泽市不动产权第0000001号']);
    const texts = allTexts(wb).join('\n');
    for (const full of [...fullIds, accountNo]) expect(texts).not.toContain(full);
  });

  it('input text that starts with = + - @ tab or CR stays text, neutralised with an apostrophe', () => {
    const members = wb.getWorksheet('成员明细')!;
    const name = members.getCell(2, col(memberColumns, '姓名'));
    expect(name.type).toBe(ExcelJS.ValueType.RichText);
    expect(name.formula).toBeUndefined();
    expect(name.text).toBe("'=1+2");
    expect(members.getCell(3, col(memberColumns, '与申请人关系')).text).toBe("'@配偶");
    const income = wb.getWorksheet('收入明细')!;
    expect(income.getCell(3, col(incomeColumns, '收入项目')).text).toBe("'-亏损");
    expect(income.getCell(3, col(incomeColumns, '数据来源')).text).toBe("'+市场监管");
    const rejected = wb.getWorksheet('拒收记录')!;
    expect(rejected.getCell(3, 6).text).toBe("'\t@1,-2");
    expect(rejected.getCell(2, 6).text).toContain('"=HYPERLINK(');
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++))));
    expect(formulas).toBe(0);
  });

  it('汇总 prints the totals bold and filters the region × program table only', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.autoFilter).toBe('A1:H7');
    expect(ws.getCell('C7').text).toBe('总计');
    expect(ws.getCell('C7').font?.bold).toBe(true);
    expect(ws.getCell('C2').font?.bold).toBeFalsy();
    expect(ws.getCell('G7').value).toBe(4);
  });

  it('is written with mode 0600 and leaves no temp file', () => {
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

describe('--full-ids', () => {
  it('prints full ID numbers; account numbers stay masked', async () => {
    const b = makeBatch({ fullIds: true });
    const path = join(dir, 'full.xlsx');
    await writeSummaryWorkbook(path, b.source, b.ctx);
    const wb = await read(path);
    expect(wb.getWorksheet('成员明细')!.getCell(2, col(memberColumns, '身份证号')).text).toBe(fullIds[0]);
    const texts = allTexts(wb).join('\n');
    for (const id of fullIds) expect(texts).toContain(id);
    expect(texts).not.toContain(accountNo);
  });
});

/** Synthetic 收入明细 rows (distinct line numbers), to make a sheet long. */
function* incomeRows(n: number, from = 1): Generator<Row> {
  for (let i = from; i < from + n; i++) {
    yield ['A999', '测试', '371702********0000', '工资性', '工资性', '工资', '税务', 100000 + i, '2023-06', '2024-05', 12, 12, 100000 + i, '计入', '确认', null, 100000 + i, 100000 + i, null, 'income-9.csv', i];
  }
}

describe('a sheet that would pass the row limit continues in 收入明细(2) …', () => {
  it('splits at maxRowsPerSheet with the header repeated, frozen and filtered in every part', async () => {
    const b = makeBatch({ fullIds: false, maxRowsPerSheet: 50 });
    async function* income(): AsyncGenerator<Row> {
      yield* b.source.income as Row[];
      yield* incomeRows(117); // 3 + 117 = 120 rows → 50 + 50 + 20
    }
    const path = join(dir, 'split.xlsx');
    const result = await writeSummaryWorkbook(path, { ...b.source, income: income() }, b.ctx);
    expect(result.rows.income).toBe(120);
    const wb = await read(path);
    const names = wb.worksheets.map((w) => w.name);
    // 参数 (3 + 210 rows) splits by the same rule.
    expect(names).toEqual(['汇总', '家庭明细', '成员明细', '收入明细', '收入明细(2)', '收入明细(3)', '财产明细', '待复核清单', '风险预警', '拒收记录', '参数', '参数(2)', '参数(3)', '参数(4)', '参数(5)']);
    expect(result.sheets).toEqual(names);
    const parts = ['收入明细', '收入明细(2)', '收入明细(3)'].map((n) => wb.getWorksheet(n)!);
    expect(parts.map((p) => p.rowCount)).toEqual([51, 51, 21]);
    for (const p of parts) {
      expect(p.getCell('A1').text).toBe('申请编号');
      expect(p.getCell(1, incomeColumns.length).text).toBe('行号');
      expect(p.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(parts.map((p) => p.autoFilter)).toEqual(['A1:U51', 'A1:U51', 'A1:U21']);
    // Nothing lost or repeated across the parts: the synthetic rows' line numbers run 1…117 in order.
    const lines = parts.flatMap((p) => p.getColumn(incomeColumns.length).values.slice(2)).filter((v) => typeof v === 'number' && v < 1000);
    expect(lines.slice(-117)).toEqual(Array.from({ length: 117 }, (_, i) => i + 1));
    expect(result.rows.parameters).toBe(213);
    expect(wb.getWorksheet('参数(5)')!.rowCount).toBe(1 + 13);
  });
});

/** DOS date/time of every central-directory record. */
function zipEntryTimes(buf: Buffer): { name: string; date: number; time: number }[] {
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let k = 0; k < entries; k++) {
    const nameLen = buf.readUInt16LE(p + 28);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), time: buf.readUInt16LE(p + 12), date: buf.readUInt16LE(p + 14) });
    const local = buf.readUInt32LE(p + 42);
    expect([buf.readUInt16LE(local + 10), buf.readUInt16LE(local + 12)]).toEqual([out[k]!.time, out[k]!.date]);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

describe('deterministic bytes', () => {
  it('identical input → byte-identical file, written seconds apart and through backpressure waits', async () => {
    const write = async (name: string) => {
      const b = makeBatch({ fullIds: false });
      // 10,000 extra rows (≈ 11 MB of sheet XML) make the writer wait for the zip several times, at timing-dependent points.
      const source: WorkbookSource = { ...b.source, income: [...(b.source.income as Row[]), ...incomeRows(10_000)] };
      const path = join(dir, name);
      await writeSummaryWorkbook(path, source, b.ctx);
      return readFileSync(path);
    };
    const first = await write('det-1.xlsx');
    await new Promise((r) => setTimeout(r, 2100)); // zip times have 2-second resolution
    const second = await write('det-2.xlsx');
    expect(second.equals(first)).toBe(true);

    const asOfDos = ((2024 - 1980) << 9) | (6 << 5) | 30;
    const times = zipEntryTimes(first);
    expect(times.length).toBeGreaterThan(10);
    for (const t of times) expect([t.name, t.date, t.time]).toEqual([t.name, asOfDos, 0]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.created.toISOString()).toBe(`${asOf}T00:00:00.000Z`);
    expect(wb.modified.toISOString()).toBe(`${asOf}T00:00:00.000Z`);
  });
});

describe('LibreOffice reads 家庭明细 back equal to results.json', () => {
  let soffice: string | null = null;
  try {
    soffice = execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    soffice = null;
  }

  it('soffice --convert-to csv (UTF-8 filter, sheet 2, values as shown)', async (ctx) => {
    if (!soffice) {
      console.warn('LibreOffice check SKIPPED: neither soffice nor libreoffice is on PATH (apt-get install libreoffice-calc-nogui to run it)');
      ctx.skip('soffice not installed');
    }
    const b = makeBatch({ fullIds: false });
    const path = join(dir, 'lo.xlsx');
    await writeSummaryWorkbook(path, b.source, b.ctx);
    const out = join(dir, 'lo-csv');
    // Tokens: separator , ; quote " ; UTF-8 (76) ; from line 1 ; … ; save as shown (true) ; … ; sheet 2 (家庭明细).
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2';
    await promisify(execFile)(soffice!, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', filter, '--outdir', out, path], {
      timeout: 180_000,
    });
    const csvFile = readdirSync(out).find((f) => f.endsWith('.csv'));
    expect(csvFile, 'LibreOffice wrote no CSV').toBeDefined();
    const rows = parse(readFileSync(join(out, csvFile!), 'utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(householdColumns.map((c) => c.header));
    expect(rows).toHaveLength(1 + b.assessments.length);

    const at = (r: string[], name: string) => r[householdColumns.findIndex((c) => c.header === name)]!;
    const money = (s: string) => {
      if (s === '') return null;
      expect(s).toMatch(/^-?\d{1,3}(,\d{3})*\.\d\d$/); // #,##0.00 as shown
      return Number(s.replace(/,/g, ''));
    };
    b.assessments.forEach((a, i) => {
      const e = JSON.parse(stringifyWithMoney(resultsEntry(a, { reportNo: reportNumber(a.regionCode, asOf, i + 1), reportFile: null, reportSha256: null })));
      const r = rows[i + 1]!;
      expect(at(r, '申请编号')).toBe(e.application_id);
      expect(at(r, '报告编号')).toBe(e.report_no);
      expect(at(r, '区划代码')).toBe(e.region_code);
      expect(at(r, '城乡类别')).toBe(e.area_type);
      expect(at(r, '救助类别')).toBe(e.program);
      expect(at(r, '核对结论')).toBe(e.verdict);
      expect(at(r, '结论代码')).toBe(e.verdict_code);
      expect(at(r, '原因代码')).toBe(e.reasons.map((x: { code: string }) => x.code).join(';'));
      expect(Number(at(r, '计入人数'))).toBe(e.members_counted);
      expect(at(r, '收入核算期起')).toBe(e.income_window?.from ?? '');
      expect(at(r, '收入核算期止')).toBe(e.income_window?.to ?? '');
      expect(at(r, '申请日期')).toBe(a.trace.applicationDate);
      const figures: [string, string][] = [
        ['核算期家庭收入', 'household_income_window'],
        ['家庭月人均收入', 'per_capita_monthly_income'],
        ['扣除刚性支出后月人均收入', 'per_capita_after_rigid'],
        ['比较标准', 'income_line'],
        ['家庭金融资产合计', 'financial_assets_total'],
        ['人均金融资产', 'per_capita_financial_assets'],
        ['人均金融资产限额', 'financial_asset_limit'],
        ['人均住房建筑面积', 'residential_area_per_capita'],
        ['月救助金额', 'benefit_monthly'],
      ];
      for (const [header, key] of figures) expect([header, money(at(r, header))]).toEqual([header, e[key]]);
      expect(at(r, '计入车辆数')).toBe(e.vehicles_counted === null ? '' : String(e.vehicles_counted));
      expect(at(r, '住宅套数')).toBe(e.residential_units === null ? '' : String(e.residential_units));
      expect(at(r, '分层')).toBe(e.tier === null ? '' : e.tier === 'none' ? '无' : e.tier);
      expect(at(r, '分层待定')).toBe(e.tier_provisional ? '是' : '否');
      expect(at(r, '标准地区代码')).toBe(e.policy_period.region);
      expect(at(r, '标准起始日')).toBe(e.policy_period.from);
      expect(at(r, '政策依据')).toBe(e.policy_period.citation);
    });
    // The injected applicant name reaches LibreOffice as text, not as a formula result (=1+2 would read 3).
    expect(at(rows[1]!, '申请人')).toBe("'=1+2");
    // Never a full ID number.
    const csvText = rows.flat().join('\n');
    for (const id of fullIds) expect(csvText).not.toContain(id);
  });
});

describe('sheet names', () => {
  it('are the Chinese names of README §5', () => {
    expect(Object.values(sheetNames)).toEqual(['汇总', '家庭明细', '成员明细', '收入明细', '财产明细', '待复核清单', '风险预警', '拒收记录', '参数']);
  });
});
