/**
 * R2 Authorization: a counted member whose `authorized` is not 是 (blank counts as 否) → 待复核 AUTH_MISSING; no
 * source data of the household is read or shown and no figures are computed (未取得授权，未开展核对).
 */
import type { MemberInput } from '../input.js';

export const authMissingNote = '未取得授权，未开展核对';

export function unauthorizedMembers(counted: readonly MemberInput[]): MemberInput[] {
  return counted.filter((m) => !m.authorized);
}
