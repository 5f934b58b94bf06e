/** The R10 test of one evaluation, in both bounds (R4); a cross-province 车辆 有 without its count fails the upper. */
import type { SourceRef } from '../input.js';
import { vehiclesOf } from '../rules/r10Vehicles.js';
import type { TraceTest, TraceVehicles } from '../trace.js';
import { memoized, type TestInput } from './context.js';
import { passText, testNames } from './testText.js';

export interface VehicleOutcome {
  trace: TraceVehicles;
  test: TraceTest;
  /** Plates (and cross-province counts) counted in the lower bound, for VEHICLE_OWNED. */
  plates: string[];
}

/** Depends on exempt_motorcycles and inactive_status only: shared by evaluations with the same values. */
export function vehicleTestOf(t: TestInput): VehicleOutcome {
  return memoized(t, 'vehicles', () => vehicleOutcome(t));
}

function vehicleOutcome(t: TestInput): VehicleOutcome {
  const { members, params, ctx } = t;
  const vehicles = vehiclesOf(members, params, ctx.exemptPlates);
  const plates: string[] = [];
  const evidence: SourceRef[] = [];
  const suspect: SourceRef[] = [];
  const crossprov: number[] = [];
  let lower = 0;
  let upper = 0;
  let missing = false;
  for (const v of vehicles) {
    if (v.lower) {
      lower++;
      plates.push(v.plate);
      for (const r of v.rows) if (r.active && r.evidence === 'confirmed') evidence.push(r.ref);
    }
    if (v.upper) {
      upper++;
      if (!v.lower) for (const r of v.rows) if (r.active) suspect.push(r.ref);
    }
  }
  for (const mr of members) {
    for (const { index } of mr.crossprov) {
      const item = ctx.crossprov[index]!;
      if (item.result !== '有' || item.itemClass !== 'vehicle') continue;
      crossprov.push(index);
      if (item.count === null) {
        missing = true;
        suspect.push(item.chosen);
        continue;
      }
      upper += item.count;
      if (item.evidence === 'confirmed') {
        lower += item.count;
        if (item.count > 0) plates.push(`跨省（${item.province}）车辆 ${item.count} 辆`);
        evidence.push(item.chosen);
      } else suspect.push(item.chosen);
    }
  }
  const formula = `计入机动车 ${lower} 辆${plates.length > 0 ? `：${plates.join('、')}` : ''}`;
  const upperPass = upper === 0 && !missing;
  return {
    trace: { vehicles, crossprov, lower, upper, formula },
    test: {
      id: 'vehicles',
      rule: 'R10',
      name: testNames.vehicles,
      unit: 'count',
      threshold: 0,
      thresholdText: '名下无应计入的机动车',
      lower: { pass: lower === 0, actual: lower, formula: `${formula}，${passText(lower === 0)}` },
      upper: {
        pass: upperPass,
        actual: upper,
        formula: `计入机动车 ${upper} 辆${missing ? '；另有跨省车辆有记录但缺少数量' : ''}，${passText(upperPass)}`,
      },
      evidence,
      suspect,
    },
    plates,
  };
}
