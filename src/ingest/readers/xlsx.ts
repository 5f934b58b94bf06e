import { open, type FileHandle } from 'node:fs/promises';
import { basename, posix } from 'node:path';
import { HeduiError, UserInputError } from '../../errors.js';
import type { RawRecord } from './types.js';
import { parseDateStyles, parseRels, parseWorkbookXml, relKind, SharedStringsParser, type WorkbookInfo } from './xlsxParts.js';
import { SheetFormatError, SheetRowParser } from './xlsxSheet.js';
import { ZipFile, ZipFormatError } from './xlsxZip.js';

/**
 * XLSX reader (data-contract.md "Input files", "XLSX cells"): streams one sheet of a workbook as one RawRecord per
 * non-blank row, `line` = the sheet row number, cells typed as SheetCell (cell rules in xlsxSheet.ts).
 *
 * How: the ZIP central directory is read (xlsxZip.ts), then workbook.xml, its rels and styles.xml are read whole
 * (small), the shared-string table is streamed into memory, and the chosen sheet's XML is inflated and parsed chunk by
 * chunk with saxes, yielding rows as they complete. Memory is flat in the number of rows except for the shared-string
 * table, which the format requires to be held whole (cells refer to it by index); it is kept as plain strings.
 *
 * Why not exceljs's streaming reader (ExcelJS.stream.xlsx.WorkbookReader, exceljs 4.4.0): reading
 * lib/stream/xlsx/*.js and running it on test files showed that it
 * - decodes each inflated chunk on its own (lib/utils/parse-sax.js: TextDecoder without `stream: true`), so a CJK
 *   character split across a chunk boundary becomes "��" (33 of 20,000 rows of a Chinese name/address sheet);
 *   exceljs issues #2063, #2084, #2316, fix PRs #1665/#2081 never merged;
 * - can silently drop the last small parts of the zip: unzipper's Parse emits 'end' on 'finish' while parsed entries
 *   still sit in its paused readable buffer, and lib/utils/iterate-stream.js stops at 'end' (a small package with
 *   workbook.xml last, where exceljs itself writes it, lost that part in 4 of 180 fresh-process runs: sheet names,
 *   1904 flag and tab order gone);
 * - hangs forever on a truncated or corrupt zip (the inflate error is emitted on the zip stream while the reader
 *   waits for a parked sheet's temp-file write that never finishes), and throws a TypeError (reading 'sheets') when
 *   the shared strings and rels precede a sheet but workbook.xml follows it;
 * - emits sheets in zip order, parking every sheet that precedes sharedStrings.xml (Excel's own order) in a temp
 *   file — the whole sheet is decompressed to disk before its first row;
 * - types formula results by `parseFloat(<v>)` unless t="str": a boolean result becomes 1/0, an error result NaN, a
 *   date-formatted result stays a serial; only plain date-formatted cells become JS Dates (UTC midnight, date1904
 *   honoured only when written "1", not "true");
 * - knows none of the CJK built-in date formats 27–36/50–58 (NumFmtXform.getDefaultFmtCode reads only `.f`), so a
 *   2024年6月1日 cell with numFmtId 31 comes out as the number 45444;
 * - keeps only the last run of a rich inline string, replaces a shared string by its phonetic reading when it has
 *   <rPh> runs, decodes inline strings twice (a literal "&lt;" becomes "<") and leaves `_x000D_` escapes in.
 * The XML tokenizer is saxes (xlsxParts.ts).
 */

export interface XlsxReadOptions {
  /** Sheet name, or its 1-based position in the workbook when all digits (a sheet named "2" wins over position 2). */
  sheet?: string;
}

const refuseHint = '请用 Excel 或 WPS 打开确认文件完好，再“另存为 .xlsx”后重新导入';
const sheetHint = '请用 --sheet 指定工作表名称';

