/**
 * The 参数 sheet: which pack the batch used (id, version, sha256) and, for every region and period that at least one
 * household was assessed under, every parameter each program's tests use, per area, with the period's citation.
 * Values come from the same resolution and the same derived-figure functions the assessment used
 * (resolveAllPrograms → programParamsTrace), so the sheet shows what was applied, not a re-reading of the YAML.
 */
import { yuan } from '../../assess/money.js';
import { programParamsTrace } from '../../assess/policyTrace.js';
import type { TraceProgramParams } from '../../assess/trace.js';
import { resolveAllPrograms } from '../../policy/resolve.js';
import { programs, type Area, type PolicyPack } from '../../policy/types.js';
import type { Row } from './columns.js';

const areaText: Record<Area, string> = { urban: '城市', rural: '农村' };
const yesNo = (b: boolean) => (b ? '是' : '否');

/** [参数, 取值, 单位] of one program's values for one area. */
function parameterLines(p: TraceProgramParams): [string, string, string | null][] {
  const disabilities = Object.entries(p.tekunDisabilities)
    .map(([type, grades]) => `${type}${grades.join('、')}`)
    .join('；');
  return [
    ['低保标准', yuan(p.dibao), '元/人/月'],
    ['特困人员基本生活标准', yuan(p.tekun), '元/月'],
    ['特困标准确定方式', p.tekunBasis, null],
    ['低保边缘倍数', p.edgeMultiplier, '倍'],
    ['低保边缘标准', yuan(p.edgeLine), '元/人/月'],
    ['收入比较标准', `${yuan(p.incomeLine)}（${p.incomeLineName}）`, '元/人/月'],
    ['收入核算月数', String(p.incomeMonths), '个月'],
    ['收入比较方式', p.incomeTest === 'lt' ? '低于标准（<）' : '不高于标准（≤）', null],
    ['就业成本扣除比例', p.employmentCostRate, null],
    ['不计入收入项目', p.excludedIncomeItems.length ? p.excludedIncomeItems.join('、') : '（无）', null],
    ['金融资产限额规则', p.financialAssetsRule, null],
    ['人均金融资产限额', yuan(p.financialAssetLimit), '元/人'],
    ['摩托车豁免', yesNo(p.exemptMotorcycles), null],
    ['不计入的机动车状态', p.inactiveStatus.length ? p.inactiveStatus.join('、') : '（无）', null],
    ['住宅套数上限', String(p.maxResidentialUnits), '套'],
    ['人均住房建筑面积上限', p.areaPerCapitaLimit, '平方米/人'],
    ['有非住宅房产即不符合', yesNo(p.nonResidentialDisqualifies), null],
    ['渐退期', String(p.gradualExitMonths), '个月'],
    ['特困未成年人年龄', String(p.tekunMinorAge), '周岁以下'],
    ['特困无劳动能力残疾条件', disabilities || '（无）', null],
    ['异议期', String(p.objectionDays), '个工作日'],
  ];
}

/**
 * 参数 rows: the pack's identity first, then for each used (region, period) — sorted — each area and program.
 * A used period the pack does not hold (it cannot happen for the pack the batch ran with) is listed as missing
 * rather than skipped, so the sheet never silently omits what a verdict cited.
 */
export function parameterRows(
  pack: PolicyPack,
  policy: { id: string; version: string; sha256: string },
  used: Iterable<{ region: string; from: string }>,
): Row[] {
  const rows: Row[] = [
    [null, null, null, null, null, null, '参数包编号', policy.id, null, null],
    [null, null, null, null, null, null, '参数包版本', policy.version, null, null],
    [null, null, null, null, null, null, '参数包 SHA-256', policy.sha256, null, null],
  ];
  const seen = new Set<string>();
  const list = [...used].filter((u) => {
    const key = `${u.region}\u0000${u.from}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  list.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const u of list) {
    const region = pack.regions.find((r) => r.code === u.region);
    const period = region?.periods.find((p) => p.from === u.from);
    if (!region || !period) {
      rows.push([u.region, region?.name ?? null, u.from, null, null, null, '（参数包中没有该地区的这一标准期间）', null, null, null]);
      continue;
    }
    const resolved = resolveAllPrograms(pack, { regionCode: region.code, applicationDate: period.from });
    if (!resolved.ok) {
      rows.push([u.region, region.name, u.from, period.to ?? null, null, null, '（无法解析该期间的参数）', resolved.detail, null, period.citation]);
      continue;
    }
    for (const area of ['urban', 'rural'] as const) {
      for (const program of programs) {
        const values = programParamsTrace(resolved.byProgram[program], area);
        for (const [name, value, unit] of parameterLines(values)) {
          rows.push([region.code, region.name, period.from, period.to ?? null, areaText[area], program, name, value, unit, period.citation]);
        }
      }
    }
  }
  return rows;
}
