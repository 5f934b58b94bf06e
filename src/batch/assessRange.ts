/**
 * Match + assess + serialise (and, when reports are asked for, render the PDF and the workbook rows) for a selection
 * of households: the work one thread does. Runs in the main thread for small batches and in worker threads
 * (src/batch/assessWorker.ts) for large ones; the output is the same either way because every household is
 * independent and everything is stored by application_id.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessHousehold } from '../assess/assessHousehold.js';
import type { HouseholdInput } from '../assess/input.js';
import type { HouseholdAssessment, VerdictCode } from '../assess/result.js';
import { regionFullName } from '../identity/index.js';
import { loadDispositions } from '../match/householdStream.js';
import { householdsOf, type MatchSource } from '../match/matchSource.js';
import type { PolicyPack } from '../policy/index.js';
import { integrityCode } from '../report/integrity.js';
import { renderReportPdf } from '../report/pdf/renderReport.js';
import { reportFileName } from '../report/reportFileName.js';
import { reportNumber, resultsEntry, stringifyWithMoney, withIntegrityCode } from '../report/resultsJson.js';
import { summaryItemOf, workbookRowsOf, type SummaryItem, type WorkbookRows } from '../report/xlsx/index.js';
import type { Db } from '../store/db.js';
import type { Entry, RiskAlert } from '../audit/riskAlerts.js';

/** What a report pass needs besides the assessment (plain data: it crosses into worker threads). */
export interface ReportConfig {
  /** Folder the PDFs go to (`<out>/reports`). */
  dir: string;
  fullIds: boolean;
  /** Lower-cased safe base names shared by several applications (reportFileName.ts). */
  colliding: string[];
  policy: { id: string; version: string; sha256: string };
}

export interface AssessedHousehold {
  applicationId: string;
  seq: number;
  verdictCode: VerdictCode;
  /** The results.json entry text. */
  entry: string;
  /** Matched policy region, '' when none (POLICY_STALE check). */
  region: string;
  summary: SummaryItem;
  /** Workbook rows (JSON-able), present when reports are asked for. */
  workbook?: Omit<WorkbookRows, 'summary'>;
  /** The rendered report, present when reports are asked for; `reused` = the earlier run's file was kept. */
  pdf?: { file: string; bytes: Buffer; substitutedChars: string[]; reused: boolean };
}

/** A report an earlier (interrupted) run of the batch wrote: kept when the household's integrity code is unchanged. */
export interface EarlierReport {
  integrityCode: string;
  sha256: string;
  file: string;
  substitutedChars: string[];
}

function fileHasHash(path: string, sha256: string): boolean {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex') === sha256;
  } catch {
    return false;
  }
}

const regionNameOf = (a: HouseholdAssessment): string =>
  regionFullName(a.regionCode) ?? a.trace.policy?.region.name ?? a.regionCode;

function fullIdMap(input: HouseholdInput): Map<number, string> {
  return new Map(input.members.map((m) => [m.ordinal, m.idNumber]));
}

export function* assessRange(
  reader: Db,
  plan: MatchSource,
  range: { from: number; to: number },
  pack: PolicyPack,
  packSha256: string,
  asOf: string,
  report?: ReportConfig,
  earlier?: ReadonlyMap<string, EarlierReport>,
  alertsOf?: (applicationId: string, entry: Entry) => RiskAlert[],
): Generator<AssessedHousehold> {
  const ctx = { dispositions: loadDispositions(reader) };
  const colliding = new Set(report?.colliding ?? []);
  for (const input of householdsOf(reader, plan, ctx, range.from, range.to)) {
    const a = assessHousehold(input, pack, asOf);
    const reportNo = reportNumber(a.regionCode, asOf, input.seq);
    const baseText = stringifyWithMoney(resultsEntry(a, { reportNo, reportFile: null, reportSha256: null }));
    const plain = JSON.parse(baseText) as Record<string, unknown>;
    const code = integrityCode(plain, packSha256);
    // The workbook's rows are built only by a run that writes the workbook (with reports); 汇总 needs the summary alone.
    const wb = report ? workbookRowsOf(a, { fullIds: report.fullIds, input, reportNo }) : undefined;
    const out: AssessedHousehold = {
      applicationId: a.applicationId,
      seq: input.seq,
      verdictCode: a.verdictCode,
      entry: '',
      region: a.policyPeriod?.region ?? '',
      summary: wb ? wb.summary : summaryItemOf(a),
    };
    let reportFile: string | null = null;
    let reportSha256: string | null = null;
    if (report && wb) {
      out.workbook = { household: wb.household, members: wb.members, income: wb.income, assets: wb.assets, review: wb.review };
      const file = reportFileName(a.applicationId, colliding);
      const kept = earlier?.get(a.applicationId);
      reportFile = `reports/${file}`;
      if (kept && kept.integrityCode === code && kept.file === file && fileHasHash(join(report.dir, file), kept.sha256)) {
        // Resume (issue 5): same household, same figures, same pack → the PDF on disk is byte-for-byte what we would render.
        reportSha256 = kept.sha256;
        out.pdf = { file, bytes: Buffer.alloc(0), substitutedChars: kept.substitutedChars, reused: true };
      } else {
        const rendered = renderReportPdf(a, {
          reportNo,
          asOf,
          regionName: regionNameOf(a),
          policy: report.policy,
          integrityCode: code,
          alerts: alertsOf ? alertsOf(a.applicationId, plain as Entry).map((x) => ({ code: x.code, message: x.message })) : [],
          ...(report.fullIds ? { fullIds: true, fullIdNumbers: fullIdMap(input) } : {}),
        });
        reportSha256 = createHash('sha256').update(rendered.pdf).digest('hex');
        out.pdf = { file, bytes: rendered.pdf, substitutedChars: rendered.substitutedChars, reused: false };
      }
    }
    // Without a report the entry is the base entry (no report file, no hash): its text is reused.
    const entryText = report ? stringifyWithMoney(resultsEntry(a, { reportNo, reportFile, reportSha256 })) : baseText;
    out.entry = withIntegrityCode(entryText, code);
    yield out;
  }
}
