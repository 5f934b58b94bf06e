/**
 * summary.xlsx (README.md §5): per household, `workbookRowsOf` (in the worker that assessed it; store the rows as
 * JSON); per batch, `writeSummaryWorkbook` with those rows streamed back in application_id order, 拒收记录 from
 * `rejectedRowOf`, 参数 from `parameterRows`, and 汇总 from a `SummaryCounter` fed each household's `summary`.
 */
export { sheetKeys, sheetNames, columnsOf, type Cell, type Row, type ColumnKind, type ColumnSpec, type SheetKey } from './columns.js';
export {
  workbookRowsOf,
  summaryItemOf,
  rejectedRowOf,
  maskNumbersInText,
  reviewGuidance,
  type SummaryItem,
  type WorkbookRows,
  type WorkbookRowsOptions,
} from './workbookRows.js';
export { SummaryCounter, summaryLayout, reasonNames, type SummaryCount, type SummaryData, type SummaryIdentity } from './summary.js';
export { parameterRows } from './parameters.js';
export { writeSummaryWorkbook, type WorkbookContext, type WorkbookResult, type WorkbookSource } from './writeWorkbook.js';
export { streamWorkbook, defaultMaxRowsPerSheet, type RowSource, type SheetPlan, type StreamWorkbookOptions } from './streamWorkbook.js';
export { fixZipEntryTimes } from './zipTimes.js';
