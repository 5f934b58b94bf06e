/**
 * Golden household cases: loading, structural checks, CSV writing and the coverage lists. Shared by
 * test/golden/golden.test.ts (vitest) and test/golden/tools/check-cases.mjs (plain node, no build needed).
 * Nothing here imports src/: the cases must stay independent of the implementation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { checkId } from './gb11643.mjs';

export const goldenDir = fileURLToPath(new URL('..', import.meta.url));
export const casesDir = join(goldenDir, 'cases');
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** `policy: heze` in a case file. */
export const hezePackPath = join(goldenDir, 'policy.yaml');

export const allRules = Array.from({ length: 15 }, (_, i) => `R${i + 1}`);

/** Every household reason code of rules.md, in its severity order (blocking, adverse, review, info). */
export const householdCodes = [
  'AUTH_MISSING', 'ID_INVALID', 'NO_MEMBERS', 'POLICY_NOT_FOUND',
  'INCOME_OVER_LINE', 'FIN_ASSETS_OVER_LIMIT', 'FIN_ASSETS_FLAG', 'VEHICLE_OWNED', 'HOUSING_OVER_LIMIT',
  'NON_RESIDENTIAL_PROPERTY', 'LABOUR_CAPACITY',
  'SUSPECT_EVIDENCE', 'CROSSPROV_PENDING', 'BUSINESS_REGISTERED', 'DUPLICATE_MEMBER', 'MEMBER_DECEASED',
  'NAME_MISMATCH', 'ID_UPGRADED', 'ID_REGION_UNKNOWN', 'DECLARED_INCOME_UNDERSTATED', 'GRADUAL_EXIT',
  'SINGLE_PERSON_SUGGESTED',
];

/** Import rejections that must be covered by some case's `expected.rejected`. */
export const importCodes = ['HOUSEHOLD_INCONSISTENT'];

/** The traps of the brief; each case lists the ones it exercises under `traps:`. */
export const allTraps = [
  'rounding-650x1.1', // exact decimal line: 650 × 1.1 = 715.00, p = 715.00 fails `lt`
  'tekun-multiplier-ceil', // 特困 standard from a multiplier rounded UP to the yuan
  'proration-half-window', // an income row half inside the window
  'negative-business-netting', // 经营净 loss nets within the member only, floor 0
  'duplicate-income-sources', // same income from two sources: the largest counts
  'repeated-account-latest', // latest as_of per account
  'repeated-account-tie-file', // tie → later file in code-point order
  'repeated-account-tie-line', // tie in one file → later line
  'coowned-share-cap', // shares of one cert summed, capped at 1
  'usage-after-last-slash', // 商业/住宅 reads 住宅
  'motorcycle-exempt',
  'inactive-vehicle-status',
  'lt-vs-le-at-line', // p exactly at the line under lt and le
  'edge-tier', // tier 低保边缘 with its own asset limit
  'rigid-p-prime', // 刚性支出 p′
  'gradual-exit', // 渐退期
  'source-row-for-nobody', // no effect, no error
  'date-outside-periods', // application_date in no period → POLICY_NOT_FOUND
  'region-without-pack', // region with no pack entry → POLICY_NOT_FOUND
  'id-upgrade-15', // 15-digit ID upgraded, source rows match the upgraded ID
  'lower-upper-divergence', // suspect vehicle → 待复核 SUSPECT_EVIDENCE, never 不符合
];

/** Keys every expected household must compare (the brief). */
export const mandatoryKeys = ['verdict_code', 'reasons', 'per_capita_monthly_income', 'benefit_monthly'];

const kindPrefixes = {
  applicants: ['applicants', '申请'],
  bank: ['bank', '银行'],
  vehicle: ['vehicle', '车辆'],
  realestate: ['realestate', '不动产', '房产'],
  income: ['income', '收入'],
  crossprov: ['crossprov', '跨省'],
  death: ['death', '死亡'],
};

export function kindOf(fileName) {
  const lower = fileName.toLowerCase();
  for (const [kind, prefixes] of Object.entries(kindPrefixes)) if (prefixes.some((p) => lower.startsWith(p))) return kind;
  return undefined;
}

