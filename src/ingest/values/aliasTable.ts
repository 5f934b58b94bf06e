import { ok, type ParseFailure, type Parsed } from './types.js';

/**
 * Closed vocabularies (enums, bools) looked up in an alias table. The cell is tried as written first (the hot path:
 * no allocation, the result object is shared), then after NFKC with spaces removed and Latin letters upper-cased, so
 * full-width input (`ＴＲＵＥ`), stray inner spaces (`低 保`) and case (`y`, `True`) need no alias of their own.
 */

const whitespace = /\s+/gu;

export function aliasKey(text: string): string {
  return text.normalize('NFKC').replace(whitespace, '').toUpperCase();
}

export function aliasParser<T>(
  aliases: Readonly<Record<string, T>>,
  onUnknown: (text: string) => ParseFailure,
): (text: string) => Parsed<T> {
  const table = new Map<string, Parsed<T>>();
  const shared = new Map<T, Parsed<T>>();
  for (const [alias, value] of Object.entries(aliases)) {
    let result = shared.get(value);
    if (result === undefined) {
      result = Object.freeze(ok(value));
      shared.set(value, result);
    }
    table.set(alias, result);
    table.set(aliasKey(alias), result);
  }
  return (text) => table.get(text) ?? table.get(aliasKey(text)) ?? onUnknown(text);
}
