import ExcelJS from 'exceljs';
import { createReadStream, ReadStream, rm } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { HeduiError, UserInputError } from '../../errors.js';
import type { RawRecord } from './types.js';
import {
  parseDateStyles,
  parseWorkbookRels,
  parseWorkbookXml,
  SharedStringsParser,
  worksheetNumber,
  type WorkbookInfo,
} from './xlsxParts.js';
import { SheetRowParser } from './xlsxSheet.js';

/**
 * XLSX reader (data-contract.md "Input files", "XLSX cells"): streams one sheet of a workbook as one RawRecord per
 * non-blank row, `line` = the sheet row number, cells typed as SheetCell (see xlsxSheet.ts for the cell rules).
 *
 * Built on exceljs's streaming WorkbookReader (ExcelJS.stream.xlsx.WorkbookReader, exceljs 4.4.0) for the container
 * only: it unzips the package as a stream and, when a worksheet comes before the shared strings in the zip (Excel's
 * usual order), parks the sheet's XML in a temp file until the end. Everything that turns XML into values is ours,
 * hooked in through the reader's part callbacks, because exceljs 4.4.0's streaming reader, as read in
 * lib/stream/xlsx/*.js and checked against files:
 * - decodes every inflated chunk on its own (lib/utils/parse-sax.js: TextDecoder without `stream: true`), so a CJK
 *   character split across a 16 KB chunk becomes "��" — about 1 in 600 rows of a Chinese name/address sheet
 *   (exceljs issues #2063, #2084, #2316; fix PRs never merged);
 * - gives formula results as `{formula, result}` with `result = parseFloat(<v>)` unless t="str": a boolean result
 *   becomes 1/0, an error result NaN, and a date-formatted result stays a serial (only plain cells become Dates);
 * - turns date-formatted plain cells into JS Dates (UTC midnight, excelToDate honours workbookPr date1904="1" but not
 *   "true") yet knows none of the CJK built-in date formats 27–36/50–58 (getDefaultFmtCode reads only `.f`), so a
 *   2024年6月1日 cell with numFmtId 31 comes out as the number 45444;
 * - keeps only the last run of a rich inline string, replaces a shared string by its phonetic reading when it has
 *   <rPh> runs, decodes inline strings twice (a literal "&lt;" becomes "<") and never decodes `_x000D_` escapes;
 * - hangs forever on a truncated or corrupt zip (the inflate error is emitted on the zip stream while the reader
 *   waits for the entry to end) and throws a TypeError on files whose workbook.xml comes after the first sheet;
 * - emits worksheets in zip order with `name` from workbook.xml, not in workbook (tab) order.
 * So: the sheet XML, shared strings, styles and workbook.xml are parsed here with saxes (exceljs's own XML
 * tokenizer) over properly streamed UTF-8; every wait on exceljs is raced against errors of the file and zip
 * streams; the sheet is chosen from workbook.xml order and the relationship targets.
 *
 * Memory: the chosen sheet is parsed chunk by chunk and rows are yielded as they complete, so memory stays flat in
 * the number of rows, except for the workbook's shared-string table, which xlsx requires to be held whole (cells
 * refer to it by index); it is kept as plain strings (formatting dropped).
 */

export interface XlsxReadOptions {
  /** Sheet name, or its 1-based position in the workbook when all digits (a sheet named "2" wins over position 2). */
  sheet?: string;
}

const refuseHint = '请用 Excel 或 WPS 打开确认文件完好，再“另存为 .xlsx”后重新导入';

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
// The exceljs container, with its part parsers replaced

type Chunk = Buffer | string;

interface ZipEntry extends Readable {
  path: string;
}

/** A worksheet part as exceljs hands it over: straight from the zip, or from its temp file (a ReadStream). */
interface SheetPart {
  sheetNo: string;
  iterator: AsyncIterable<Chunk>;
}

/** The parts of exceljs's WorkbookReader (lib/stream/xlsx/workbook-reader.js) this module relies on. */
interface ExcelJsWorkbookReader {
  /** Yields what _parseWorksheet yields as `worksheet` events; with the override below, SheetParts. */
  [Symbol.asyncIterator](): AsyncIterator<SheetPart>;
  _parseRels(entry: ZipEntry): Promise<void>;
  _parseWorkbook(entry: ZipEntry): Promise<void>;
  _parseStyles(entry: ZipEntry): Promise<void>;
  _parseSharedStrings(entry: ZipEntry): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  /** Truthy once the workbook rels are read; exceljs checks it (with sharedStrings) before streaming a sheet. */
  workbookRels?: unknown;
}

