import ExcelJS from 'exceljs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import type { RawRecord } from '../../../src/ingest/readers/types.js';
import { assertNotLegacyXls, readXlsxRecords } from '../../../src/ingest/readers/xlsx.js';
import { isDateFormatCode } from '../../../src/ingest/readers/xlsxParts.js';
import { renderRaw, serialToYmd } from '../../../src/ingest/readers/xlsxSheet.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hedui-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, sheet?: string): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readXlsxRecords(path, sheet === undefined ? {} : { sheet })) out.push(r);
  return out;
}

async function refusal(p: Promise<unknown>): Promise<UserInputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserInputError);
  const e = err as UserInputError;
  expect(e.code).toBe('FILE_REFUSED');
  return e;
}

let fileNo = 0;
async function saveWorkbook(wb: ExcelJS.Workbook): Promise<string> {
  const path = join(dir, `wb${++fileNo}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

interface ZipOptions {
  /** 0 = stored, 8 = deflate (default). */
  method?: 0 | 8;
  /** Sizes and CRC only in a data descriptor after the data (flag bit 3), as streaming writers do. */
  descriptor?: boolean;
  /** ZIP64 end records and extra fields, with the 32-bit fields saturated. */
  zip64?: boolean;
}

/** A minimal ZIP writer (UTF-8 names), so tests control every part, the order of the parts and the container format. */
function zip(entries: Array<[name: string, content: string | Buffer]>, opts: ZipOptions = {}): Buffer {
  const method = opts.method ?? 8;
  const out: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer): void => {
    out.push(b);
    offset += b.length;
  };
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = method === 8 ? deflateRawSync(data) : data;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const flags = 0x0800 | (opts.descriptor ? 0x08 : 0);
    const localOffset = offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(opts.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    if (!opts.descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(packed.length, 18);
      local.writeUInt32LE(data.length, 22);
    }
    local.writeUInt16LE(nameBuf.length, 26);
    push(local);
    push(nameBuf);
    push(packed);
    if (opts.descriptor) {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      dd.writeUInt32LE(packed.length, 8);
      dd.writeUInt32LE(data.length, 12);
      push(dd);
    }
    const extra = Buffer.alloc(opts.zip64 ? 28 : 0);
    if (opts.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(packed.length), 12);
      extra.writeBigUInt64LE(BigInt(localOffset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(opts.zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(opts.zip64 ? 0xffffffff : packed.length, 20);
    central.writeUInt32LE(opts.zip64 ? 0xffffffff : data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(opts.zip64 ? 0xffffffff : localOffset, 42);
    centrals.push(central, nameBuf, extra);
  }
  const cd = Buffer.concat(centrals);
  const cdOffset = offset;
  push(cd);
  if (opts.zip64) {
    const z64Offset = offset;
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeBigUInt64LE(44n, 4);
    z64.writeUInt16LE(45, 12);
    z64.writeUInt16LE(45, 14);
    z64.writeBigUInt64LE(BigInt(entries.length), 24);
    z64.writeBigUInt64LE(BigInt(entries.length), 32);
    z64.writeBigUInt64LE(BigInt(cd.length), 40);
    z64.writeBigUInt64LE(BigInt(cdOffset), 48);
    push(z64);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(z64Offset), 8);
    locator.writeUInt32LE(1, 16);
    push(locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cdOffset, 16);
  push(end);
  return Buffer.concat(out);
}

const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const relType = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandSheet {
  name: string;
  target: string;
  xml?: string;
}

/** A hand-written package (no _rels/.rels: the reader falls back to xl/workbook.xml). */
function handPackage(opts: {
  sheets: HandSheet[];
  sst?: string[];
  sstXml?: string;
  workbookPr?: string;
  styles?: string;
  /** Sheets before the workbook, rels, styles and shared strings in the zip. */
  last?: boolean;
  zip?: ZipOptions;
}): Buffer {
  const rels = opts.sheets
    .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${relType}/${s.target.startsWith('chartsheets') ? 'chartsheet' : 'worksheet'}" Target="${s.target}"/>`)
    .join('');
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${ns} ${rns}>${opts.workbookPr ?? ''}<sheets>` +
    opts.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${ns}>` +
    (opts.styles ??
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="h:mm"/></numFmts>' +
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="164"/></cellXfs>') +
    '</styleSheet>';
  const sst =
    opts.sstXml ??
    `<?xml version="1.0" encoding="UTF-8"?><sst ${ns}>${(opts.sst ?? []).map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`;
  const head: Array<[string, string]> = [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`],
    ['xl/styles.xml', styles],
    ['xl/sharedStrings.xml', sst],
  ];
  const sheets: Array<[string, string]> = opts.sheets
    .filter((s) => s.xml !== undefined)
    .map((s) => [s.target.startsWith('/') ? s.target.slice(1) : `xl/${s.target}`, `<?xml version="1.0" encoding="UTF-8"?>${s.xml}`]);
  return zip(opts.last ? [...sheets, ...head] : [...head, ...sheets], opts.zip);
}

function sheetXml(rows: string): string {
  return `<worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`;
}

async function saveBuffer(buf: Buffer, name = `hand${++fileNo}.xlsx`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, buf);
  return path;
}

describe('readXlsxRecords on workbooks written by exceljs', () => {
  it('yields the header and data rows with sheet row numbers, skipping blank rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('申请');
    ws.getCell('A1').value = '申请编号';
    ws.getCell('B1').value = '姓名';
    ws.getCell('C1').value = '身份证号';
    ws.getCell('A2').value = 'S001';
    ws.getCell('B2').value = '张三';
    ws.getCell('C2').value = '110101199003077777';
    ws.getCell('A3').value = '   '; // whitespace only: blank
    ws.getCell('B4').value = ''; // empty string only: blank
    ws.getCell('B6').value = '李四'; // leading empty column, row 5 absent
    ws.getCell('E6').value = null;
    const recs = await readAll(await saveWorkbook(wb));
    expect(recs.map((r) => r.line)).toEqual([1, 2, 6]);
    expect(recs[0]!.cells).toEqual([
      { t: 'string', v: '申请编号' },
      { t: 'string', v: '姓名' },
      { t: 'string', v: '身份证号' },
    ]);
    expect(recs[1]!.raw).toBe('S001,张三,110101199003077777');
    expect(recs[2]!.cells).toEqual([null, { t: 'string', v: '李四' }]);
    expect(recs[2]!.raw).toBe(',李四');
  });

  it('types numbers, a numeric 18-digit ID, dates, rich text, formulas, booleans, errors and hyperlinks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['id', 'money', 'date', 'serial', 'rich', 'f', 'fstr', 'bool', 'err', 'link', 'nores', 'shared']);
    ws.addRow([
      110101199003077777,
      1234.5,
      new Date(Date.UTC(2024, 5, 1)),
      45444,
      { richText: [{ text: '山东省' }, { font: { bold: true }, text: '菏泽市' }] },
      { formula: 'B2*2', result: 2469 },
      { formula: 'E2&"x"', result: '山东省菏泽市x' },
      true,
      { error: '#N/A' },
      { text: '点这里', hyperlink: 'https://example.org' },
      { formula: 'B2+1' },
      { formula: 'B2+1', result: 1235.5, shareType: 'shared', ref: 'L2:L3' },
    ]);
    ws.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow([null, null, null, null, null, null, null, false, { error: '#DIV/0!' }, null, null, { sharedFormula: 'L2', result: 1 }]);
    const [, r2, r3] = await readAll(await saveWorkbook(wb));
    expect(r2!.cells).toEqual([
      { t: 'number', v: 110101199003077780 },
      { t: 'number', v: 1234.5 },
      { t: 'date', ymd: '2024-06-01' },
      { t: 'date', ymd: '2024-06-01' },
      { t: 'string', v: '山东省菏泽市' },
      { t: 'number', v: 2469 },
      { t: 'string', v: '山东省菏泽市x' },
      { t: 'bool', v: true },
      { t: 'error', v: '#N/A' },
      { t: 'string', v: '点这里' },
      { t: 'error', v: '#FORMULA_NO_RESULT' },
      { t: 'number', v: 1235.5 },
    ]);
    expect(r2!.raw).toBe(
      '110101199003077780,1234.5,2024-06-01,2024-06-01,山东省菏泽市,2469,山东省菏泽市x,TRUE,#N/A,点这里,#FORMULA_NO_RESULT,1235.5',
    );
    expect(r3!.cells).toEqual([null, null, null, null, null, null, null, { t: 'bool', v: false }, { t: 'error', v: '#DIV/0!' }, null, null, { t: 'number', v: 1 }]);
  });

  it('honours the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('S');
    ws.addRow(['a Date', 'serial 45444']);
    ws.addRow([new Date(Date.UTC(2024, 5, 1)), 45444]);
    ws.getCell('B2').numFmt = 'yyyy-mm-dd';
    const path = await saveWorkbook(wb);
    // the flag really is in the file (workbookPr date1904="1")
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(path);
    expect(check.properties.date1904).toBe(true);
    const recs = await readAll(path);
    // exceljs wrote the Date as a 1904 serial (43982), so it reads back as the same day; the raw serial 45444 is
    // 2024-06-01 in the 1900 system but 2028-06-02 in the 1904 one.
    expect(recs[1]!.cells).toEqual([
      { t: 'date', ymd: '2024-06-01' },
      { t: 'date', ymd: '2028-06-02' },
    ]);
  });

  it('selects a sheet by name or by 1-based position, and refuses an unknown one listing the sheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('申请').addRow(['第一张']);
    wb.addWorksheet('银行 流水').addRow(['第二张']);
    wb.addWorksheet('3').addRow(['名为3']);
    const path = await saveWorkbook(wb);
    const first = async (sheet?: string): Promise<unknown> => (await readAll(path, sheet))[0]!.cells[0];
    expect(await first()).toEqual({ t: 'string', v: '第一张' });
    expect(await first('银行 流水')).toEqual({ t: 'string', v: '第二张' });
    expect(await first('2')).toEqual({ t: 'string', v: '第二张' });
    expect(await first('3')).toEqual({ t: 'string', v: '名为3' }); // a name wins over a position
    expect(await first('1')).toEqual({ t: 'string', v: '第一张' });
    const e = await refusal(readAll(path, '收入'));
    expect(e.message).toContain('收入');
    expect(e.message).toContain('“申请”');
    expect(e.message).toContain('“银行 流水”');
    expect(e.hint).toBe('请用 --sheet 指定工作表名称');
    expect(e.location).toEqual({ file: path });
    await refusal(readAll(path, '4'));
    await refusal(readAll(path, '0'));
  });

  it('keeps CJK text intact across decompression chunk boundaries (exceljs streaming garbles it)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    const n = 6_000;
    for (let i = 1; i <= n; i++) ws.addRow([`张三丰${i}号`, `山东省菏泽市牡丹区幸福路${i}号院`, i]);
    const recs = await readAll(await saveWorkbook(wb));
    expect(recs).toHaveLength(n);
    const bad = recs.filter(
      (r) => r.raw !== `张三丰${r.line}号,山东省菏泽市牡丹区幸福路${r.line}号院,${r.line}`,
    );
    expect(bad).toEqual([]);
  });

  it('lets the consumer stop early without hanging or leaving the file open', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (let i = 1; i <= 3000; i++) ws.addRow([`行${i}`]);
    const path = await saveWorkbook(wb);
    const seen: number[] = [];
    for await (const r of readXlsxRecords(path, {})) {
      seen.push(r.line);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    // and a second full pass still works
    expect((await readAll(path)).length).toBe(3000);
  });
});

describe('readXlsxRecords on hand-written packages', () => {
  it('picks sheets in tab order whatever their part names, with CJK built-in and custom date formats', async () => {
    const sheet1 = sheetXml(
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
        // 1900 system: 14 = m/d/yyyy, 31 = yyyy"年"m"月"d"日" (zh-CN built-in), 164 = h:mm (time only → number)
        '<row r="2"><c r="A2" s="1"><v>45444</v></c><c r="B2" s="2"><v>45444.75</v></c><c r="C2" s="3"><v>0.5</v></c>' +
        '<c r="D2" s="1"><v>60</v></c><c r="E2" s="1"><v>59</v></c><c r="F2" s="1"><v>61</v></c><c r="G2" s="1"><v>-1</v></c></row>',
    );
    const sheet2 = sheetXml('<row r="1"><c r="A1" t="s"><v>1</v></c></row>');
    const path = await saveBuffer(
      handPackage({
        // tab order: "第一" lives in sheet2.xml; "第二" in sheet1.xml
        sheets: [
          { name: '第一', target: 'worksheets/sheet2.xml', xml: sheet2 },
          { name: '第二', target: 'worksheets/sheet1.xml', xml: sheet1 },
        ],
        sst: ['二号表', '一号表'],
      }),
    );
    expect((await readAll(path))[0]!.cells).toEqual([{ t: 'string', v: '一号表' }]);
    const recs = await readAll(path, '第二');
    expect(recs[1]!.cells).toEqual([
      { t: 'date', ymd: '2024-06-01' },
      { t: 'date', ymd: '2024-06-01' },
      { t: 'number', v: 0.5 },
      { t: 'number', v: 60 }, // 1900-02-29 does not exist
      { t: 'date', ymd: '1900-02-28' },
      { t: 'date', ymd: '1900-03-01' },
      { t: 'number', v: -1 },
    ]);
  });

  it('reads date1904="true", formula results of every type, inline and phonetic strings, escapes and ISO dates', async () => {
    const rows =
      '<row r="3">' +
      '<c r="A3" s="1"><v>0</v></c>' + // 1904 system: serial 0 = 1904-01-01
      '<c r="B3" s="1"><f>DATE(2024,6,1)</f><v>43982</v></c>' + // date-formatted formula result
      '<c r="C3" t="b"><f>1=1</f><v>1</v></c>' +
      '<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
      '<c r="E3" t="str"><f>""</f><v></v></c>' + // empty text result: an empty cell
      '<c r="F3" t="inlineStr"><is><r><t>北京</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 朝阳</t></r></is></c>' +
      '<c r="G3" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c>' +
      '<c r="H3" t="s"><v>0</v></c>' +
      '<c r="I3" t="d"><v>2024-06-01T00:00:00Z</v></c>' +
      '<c r="J3" t="inlineStr"><is><t>a&amp;b&lt;c&gt; "q"</t></is></c>' +
      '<c r="K3" t="s"><v>1</v></c>' +
      '<c r="L3" t="str"><f>A1</f><v>x_x000D_y</v></c>' +
      '</row>' +
      // no r attributes: row 4, cells A, B
      '<row><c t="inlineStr"><is><t>无</t></is></c><c><v>7</v></c></row>';
    const sstXml =
      `<sst ${ns}><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>` +
      '<si><r><t>第一行_x000D_</t></r><r><t>\n第二行</t></r></si></sst>';
    const path = await saveBuffer(
      handPackage({ sheets: [{ name: 'S', target: '/xl/worksheets/sheet1.xml', xml: sheetXml(rows) }], sstXml, workbookPr: '<workbookPr date1904="true"/>' }),
    );
    const recs = await readAll(path);
    expect(recs.map((r) => r.line)).toEqual([3, 4]);
    expect(recs[0]!.cells).toEqual([
      { t: 'date', ymd: '1904-01-01' },
      { t: 'date', ymd: '2024-06-01' },
      { t: 'bool', v: true },
      { t: 'error', v: '#DIV/0!' },
      null,
      { t: 'string', v: '北京 朝阳' },
      { t: 'string', v: '東京' },
      { t: 'string', v: '東京' },
      { t: 'date', ymd: '2024-06-01' },
      { t: 'string', v: 'a&b<c> "q"' },
      { t: 'string', v: '第一行\r\n第二行' },
      { t: 'string', v: 'x\ry' },
    ]);
    expect(recs[0]!.raw).toBe('1904-01-01,2024-06-01,TRUE,#DIV/0!,,北京 朝阳,東京,東京,2024-06-01,"a&b<c> ""q""","第一行\r\n第二行","x\ry"');
    expect(recs[1]!.cells).toEqual([{ t: 'string', v: '无' }, { t: 'number', v: 7 }]);
  });

  it('handles namespace-prefixed sheet XML, a chart sheet first in tab order, and sheets placed after the shared parts', async () => {
    const prefixed =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c><x:c r="C2"><x:v>1.5</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const path = await saveBuffer(
      handPackage({
        sheets: [
          { name: '图表', target: 'chartsheets/sheet1.xml' },
          { name: '数据', target: 'worksheets/sheet1.xml', xml: prefixed },
        ],
        last: true,
      }),
    );
    const recs = await readAll(path);
    expect(recs).toEqual([{ line: 2, cells: [null, { t: 'string', v: '前缀' }, { t: 'number', v: 1.5 }], raw: ',前缀,1.5' }]);
    const e = await refusal(readAll(path, '图表'));
    expect(e.message).toContain('图表');
  });

  it('refuses a truncated package instead of hanging', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (let i = 1; i <= 3000; i++) ws.addRow([`行${i}`, i]);
    const full = await wb.xlsx.writeBuffer();
    const buf = Buffer.from(full as ArrayBuffer);
    for (const cut of [Math.floor(buf.length / 2), buf.length - 30, 200]) {
      const path = await saveBuffer(buf.subarray(0, cut));
      const e = await refusal(readAll(path));
      expect(e.message).toMatch(/损坏|不完整/);
      expect(e.location).toEqual({ file: path });
    }
  });

  it('refuses a zip that is not a workbook, and malformed sheet XML', async () => {
    const e1 = await refusal(readAll(await saveBuffer(zip([['hello.txt', 'hi']]))));
    expect(e1.message).toContain('不是有效的 xlsx');
    const bad = handPackage({ sheets: [{ name: 'S', target: 'worksheets/sheet1.xml', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></row>') }] });
    await refusal(readAll(await saveBuffer(bad)));
    const badIndex = handPackage({ sheets: [{ name: 'S', target: 'worksheets/sheet1.xml', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>5</v></c></row>') }] });
    const e2 = await refusal(readAll(await saveBuffer(badIndex)));
    expect(e2.message).toContain('共享字符串');
  });
});

describe('assertNotLegacyXls', () => {
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

  function oleFile(streamName: string): Buffer {
    const buf = Buffer.alloc(1024);
    ole.copy(buf, 0);
    buf.writeUInt16LE(9, 0x1e); // 512-byte sectors
    buf.writeUInt32LE(0, 0x30); // first directory sector: sector 0 (file offset 512)
    Buffer.from('Root Entry', 'utf16le').copy(buf, 512);
    Buffer.from(streamName, 'utf16le').copy(buf, 512 + 128);
    return buf;
  }

  it('refuses an old .xls, even named .xlsx, with the conversion hint; both the check and the reader', async () => {
    const path = await saveBuffer(oleFile('Workbook'), 'old.xlsx');
    const e = await refusal(assertNotLegacyXls(path));
    expect(e.message).toBe('old.xlsx：是旧版 Excel（.xls）文件，无法直接读取');
    expect(e.hint).toContain('soffice --headless --convert-to xlsx');
    expect(e.location).toEqual({ file: path });
    await refusal(readAll(path));
  });

  it('tells a password-protected workbook from an old .xls', async () => {
    const e = await refusal(assertNotLegacyXls(await saveBuffer(oleFile('EncryptedPackage'), 'secret.xlsx')));
    expect(e.message).toContain('密码');
  });

  it('refuses files that are not ZIPs, empty files and missing files', async () => {
    const csv = await saveBuffer(Buffer.from('姓名,身份证\n张三,1\n'), 'csv.xlsx');
    expect((await refusal(assertNotLegacyXls(csv))).message).toContain('不是有效的 xlsx');
    const html = await saveBuffer(Buffer.from('\ufeff<html><table><tr><td>1</td></tr></table></html>'), 'html.xlsx');
    expect((await refusal(assertNotLegacyXls(html))).message).toContain('HTML');
    expect((await refusal(assertNotLegacyXls(await saveBuffer(Buffer.alloc(0), 'empty.xlsx')))).message).toContain('空');
    const missing = join(dir, 'nope.xlsx');
    expect((await refusal(assertNotLegacyXls(missing))).location).toEqual({ file: missing });
    await refusal(readAll(csv));
  });

  it('accepts a real xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['x']);
    await expect(assertNotLegacyXls(await saveWorkbook(wb))).resolves.toBeUndefined();
  });
});

describe('helpers', () => {
  it('serialToYmd covers both date systems and the 1900 leap-year bug', () => {
    expect(serialToYmd(1, false)).toBe('1900-01-01');
    expect(serialToYmd(59, false)).toBe('1900-02-28');
    expect(serialToYmd(60, false)).toBeNull();
    expect(serialToYmd(61, false)).toBe('1900-03-01');
    expect(serialToYmd(45444, false)).toBe('2024-06-01');
    expect(serialToYmd(45444.9999999999, false)).toBe('2024-06-02'); // rounds to the millisecond first
    expect(serialToYmd(2_958_465, false)).toBe('9999-12-31');
    expect(serialToYmd(2_958_466, false)).toBeNull();
    expect(serialToYmd(0, false)).toBeNull();
    expect(serialToYmd(0, true)).toBe('1904-01-01');
    expect(serialToYmd(43982, true)).toBe('2024-06-01');
    expect(serialToYmd(-1, true)).toBeNull();
  });

  it('isDateFormatCode sees dates, not times, money or text', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', 'm/d/yy h:mm', '[DBNum1][$-804]yyyy"年"m"月"', 'DD/MM/YYYY']) {
      expect(isDateFormatCode(f), f).toBe(true);
    }
    for (const f of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', 'h:mm:ss', '[h]:mm', '@', '"¥"#,##0.00', '0"天"', '_ * #,##0_ ;_ * \\-#,##0_ ']) {
      expect(isDateFormatCode(f), f).toBe(false);
    }
  });

  it('renderRaw quotes like RFC 4180 and caps the length', () => {
    expect(renderRaw([{ t: 'string', v: 'a,b' }, null, { t: 'string', v: 'say "hi"' }, { t: 'number', v: -0 }])).toBe('"a,b",,"say ""hi""",0');
    const long = renderRaw([{ t: 'string', v: 'x'.repeat(5000) }]);
    expect(long).toHaveLength(4097);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('container', () => {
  const rows = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row>');
  const expected = [{ line: 1, cells: [{ t: 'string', v: '容器' }, { t: 'number', v: 12.5 }], raw: '容器,12.5' }];

  it('reads stored parts, data descriptors and ZIP64 records', async () => {
    for (const z of [{ method: 0 }, { descriptor: true }, { zip64: true }, { zip64: true, descriptor: true, method: 0 }] as ZipOptions[]) {
      const path = await saveBuffer(handPackage({ sheets: [{ name: 'S', target: 'worksheets/sheet1.xml', xml: rows }], sst: ['容器'], zip: z }));
      expect(await readAll(path), JSON.stringify(z)).toEqual(expected);
    }
  });

  it('finds the workbook through _rels/.rels and resolves relative and absolute targets', async () => {
    const buf = zip([
      ['_rels/.rels', `<Relationships xmlns="x"><Relationship Id="r1" Type="${relType}/officeDocument" Target="book/main.xml"/></Relationships>`],
      ['book/main.xml', `<workbook ${ns} ${rns}><sheets><sheet name="S" sheetId="1" r:id="a"/></sheets></workbook>`],
      [
        'book/_rels/main.xml.rels',
        `<Relationships xmlns="x"><Relationship Id="a" Type="${relType}/worksheet" Target="../data/s.xml"/>` +
          `<Relationship Id="b" Type="${relType}/sharedStrings" Target="/strings.xml"/></Relationships>`,
      ],
      ['strings.xml', `<sst ${ns}><si><t>容器</t></si></sst>`],
      ['data/s.xml', rows],
    ]);
    expect(await readAll(await saveBuffer(buf))).toEqual(expected);
  });

  it('creates no temp files', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['x']);
    const t = wb.addWorksheet('T');
    for (let i = 1; i <= 500; i++) t.addRow([`行${i}`]);
    const path = await saveWorkbook(wb);
    const scratch = join(dir, 'scratch');
    await mkdir(scratch);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      await readAll(path);
      await readAll(path, 'T');
      for await (const r of readXlsxRecords(path, { sheet: 'T' })) if (r.line === 2) break;
      expect(await readdir(scratch)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
