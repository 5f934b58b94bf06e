/**
 * Golden household cases (test/golden/cases/*.yaml, format in test/golden/README.md): each case's files are written
 * to a temp batch folder, `hedui batch` runs on it as a county script would, and results.json, rejected.csv and
 * the exit code are compared with the figures worked by hand in the case file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
// Plain JS helpers shared with the node check script (declarations beside them).
import * as g from './tools/cases.mjs';
import { checkId } from './tools/gb11643.mjs';

type Row = Record<string, string>;
interface ExpectedRejection {
  file: string;
  reason_code: string;
  count?: number;
  line?: number;
}
interface GoldenCase {
  rule: string | string[];
  traps?: string[];
  as_of?: string;
  policy?: 'heze';
  policy_pack?: unknown;
  files: Record<string, Row[]>;
  invalid_ids?: string[];
  unknown_region_ids?: string[];
  expected: {
    exit_code?: number;
    as_of?: string;
    households?: Record<string, Record<string, unknown>>;
    absent?: string[];
    rejected?: ExpectedRejection[];
    if_present?: Record<string, Record<string, unknown>>;
  };
}


const caseFiles = g.caseFileNames();
const cases = caseFiles.map((f) => ({ file: f, c: g.loadCase(f) as GoldenCase }));
/** HEDUI_GOLDEN_BIN runs another build of the CLI (default: this repo's bin/hedui.js, compiled by test/globalSetup.ts). */
const bin = process.env.HEDUI_GOLDEN_BIN ?? join(g.repoRoot, 'bin', 'hedui.js');
/** HEDUI_GOLDEN_KEEP=1 keeps each case's temp folder (input, out, workspace) for inspection. */
const keep = process.env.HEDUI_GOLDEN_KEEP === '1';

interface RejectedRow {
  file: string;
  line: string;
  column: string;
  reason_code: string;
  message: string;
  raw: string;
}

interface RunOutcome {
  dir: string;
  status: number | null;
  stderr: string;
  results: { as_of?: unknown; households: Record<string, unknown>[] } | null;
  rejected: RejectedRow[] | null;
}

