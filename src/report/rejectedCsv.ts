import type { RejectedRow } from '../ingest/ledger.js';
import { writeLinesAtomic } from './atomicWrite.js';
import { csvLine } from './csvCell.js';
import { maskNumbersInText } from './xlsx/workbookRows.js';

/**
 * rejected.csv (data-contract.md): UTF-8 with BOM, `file, line, column, reason_code, message, raw`. ID numbers in the
 * message and raw row are masked (first 6 + last 4) and other long numbers (accounts) keep their last 4, unless
 * `fullIds`: operators find the row by file and line, and the file keeps the full text.
 */
export async function writeRejectedCsv(path: string, rows: Iterable<RejectedRow>, opts: { fullIds?: boolean } = {}): Promise<number> {
  const mask = (t: string) => maskNumbersInText(t, opts.fullIds ?? false);
  let count = 0;
  function* lines(): Generator<string> {
    yield '\uFEFF' + csvLine(['file', 'line', 'column', 'reason_code', 'message', 'raw']);
    for (const r of rows) {
      count++;
      const message = r.hint ? `${r.message}（处理建议：${r.hint}）` : r.message;
      yield csvLine([r.file, r.line, r.column, r.code, mask(message), mask(r.raw)]);
    }
  }
  await writeLinesAtomic(path, lines());
  return count;
}
