/**
 * 身份证号 (GB 11643-1999) validation and the 15→18 upgrade (rules.md R3). Called once per ID cell of every
 * imported file, so the checks walk char codes instead of using regular expressions or slices.
 */

import { isRealDate } from './calendar.js';
import { checkCharacter } from './checksum.js';
import {
  characterProblem,
  checksumProblem,
  dateProblem,
  emptyProblem,
  lengthProblem,
  type IdProblem,
  type IdProblemText,
} from './idProblems.js';
import { normalizeIdText } from './idText.js';

export { ageOn } from './age.js';
export { normalizeIdText } from './idText.js';
export type { IdProblem } from './idProblems.js';

/** Why an ID is unusable, as checkIdNumber and parseIdNumber report it. */
export interface IdFailure {
  ok: false;
  /** The input after normalizeIdText, for reports. */
  normalized: string;
  problem: IdProblem;
  /** Chinese: what is wrong. */
  detail: string;
  /** Chinese: how to fix it. */
  hint: string;
}

export interface IdChecked {
  ok: true;
  /** 18 characters: 17 digits and a digit or X. */
  id: string;
  /** True when `id` was upgraded from a 15-digit number (ID_UPGRADED). */
  upgraded: boolean;
}

export type IdCheck = IdChecked | IdFailure;

export type IdParse =
  | (IdChecked & {
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'M' | 'F';
      /** The 6-digit address code (地址码); may be missing from GB 2260 (ID_REGION_UNKNOWN, info only). */
      regionPrefix: string;
    })
  | IdFailure;

const zero = 0x30;
const nine = 0x39;
const upperX = 0x58;
const earliestBirthYear = 1850;
const latestBirthYear = 2100;

function isDigit(code: number): boolean {
  return code >= zero && code <= nine;
}

/** The number formed by the two digits at `index`; the caller has checked they are digits. */
function twoDigits(text: string, index: number): number {
  return (text.charCodeAt(index) - zero) * 10 + text.charCodeAt(index + 1) - zero;
}

function failure(normalized: string, problem: IdProblem, text: IdProblemText): IdFailure {
  return { ok: false, normalized, problem, detail: text.detail, hint: text.hint };
}

/** Index of the first character that is neither a digit nor X, or -1. */
function firstForeignCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code) && code !== upperX) return i;
  }
  return -1;
}

/** Index of the first non-digit among the first `count` characters, or -1. */
function firstNonDigit(text: string, count: number): number {
  for (let i = 0; i < count; i++) if (!isDigit(text.charCodeAt(i))) return i;
  return -1;
}

function characterFailure(text: string, index: number): IdFailure {
  const character = String.fromCodePoint(text.codePointAt(index)!);
  return failure(text, 'characters', characterProblem(character, index + 1, text.length === 18 && index === 17));
}

/** 18 characters, the first 17 ASCII digits, the last a digit or upper-case X: the shape of a clean ID. */
function isPlain18(text: string): boolean {
  if (text.length !== 18 || firstNonDigit(text, 17) >= 0) return false;
  const last = text.charCodeAt(17);
  return isDigit(last) || last === upperX;
}

/** Empty, foreign characters, wrong length or an X before the end — in the order an operator is best told. */
function shapeFailure(text: string): IdFailure | undefined {
  const length = text.length;
  if (length === 0) return failure(text, 'empty', emptyProblem());
  // Foreign characters first: “1.10105E+17” is better explained by its characters than by its length.
  const foreign = firstForeignCharacter(text);
  if (foreign >= 0) return characterFailure(text, foreign);
  if (length !== 18 && length !== 15) return failure(text, 'length', lengthProblem(length));
  const misplacedX = firstNonDigit(text, length === 18 ? 17 : 15);
  if (misplacedX >= 0) return characterFailure(text, misplacedX);
  return undefined;
}

/**
 * 15-digit numbers gave the sequences 996–999 to people aged 100 or more, so those were born in the 1800s
 * (R3: insert 18 instead of 19).
 */
function centuryOf15(text: string): number {
  const sequence = (text.charCodeAt(12) - zero) * 100 + twoDigits(text, 13);
  return sequence >= 996 ? 18 : 19;
}

/**
 * Normalises and validates a 身份证号 (R3), upgrading a 15-digit number; the import's hot path (one call per source
 * row), so it builds no strings beyond the ID itself — parseIdNumber adds the birth date, sex and region.
 */
export function checkIdNumber(raw: string): IdCheck {
  // Nearly every ID of an export is already 17 ASCII digits and a digit or X: no normalisation, no character checks.
  const plain = isPlain18(raw);
  const text = plain ? raw : normalizeIdText(raw);
  const length = text.length;
  if (!plain) {
    const badShape = shapeFailure(text);
    if (badShape) return badShape;
  }

  const century = length === 18 ? twoDigits(text, 6) : centuryOf15(text);
  const dateStart = length === 18 ? 8 : 6;
  const year = century * 100 + twoDigits(text, dateStart);
  const month = twoDigits(text, dateStart + 2);
  const day = twoDigits(text, dateStart + 4);
  const inRange = year >= earliestBirthYear && year <= latestBirthYear;
  if (!inRange || !isRealDate(year, month, day)) {
    const shown = `${year}-${text.slice(dateStart + 2, dateStart + 4)}-${text.slice(dateStart + 4, dateStart + 6)}`;
    const digits = length === 18 ? '7–14' : '7–12';
    return failure(text, 'date', dateProblem(shown, inRange ? 'notADate' : 'outOfRange', digits));
  }

  let id = text;
  if (length === 15) {
    const first17 = `${text.slice(0, 6)}${century}${text.slice(6)}`;
    id = first17 + checkCharacter(first17);
  } else {
    const expected = checkCharacter(text);
    const actual = text[17]!;
    if (expected !== actual) return failure(text, 'checksum', checksumProblem(expected, actual));
  }

  return { ok: true, id, upgraded: length === 15 };
}

/** The birth date (YYYY-MM-DD) of an ID that checkIdNumber accepted (its normalised 18 characters). */
export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function parseIdNumber(raw: string): IdParse {
  const checked = checkIdNumber(raw);
  if (!checked.ok) return checked;
  const { id } = checked;
  return {
    ...checked,
    birthDate: birthDateOf(id),
    // The last digit of the 3-digit sequence (顺序码): odd for men, even for women.
    sex: (id.charCodeAt(16) - zero) % 2 === 1 ? 'M' : 'F',
    regionPrefix: id.slice(0, 6),
  };
}
