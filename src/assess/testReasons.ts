/**
 * Reasons from the tests of the program applied for: the adverse reason of every test failed on the lower bound
 * (R8–R12; INCOME_OVER_LINE is left out under 渐退期, R13), and SUSPECT_EVIDENCE for every test that only the upper
 * bound fails (R4).
 */
import { rationalText } from '../policy/rational.js';
import type { Evaluation } from './evaluate.js';
import { squareMetres, yuan } from './money.js';
import { memberLabel, type ReasonList } from './reasonList.js';
import { failedComparisonWord } from './rules/r8Lines.js';
import type { TraceTest } from './trace.js';

export function testReasons(main: Evaluation, tests: readonly TraceTest[], gradualExit: boolean, reasons: ReasonList): void {
  const p = main.params;
  const f = main.lower;
  for (const t of tests) {
    if (t.lower.pass) {
      if (!t.upper.pass) reasons.add('SUSPECT_EVIDENCE', 'R4', { test: `${t.name}核对` }, { evidence: t.suspect });
      continue;
    }
    switch (t.id) {
      case 'income':
        if (gradualExit) break;
        reasons.add(
          'INCOME_OVER_LINE',
          'R8',
          {
            label: main.income.label,
            p: yuan(main.income.lower),
            cmp: failedComparisonWord(p.incomeTest),
            lineName: main.income.lineName,
            line: yuan(main.income.line),
          },
          { evidence: t.evidence },
        );
        break;
      case 'financial_assets':
        reasons.add('FIN_ASSETS_OVER_LIMIT', 'R9', { f: yuan(f.perCapitaFinancialAssets), limit: yuan(f.financialAssetLimit) }, { evidence: t.evidence });
        break;
      case 'financial_flag':
        for (const flag of main.flags) {
          const ref = flag.account.chosen;
          reasons.add(
            'FIN_ASSETS_FLAG',
            'R9',
            { member: memberLabel(flag.member), where: `${ref.file} 第 ${ref.line} 行，${flag.account.flag ?? ''}` },
            { member: flag.member, evidence: [ref] },
          );
        }
        break;
      case 'vehicles':
        reasons.add('VEHICLE_OWNED', 'R10', { plates: main.plates.join('、') }, { evidence: t.evidence });
        break;
      case 'housing':
        reasons.add(
          'HOUSING_OVER_LIMIT',
          'R11',
          {
            units: f.residentialUnits,
            area: squareMetres(f.residentialAreaPerCapita),
            max: p.housing.maxResidentialUnits,
            limit: rationalText(p.housing.areaPerCapitaLimit),
          },
          { evidence: t.evidence },
        );
        break;
      case 'non_residential':
        reasons.add('NON_RESIDENTIAL_PROPERTY', 'R11', { items: main.nonResidential.join('、') }, { evidence: t.evidence });
        break;
      case 'labour_capacity':
        reasons.add('LABOUR_CAPACITY', 'R12', { detail: main.trace.labour?.why ?? '' }, { evidence: t.evidence });
        break;
    }
  }
}