const WorkbookReaderBase = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Record<string, string>,
) => ExcelJsWorkbookReader;

async function readEntryText(entry: ZipEntry): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of entry as AsyncIterable<Chunk>) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return new TextDecoder().decode(Buffer.concat(parts));
}

class PackageReader extends WorkbookReaderBase {
  workbook: WorkbookInfo | undefined;
  /** Relationship id → part path. */
  rels: Map<string, string> | undefined;
  dateStyles: boolean[] | undefined;
  sst: string[] | undefined;

  /**
   * exceljs streams a worksheet straight from the zip once `sharedStrings && workbookRels` are set, and otherwise
   * parks it in a temp file until the end of the zip. Report the table only once everything a sheet needs (workbook
   * date system, styles, rels) has been read too, so a sheet is never parsed half-informed.
   */
  get sharedStrings(): string[] | undefined {
    return this.sst && this.workbook && this.rels && this.dateStyles ? this.sst : undefined;
  }

  override async _parseRels(entry: ZipEntry): Promise<void> {
    this.rels = parseWorkbookRels(await readEntryText(entry));
    this.workbookRels = this.rels;
  }

  override async _parseWorkbook(entry: ZipEntry): Promise<void> {
    this.workbook = parseWorkbookXml(await readEntryText(entry));
  }

  override async _parseStyles(entry: ZipEntry): Promise<void> {
    this.dateStyles = parseDateStyles(await readEntryText(entry));
  }

  override async *_parseSharedStrings(entry: ZipEntry): AsyncGenerator<never> {
    const parser = new SharedStringsParser();
    const decoder = new TextDecoder();
    for await (const chunk of entry as AsyncIterable<Chunk>) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    }
    parser.write(decoder.decode());
    this.sst = parser.end();
  }

  override *_parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Generator<{ eventType: string; value: SheetPart }> {
    yield { eventType: 'worksheet', value: { sheetNo, iterator } };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Failure wiring

/**
 * Fails the current wait once any stream of the pipeline fails: every wait on exceljs goes through next(), because
 * exceljs itself may never settle after an error. (Not a Promise.race against one long-lived promise: each race would
 * leave a reaction on it holding that step's chunk, so every chunk of the sheet would stay in memory.)
 */
class Tripwire {
  private failure: { error: unknown } | undefined;
  private abortWait: ((err: unknown) => void) | undefined;

  readonly trip = (err: unknown): void => {
    if (this.failure) return;
    this.failure = { error: err };
    this.abortWait?.(err);
  };

  next<T>(it: AsyncIterator<T>): Promise<IteratorResult<T>> {
    if (this.failure) return Promise.reject(this.failure.error);
    const step = it.next();
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.abortWait = reject;
      step.then(
        (result) => {
          this.abortWait = undefined;
          resolve(result);
        },
        (err: unknown) => {
          this.abortWait = undefined;
          reject(err);
        },
      );
    });
  }
}

