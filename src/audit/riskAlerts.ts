/**
 * 定期复核 / 风险预警 (issue 6 item 4, spec README §7): compare each household of a batch with its most recent earlier
 * assessment in the same workspace and list what changed.
 *
 * - The earlier assessment is the stored result of the most recent earlier batch (highest `batches.id` below the
 *   batch) holding a result for the same application_id; failing that, the most recent earlier batch holding a result
 *   for an application whose 本人 (applicants.is_self = 1) has the same ID as this household's 本人 (if one earlier
 *   batch holds several such applications, the first by application_id). A household with no earlier assessment gets
 *   no alerts at all — including MEMBER_IN_TWO_HOUSEHOLDS and MEMBER_DECEASED, which describe the current batch only.
 * - Money in results entries is yuan (JSON numbers, 2 decimals); it is compared as integer 分 (Math.round(x × 100)).
 * - before / after carry the entry's own values (yuan for money), masked IDs for members, never a full ID.
 * - Member sets are the applicants rows of each application that were counted (excluded_reason IS NULL), keyed by ID.
 * - Pure reads: no writes, no clock; the output depends only on the workspace rows.
 *
 * Order: application_id (code-point), then `alertCodes` order, then within a code by member ID (code-point) / the
 * other application_id / reason position.
 */
import type { Db } from '../store/db.js';
import { byCodePoint } from '../codePointOrder.js';
import { yuan } from '../assess/money.js';
import { maskId } from '../identity/index.js';

export const alertCodes = [
  'VERDICT_CHANGED',
  'MEMBER_DECEASED',
  'MEMBER_ADDED',
  'MEMBER_REMOVED',
  'MEMBER_IN_TWO_HOUSEHOLDS',
  'NEW_VEHICLE',
  'NEW_PROPERTY',
  'FIN_ASSETS_UP',
  'INCOME_UP',
] as const;
export type AlertCode = (typeof alertCodes)[number];

export interface RiskAlert {
  applicationId: string;
  /** batch_key of the earlier batch compared with. */
  previousBatch: string;
  code: AlertCode;
  /** Chinese, IDs masked. */
  message: string;
  before: string | number | null;
  after: string | number | null;
}

export interface Entry {
  verdict?: unknown;
  vehicles_counted?: unknown;
  residential_units?: unknown;
  financial_assets_total?: unknown;
  household_income_window?: unknown;
  income_line?: unknown;
  reasons?: unknown;
}

interface Previous {
  batchId: number;
  batchKey: string;
  applicationId: string;
  entry: Entry;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fen = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.round(n * 100);
};

export function riskAlerts(db: Db, batchId: number): RiskAlert[] {
  const forHousehold = householdAlerts(db, batchId);
  const current = db
    .prepare('SELECT application_id AS applicationId, entry FROM results WHERE batch_id = ?')
    .all(batchId) as { applicationId: string; entry: string }[];
  current.sort((a, b) => byCodePoint(a.applicationId, b.applicationId));

  const alerts: RiskAlert[] = [];
  for (const row of current) alerts.push(...forHousehold(row.applicationId, JSON.parse(row.entry) as Entry));
  return alerts;
}

/**
 * The alerts of one household given its current results entry (issue 6). Reads only earlier batches and this
 * batch's applicants, so the assess workers can call it before the batch's own results are stored — which is how
 * the alerts reach the PDF report rendered there.
 */
