import { createHmac } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Logs never hold names or ID numbers. Two layers: pino redaction removes the fields that carry them by name, and a
 * scrubber replaces anything shaped like a 身份证号 in any string (message or field) by a keyed hash, so a record can
 * still be followed across log lines without the log revealing who it is.
 */

export const redactedPaths = [
  'name', 'id_number', 'idNumber', 'account_no', 'accountNo', 'plate', 'cert_no', 'raw',
  '*.name', '*.id_number', '*.idNumber', '*.account_no', '*.accountNo', '*.plate', '*.cert_no', '*.raw',
];

/** 18-digit (last may be X) or 15-digit runs not embedded in longer digit runs; full-width digits included. */
const idLike = /(?<![0-9０-９])(?:[0-9０-９]{17}[0-9０-９XxＸｘ]|[0-9０-９]{15})(?![0-9０-９])/g;

/** A short keyed hash of a personal key (ID number), stable within one workspace secret. */
export function hashKey(value: string, secret: string): string {
  return 'k:' + createHmac('sha256', secret).update(value).digest('hex').slice(0, 12);
}

export function scrubText(text: string, secret: string): string {
  return text.replace(idLike, (m) => hashKey(m, secret));
}

function scrubValue(v: unknown, secret: string, depth = 0): unknown {
  if (typeof v === 'string') return scrubText(v, secret);
  if (depth > 6 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, secret, depth + 1));
  if (v instanceof Error) return { type: v.name, message: scrubText(v.message, secret), stack: v.stack && scrubText(v.stack, secret) };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubValue(x, secret, depth + 1);
  return out;
}

export function createLogger(opts: { level: string; secret: string; destination: DestinationStream }): Logger {
  const { secret } = opts;
  return pino(
    {
      level: opts.level,
      base: null, // no pid/hostname: nothing machine-specific in a log that may be shared with auditors
      redact: { paths: redactedPaths, censor: '[redacted]' },
      formatters: { log: (obj) => scrubValue(obj, secret) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => scrubValue(a, secret)) as Parameters<typeof method>;
          method.apply(this, clean);
        },
      },
    },
    opts.destination,
  );
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
