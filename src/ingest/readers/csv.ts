import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createChunkDecoder, type TextEncoding } from '../encoding.js';
import { CsvTokenizer } from './csvTokenizer.js';
import type { TokenizedRecord } from './types.js';

/**
 * Streams a CSV file as batches of non-blank records (one batch per decoded chunk, so the per-record cost stays a
 * plain loop). Delimiter: `,`, or tab when the file is .tsv/.txt and its first line holds a tab (data-contract.md).
 */
/**
 * 64 KiB of input (~500 rows) per batch: small enough that a batch's objects die young (a 1 MiB batch survived into
 * the old generation and garbage collection took a quarter of the parse time), large enough to amortise the awaits.
 */
const chunkBytes = 64 * 1024;

export async function* readCsvRecords(path: string, encoding: TextEncoding): AsyncGenerator<TokenizedRecord[]> {
  const decoder = createChunkDecoder(encoding);
  const tabCandidate = ['.tsv', '.txt'].includes(extname(path).toLowerCase());
  let tokenizer: CsvTokenizer | undefined;
  let pending = '';
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    const text = decoder.write(chunk);
    if (!tokenizer) {
      // Wait for the whole first line before choosing the delimiter.
      pending += text;
      if (!/[\r\n]/.test(pending) && pending.length < 1 << 20) continue;
      tokenizer = new CsvTokenizer(pickDelimiter(pending, tabCandidate));
      const records = nonBlank(tokenizer.push(pending));
      pending = '';
      if (records.length) yield records;
      continue;
    }
    const records = nonBlank(tokenizer.push(text));
    if (records.length) yield records;
  }
  const rest = pending + decoder.end();
  tokenizer ??= new CsvTokenizer(pickDelimiter(rest, tabCandidate));
  const last = nonBlank([...tokenizer.push(rest), ...tokenizer.end()]);
  if (last.length) yield last;
}

function pickDelimiter(start: string, tabCandidate: boolean): string {
  if (!tabCandidate) return ',';
  const firstLine = start.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? '';
  return firstLine.includes('\t') ? '\t' : ',';
}

/** data-contract.md: blank rows are not counted. A faulty record is never blank: it must reach the ledger. */
function nonBlank(records: TokenizedRecord[]): TokenizedRecord[] {
  return records.filter((r) => r.fault !== undefined || r.cells.some((c) => typeof c === 'string' && c.trim() !== ''));
}
