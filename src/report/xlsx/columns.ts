/**
 * The sheets of summary.xlsx and their columns (README.md §5, issue 4). One table per sheet, shared by the pure row
 * builders (workbookRows.ts) and the streaming writer (writeWorkbook.ts), so a row and its header can never drift
 * apart: a row is an array of cells in exactly this column order.
 *
 * Cells are plain JSON values so the lead can store them in SQLite and stream them back: money in integer 分 and
 * areas in hundredths of m² (nothing passes through floating point until the writer divides by 100 for the cell),
 * dates `YYYY-MM-DD`, months `YYYY-MM` (kept as text: they name a period, not a day).
 */

export type Cell = string | number | null;
export type Row = Cell[];

/**
 * How the writer renders a column:
 * - text: a string cell formatted `@` (IDs, accounts, plates, certificate numbers are never numbers); a number that
 *   reaches a text column is written as its decimal text, so a digit string can never turn into 3.71702E+17.
 * - money: integer 分 → yuan number, `#,##0.00`.
 * - area: hundredths of m² → m² number, `#,##0.00`.
 * - int: whole number, `0`.
 * - date: `YYYY-MM-DD` → a real date cell (serial day number), `yyyy-mm-dd`.
 */
export type ColumnKind = 'text' | 'money' | 'area' | 'int' | 'date';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Excel character widths (a CJK character takes about 2). */
  width: number;
}

const text = (header: string, width = 12): ColumnSpec => ({ header, kind: 'text', width });
const money = (header: string, width = 14): ColumnSpec => ({ header, kind: 'money', width });
const area = (header: string, width = 12): ColumnSpec => ({ header, kind: 'area', width });
const int = (header: string, width = 8): ColumnSpec => ({ header, kind: 'int', width });
const date = (header: string, width = 12): ColumnSpec => ({ header, kind: 'date', width });

/** Sheets in workbook order; 风险预警 (README §7: changes since the household's previous assessment) after 待复核清单. */
export const sheetKeys = ['summary', 'households', 'members', 'income', 'assets', 'review', 'alerts', 'rejected', 'parameters'] as const;
export type SheetKey = (typeof sheetKeys)[number];

export const sheetNames: Record<SheetKey, string> = {
  summary: '汇总',
  households: '家庭明细',
  members: '成员明细',
  income: '收入明细',
  assets: '财产明细',
  review: '待复核清单',
  alerts: '风险预警',
  rejected: '拒收记录',
  parameters: '参数',
};

export const householdColumns: readonly ColumnSpec[] = [
  text('申请编号', 24),
  text('报告编号', 22),
  text('区划代码', 14),
  text('地区', 26),
  text('城乡类别', 8),
  text('救助类别', 10),
  date('申请日期'),
  text('申请人', 10),
  text('申请人身份证号', 22),
  text('核对结论', 10),
  text('结论代码', 11),
  text('原因代码', 30),
  text('原因说明', 60),
  int('计入人数'),
  text('收入核算期起', 12),
  text('收入核算期止', 12),
  int('核算月数'),
  money('核算期家庭收入', 16),
  money('家庭月人均收入'),
  money('扣除刚性支出后月人均收入', 16),
  money('比较标准'),
  money('家庭金融资产合计', 16),
  money('人均金融资产'),
  money('人均金融资产限额', 16),
  int('计入车辆数', 10),
  int('住宅套数'),
  area('人均住房建筑面积', 16),
  money('月救助金额'),
  text('分层', 10),
  text('分层待定', 8),
  text('上限口径差异', 40),
  text('标准地区代码', 12),
  date('标准起始日'),
  text('政策依据', 40),
];