export function caseFileNames() {
  return readdirSync(casesDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

export function loadCase(fileName) {
  const text = readFileSync(join(casesDir, fileName), 'utf8');
  return parseYaml(text);
}

/** Structural problems of one case (empty when fine). Checked before anything runs. */
export function caseProblems(fileName, c) {
  const p = [];
  if (!/^\d{3}-[a-z0-9-]+\.yaml$/.test(fileName)) p.push('file name must be NNN-short-name.yaml');
  if (!c || typeof c !== 'object') return ['not a mapping'];
  const known = ['rule', 'traps', 'as_of', 'policy', 'policy_pack', 'files', 'invalid_ids', 'unknown_region_ids', 'expected'];
  for (const k of Object.keys(c)) if (!known.includes(k)) p.push(`unknown top-level key ${k}`);
  const rules = ruleList(c);
  if (rules.length === 0) p.push('rule missing');
  for (const r of rules) if (!allRules.includes(r)) p.push(`unknown rule ${r}`);
  for (const t of c.traps ?? []) if (!allTraps.includes(t)) p.push(`unknown trap ${t}`);
  if (c.as_of !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(c.as_of))) p.push('as_of must be YYYY-MM-DD');
  if ((c.policy === 'heze') === (c.policy_pack !== undefined)) p.push("exactly one of policy: heze / policy_pack");
  if (!c.files || typeof c.files !== 'object') p.push('files missing');
  else {
    if (!Object.keys(c.files).some((f) => kindOf(f) === 'applicants')) p.push('no applicants file');
    for (const [name, rows] of Object.entries(c.files)) {
      if (!kindOf(name)) p.push(`${name}: file name matches no kind`);
      if (!/\.csv$/.test(name)) p.push(`${name}: only .csv is written`);
      if (!Array.isArray(rows) || rows.length === 0) {
        p.push(`${name}: rows must be a non-empty list`);
        continue;
      }
      rows.forEach((row, i) => {
        for (const [k, v] of Object.entries(row ?? {})) {
          if (typeof v !== 'string') p.push(`${name} row ${i + 1} ${k}: cell must be a YAML string (quote it), got ${typeof v} ${String(v)}`);
        }
      });
    }
  }
  const e = c.expected;
  if (!e || typeof e !== 'object') return [...p, 'expected missing'];
  const knownE = ['exit_code', 'as_of', 'households', 'absent', 'rejected', 'if_present'];
  for (const k of Object.keys(e)) if (!knownE.includes(k)) p.push(`unknown expected key ${k}`);
  const apps = applicationIds(c);
  const listed = new Set([...Object.keys(e.households ?? {}), ...(e.absent ?? [])]);
  for (const a of apps) if (!listed.has(a)) p.push(`application ${a} is neither in expected.households nor in expected.absent`);
  for (const a of listed) if (!apps.includes(a)) p.push(`expected application ${a} is not in the applicants files`);
  for (const [app, h] of Object.entries(e.households ?? {})) {
    for (const k of mandatoryKeys) if (!(k in (h ?? {}))) p.push(`${app}: must compare ${k}`);
    for (const code of h?.reasons ?? []) if (!householdCodes.includes(code)) p.push(`${app}: unknown reason ${code}`);
  }
  for (const r of e.rejected ?? []) if (!r.file || !r.reason_code) p.push('rejected entries need file and reason_code');
  // Self-consistency of the hand-written expectations.
  for (const [app, h] of Object.entries(e.households ?? {})) {
    const sev = (h?.reasons ?? []).map(severityOf);
    if (sev.some((s, i) => i > 0 && s < sev[i - 1])) p.push(`${app}: reasons not in severity order (blocking, adverse, review, info)`);
    const blocked = sev.includes(0);
    const adverse = sev.includes(1);
    const review = sev.includes(2);
    const verdict = h?.verdict_code;
    if (blocked && verdict !== 'review') p.push(`${app}: a blocking reason needs verdict_code review`);
    if (!blocked && adverse && verdict === 'eligible') p.push(`${app}: an adverse reason with verdict eligible`);
    if (!blocked && !adverse && review && verdict !== 'review') p.push(`${app}: a review reason needs verdict_code review`);
    if (verdict !== 'eligible' && h?.benefit_monthly !== null && h?.benefit_monthly !== undefined) p.push(`${app}: benefit only when eligible`);
  }
  if (e.exit_code !== undefined) {
    const anyReview = Object.values(e.households ?? {}).some((h) => h?.verdict_code === 'review');
    const want = anyReview || (e.rejected ?? []).length > 0 ? 10 : 0;
    if (e.exit_code !== want) p.push(`exit_code ${e.exit_code} but the expectations imply ${want}`);
  }
  return p;
}

/** 0 blocking, 1 adverse, 2 review, 3 info (rules.md “Reason codes”). */
export function severityOf(code) {
  const i = householdCodes.indexOf(code);
  return i < 4 ? 0 : i < 11 ? 1 : i < 16 ? 2 : 3;
}

export function ruleList(c) {
  const r = c.rule;
  return (Array.isArray(r) ? r : r === undefined ? [] : [r]).map(String);
}

/** Application ids in the case's applicants files, in first-appearance order. */
export function applicationIds(c) {
  const ids = [];
  for (const [name, rows] of Object.entries(c.files ?? {})) {
    if (kindOf(name) !== 'applicants') continue;
    for (const row of rows ?? []) {
      const id = row?.['申请编号'];
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** One CSV file: header = union of the row keys in first-appearance order; cells quoted when they need it. */
export function toCsv(rows) {
  const header = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!header.includes(k)) header.push(k);
  const cell = (v) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.map(cell).join(','), ...rows.map((row) => header.map((h) => cell(row[h])).join(','))].join('\n') + '\n';
}

let regionTable;
/** GB/T 2260 codes of the shared reference data (data, not implementation). */
export function regionCodes() {
  if (!regionTable) {
    const path = join(repoRoot, 'src/identity/data/gb2260-divisions.tsv');
    regionTable = new Set(
      readFileSync(path, 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t')[0])
        .filter(Boolean),
    );
  }
  return regionTable;
}

/**
 * Every 身份证号 cell of a case: IDs listed in `invalid_ids` must really be invalid (GB 11643 checksum/date, or, on an
 * applicants row, a birth date after the household's application date); every other ID must be valid (a 15-digit one
 * after its upgrade), born on or before the application date (applicants rows), with a region prefix in GB/T 2260 —
 * unless listed in `unknown_region_ids`, whose prefix must be missing from it.
 */
export function idProblems(c) {
  const p = [];
  const invalid = new Set((c.invalid_ids ?? []).map(String));
  const unknownRegion = new Set((c.unknown_region_ids ?? []).map(String));
  const appDate = new Map();
  for (const [name, rows] of Object.entries(c.files ?? {})) {
    if (kindOf(name) !== 'applicants') continue;
    for (const row of rows) if (row['申请日期']) appDate.set(row['申请编号'], row['申请日期']);
  }
  const seenInvalid = new Set();
  for (const [name, rows] of Object.entries(c.files ?? {})) {
    const applicants = kindOf(name) === 'applicants';
    rows.forEach((row, i) => {
      const id = row['身份证号'];
      if (id === undefined) return;
      const where = `${name} row ${i + 1} (${id})`;
      const r = checkId(id);
      const date = applicants ? appDate.get(row['申请编号']) : undefined;
      const bornAfter = r.valid && date !== undefined && r.birth > date;
      if (invalid.has(id)) {
        seenInvalid.add(id);
        if (r.valid && !bornAfter) p.push(`${where}: listed in invalid_ids but valid`);
        return;
      }
      if (!r.valid) return p.push(`${where}: invalid (${r.problem}) but not listed in invalid_ids`);
      if (bornAfter) return p.push(`${where}: born ${r.birth}, after the application date ${date}`);
      const inTable = regionCodes().has(r.normalized.slice(0, 6));
      if (unknownRegion.has(id) && inTable) p.push(`${where}: listed in unknown_region_ids but its prefix is in GB/T 2260`);
      if (!unknownRegion.has(id) && !inTable) p.push(`${where}: region prefix not in GB/T 2260 (list it in unknown_region_ids if meant)`);
    });
  }
  for (const id of invalid) if (!seenInvalid.has(id)) p.push(`invalid_ids lists ${id}, which no row uses`);
  return p;
}
