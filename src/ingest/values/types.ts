import type { ImportReasonCode } from '../../reasons.js';

/** Result of parsing one cell. A failure names the reason code, what was wrong (detail) and how to fix it (hint). */
export type Parsed<T> = { ok: true; value: T } | ParseFailure;

export interface ParseFailure {
  ok: false;
  code: ImportReasonCode;
  /** Chinese: what is wrong with the value, e.g. “2月没有30日”. */
  detail: string;
  /** Chinese fix-it hint, e.g. “请写成 2024-06-01 或 2024年6月1日”. */
  hint: string;
}

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (code: ImportReasonCode, detail: string, hint: string): ParseFailure => ({ ok: false, code, detail, hint });

/** A share of ownership as an exact fraction (R11). */
export interface Fraction {
  num: number;
  den: number;
}