function runCase(c: GoldenCase): RunOutcome {
  const dir = mkdtempSync(join(tmpdir(), 'hedui-golden-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  for (const [name, rows] of Object.entries(c.files)) writeFileSync(join(input, name), g.toCsv(rows), 'utf8');
  const pack = c.policy === 'heze' ? readFileSync(g.hezePackPath, 'utf8') : stringifyYaml(c.policy_pack);
  writeFileSync(join(input, 'policy.yaml'), pack, 'utf8');
  const out = join(dir, 'out');
  const args = [bin, 'batch', '--input', input, '--out', out];
  if (c.as_of !== undefined) args.push('--as-of', String(c.as_of));
  args.push('--json', '--workspace', join(dir, 'ws'));
  const r = spawnSync(process.execPath, args, { cwd: g.repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const resultsPath = join(out, 'results.json');
  const rejectedPath = join(out, 'rejected.csv');
  const outcome: RunOutcome = {
    dir,
    status: r.status,
    stderr: r.stderr ?? '',
    results: existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : null,
    rejected: existsSync(rejectedPath)
      ? (parseCsv(readFileSync(rejectedPath), { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true }) as RejectedRow[])
      : null,
  };
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return outcome;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const show = (v: unknown) => (v === undefined ? '(missing)' : JSON.stringify(v));

/** A results.json key, or a dotted path into nested objects (`upper.vehicles_counted`, `income_window.from`). */
function actualValue(h: Record<string, unknown>, key: string): unknown {
  if (key === 'reasons') {
    const reasons = h.reasons;
    return Array.isArray(reasons) ? reasons.map((r) => (r as { code?: unknown }).code) : reasons;
  }
  if (key === 'reason_members') {
    // Parallel to `reasons`: each reason's member_id_masked (null when the reason names no member).
    const reasons = h.reasons;
    return Array.isArray(reasons) ? reasons.map((r) => (r as { member_id_masked?: unknown }).member_id_masked ?? null) : reasons;
  }
  if (Object.hasOwn(h, key) || !key.includes('.')) return h[key];
  let v: unknown = h;
  for (const part of key.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function compareCase(file: string, c: GoldenCase, o: RunOutcome): string[] {
  const m: string[] = [];
  const e = c.expected;
  const at = (what: string, expected: unknown, actual: unknown) =>
    m.push(`${file} · ${what}: expected ${show(expected)}, actual ${show(actual)}`);

  if (e.exit_code !== undefined && o.status !== e.exit_code) at('exit code', e.exit_code, o.status);
  if (!o.results) {
    m.push(`${file} · results.json was not written (exit ${o.status}); stderr:\n${o.stderr.slice(0, 3000)}`);
    return m;
  }
  if (e.as_of !== undefined && o.results.as_of !== String(e.as_of)) at('results.json as_of', String(e.as_of), o.results.as_of);
  const byId = new Map<string, Record<string, unknown>>();
  for (const h of o.results.households ?? []) byId.set(String(h.application_id), h);

  // Every application is either assessed or, when listed as absent, rejected at import.
  const absent = new Set(e.absent ?? []);
  for (const app of g.applicationIds(c)) {
    if (absent.has(app) && byId.has(app)) m.push(`${file} · ${app}: must be absent from results.json (rejected at import) but is present`);
    if (!absent.has(app) && !byId.has(app)) m.push(`${file} · ${app}: missing from results.json`);
  }

  for (const [app, keys] of Object.entries(e.households ?? {})) {
    const h = byId.get(app);
    if (!h) continue;
    for (const [key, expected] of Object.entries(keys)) {
      const actual = actualValue(h, key);
      if (!deepEqual(expected, actual)) at(`${app} · ${key}`, expected, actual);
    }
  }
  for (const [app, keys] of Object.entries(e.if_present ?? {})) {
    const h = byId.get(app);
    if (!h) continue;
    for (const [key, expected] of Object.entries(keys)) {
      const actual = actualValue(h, key);
      if (actual !== undefined && !deepEqual(expected, actual)) at(`${app} · ${key} (if present)`, expected, actual);
    }
  }

  // rejected.csv: counts by (file, reason_code) must match exactly; no entry means no rejected row at all.
  const actualRejected = o.rejected ?? [];
  const count = (rows: { file: string; reason_code: string; count?: number }[]) => {
    const map = new Map<string, number>();
    for (const r of rows) map.set(`${r.file} ${r.reason_code}`, (map.get(`${r.file} ${r.reason_code}`) ?? 0) + (r.count ?? 1));
    return map;
  };
  const want = count(e.rejected ?? []);
  const got = count(actualRejected.map((r) => ({ file: r.file, reason_code: r.reason_code })));
  for (const k of new Set([...want.keys(), ...got.keys()])) {
    if ((want.get(k) ?? 0) !== (got.get(k) ?? 0)) at(`rejected.csv rows (file reason_code) ${k}`, want.get(k) ?? 0, got.get(k) ?? 0);
  }
  for (const r of e.rejected ?? []) {
    if (r.line === undefined) continue;
    const hit = actualRejected.some((a) => a.file === r.file && a.reason_code === r.reason_code && Number(a.line) === r.line);
    if (!hit) at(`rejected.csv ${r.file} line ${r.line} ${r.reason_code}`, 'a row', 'none');
  }
  if (o.rejected === null && (e.rejected ?? []).length > 0) m.push(`${file} · rejected.csv was not written`);
  return m;
}

describe('golden household cases', () => {
  for (const { file, c } of cases) {
    it(file, () => {
      const structural = [...g.caseProblems(file, c), ...g.idProblems(c)];
      expect(structural, `${file}: the case file itself is malformed`).toEqual([]);
      const outcome = runCase(c);
      const mismatches = compareCase(file, c, outcome);
      expect(mismatches, `${mismatches.join('\n')}${keep ? `\n(kept in ${outcome.dir})` : ''}`).toEqual([]);
    });
  }
});

describe('golden suite coverage (derived from the case files)', () => {
  it('has at least 45 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it('covers every rule R1–R15', () => {
    const covered = new Set(cases.flatMap(({ c }) => g.ruleList(c)));
    expect(g.allRules.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('covers every household reason code and HOUSEHOLD_INCONSISTENT', () => {
    const covered = new Set<string>();
    for (const { c } of cases) {
      for (const h of Object.values(c.expected.households ?? {})) for (const code of (h.reasons as string[] | undefined) ?? []) covered.add(code);
      for (const r of c.expected.rejected ?? []) covered.add(r.reason_code);
    }
    expect([...g.householdCodes, ...g.importCodes].filter((code) => !covered.has(code))).toEqual([]);
  });

  it('covers every trap of the brief', () => {
    const covered = new Set(cases.flatMap(({ c }) => c.traps ?? []));
    expect(g.allTraps.filter((t) => !covered.has(t))).toEqual([]);
  });
});

describe('golden case identity numbers', () => {
  it('the GB 11643 helper agrees with the standard’s published examples', () => {
    expect(checkId('11010519491231002X')).toMatchObject({ valid: true, birth: '1949-12-31' });
    expect(checkId('110105491231002')).toMatchObject({ valid: true, normalized: '11010519491231002X' });
    expect(checkId('110105194912310021').valid).toBe(false);
    expect(checkId('110105194902310026').valid).toBe(false);
  });

  for (const { file, c } of cases) {
    it(`${file}: every ID meant to be valid is valid, every ID meant to be invalid is invalid`, () => {
      expect(g.idProblems(c)).toEqual([]);
    });
  }
});
