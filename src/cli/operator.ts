import { userInfo } from 'node:os';

/** `--operator`, else the OS user (recorded in the run ledger and with review dispositions). */
export function operatorName(given: string | undefined): string {
  if (given !== undefined) return given;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
