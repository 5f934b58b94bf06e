/**
 * The streaming engine's cell rules, read back with exceljs: text kept exactly (apart from formula neutralising),
 * values that do not fit their column written as text rather than lost, Excel's cell limit, and the backpressure
 * hook into exceljs's internals that keeps memory flat (if an exceljs upgrade moves it, this test says so).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnSpec, Row } from '../../../src/report/xlsx/columns.js';
import { cellText, excelSerial, sheetPipe, streamWorkbook } from '../../../src/report/xlsx/streamWorkbook.js';

const dir = mkdtempSync(join(tmpdir(), 'hedui-xlsx-cells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns: ColumnSpec[] = [
  { header: '文本', kind: 'text', width: 20 },
  { header: '金额', kind: 'money', width: 12 },
  { header: '面积', kind: 'area', width: 12 },
  { header: '数量', kind: 'int', width: 8 },
  { header: '日期', kind: 'date', width: 12 },
];

describe('cell values', () => {
  it('writes each kind, and text for anything that does not fit its column', async () => {
    const long = '长'.repeat(40_000);
    const rows: Row[] = [
      ['_x0041_ 与 a_x00e9_b', 123456789012, 8050, 3, '2024-02-29'],
      [123456, 12.5, 'n/a', 7, '2023-02-29'],
      [long, -1, 0, null, '20240601'],
      ['\rline\r\n2', null, null, 0, null],
    ];
    const path = join(dir, 'cells.xlsx');
    const r = await streamWorkbook(path, [{ name: '测试', columns, rows }], { asOf: '2024-06-30' });
    expect(r).toEqual({ rows: [4], sheets: ['测试'] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('测试')!;
    const v = (row: number, c: number) => ws.getCell(row, c);

    expect(v(2, 1).text).toBe('_x0041_ 与 a_x00e9_b'); // not decoded to “A” / “é” by the reader
    expect([v(2, 2).value, v(2, 2).numFmt]).toEqual([1234567890.12, '#,##0.00']);
    expect([v(2, 3).value, v(2, 3).numFmt]).toEqual([80.5, '#,##0.00']);
    expect((v(2, 5).value as Date).toISOString()).toBe('2024-02-29T00:00:00.000Z');

    expect([v(3, 1).type, v(3, 1).text]).toEqual([ExcelJS.ValueType.RichText, '123456']); // a number in a text column
    expect([v(3, 2).type, v(3, 2).text]).toEqual([ExcelJS.ValueType.RichText, '12.5']); // not 分: kept, as text
    expect(v(3, 3).text).toBe('n/a');
    expect([v(3, 5).type, v(3, 5).text]).toEqual([ExcelJS.ValueType.RichText, '2023-02-29']); // no such day

    expect(v(4, 1).text.length).toBeLessThanOrEqual(32767);
    expect(v(4, 1).text.endsWith('…（已截断）')).toBe(true);
    expect(v(4, 2).value).toBe(-0.01);
    expect(v(4, 3).value).toBe(0);
    expect(v(4, 5).text).toBe('20240601');

    expect(v(5, 1).text).toBe("'\rline\r\n2");
    expect(v(5, 4).value).toBe(0);
  });

  it('helpers: excelSerial and cellText', () => {
    expect(excelSerial('1970-01-01')).toBe(25569);
    expect(excelSerial('2024-06-30')).toBe(45473);
    expect(excelSerial('2024-13-01')).toBeNull();
    expect(cellText('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(cellText('普通文本')).toBe('普通文本');
    expect(cellText('_x0041_')).toBe('_x005F_x0041_');
  });

  it('a row with more cells than columns is a programming error', async () => {
    await expect(streamWorkbook(join(dir, 'bad.xlsx'), [{ name: 'x', columns, rows: [[1, 2, 3, 4, 5, 6]] }], { asOf: '2024-06-30' })).rejects.toThrow(
      /6 cells, the sheet has 5 columns/,
    );
  });
});

describe('backpressure hook', () => {
  it('finds the PassThrough archiver reads a streaming worksheet from (exceljs 4.4 internals)', async () => {
    const sink = new PassThrough();
    sink.resume();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('x');
    const pipe = sheetPipe(ws);
    expect(pipe, 'exceljs internals changed: summary.xlsx would buffer whole sheets in memory').toBeDefined();
    expect(typeof pipe!._writableState!.length).toBe('number');
    ws.commit();
    await wb.commit();
  });
});

describe('failures leave nothing behind', () => {
  it('a row source that throws: the error comes back, no temp file and no workbook remain', async () => {
    const { readdirSync } = await import('node:fs');
    const sub = mkdtempSync(join(dir, 'fail-'));
    function* broken(): Generator<Row> {
      for (let i = 0; i < 500; i++) yield ['x', i, i, i, '2024-01-01'];
      throw new Error('source broke');
    }
    await expect(streamWorkbook(join(sub, 'summary.xlsx'), [{ name: 'x', columns, rows: broken() }], { asOf: '2024-06-30' })).rejects.toThrow('source broke');
    expect(readdirSync(sub)).toEqual([]);
  });

  it('an unwritable destination rejects instead of hanging', async () => {
    await expect(
      streamWorkbook(join(dir, 'no-such-dir', 'summary.xlsx'), [{ name: 'x', columns, rows: [['a', 1, 1, 1, '2024-01-01']] }], { asOf: '2024-06-30' }),
    ).rejects.toThrow(/ENOENT/);
  });
});
