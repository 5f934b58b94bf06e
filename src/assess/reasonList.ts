/**
 * Household reasons: one Chinese template per code (src/reasons.ts), filled here; ordered as rules.md “Reason codes”
 * says: severity (blocking, adverse, review, info), then rule id (numeric), then member (本人 first, then input
 * order), then source file and line. No duplicates.
 *
 * Decisions where rules.md is silent:
 * - A reason about the household as a whole (no member) sorts before the member reasons of the same rule.
 * - “Source file and line” compares the first evidence row by (kind in data-contract order, file rank in code-point
 *   order of names, line); reasons left equal keep the order the rules produced them in (a stable sort), which is
 *   itself deterministic.
 */
import { kinds } from '../ingest/columns.js';
import { maskId } from '../identity/mask.js';
import { householdReasons } from '../reasons.js';
import type { MemberInput, SourceRef } from './input.js';
import { householdReasonCodes, type HouseholdReasonCode, type Reason, type Severity } from './result.js';

const severityOf = new Map<HouseholdReasonCode, Severity>();
for (const severity of ['blocking', 'adverse', 'review', 'info'] as const) {
  for (const code of householdReasonCodes[severity]) severityOf.set(code, severity);
}
const severityRank: Record<Severity, number> = { blocking: 0, adverse: 1, review: 2, info: 3 };
const kindRank = new Map<string, number>(kinds.map((k, i) => [k, i]));

/** A member's masked ID (cheaper to compute again than to cache in a WeakMap, whose entries every GC must visit). */
export function maskedIdOf(m: MemberInput): string {
  return maskId(m.idNumber);
}

/**
 * Each template split once at its {placeholders} (the same syntax and meaning as fillTemplate in src/reasons.ts:
 * a missing value leaves the placeholder visible), so filling is a join, not a regular-expression replace.
 */
const compiled = new Map<HouseholdReasonCode, string[]>();
function fill(code: HouseholdReasonCode, values: Record<string, string | number | undefined>): string {
  let parts = compiled.get(code);
  if (!parts) {
    // Odd indexes are placeholder names.
    parts = householdReasons[code].split(/\{(\w+)\}/);
    compiled.set(code, parts);
  }
  if (parts.length === 1) return parts[0]!;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) out += part;
    else {
      const v = values[part];
      out += v === undefined ? `{${part}}` : String(v);
    }
  }
  return out;
}

/** “张三（配偶）” — how a message names a member. */
export function memberLabel(m: MemberInput): string {
  return `${m.name}（${m.relation}）`;
}

export class ReasonList {
  private readonly items: Reason[] = [];
  /** Member rank of each item (本人 0, others ordinal + 1, household-level −1). */
  private readonly ranks: number[] = [];

  add(
    code: HouseholdReasonCode,
    rule: string,
    values: Record<string, string | number | undefined>,
    opts: { member?: MemberInput; evidence?: SourceRef[] } = {},
  ): void {
    const message = fill(code, values);
    const m = opts.member;
    const ordinal = m ? m.ordinal : undefined;
    // No duplicates: the same code, member and message once (lists are short; a scan beats hashing the message).
    for (const r of this.items) if (r.code === code && r.memberOrdinal === ordinal && r.message === message) return;
    // Every Reason has the same fields (absent ones undefined, which JSON omits): one hidden class for V8.
    const reason: Reason = {
      code,
      severity: severityOf.get(code)!,
      rule,
      message,
      memberIdMasked: m ? maskedIdOf(m) : undefined,
      memberOrdinal: m ? m.ordinal : undefined,
      evidence: opts.evidence && opts.evidence.length > 0 ? opts.evidence : undefined,
    };
    this.ranks.push(m ? (m.isSelf ? 0 : m.ordinal + 1) : -1);
    this.items.push(reason);
  }

  has(code: HouseholdReasonCode): boolean {
    return this.items.some((r) => r.code === code);
  }

  some(codes: readonly HouseholdReasonCode[]): boolean {
    return this.items.some((r) => codes.includes(r.code));
  }

  /** The reasons in rules.md order. */
  ordered(): Reason[] {
    const index = this.items.map((_, i) => i);
    index.sort((a, b) => compareReasons(this.items[a]!, this.ranks[a]!, this.items[b]!, this.ranks[b]!) || a - b);
    return index.map((i) => this.items[i]!);
  }
}


function ruleNumber(rule: string): number {
  const n = Number(rule.slice(1));
  return Number.isFinite(n) ? n : 99;
}

function compareRefs(a: SourceRef | undefined, b: SourceRef | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return (
    (kindRank.get(a.kind) ?? 99) - (kindRank.get(b.kind) ?? 99) || a.fileRank - b.fileRank || a.line - b.line
  );
}

function compareReasons(a: Reason, rankA: number, b: Reason, rankB: number): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    ruleNumber(a.rule) - ruleNumber(b.rule) ||
    rankA - rankB ||
    compareRefs(a.evidence?.[0], b.evidence?.[0])
  );
}
