/**
 * A small batch for the workbook tests: four households covering every sheet — income, accounts, a vehicle, a
 * property, cross-province feedback, a 待复核 household (跨省未反馈) and a blocked one (未授权) — and input text that
 * tries to inject a formula. Built with the assessment test builders, so the rows come from real assessments. Every
 * source row gets an explicit line number: the builders otherwise count lines across calls, and two batches built
 * one after the other must be identical input for the determinism test.
 */
import type { HouseholdAssessment } from '../../../src/assess/result.js';
import type { HouseholdInput } from '../../../src/assess/input.js';
import type { RejectedRow } from '../../../src/ingest/ledger.js';
import { reportNumber } from '../../../src/report/resultsJson.js';
import type { Row } from '../../../src/report/xlsx/columns.js';
import { parameterRows } from '../../../src/report/xlsx/parameters.js';
import { SummaryCounter } from '../../../src/report/xlsx/summary.js';
import { rejectedRowOf, workbookRowsOf, type WorkbookRows } from '../../../src/report/xlsx/workbookRows.js';
import type { WorkbookContext, WorkbookSource } from '../../../src/report/xlsx/writeWorkbook.js';
import { assess, asOf, bank, crossprov, family, fen, heze, household, income, realestate, vehicle } from '../../assess/builders.js';

/** Valid-looking, distinct 18-character IDs (the builders' default IDs repeat across households). */
const ids = {
  a1: '371702198001011234',
  a2: '37170219850202223X',
  b1: '371702197003033456',
  c1: '371702196004044567',
  c2: '371702199005055678',
  d1: '371702200006066789',
};
export const fullIds = Object.values(ids);
export const accountNo = '6228480402564890018';

export function batchInputs(): HouseholdInput[] {
  const [a1, a2] = family({ name: '=1+2', idNumber: ids.a1, employed: true }, { name: '李四', idNumber: ids.a2, relation: '@配偶' });
  const hA = household(
    [a1!, a2!],
    { applicationId: 'A001' },
    {
      income: [
        income(a1!, { r: { line: 2 }, name: '=1+2', amount: fen('12000.00'), item: '工资', source: '税务' }),
        income(a1!, { r: { line: 3 }, name: '=1+2', amount: fen('-350.50'), category: '经营净', item: '-亏损', source: '+市场监管' }),
        income(a2!, { r: { line: 4 }, amount: fen('2400.00'), item: '奖学金', category: '转移净' }),
      ],
      bank: [bank(a1!, { r: { line: 2 }, name: '=1+2', account_no: accountNo, balance: fen('5000.00') })],
      vehicle: [vehicle(a2!, { r: { line: 2 }, plate: '鲁R12345', status: 'A' })],
      realestate: [realestate(a1!, { r: { line: 2 }, name: '=1+2', area: 8050 })],
    },
  );
  const [b1] = family({ name: '王五', idNumber: ids.b1 });
  const hB = household([b1!], { applicationId: 'A002', regionCode: '371721', areaType: '农村' }, {
    crossprov: [crossprov(b1!, { r: { line: 2 }, province: '江苏省', item: '存款', result: '未反馈', feedback_date: null })],
  });
  const [c1, c2] = family({ name: '赵六', idNumber: ids.c1 }, { name: '钱七', idNumber: ids.c2, authorized: false });
  const hC = household([c1!, c2!], { applicationId: 'A003' });
  const [d1] = family({ name: '孙八', idNumber: ids.d1 });
  const hD = household([d1!], { applicationId: 'A004', program: '特困' });
  return [hA, hB, hC, hD];
}

export interface Batch {
  inputs: HouseholdInput[];
  assessments: HouseholdAssessment[];
  rows: WorkbookRows[];
  source: WorkbookSource;
  ctx: WorkbookContext;
}

export const rejected: RejectedRow[] = [
  {
    file: 'bank-1.csv',
    line: 6,
    column: '账户类型',
    code: 'MISSING_VALUE',
    message: '必填项“账户类型”为空',
    hint: '请填写“账户类型”后重新导入',
    raw: `"${ids.a1}","=HYPERLINK(""http://x"")","孙吴农村信用合作联社","","${accountNo}","12,941.25","2024-06-28"`,
  },
  { file: 'income-1.csv', line: 3, column: '金额', code: 'BAD_MONEY', message: '“金额”的金额“@1”无法识别', hint: null, raw: '\t@1,-2' },
];

export function makeBatch(opts: { fullIds: boolean; maxRowsPerSheet?: number }): Batch {
  const inputs = batchInputs();
  const assessments = inputs.map((h) => assess(h));
  const rows = assessments.map((a, i) =>
    workbookRowsOf(a, { fullIds: opts.fullIds, input: inputs[i]!, reportNo: reportNumber(a.regionCode, asOf, i + 1) }),
  );
  const counter = new SummaryCounter();
  for (const r of rows) counter.add(r.summary);
  const summary = counter.data();
  const policy = { id: heze.id, version: heze.version, sha256: 'a'.repeat(64) };
  const flat = (pick: (r: WorkbookRows) => Row[]) => rows.flatMap(pick);
  const source: WorkbookSource = {
    summary,
    households: rows.map((r) => r.household),
    members: flat((r) => r.members),
    income: flat((r) => r.income),
    assets: flat((r) => r.assets),
    review: flat((r) => r.review),
    alerts: [['H01', '0123456789abcdef', 'NEW_VEHICLE', '新增机动车 1 辆', '0', '1']],
    rejected: rejected.map((r) => rejectedRowOf(r, { fullIds: opts.fullIds })),
    parameters: parameterRows(heze, policy, summary.policyPeriods),
  };
  const ctx: WorkbookContext = {
    asOf,
    batchId: '0123456789abcdef',
    toolVersion: '0.1.0-test',
    policy,
    rejectedRows: rejected.length,
    ...(opts.maxRowsPerSheet === undefined ? {} : { maxRowsPerSheet: opts.maxRowsPerSheet }),
  };
  return { inputs, assessments, rows, source, ctx };
}
