/**
 * Typed errors, thrown anywhere and caught once in the CLI error boundary (src/cli/main.ts),
 * which maps them to the exit codes of data-contract.md.
 */

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  inputUnusable: 3,
  difference: 4,
  doneWithFindings: 10,
  sigint: 130,
  sigterm: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface Location {
  file?: string;
  line?: number;
  column?: string;
}

export abstract class HeduiError extends Error {
  abstract readonly exitCode: ExitCode;
  /** Stable English reason code, e.g. FILE_REFUSED. */
  readonly code: string;
  /** Fix-it hint in Chinese: the exact flag or edit that resolves the problem. */
  readonly hint: string | undefined;
  readonly location: Location;

  constructor(code: string, message: string, opts: { hint?: string; location?: Location; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.hint = opts.hint;
    this.location = opts.location ?? {};
  }
}

/** Wrong flags or arguments (exit 2). */
export class UsageError extends HeduiError {
  readonly exitCode = ExitCode.usage;
  override readonly name = 'UsageError';
}

/** An input file cannot be used at all (exit 3): missing columns, .xls, undecodable, unreadable, missing path. */
export class UserInputError extends HeduiError {
  readonly exitCode = ExitCode.inputUnusable;
  override readonly name = 'UserInputError';
}

/** The policy pack is unusable (exit 3); `location.column` holds the path inside the pack. */
export class PolicyError extends HeduiError {
  readonly exitCode = ExitCode.inputUnusable;
  override readonly name = 'PolicyError';
}

/** A bug. The CLI asks the operator to report it; the message must never hold personal data. */
export class InternalError extends HeduiError {
  readonly exitCode = ExitCode.internal;
  override readonly name = 'InternalError';
}