export function householdAlerts(db: Db, batchId: number): (applicationId: string, after: Entry) => RiskAlert[] {
  const byApplication = db.prepare(
    `SELECT r.batch_id AS batchId, b.batch_key AS batchKey, r.application_id AS applicationId, r.entry
       FROM results r JOIN batches b ON b.id = r.batch_id
      WHERE r.batch_id < ? AND r.application_id = ?
      ORDER BY r.batch_id DESC LIMIT 1`,
  );
  const selfId = db.prepare(
    'SELECT id_number AS id FROM applicants WHERE batch_id = ? AND application_id = ? AND is_self = 1 ORDER BY row_id LIMIT 1',
  );
  const bySelf = db.prepare(
    `SELECT r.batch_id AS batchId, b.batch_key AS batchKey, r.application_id AS applicationId, r.entry
       FROM results r JOIN batches b ON b.id = r.batch_id
       JOIN applicants a ON a.batch_id = r.batch_id AND a.application_id = r.application_id AND a.is_self = 1
      WHERE r.batch_id < ? AND a.id_number = ?
      ORDER BY r.batch_id DESC, r.application_id LIMIT 1`,
  );
  const members = db.prepare(
    `SELECT DISTINCT id_number AS id FROM applicants
      WHERE batch_id = ? AND application_id = ? AND excluded_reason IS NULL`,
  );
  const otherApplications = db.prepare(
    `SELECT DISTINCT application_id AS applicationId FROM applicants
      WHERE batch_id = ? AND id_number = ? AND application_id <> ? AND excluded_reason IS NULL`,
  );

  return (applicationId, after) => {
    const alerts: RiskAlert[] = [];
    let found = byApplication.get(batchId, applicationId) as (Omit<Previous, 'entry'> & { entry: string }) | undefined;
    if (!found) {
      const self = selfId.get(batchId, applicationId) as { id: string } | undefined;
      if (self) found = bySelf.get(batchId, self.id) as (Omit<Previous, 'entry'> & { entry: string }) | undefined;
    }
    if (!found) return alerts;
    const before = JSON.parse(found.entry) as Entry;
    const previousBatch = found.batchKey;
    const add = (code: AlertCode, message: string, b: string | number | null, a: string | number | null) =>
      alerts.push({ applicationId, previousBatch, code, message, before: b, after: a });

    // VERDICT_CHANGED
    if (typeof before.verdict === 'string' && typeof after.verdict === 'string' && before.verdict !== after.verdict) {
      add('VERDICT_CHANGED', `核对结论由「${before.verdict}」变为「${after.verdict}」`, before.verdict, after.verdict);
    }

    // MEMBER_DECEASED: one alert per MEMBER_DECEASED reason of the current entry.
    if (Array.isArray(after.reasons)) {
      for (const r of after.reasons as { code?: unknown; message?: unknown }[]) {
        if (r && r.code === 'MEMBER_DECEASED') {
          const text = typeof r.message === 'string' && r.message !== '' ? r.message : '计入成员已登记死亡';
          add('MEMBER_DECEASED', text, null, text);
        }
      }
    }

    // MEMBER_ADDED / MEMBER_REMOVED: counted member ID sets of both applications.
    const now = new Set((members.all(batchId, applicationId) as { id: string }[]).map((m) => m.id));
    const then = new Set((members.all(found.batchId, found.applicationId) as { id: string }[]).map((m) => m.id));
    for (const id of [...now].filter((id) => !then.has(id)).sort(byCodePoint)) {
      add('MEMBER_ADDED', `新增家庭成员 ${maskId(id)}`, null, maskId(id));
    }
    for (const id of [...then].filter((id) => !now.has(id)).sort(byCodePoint)) {
      add('MEMBER_REMOVED', `家庭成员 ${maskId(id)} 已不在本户`, maskId(id), null);
    }

    // MEMBER_IN_TWO_HOUSEHOLDS: a counted member of this household is also a counted member of another application.
    for (const id of [...now].sort(byCodePoint)) {
      const others = (otherApplications.all(batchId, id, applicationId) as { applicationId: string }[])
        .map((o) => o.applicationId)
        .sort(byCodePoint);
      for (const other of others) {
        add('MEMBER_IN_TWO_HOUSEHOLDS', `家庭成员 ${maskId(id)} 同时出现在申请 ${other} 中`, maskId(id), other);
      }
    }

    // NEW_VEHICLE / NEW_PROPERTY: counts increased.
    const vb = num(before.vehicles_counted);
    const va = num(after.vehicles_counted);
    if (vb !== null && va !== null && va > vb) add('NEW_VEHICLE', `计入车辆由 ${vb} 辆增至 ${va} 辆`, vb, va);
    const pb = num(before.residential_units);
    const pa = num(after.residential_units);
    if (pb !== null && pa !== null && pa > pb) add('NEW_PROPERTY', `住宅由 ${pb} 套增至 ${pa} 套`, pb, pa);

    // FIN_ASSETS_UP: up by ≥ 50 % (only when the earlier total is above zero: a rise from 0 has no percentage), or
    // by more than one month of the standard per capita. The standard itself is not in the results entry, so the
    // entry's income_line (the monthly per-capita line the household was tested against; current entry first, else
    // the earlier one) stands in for it; with no income_line only the percentage test applies.
    const fb = fen(before.financial_assets_total);
    const fa = fen(after.financial_assets_total);
    if (fb !== null && fa !== null && fa > fb) {
      const line = fen(after.income_line) ?? fen(before.income_line);
      const byShare = fb > 0 && 2 * fa >= 3 * fb;
      const byLine = line !== null && fa - fb > line;
      if (byShare || byLine) {
        add(
          'FIN_ASSETS_UP',
          `金融资产由 ${yuan(fb)} 元增至 ${yuan(fa)} 元（增加 ${yuan(fa - fb)} 元）`,
          before.financial_assets_total as number,
          after.financial_assets_total as number,
        );
      }
    }

    // INCOME_UP: the household income over the look-back window increased.
    const ib = fen(before.household_income_window);
    const ia = fen(after.household_income_window);
    if (ib !== null && ia !== null && ia > ib) {
      add(
        'INCOME_UP',
        `家庭计算期收入由 ${yuan(ib)} 元增至 ${yuan(ia)} 元`,
        before.household_income_window as number,
        after.household_income_window as number,
      );
    }

    return alerts;
  };
}