function refuse(path: string, what: string, hint: string, cause?: unknown): UserInputError {
  return new UserInputError('FILE_REFUSED', `${basename(path)}：${what}`, {
    hint,
    location: { file: path },
    ...(cause === undefined ? {} : { cause }),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Sniffing

const ole2Magic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Refuses a file that cannot be an .xlsx, from its first bytes: an OLE2 compound file is an old binary .xls (even
 * when named .xlsx) — or a password-protected workbook, which Excel also stores as OLE2; anything that is not a ZIP
 * is not an xlsx (often a CSV or an HTML table renamed).
 */
export async function assertNotLegacyXls(path: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead === 0) {
      throw refuse(path, '文件是空的（0 字节）', '请确认导出是否成功；没有数据时也应导出带表头的文件');
    }
    if (bytesRead >= 8 && head.subarray(0, 8).equals(ole2Magic)) {
      if (await isEncryptedOoxml(fh, head)) {
        throw refuse(
          path,
          '文件设置了打开密码（加密的 Excel 文件），无法读取',
          '请在 Excel 中打开，清除密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空后确定）并另存为 .xlsx 后再导入',
        );
      }
      throw refuse(
        path,
        '是旧版 Excel（.xls）文件，无法直接读取',
        '请用 Excel“另存为 .xlsx”，或运行 soffice --headless --convert-to xlsx 文件名.xls 转换后再导入',
      );
    }
    if (bytesRead < 4 || !head.subarray(0, 4).equals(zipMagic)) {
      const text = head.subarray(0, bytesRead).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
      if (text.startsWith('<')) {
        throw refuse(path, '不是有效的 xlsx 文件：内容其实是网页（HTML）或 XML 表格，只是扩展名为 .xlsx', '请用 Excel 打开后“另存为 .xlsx”再导入');
      }
      throw refuse(
        path,
        '不是有效的 xlsx 文件（文件开头不是 xlsx 使用的 ZIP 格式）',
        '请确认文件是用 Excel 或 WPS 保存的 .xlsx；如果其实是 CSV 文本，请把扩展名改为 .csv',
      );
    }
  } catch (err) {
    if (err instanceof HeduiError) throw err;
    throw refuse(path, '文件不存在或无法读取', '请检查路径是否写对（含空格的路径请加引号），以及是否有读取权限', err);
  } finally {
    await fh?.close();
  }
}

/** An encrypted OOXML file is an OLE2 container holding EncryptionInfo/EncryptedPackage streams (MS-OFFCRYPTO). */
async function isEncryptedOoxml(fh: FileHandle, header: Buffer): Promise<boolean> {
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return false;
  const sectorSize = 1 << shift;
  const firstDirSector = header.readUInt32LE(0x30);
  if (firstDirSector >= 0xfffffffa) return false;
  const dir = Buffer.alloc(sectorSize);
  const { bytesRead } = await fh.read(dir, 0, sectorSize, (firstDirSector + 1) * sectorSize);
  const names = dir.subarray(0, bytesRead);
  return ['EncryptedPackage', 'EncryptionInfo'].some((n) => names.includes(Buffer.from(n, 'utf16le')));
}

// ---------------------------------------------------------------------------------------------------------------
// Package structure

interface SheetChoice {
  name: string;
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml; null for a chart or dialog sheet. */
  part: string | null;
}

interface PackageInfo {
  workbook: WorkbookInfo;
  /** In workbook (tab) order. */
  sheets: SheetChoice[];
  dateStyles: boolean[];
  sharedStringsPart: string | undefined;
}

async function partText(zip: ZipFile, name: string): Promise<string | undefined> {
  const entry = zip.entry(name);
  return entry ? zip.readText(entry) : undefined;
}

/** Package root rels → workbook part (officeDocument); its rels → sheets, styles and shared strings. */
async function readPackage(zip: ZipFile, path: string): Promise<PackageInfo> {
  const rootRels = await partText(zip, '_rels/.rels');
  const main = rootRels === undefined ? undefined : parseRels(rootRels, '').find((r) => relKind(r) === 'officeDocument');
  const workbookPart = main && zip.entry(main.target) ? main.target : 'xl/workbook.xml';
  const workbookXml = await partText(zip, workbookPart);
  if (workbookXml === undefined) {
    throw refuse(path, '不是有效的 xlsx 文件（找不到工作簿 xl/workbook.xml），可能是其他格式的压缩包，或文件已损坏', refuseHint);
  }
  const workbook = parseWorkbookXml(workbookXml);
  const dir = posix.dirname(workbookPart);
  const relsXml = await partText(zip, posix.join(dir, '_rels', `${posix.basename(workbookPart)}.rels`));
  const rels = relsXml === undefined ? [] : parseRels(relsXml, dir === '.' ? '' : dir);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets = workbook.sheets.map((s): SheetChoice => {
    const rel = byId.get(s.rId);
    const isWorksheet = rel !== undefined && (rel.type === '' ? /(^|\/)worksheets\//.test(rel.target) : relKind(rel) === 'worksheet');
    return { name: s.name, part: isWorksheet ? rel.target : null };
  });
  const stylesPart = rels.find((r) => relKind(r) === 'styles')?.target ?? posix.join(dir, 'styles.xml');
  const stylesXml = await partText(zip, stylesPart);
  const sharedStringsPart = rels.find((r) => relKind(r) === 'sharedStrings')?.target ?? posix.join(dir, 'sharedStrings.xml');
  return {
    workbook,
    sheets,
    dateStyles: stylesXml === undefined ? [] : parseDateStyles(stylesXml),
    sharedStringsPart: zip.entry(sharedStringsPart) ? sharedStringsPart : undefined,
  };
}

/** Default: the first sheet in tab order (a chart sheet holds no cells, so the first worksheet). */
function chooseSheet(pkg: PackageInfo, path: string, wanted: string | undefined): SheetChoice & { part: string } {
  const { sheets } = pkg;
  const want = wanted?.trim();
  let pick: SheetChoice | undefined;
  if (!want) {
    pick = sheets.find((s) => s.part !== null);
    if (!pick) throw refuse(path, '工作簿里没有可读取的工作表', refuseHint);
  } else {
    const folded = want.toLowerCase();
    pick =
      sheets.find((s) => s.name === wanted) ??
      sheets.find((s) => s.name === want) ??
      sheets.find((s) => s.name.trim().toLowerCase() === folded); // Excel sheet names are case-insensitive
    if (!pick && /^\d+$/.test(want)) pick = sheets[Number(want) - 1];
    if (!pick) {
      const names = sheets.map((s, i) => `${i + 1}.“${s.name}”`).join('、');
      throw refuse(path, `找不到工作表“${wanted}”；文件中的工作表有：${names || '（无）'}`, sheetHint);
    }
  }
  if (pick.part === null) throw refuse(path, `工作表“${pick.name}”不是数据表（可能是图表页），无法读取`, sheetHint);
  return { name: pick.name, part: pick.part };
}

async function readSharedStrings(zip: ZipFile, part: string | undefined): Promise<string[] | undefined> {
  const entry = part === undefined ? undefined : zip.entry(part);
  if (!entry) return undefined;
  const parser = new SharedStringsParser();
  const decoder = new TextDecoder();
  for await (const chunk of await zip.openStream(entry)) parser.write(decoder.decode(chunk as Buffer, { stream: true }));
  parser.write(decoder.decode());
  return parser.end();
}

// ---------------------------------------------------------------------------------------------------------------
// Reader

/**
 * Streams the chosen sheet (default: the first sheet in workbook order; `opts.sheet`: a name, or a 1-based position
 * when all digits) as one RawRecord per non-blank row. Refusals (not an xlsx, .xls, encrypted, unknown sheet, corrupt
 * or truncated package, malformed XML) throw UserInputError FILE_REFUSED with `location.file`; a package that breaks
 * mid-sheet throws after the rows before the break were yielded (the caller discards the file's rows).
 */
export async function* readXlsxRecords(path: string, opts: XlsxReadOptions): AsyncGenerator<RawRecord> {
  await assertNotLegacyXls(path);
  let zip: ZipFile | undefined;
  try {
    zip = await ZipFile.open(path);
    const pkg = await readPackage(zip, path);
    const sheet = chooseSheet(pkg, path, opts.sheet);
    const entry = zip.entry(sheet.part);
    if (!entry) throw refuse(path, `工作表“${sheet.name}”的数据部件 ${sheet.part} 缺失，文件可能已损坏`, refuseHint);
    const parser = new SheetRowParser({
      sharedStrings: await readSharedStrings(zip, pkg.sharedStringsPart),
      dateStyles: pkg.dateStyles,
      date1904: pkg.workbook.date1904,
    });
    const decoder = new TextDecoder();
    for await (const chunk of await zip.openStream(entry)) {
      yield* parser.push(decoder.decode(chunk as Buffer, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } catch (err) {
    if (err instanceof HeduiError) throw err;
    if (err instanceof ZipFormatError || err instanceof SheetFormatError) {
      throw refuse(path, `无法读取 xlsx 文件：${err.message}`, refuseHint, err);
    }
    // zlib (corrupt compressed data), saxes (malformed XML) or I/O
    const detail = err instanceof Error ? err.message : String(err);
    throw refuse(path, `无法读取 xlsx 文件，文件可能已损坏或不完整（${detail}）`, refuseHint, err);
  } finally {
    await zip?.close();
  }
}
