import { UserInputError } from '../errors.js';
import type { ColumnSpec, KindSpec } from './columns.js';
import type { Cell } from './readers/types.js';

export interface HeaderMapping {
  /** For each column of the kind, the 0-based index of its header cell, or -1 when the file lacks it. */
  indexByKey: Map<string, number>;
  /** Columns in file order that map to a spec column. */
  mapped: { spec: ColumnSpec; index: number; header: string }[];
  /** Header cells matching no column: ignored, listed once in the import summary. */
  unknown: string[];
  /** Number of header cells (the expected width of every row). */
  width: number;
}

/** Trim half- and full-width spaces, NFKC, drop a required-field marker (`*姓名`, `姓名*`) that templates add. */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').trim().replace(/^\*+|\*+$/g, '').trim().toLowerCase();
}

function headerText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (cell.t === 'string') return cell.v;
  if (cell.t === 'number' || cell.t === 'bool') return String(cell.v);
  if (cell.t === 'date') return cell.ymd;
  return cell.v;
}

/** Match header cells by Chinese label, alias or English key (data-contract.md); refuse the file if any is missing. */
export function mapHeader(cells: Cell[], spec: KindSpec, file: string, line: number): HeaderMapping {
  const lookup = new Map<string, ColumnSpec>();
  for (const c of spec.columns) for (const name of [c.label, ...c.aliases, c.key]) lookup.set(normalizeHeader(name), c);

  const indexByKey = new Map<string, number>();
  const mapped: HeaderMapping['mapped'] = [];
  const unknown: string[] = [];
  const found = cells.map(headerText);
  found.forEach((raw, index) => {
    const norm = normalizeHeader(raw);
    if (norm === '') return;
    const col = lookup.get(norm);
    if (!col) {
      unknown.push(raw.trim());
      return;
    }
    const earlier = indexByKey.get(col.key);
    if (earlier !== undefined) {
      throw new UserInputError(
        'FILE_REFUSED',
        `${file}：第 ${line} 行表头中“${found[earlier]!.trim()}”和“${raw.trim()}”都表示“${col.label}”，无法确定使用哪一列`,
        { hint: `请删除或改名其中一列（例如改为“${col.label}_备用”）后重新导入`, location: { file, line, column: raw.trim() } },
      );
    }
    indexByKey.set(col.key, index);
    mapped.push({ spec: col, index, header: raw.trim() });
  });

  const missing = spec.columns.filter((c) => c.required !== false && !indexByKey.has(c.key));
  if (missing.length > 0 && found.some((h) => h.includes('\uFFFD'))) {
    throw new UserInputError('ENCODING', `${file}：表头有无法识别的字符，文件的字符编码与所选编码不符`, {
      hint: '去掉 --encoding 让程序自动识别，或改用 --encoding gb18030 / --encoding utf-8',
      location: { file, line },
    });
  }
  if (missing.length > 0) {
    const foundList = found.map((h) => h.trim()).filter((h) => h !== '');
    throw new UserInputError(
      'FILE_REFUSED',
      `${file}：缺少必需的列 ${missing.map((c) => `“${c.label}”`).join('、')}；文件第 ${line} 行的表头为：${foundList.map((h) => `“${h}”`).join('、') || '（空）'}`,
      {
        hint: `请在表头中加入缺少的列（可用的列名：${missing.map((c) => [c.label, ...c.aliases].join('/')).join('；')}），或用 hedui import <类型> 指定正确的数据类型`,
        location: { file, line },
      },
    );
  }
  for (const c of spec.columns) if (!indexByKey.has(c.key)) indexByKey.set(c.key, -1);
  return { indexByKey, mapped, unknown, width: cells.length };
}
