import { UsageError } from '../errors.js';
import { parseDate } from '../ingest/values/date.js';

/** `--as-of` takes any date spelling of the data contract; a bad one is a usage error (exit 2), never ignored. */
export function parseAsOfOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseDate(value.trim());
  if (!parsed.ok) {
    throw new UsageError('BAD_AS_OF', `--as-of 的日期“${value}”无法识别：${parsed.detail}`, {
      hint: '请写成 2024-06-30 这样的日期',
    });
  }
  return parsed.value;
}
