/** The parameter values a program's tests used (trace), each derived figure computed once by src/policy. */
import { edgeLineFen, financialAssetLimitFen } from '../policy/lines.js';
import { rationalText } from '../policy/rational.js';
import type { PolicyParams } from '../policy/resolve.js';
import type { Area } from '../policy/types.js';
import { yuan } from './money.js';
import { incomeLine } from './rules/r8Lines.js';
import type { TraceProgramParams } from './trace.js';

export function financialAssetsRuleText(params: PolicyParams, area: Area): string {
  const fa = params.financialAssets;
  const dibao = yuan(params.dibao[area]);
  switch (fa.kind) {
    case 'months_of_dibao':
      return `${rationalText(fa.months)} 个月低保标准（${rationalText(fa.months)} × ${dibao} 元）`;
    case 'years_of_dibao':
      return `${rationalText(fa.years)} 年低保标准（${rationalText(fa.years)} × 12 × ${dibao} 元）`;
    case 'yuan':
      return `固定限额 ${yuan(fa.fen)} 元`;
  }
}

export function programParamsTrace(params: PolicyParams, area: Area): TraceProgramParams {
  const line = incomeLine(params, area);
  const basis = params.tekun.basis;
  return {
    program: params.program,
    dibao: params.dibao[area],
    tekun: params.tekun[area],
    tekunBasis: basis.kind === 'fixed' ? '固定标准' : `${rationalText(basis.multiplier)} × 低保标准，向上取整到元`,
    edgeMultiplier: rationalText(params.edgeMultiplier),
    edgeLine: edgeLineFen(params, area),
    incomeLine: line.line,
    incomeLineName: line.name,
    incomeMonths: params.incomeMonths,
    incomeTest: params.incomeTest,
    employmentCostRate: rationalText(params.employmentCostRate),
    excludedIncomeItems: params.excludedIncomeItems,
    financialAssetsRule: financialAssetsRuleText(params, area),
    financialAssetLimit: financialAssetLimitFen(params, area),
    exemptMotorcycles: params.vehicles.exemptMotorcycles,
    inactiveStatus: params.vehicles.inactiveStatus,
    maxResidentialUnits: params.housing.maxResidentialUnits,
    areaPerCapitaLimit: rationalText(params.housing.areaPerCapitaLimit),
    nonResidentialDisqualifies: params.housing.nonResidentialDisqualifies,
    gradualExitMonths: params.gradualExitMonths,
    tekunMinorAge: params.tekunMinorAge,
    tekunDisabilities: params.tekunDisabilities as Record<string, string[]>,
    objectionDays: params.objectionDays,
  };
}
