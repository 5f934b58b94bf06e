/**
 * The R11 tests of one evaluation — units and area (HOUSING_OVER_LIMIT), non-residential property — in both bounds
 * (R4). A cross-province 房产 有 without its count fails the upper bound; one without its area fails the upper bound
 * when U exceeds the maximum.
 */
import type { SourceRef } from '../input.js';
import { squareMetres } from '../money.js';
import { areaPerCapita, housingOf, housingOverLimit, type HousingBound } from '../rules/r11Housing.js';
import { bigRoundHalfUp } from '../money.js';
import type { TraceHousing, TraceTest } from '../trace.js';
import { memoized, type TestInput } from './context.js';
import { passText, testNames } from './testText.js';

export interface HousingOutcome {
  trace: TraceHousing;
  test: TraceTest;
  nonResidentialTest: TraceTest;
  /** Lower-bound non-residential properties, for NON_RESIDENTIAL_PROPERTY. */
  nonResidential: string[];
}

export function housingTestOf(t: TestInput): HousingOutcome {
  const { members, n, params, texts, ctx } = t;
  // The units and sums do not depend on the program's values (only the comparison does).
  const h = memoized(t, 'housing', () => housingOf(members, ctx.crossprov));
  const maxUnits = params.housing.maxResidentialUnits;
  const limitArea = texts.areaPerCapitaLimit;
  const aLower = areaPerCapita(h.lower.area, n);
  const aUpper = areaPerCapita(h.upper.area, n);
  const overLower = housingOverLimit(h.lower, params, n);
  const overUpper = housingOverLimit(h.upper, params, n) || h.upper.missingCount || (h.upper.areaUnknown && h.upper.units > maxUnits);
  const describe = (b: HousingBound, a: number) =>
    `住宅 ${b.units} 套（上限 ${maxUnits} 套），人均建筑面积 ${squareMetres(a)} 平方米（S = ${squareMetres(bigRoundHalfUp(b.area))} ÷ ${n} 人；上限 ${limitArea} 平方米）`;
  const formula = describe(h.lower, aLower);
  const trace: TraceHousing = {
    units: h.units,
    cancelled: h.cancelled,
    crossprov: h.crossprov,
    lower: { units: h.lower.units, areaPerCapita: aLower, nonResidential: h.lower.nonResidential },
    upper: { units: h.upper.units, areaPerCapita: aUpper, nonResidential: h.upper.nonResidential, areaUnknown: h.upper.areaUnknown },
    formula,
  };

  const evidence: SourceRef[] = [];
  const suspect: SourceRef[] = [];
  const nonResEvidence: SourceRef[] = [];
  const nonResSuspect: SourceRef[] = [];
  const nonResidential: string[] = [];
  for (const u of h.units) {
    for (const o of u.owners) {
      if (u.lower.as === 'residential' && o.evidence === 'confirmed') evidence.push(o.ref);
      else if (u.upper.as === 'residential') suspect.push(o.ref);
      if (u.lower.as === 'non_residential' && o.evidence === 'confirmed') nonResEvidence.push(o.ref);
      else if (u.upper.as === 'non_residential') nonResSuspect.push(o.ref);
    }
    if (u.lower.as === 'non_residential') nonResidential.push(`${u.certNo}（${u.owners[0]?.usage ?? ''}）`);
  }
  for (const index of h.crossprov) {
    const item = ctx.crossprov[index]!;
    const confirmed = item.evidence === 'confirmed';
    if (item.itemClass === 'non_residential') {
      if (confirmed) {
        nonResEvidence.push(item.chosen);
        nonResidential.push(`跨省（${item.province}）${item.item}`);
      } else nonResSuspect.push(item.chosen);
    } else if (confirmed) evidence.push(item.chosen);
    else suspect.push(item.chosen);
  }

  const test: TraceTest = {
    id: 'housing',
    rule: 'R11',
    name: testNames.housing,
    unit: 'count',
    threshold: maxUnits,
    thresholdText: `住宅不超过 ${maxUnits} 套，或人均建筑面积不超过 ${limitArea} 平方米`,
    lower: { pass: !overLower, actual: h.lower.units, formula: `${formula}，${passText(!overLower)}` },
    upper: {
      pass: !overUpper,
      actual: h.upper.units,
      formula:
        describe(h.upper, aUpper) +
        (h.upper.missingCount ? '；另有跨省房产有记录但缺少数量' : '') +
        (h.upper.areaUnknown ? '；另有跨省房产面积不详' : '') +
        `，${passText(!overUpper)}`,
    },
    evidence,
    suspect,
  };
  const disqualifies = params.housing.nonResidentialDisqualifies;
  const nonResLowerPass = !(disqualifies && h.lower.nonResidential);
  const nonResUpperPass = !(disqualifies && h.upper.nonResidential);
  const nonResidentialTest: TraceTest = {
    id: 'non_residential',
    rule: 'R11',
    name: testNames.non_residential,
    unit: 'flag',
    threshold: null,
    thresholdText: disqualifies ? '名下无非住宅类房产' : '非住宅类房产不影响结论（参数 non_residential_disqualifies 为否）',
    lower: {
      pass: nonResLowerPass,
      actual: null,
      formula: h.lower.nonResidential ? `有非住宅类房产：${nonResidential.join('、')}，${passText(nonResLowerPass)}` : '无非住宅类房产，通过',
    },
    upper: {
      pass: nonResUpperPass,
      actual: null,
      formula: h.upper.nonResidential ? `含疑似信息或用途不明的房产在内有非住宅类房产，${passText(nonResUpperPass)}` : '无非住宅类房产，通过',
    },
    evidence: nonResEvidence,
    suspect: nonResSuspect,
  };
  return { trace, test, nonResidentialTest, nonResidential };
}
