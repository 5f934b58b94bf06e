/**
 * audit.xlsx (issue 6 item 1): 抽查清单 (the sampled households), 差异明细 (every difference, one row per field),
 * 结论 (what was audited, how, and the result with the error rate and its 95 % confidence interval). Written with the
 * streaming writer of summary.xlsx (src/report/xlsx/streamWorkbook.ts): temp name renamed into place, mode 0600, and
 * byte-identical for the same audit — the only date in the file is the audited batch's as-of date (document
 * properties and zip entry times), never the clock, so the same batch, seed, size and strata give the same bytes.
 */
import type { ColumnSpec, Row } from '../report/xlsx/columns.js';
import { streamWorkbook, type SheetPlan } from '../report/xlsx/streamWorkbook.js';
import type { AuditResult } from './recompute.js';
import { strataText } from './sample.js';
import { percentText } from './stats.js';

export const auditSheetNames = ['抽查清单', '差异明细', '结论'] as const;

const text = (header: string, width = 12): ColumnSpec => ({ header, kind: 'text', width });
const int = (header: string, width = 10): ColumnSpec => ({ header, kind: 'int', width });

export const sampleColumns: readonly ColumnSpec[] = [
  int('序号', 6),
  text('分层', 34),
  text('申请编号', 24),
  text('核对结论', 10),
  text('抽样序值 SHA-256(种子:申请编号)', 66),
  text('是否一致', 10),
  int('差异项数', 10),
];

export const differenceColumns: readonly ColumnSpec[] = [
  text('申请编号', 24),
  text('字段路径', 36),
  text('字段说明', 36),
  text('报告值', 40),
  text('复算值', 40),
];

export const conclusionColumns: readonly ColumnSpec[] = [text('项目', 24), text('内容', 110)];

/** Chinese names of the results.json keys (data-contract.md “Outputs”), for the 字段说明 column. */
const fieldNames: Record<string, string> = {
  application_id: '申请编号',
  region_code: '区划代码',
  area_type: '城乡类别',
  program: '救助类别',
  verdict: '核对结论',
  verdict_code: '结论代码',
  reasons: '原因',
  code: '代码',
  message: '说明',
  member_id_masked: '成员身份证号（脱敏）',
  evidence: '证据',
  kind: '数据类别',
  file: '文件',
  line: '行号',
  policy_period: '适用标准',
  region: '标准区划',
  from: '起',
  to: '止',
  citation: '依据',
  members_counted: '计入人数',
  income_window: '收入核算期',
  months: '核算月数',
  household_income_window: '核算期家庭收入',
  per_capita_monthly_income: '家庭月人均收入',
  per_capita_after_rigid: '扣除刚性支出后月人均收入',
  income_line: '比较标准',
  financial_assets_total: '家庭金融资产合计',
  per_capita_financial_assets: '人均金融资产',
  financial_asset_limit: '人均金融资产限额',
  vehicles_counted: '计入车辆数',
  residential_units: '住宅套数',
  residential_area_per_capita: '人均住房建筑面积',
  benefit_monthly: '月救助金',
  tier: '分层分类',
  tier_provisional: '分层分类为暂定',
  upper: '上限口径',
  report_no: '报告编号',
  integrity_code: '完整性校验码',
};

/** `reasons[0].evidence[2].line` → `原因第1条 › 证据第3条 › 行号`; unknown keys are shown as they are. */
export function fieldLabel(path: string): string {
  if (!/^[A-Za-z_]/.test(path)) return path; // （整户）
  const parts: string[] = [];
  for (const seg of path.split('.')) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(seg);
    if (!m) {
      parts.push(seg);
      continue;
    }
    let label = fieldNames[m[1]!] ?? m[1]!;
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) label += `第${Number(idx[1]) + 1}条`;
    parts.push(label);
  }
  return parts.join(' › ');
}

/** The rows of 结论: item, content. */
export function conclusionRows(r: AuditResult): Row[] {
  const rate = r.errorRate;
  const rows: Row[] = [
    ['结论', r.differences.length === 0 ? '未发现差异：抽中家庭的报告结果与按归档复算的结果逐字段一致' : `发现差异：${r.householdsWithDifferences} 户共 ${r.differences.length} 项（见“差异明细”）`],
    ['批次编号（batch_id）', r.batch.key],
    ['工作区批次号', String(r.batch.id)],
    ['核对基准日', r.batch.asOf || '（无）'],
    ['参数包', `${r.batch.policy.id} 版本 ${r.batch.policy.version}（sha256 ${r.batch.policy.sha256}）`],
    ['随机种子', r.seed],
    ['分层', strataText(r.strata)],
    ['要求样本量', String(r.requested)],
    ['总体户数', String(r.population)],
    ['样本户数', String(r.sampleSize)],
    ['复算户数', String(r.recomputedHouseholds)],
    ['有差异的户数', String(r.householdsWithDifferences)],
    ['差异项数', String(r.differences.length)],
    ['差错率', rate ? percentText(rate.rate) : '（未抽取任何家庭）'],
    ['95% 置信区间', rate ? `${percentText(rate.lower)} ～ ${percentText(rate.upper)}` : '（未抽取任何家庭）'],
    ['抽样方法', r.method.sampling],
    ['复算方法', r.method.recompute],
    ['差错率与置信区间', r.method.interval],
  ];
  for (const s of r.allocation) {
    rows.push([`分层：${s.stratum}`, `总体 ${s.population} 户，比例份额 ${(s.quotaNumerator / Math.max(r.population, 1)).toFixed(4)}，抽取 ${s.sample} 户`]);
  }
  return rows;
}

export function sampleRows(r: AuditResult): Row[] {
  return r.households.map((h, i) => [i + 1, h.stratum, h.applicationId, h.verdict, h.hash, h.differences === 0 ? '是' : '否', h.differences]);
}

export function differenceRows(r: AuditResult): Row[] {
  return r.differences.map((d) => [d.applicationId, d.path, fieldLabel(d.path), d.reported, d.recomputed]);
}

/** Writes audit.xlsx to `path` (atomically, mode 0600); same audit → same bytes. */
export async function writeAuditWorkbook(path: string, r: AuditResult): Promise<void> {
  const plans: SheetPlan[] = [
    { name: auditSheetNames[0], columns: sampleColumns, rows: sampleRows(r) },
    { name: auditSheetNames[1], columns: differenceColumns, rows: differenceRows(r) },
    { name: auditSheetNames[2], columns: conclusionColumns, rows: conclusionRows(r), boldRows: new Set([0]) },
  ];
  await streamWorkbook(path, plans, { asOf: r.batch.asOf });
}
