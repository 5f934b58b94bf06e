/** The review workbook (xlsx): written by `hedui review export`, read back by `hedui review import`. */
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { UserInputError } from '../errors.js';
import { writeFileAtomic } from '../report/atomicWrite.js';
import { neutraliseFormula } from '../report/csvCell.js';
import { kindLabels, type ReviewHit } from './reviewList.js';
import type { ReviewKind } from '../match/dispositionKey.js';

export const sheetName = '待复核处理';
export const dispositions = ['确认', '无效匹配', '需入户核查'] as const;
export type Disposition = (typeof dispositions)[number];
const header = ['申请编号', '成员身份证号', '成员姓名', '数据中的姓名', '数据类型', '类型代码', '文件', '行号', '数据摘要', '指纹', '处理结果', '备注'];

export async function writeReviewFile(path: string, hits: ReviewHit[], asOf: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const date = new Date(`${asOf || '1970-01-01'}T00:00:00Z`);
  wb.created = date;
  wb.modified = date;
  wb.creator = 'hedui';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header);
  ws.getRow(1).font = { bold: true };
  for (const h of hits) {
    ws.addRow([h.applicationId, h.memberIdMasked, h.memberName, h.nameOnRow, kindLabels[h.kind], h.kind, h.file, h.line, h.summary, h.fingerprint, '', ''].map((v) =>
      typeof v === 'string' ? neutraliseFormula(v) : v,
    ));
  }
  ws.columns.forEach((c, i) => (c.width = [22, 22, 10, 12, 14, 10, 22, 8, 40, 20, 12, 30][i]));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  for (let r = 2; r <= hits.length + 1; r++) {
    ws.getCell(r, 11).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${dispositions.join(',')}"`] };
  }
  await writeFileAtomic(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

export interface ReviewDecision {
  fingerprint: string;
  kind: ReviewKind;
  disposition: Disposition;
  note: string | null;
}

const cellText = (c: ExcelJS.Cell): string => c.text.trim();

/** Every filled 处理结果 of the file; any bad row refuses the whole file (nothing recorded), naming the rows. */
export async function readReviewFile(path: string): Promise<ReviewDecision[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (cause) {
    throw new UserInputError('FILE_REFUSED', `无法读取复核处理文件“${basename(path)}”`, { hint: '请使用 hedui review export 导出的 xlsx 文件', location: { file: path }, cause });
  }
  const ws = wb.getWorksheet(sheetName) ?? wb.worksheets[0];
  if (!ws) throw new UserInputError('FILE_REFUSED', `“${basename(path)}”中没有工作表`, { hint: '请使用 hedui review export 导出的文件', location: { file: path } });
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell((c, n) => cols.set(cellText(c), n));
  const missing = ['指纹', '类型代码', '处理结果'].filter((h) => !cols.has(h));
  if (missing.length) {
    throw new UserInputError('FILE_REFUSED', `复核处理文件缺少列：${missing.join('、')}`, { hint: '请不要删除或改名 hedui review export 导出的列', location: { file: path } });
  }
  const decisions: ReviewDecision[] = [];
  const problems: string[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const value = cellText(row.getCell(cols.get('处理结果')!));
    if (value === '') return;
    const fp = cellText(row.getCell(cols.get('指纹')!));
    const kind = cellText(row.getCell(cols.get('类型代码')!)) as ReviewKind;
    if (!(dispositions as readonly string[]).includes(value)) problems.push(`第 ${n} 行“处理结果”为“${value}”`);
    else if (!/^[0-9a-f]{64}$/.test(fp) || !(kind in kindLabels)) problems.push(`第 ${n} 行的指纹或类型代码被改动`);
    else decisions.push({ fingerprint: fp, kind, disposition: value as Disposition, note: cols.has('备注') ? cellText(row.getCell(cols.get('备注')!)) || null : null });
  });
  if (problems.length) {
    throw new UserInputError('BAD_ENUM', `复核处理文件有 ${problems.length} 行无法识别，未记录任何处理结果：${problems.slice(0, 10).join('；')}`, {
      hint: `“处理结果”只能填 ${dispositions.join(' / ')} 或留空；指纹和类型代码列请勿修改`,
      location: { file: path },
    });
  }
  return decisions;
}
