/**
 * results.json (data-contract.md “Outputs”): one entry per household in code-point order of application_id, money in
 * yuan as JSON numbers with exactly two decimals (`812.50`), areas in m² with two decimals. Written by streaming, so
 * 100,000 households never sit in memory as one string.
 */
import type { Figures, HouseholdAssessment } from '../assess/result.js';

/**
 * A number printed with exactly two decimals: the JSON text `812.50`, not `812.5`. It travels through
 * JSON.stringify as a string marked with a lone surrogate (U+DBFF), which JSON.stringify escapes as `\udbff` and
 * which decoded input text can never hold (UTF-8 and GB18030 decoding and XML parsing never yield a lone surrogate),
 * so no input value can pose as a number. The marks are stripped in one pass afterwards — much cheaper than a
 * replacer function called for every key.
 */
type Fixed2 = string;
const mark = '\udbff';
function fixed2(hundredths: number): Fixed2 {
  const abs = Math.abs(hundredths);
  const frac = abs % 100;
  return `${mark}${hundredths < 0 ? '-' : ''}${(abs - frac) / 100}.${frac < 10 ? '0' : ''}${frac}`;
}

const money = (fen: number | null | undefined): Fixed2 | null => (fen === null || fen === undefined ? null : fixed2(fen));

const figureKeys: Record<keyof Figures, { key: string; type: 'money' | 'area' | 'count' }> = {
  householdIncomeWindow: { key: 'household_income_window', type: 'money' },
  perCapitaMonthlyIncome: { key: 'per_capita_monthly_income', type: 'money' },
  perCapitaAfterRigid: { key: 'per_capita_after_rigid', type: 'money' },
  incomeLine: { key: 'income_line', type: 'money' },
  financialAssetsTotal: { key: 'financial_assets_total', type: 'money' },
  perCapitaFinancialAssets: { key: 'per_capita_financial_assets', type: 'money' },
  financialAssetLimit: { key: 'financial_asset_limit', type: 'money' },
  vehiclesCounted: { key: 'vehicles_counted', type: 'count' },
  residentialUnits: { key: 'residential_units', type: 'count' },
  residentialAreaPerCapita: { key: 'residential_area_per_capita', type: 'area' },
};
const figureOrder = Object.keys(figureKeys) as (keyof Figures)[];

function figureValue(name: keyof Figures, v: number | null | undefined): Fixed2 | number | null {
  if (v === null || v === undefined) return null;
  return figureKeys[name].type === 'count' ? v : fixed2(v);
}

function figuresObject(f: Partial<Figures> | null, onlyPresent: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of figureOrder) {
    if (onlyPresent && (f === null || !(name in f))) continue;
    out[figureKeys[name].key] = figureValue(name, f?.[name]);
  }
  return out;
}

export interface ReportIds {
  reportNo: string;
  reportFile: string | null;
  reportSha256: string | null;
}

/** The results.json household object (key order fixed, so the bytes are stable). */
export function resultsEntry(a: HouseholdAssessment, ids: ReportIds): Record<string, unknown> {
  return {
    application_id: a.applicationId,
    region_code: a.regionCode,
    area_type: a.areaType,
    program: a.program,
    verdict: a.verdict,
    verdict_code: a.verdictCode,
    reasons: a.reasons.map((r) => ({
      code: r.code,
      message: r.message,
      ...(r.memberIdMasked ? { member_id_masked: r.memberIdMasked } : {}),
      ...(r.evidence && r.evidence.length ? { evidence: r.evidence.map((e) => ({ kind: e.kind, file: e.file, line: e.line })) } : {}),
    })),
    policy_period: a.policyPeriod,
    members_counted: a.membersCounted,
    income_window: a.incomeWindow,
    ...figuresObject(a.figures, false),
    benefit_monthly: money(a.benefitMonthly),
    tier: a.tier,
    tier_provisional: a.tierProvisional,
    upper: a.upper ? figuresObject(a.upper, true) : null,
    report_no: ids.reportNo,
    report_file: ids.reportFile,
    report_sha256: ids.reportSha256,
  };
}

const markedNumber = /"\\udbff(-?\d+\.\d\d)"/g;

/** JSON text where the two-decimal numbers lose their quotes and marks. */
export function stringifyWithMoney(value: unknown, indent?: number): string {
  return JSON.stringify(value, undefined, indent).replace(markedNumber, '$1');
}

/**
 * The JSON text of `{...entry, integrity_code: code}` from the text of `entry` (a non-empty object): the code is the
 * last key, so it is spliced in before the closing brace instead of serialising the entry again.
 */
export function withIntegrityCode(entryText: string, code: string): string {
  return `${entryText.slice(0, -1)},"integrity_code":${JSON.stringify(code)}}`;
}

/** `{region_code}{as-of yyyyMMdd}{sequence, at least 4 digits}` (data-contract.md). */
export function reportNumber(regionCode: string, asOf: string, seq: number): string {
  return `${regionCode}${asOf.replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
}

export interface ResultsHeader {
  batchId: string;
  asOf: string;
  toolVersion: string;
  policy: { id: string; version: string; sha256: string };
  warnings: { code: string; message: string }[];
  /** 风险预警 (issue 6): changes since each household's previous assessment in the workspace. */
  riskAlerts?: { application_id: string; previous_batch: string; code: string; message: string; before: unknown; after: unknown }[];
}

/** The lines of results.json: header, then one stored entry per household, then the closing brackets. */
export function* resultsJsonLines(header: ResultsHeader, entries: Iterable<string>): Generator<string> {
  yield `{\n  "batch_id": ${JSON.stringify(header.batchId)},\n  "as_of": ${JSON.stringify(header.asOf === '' ? null : header.asOf)},\n`;
  yield `  "tool_version": ${JSON.stringify(header.toolVersion)},\n  "policy": ${JSON.stringify(header.policy)},\n`;
  yield `  "warnings": ${JSON.stringify(header.warnings)},\n`;
  yield `  "risk_alerts": ${JSON.stringify(header.riskAlerts ?? [])},\n  "households": [`;
  let first = true;
  for (const e of entries) {
    yield `${first ? '\n' : ',\n'}    ${e}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

