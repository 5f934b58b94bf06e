import type { TokenizedRecord } from './types.js';

/**
 * An RFC 4180 tokenizer that is fed decoded text chunk by chunk and keeps its state between chunks, so a record (or a
 * 50 MB cell) may span any number of chunks in linear time. Written by hand rather than using csv-parse because the
 * row ledger needs what csv-parse does not give cheaply: the physical line where each record starts, the record's raw
 * text, a bounded cell size, and 200k+ rows/s with validation (see README, design). test/ingest/readers/csvTokenizer
 * cross-checks it against csv-parse on random input.
 *
 * Leniencies, chosen to lose nothing: a quote inside an unquoted field is literal; text after a closing quote is
 * appended to the field; CR, LF and CRLF all end a record; a quoted field still open at end of file yields the
 * record with an `unterminatedQuote` fault.
 */

/** Excel's own limit for one cell; longer cells are cut here and the row is rejected (never held whole in memory). */
export const maxCellChars = 32_767;
/** rejected.csv shows at most this much of a record's raw text (the full text stays in the archived input). */
export const maxRawChars = 4_096;

const QUOTE = 34;
const CR = 13;
const LF = 10;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvTokenizer {
  private readonly delimiter: number;
  private state = State.FieldStart;
  private cells: string[] = [];
  /** Text of the current field gathered from earlier chunks (or unescaped pieces). */
  private fieldCarry = '';
  private fieldLength = 0;
  /** The current field passed maxCellChars: its text is no longer kept, only its length. */
  private fieldOverflow = false;
  private tooLong: { column: number; length: number } | undefined;
  private quotedCr = false;
  /** Raw text of the current record gathered from earlier chunks (capped at maxRawChars). */
  private rawCarry = '';
  private rawTruncated = false;
  private line = 1;
  private recordLine = 1;
  /** A CR ended the previous chunk: an LF starting the next one belongs to it. */
  private pendingCr = false;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Tokenizes one chunk; returns the records completed in it (blank records included, flagged by the caller). */
  push(chunk: string): TokenizedRecord[] {
    const out: TokenizedRecord[] = [];
    const d = this.delimiter;
    let i = 0;
    const n = chunk.length;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) i = 1;
    }
    let recordStart = i;
    let fieldStart = i;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quotedCr = false;
            fieldStart = i + 1;
            i++;
            continue;
          }
          this.state = State.Unquoted;
          fieldStart = i;
          continue;
        case State.Unquoted:
          if (c === d) {
            this.appendField(chunk, fieldStart, i);
            this.endField();
            this.state = State.FieldStart;
            fieldStart = i + 1;
          } else if (c === LF || c === CR) {
            this.appendField(chunk, fieldStart, i);
            this.endField();
            out.push(this.endRecord(chunk, recordStart, i));
            i = this.skipLineBreak(chunk, i, c);
            this.recordLine = this.line;
            recordStart = fieldStart = i;
            this.state = State.FieldStart;
            continue;
          }
          i++;
          continue;
        case State.Quoted:
          if (c === QUOTE) {
            this.appendField(chunk, fieldStart, i);
            this.state = State.QuoteInQuoted;
          } else if (c === CR || (c === LF && !this.quotedCr)) {
            this.line++; // a line break inside a quoted cell: CR, LF and CRLF each count once
          }
          this.quotedCr = c === CR;
          i++;
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // "" inside a quoted field is one literal quote
            this.state = State.Quoted;
            fieldStart = i;
            i++;
            continue;
          }
          if (c === d) {
            this.endField();
            this.state = State.FieldStart;
            fieldStart = i + 1;
            i++;
            continue;
          }
          if (c === LF || c === CR) {
            this.endField();
            out.push(this.endRecord(chunk, recordStart, i));
            i = this.skipLineBreak(chunk, i, c);
            this.recordLine = this.line;
            recordStart = fieldStart = i;
            this.state = State.FieldStart;
            continue;
          }
          // Text after a closing quote: kept, as a spreadsheet would show it.
          this.state = State.Unquoted;
          fieldStart = i;
          continue;
      }
    }
    // Chunk ended inside a record: carry its pieces over.
    if (this.state === State.Unquoted || this.state === State.Quoted) this.appendField(chunk, fieldStart, n);
    this.appendRaw(chunk, recordStart, n);
    return out;
  }

  /** Call once at end of input; returns the last record if the file does not end with a line break. */
  end(): TokenizedRecord[] {
    if (this.state === State.FieldStart && this.cells.length === 0 && this.rawCarry === '') return [];
    const unterminated = this.state === State.Quoted;
    this.endField();
    const record = this.endRecord('', 0, 0);
    if (unterminated) record.fault = { kind: 'unterminatedQuote' };
    this.state = State.FieldStart;
    return [record];
  }

  private skipLineBreak(chunk: string, i: number, c: number): number {
    this.line++;
    if (c === CR) {
      if (i + 1 < chunk.length) return chunk.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      this.pendingCr = true;
    }
    return i + 1;
  }

  private appendField(chunk: string, from: number, to: number): void {
    if (to <= from) return;
    const len = to - from;
    this.fieldLength += len;
    if (this.fieldOverflow) return;
    if (this.fieldLength > maxCellChars) {
      this.fieldOverflow = true;
      this.fieldCarry = '';
      return;
    }
    this.fieldCarry = this.fieldLength === len ? chunk.slice(from, to) : this.fieldCarry + chunk.slice(from, to);
  }

  private endField(): void {
    if (this.fieldOverflow && !this.tooLong) this.tooLong = { column: this.cells.length, length: this.fieldLength };
    this.cells.push(this.fieldCarry);
    this.fieldCarry = '';
    this.fieldLength = 0;
    this.fieldOverflow = false;
  }

  private appendRaw(chunk: string, from: number, to: number): void {
    if (this.rawTruncated || to <= from) return;
    const room = maxRawChars - this.rawCarry.length;
    if (to - from > room) {
      this.rawCarry += chunk.slice(from, from + room);
      this.rawTruncated = true;
    } else {
      this.rawCarry += chunk.slice(from, to);
    }
  }

  private endRecord(chunk: string, recordStart: number, end: number): TokenizedRecord {
    let raw: string;
    if (this.rawCarry === '' && !this.rawTruncated) {
      raw = end - recordStart > maxRawChars ? chunk.slice(recordStart, recordStart + maxRawChars) + '…' : chunk.slice(recordStart, end);
    } else {
      this.appendRaw(chunk, recordStart, end);
      raw = this.rawTruncated ? this.rawCarry + '…' : this.rawCarry;
    }
    const record: TokenizedRecord = { line: this.recordLine, cells: this.cells, raw };
    if (this.tooLong) record.fault = { kind: 'cellTooLong', column: this.tooLong.column, length: this.tooLong.length };
    this.cells = [];
    this.tooLong = undefined;
    this.rawCarry = '';
    this.rawTruncated = false;
    return record;
  }
}