export const memberColumns: readonly ColumnSpec[] = [
  text('申请编号', 24),
  int('序号', 6),
  text('姓名', 10),
  text('身份证号', 22),
  text('与申请人关系', 12),
  text('是否计入', 8),
  text('不计入原因', 16),
  text('授权核对', 8),
  int('年龄', 6),
  text('身份证号提示', 24),
  text('重复申请', 8),
  text('残疾', 12),
  text('重病', 6),
  text('就业', 6),
  money('申报月收入'),
  money('年刚性支出'),
  money('核实收入（核算期）', 18),
  money('认定收入（核算期）', 18),
  text('来源文件', 20),
  int('行号', 8),
];

export const incomeColumns: readonly ColumnSpec[] = [
  text('申请编号', 24),
  text('姓名', 10),
  text('身份证号', 22),
  text('收入类别', 12),
  text('计入类别', 10),
  text('收入项目', 14),
  text('数据来源', 10),
  money('金额'),
  text('所属期起', 10),
  text('所属期止', 10),
  int('核算期内月数', 12),
  int('所属期月数', 10),
  money('折算金额'),
  text('处理', 30),
  text('证据', 6),
  text('源数据姓名', 10),
  money('计入金额（下限）', 16),
  money('计入金额（上限）', 16),
  text('依据', 30),
  text('来源文件', 20),
  int('行号', 8),
];

export const assetColumns: readonly ColumnSpec[] = [
  text('申请编号', 24),
  text('财产类别', 10),
  text('姓名', 10),
  text('身份证号', 22),
  text('机构/坐落/省份', 24),
  text('项目', 14),
  text('账号/号牌/证号', 26),
  money('金额'),
  int('数量', 6),
  area('面积（平方米）', 14),
  text('份额', 8),
  date('日期'),
  text('状态', 8),
  text('处理', 40),
  text('证据', 6),
  text('源数据姓名', 10),
  text('计入（下限）', 12),
  text('计入（上限）', 12),
  money('计入金额（下限）', 16),
  money('计入金额（上限）', 16),
  text('来源文件', 20),
  int('行号', 8),
];

export const reviewColumns: readonly ColumnSpec[] = [
  text('申请编号', 24),
  text('报告编号', 22),
  text('区划代码', 14),
  text('地区', 26),
  text('救助类别', 10),
  text('申请人', 10),
  text('申请人身份证号', 22),
  text('原因代码', 20),
  text('原因', 50),
  text('涉及成员', 10),
  text('涉及成员身份证号', 22),
  text('复核要点', 50),
  text('规则', 6),
  text('证据来源', 30),
];

export const rejectedColumns: readonly ColumnSpec[] = [
  text('文件', 24),
  int('行号', 8),
  text('列', 14),
  text('原因代码', 20),
  text('说明', 60),
  text('原始内容', 60),
];

export const alertColumns: readonly ColumnSpec[] = [
  text('申请编号', 24),
  text('上次核对批次', 18),
  text('预警代码', 26),
  text('说明', 70),
  text('上次', 20),
  text('本次', 20),
];

export const parameterColumns: readonly ColumnSpec[] = [
  text('地区代码', 10),
  text('地区名称', 16),
  date('期间起'),
  date('期间止'),
  text('城乡', 6),
  text('救助类别', 10),
  text('参数', 22),
  text('取值', 40),
  text('单位', 12),
  text('依据', 50),
];

/**
 * 汇总 is laid out in blocks that share one column table: the region × program × verdict table first (its header is
 * the sheet's frozen, filtered header row), then the reason-code counts, then the batch's identity.
 */
export const summaryColumns: readonly ColumnSpec[] = [
  text('区划代码', 14),
  text('地区', 26),
  text('救助类别', 30),
  int('符合', 10),
  int('不符合', 10),
  int('待复核', 10),
  int('合计', 10),
  money('月救助金额合计', 18),
];

export const columnsOf: Record<SheetKey, readonly ColumnSpec[]> = {
  summary: summaryColumns,
  households: householdColumns,
  members: memberColumns,
  income: incomeColumns,
  assets: assetColumns,
  review: reviewColumns,
  alerts: alertColumns,
  rejected: rejectedColumns,
  parameters: parameterColumns,
};