function destroyPart(part: SheetPart, removeTempFile: boolean): void {
  const it = part.iterator;
  if (it instanceof ReadStream) {
    // exceljs deletes the temp file as soon as it moves on, possibly before this stream's (async) open ran.
    it.on('error', () => {});
    it.destroy();
    if (removeTempFile && typeof it.path === 'string') rm(it.path, { force: true }, () => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sheet choice

function chooseSheet(reader: PackageReader, path: string, wanted: string | undefined): string {
  const { workbook, rels } = reader;
  if (!workbook || !rels) {
    throw refuse(path, '不是有效的 xlsx 文件（缺少工作簿结构 xl/workbook.xml），可能是其他格式的压缩包或文件已损坏', refuseHint);
  }
  const sheets = workbook.sheets.map((s) => ({ name: s.name, no: worksheetNumber(rels.get(s.rId)) }));
  const want = wanted?.trim();
  if (!want) {
    // The first sheet in tab order; a chart sheet holds no cells, so the first worksheet.
    const first = sheets.find((s) => s.no !== null);
    if (!first?.no) throw refuse(path, '工作簿里没有可读取的工作表', refuseHint);
    return first.no;
  }
  const folded = want.toLowerCase();
  let pick =
    sheets.find((s) => s.name === wanted) ??
    sheets.find((s) => s.name === want) ??
    sheets.find((s) => s.name.trim().toLowerCase() === folded); // Excel sheet names are case-insensitive
  if (!pick && /^\d+$/.test(want)) pick = sheets[Number(want) - 1];
  if (!pick) {
    const names = sheets.map((s, i) => `${i + 1}.“${s.name}”`).join('、');
    throw refuse(path, `找不到工作表“${wanted}”；文件中的工作表有：${names || '（无）'}`, '请用 --sheet 指定工作表名称');
  }
  if (pick.no === null) {
    throw refuse(path, `工作表“${pick.name}”不是数据表（可能是图表页），无法读取`, '请用 --sheet 指定工作表名称');
  }
  return pick.no;
}

// ---------------------------------------------------------------------------------------------------------------
// Reader

const readerOptions = { entries: 'ignore', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' };

/**
 * Streams the chosen sheet (default: the first sheet in workbook order; `opts.sheet`: a name, or a 1-based position
 * when all digits) as one RawRecord per non-blank row. Refusals (not an xlsx, .xls, encrypted, unknown sheet, corrupt
 * or truncated package, malformed XML) throw UserInputError FILE_REFUSED with `location.file`.
 */
export async function* readXlsxRecords(path: string, opts: XlsxReadOptions): AsyncGenerator<RawRecord> {
  await assertNotLegacyXls(path);
  const wire = new Tripwire();
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('error', wire.trip);
  const source = new PassThrough({ highWaterMark: 1 << 20 });
  file.pipe(source);
  // exceljs pipes the source into its unzipper stream, whose errors (bad signature, inflate failure, premature end)
  // it would otherwise wait on forever: catch the destination on its way in.
  let zip: NodeJS.WritableStream | undefined;
  const pipe = source.pipe.bind(source);
  source.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    zip = dest;
    dest.on('error', wire.trip);
    return pipe(dest, options);
  };

  const reader = new PackageReader(source, readerOptions);
  const parts = reader[Symbol.asyncIterator]();
  let current: SheetPart | undefined;
  let settled = false;
  try {
    let target: string | undefined;
    let read = false;
    for (;;) {
      const step = await wire.next(parts);
      if (step.done) break;
      const part = step.value;
      let chosen: boolean;
      try {
        chosen = !read && part.sheetNo === (target ??= chooseSheet(reader, path, opts.sheet));
      } catch (err) {
        destroyPart(part, false);
        throw err;
      }
      // Keep draining after the chosen sheet: exceljs deletes each parked temp file as it moves past it.
      if (!chosen) {
        destroyPart(part, false);
        continue;
      }
      current = part;
      yield* readSheet(part, reader, wire);
      current = undefined;
      read = true;
    }
    if (!read) {
      chooseSheet(reader, path, opts.sheet); // the workbook or the wanted sheet may be what is missing
      throw refuse(path, '工作表的数据部分缺失，文件可能已损坏', refuseHint);
    }
    settled = true;
  } catch (err) {
    if (err instanceof HeduiError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw refuse(path, `无法读取 xlsx 文件，文件可能已损坏或不完整（${detail}）`, refuseHint, err);
  } finally {
    if (current) destroyPart(current, true);
    if (!settled) void parts.return?.(undefined)?.catch(() => {});
    file.destroy();
    source.destroy();
    (zip as { destroy?: () => void } | undefined)?.destroy?.();
  }
}

async function* readSheet(part: SheetPart, reader: PackageReader, wire: Tripwire): AsyncGenerator<RawRecord> {
  const parser = new SheetRowParser({
    sharedStrings: reader.sst,
    dateStyles: reader.dateStyles ?? [],
    date1904: reader.workbook?.date1904 ?? false,
  });
  const decoder = new TextDecoder();
  const chunks = part.iterator[Symbol.asyncIterator]();
  for (;;) {
    const step = await wire.next(chunks);
    if (step.done) break;
    const chunk = step.value;
    yield* parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}
