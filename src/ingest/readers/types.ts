/** What a reader yields: one record per non-blank physical row, with the cells still untyped. */

/** An XLSX cell as the sheet stored it; CSV cells are plain strings. */
export type SheetCell =
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  /** A date-formatted numeric cell, already converted from the serial (1904 flag honoured) to a calendar date. */
  | { t: 'date'; ymd: string }
  | { t: 'bool'; v: boolean }
  | { t: 'error'; v: string };

export type Cell = string | SheetCell | null;

export interface RawRecord {
  /** 1-based physical line where the record starts (CSV) or the sheet row number (XLSX). */
  line: number;
  cells: Cell[];
  /** The record as text, for rejected.csv (CSV: the physical text without the line break). */
  raw: string;
}

/** A record the reader could delimit but not read cleanly; the row is rejected with this fault, never dropped. */
export type RecordFault =
  | { kind: 'cellTooLong'; column: number; length: number }
  | { kind: 'unterminatedQuote' };

export interface TokenizedRecord extends RawRecord {
  fault?: RecordFault;
}
