/**
 * summary.xlsx, the batch workbook (README.md §5, issue 4 item 2): 汇总, 家庭明细, 成员明细, 收入明细, 财产明细,
 * 待复核清单, 拒收记录, 参数 — in that order, each a list sheet with a frozen header row, an autofilter, column
 * widths and number formats (columns.ts), written by streaming (streamWorkbook.ts) so its size never grows memory.
 *
 * Rows arrive in their final order: the caller streams every household's stored WorkbookRows (workbookRows.ts) in
 * application_id order, 拒收记录 from the row ledger (rejectedRowOf), 参数 from parameterRows. 汇总 is built from
 * SummaryData (summary.ts), which is small. Identical inputs and as-of give a byte-identical file.
 */
import { columnsOf, sheetKeys, sheetNames, type SheetKey } from './columns.js';
import { streamWorkbook, type RowSource, type SheetPlan } from './streamWorkbook.js';
import { summaryLayout, type SummaryData, type SummaryIdentity } from './summary.js';

export interface WorkbookSource {
  /** 汇总 (counts by region × program × verdict, reason-code counts; SummaryCounter or SQL). */
  summary: SummaryData;
  /** 家庭明细: WorkbookRows.household of every household, application_id order. */
  households: RowSource;
  /** 成员明细: WorkbookRows.members, flattened, application_id order. */
  members: RowSource;
  /** 收入明细: WorkbookRows.income, flattened. */
  income: RowSource;
  /** 财产明细: WorkbookRows.assets, flattened. */
  assets: RowSource;
  /** 待复核清单: WorkbookRows.review, flattened. */
  review: RowSource;
  /** 风险预警: one row per alert (src/audit/riskAlerts.ts), application_id order. */
  alerts: RowSource;
  /** 拒收记录: rejectedRowOf(r) for every row of ledger.rejectedRows (file, line order). */
  rejected: RowSource;
  /** 参数: parameterRows(pack, policy, summary.policyPeriods). */
  parameters: RowSource;
}

export interface WorkbookContext extends SummaryIdentity {
  /** Data rows per sheet before continuing in `收入明细(2)` …; default 1,000,000. Tests pass a small number. */
  maxRowsPerSheet?: number;
}

export interface WorkbookResult {
  /** Data rows written per sheet (continuation sheets included in their sheet's count; headers not counted). */
  rows: Record<SheetKey, number>;
  /** The sheet names in workbook order, e.g. […, '收入明细', '收入明细(2)', …]. */
  sheets: string[];
}

export async function writeSummaryWorkbook(path: string, src: WorkbookSource, ctx: WorkbookContext): Promise<WorkbookResult> {
  const layout = summaryLayout(src.summary, ctx);
  const plans: SheetPlan[] = sheetKeys.map((key) => {
    const base = { name: sheetNames[key], columns: columnsOf[key] };
    if (key === 'summary') return { ...base, rows: layout.rows, boldRows: new Set(layout.boldRows), filterRows: layout.filterRows };
    return { ...base, rows: src[key] };
  });
  const result = await streamWorkbook(path, plans, { asOf: ctx.asOf, ...(ctx.maxRowsPerSheet === undefined ? {} : { maxRowsPerSheet: ctx.maxRowsPerSheet }) });
  const rows = Object.fromEntries(sheetKeys.map((key, i) => [key, result.rows[i] ?? 0])) as Record<SheetKey, number>;
  return { rows, sheets: result.sheets };
}
