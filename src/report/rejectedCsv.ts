import type { RejectedRow } from '../ingest/ledger.js';
import { writeLinesAtomic } from './atomicWrite.js';
import { csvLine } from './csvCell.js';

/** rejected.csv (data-contract.md): UTF-8 with BOM, `file, line, column, reason_code, message, raw`. */
export async function writeRejectedCsv(path: string, rows: Iterable<RejectedRow>): Promise<number> {
  let count = 0;
  function* lines(): Generator<string> {
    yield '\uFEFF' + csvLine(['file', 'line', 'column', 'reason_code', 'message', 'raw']);
    for (const r of rows) {
      count++;
      const message = r.hint ? `${r.message}（处理建议：${r.hint}）` : r.message;
      yield csvLine([r.file, r.line, r.column, r.code, message, r.raw]);
    }
  }
  await writeLinesAtomic(path, lines());
  return count;
}
