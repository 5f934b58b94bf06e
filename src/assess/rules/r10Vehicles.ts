/**
 * R10 Vehicles. Counted: vehicles of counted members whose status holds none of the inactive_status letters,
 * de-duplicated by plate (normalizePlate), minus exempt ones — plate listed in the household's exempt_plates;
 * vehicle_type containing 残疾人; and, when exempt_motorcycles, plate_type 07/08 (普通摩托车/轻便摩托车) or vehicle_type
 * containing 摩托 — plus `count` of cross-province 车辆 有 rows. Any counted vehicle fails: VEHICLE_OWNED listing plates.
 *
 * Decisions:
 * - The household's exempt_plates is the union of every listed member's 豁免号牌 (the column is per row, the
 *   confirmation is the household's).
 * - R4 per row: an active row whose own plate_type/vehicle_type does not exempt it is adverse evidence of a counted
 *   vehicle. The lower bound counts the plate when a confirmed row is such evidence, the upper bound when any row is.
 *   A row that exempts its vehicle by its own type is not adverse evidence whoever's name it carries: the exemption is
 *   a property of the vehicle, not a separate favourable finding (a suspect motorcycle never makes a household 待复核).
 * - plate_type is read as a code (“07”, “7”, “07 普通摩托车”) or a name (普通摩托车, 轻便摩托车); other motorcycle plate
 *   kinds (使馆, 境外 …) are not exempt by plate_type, only by vehicle_type 摩托.
 */
import type { PolicyParams } from '../../policy/resolve.js';
import type { VehicleRow } from '../input.js';
import type { MemberRows } from '../prepare.js';
import type { TraceVehicle, TraceVehicleRow } from '../trace.js';
import { gradeOf, nameOnRow } from './r4Evidence.js';

const motorcyclePlateType = /^0?[78](?![0-9])/u;

function isMotorcyclePlateType(plateType: string | null): boolean {
  if (plateType === null) return false;
  const t = plateType.trim();
  return motorcyclePlateType.test(t) || t.includes('普通摩托车') || t.includes('轻便摩托车');
}

/** Chinese reason the row itself makes its vehicle exempt, or null. */
export function rowExemption(row: VehicleRow, exemptMotorcycles: boolean): string | null {
  const type = row.vehicle_type ?? '';
  if (type.includes('残疾人')) return `车辆类型“${type}”（残疾人专用）`;
  if (exemptMotorcycles) {
    if (isMotorcyclePlateType(row.plate_type)) return `摩托车（号牌种类“${row.plate_type ?? ''}”）`;
    if (type.includes('摩托')) return `摩托车（车辆类型“${type}”）`;
  }
  return null;
}

export function isActive(status: string, inactive: readonly string[]): boolean {
  for (const letter of inactive) if (status.includes(letter)) return false;
  return true;
}

export function vehiclesOf(members: readonly MemberRows[], params: PolicyParams, exemptPlates: ReadonlySet<string>): TraceVehicle[] {
  const byPlate = new Map<string, TraceVehicle>();
  const out: TraceVehicle[] = [];
  const inactive = params.vehicles.inactiveStatus;
  for (const mr of members) {
    for (const row of mr.vehicle) {
      const r: TraceVehicleRow = {
        ref: row.ref,
        memberOrdinal: mr.member.ordinal,
        evidence: gradeOf(row, mr.member),
        nameOnRow: nameOnRow(row, mr.member),
        status: row.status,
        active: isActive(row.status, inactive),
        plateType: row.plate_type,
        vehicleType: row.vehicle_type,
        exemptBy: rowExemption(row, params.vehicles.exemptMotorcycles),
        value: row.value,
        firstRegistered: row.first_registered,
      };
      const v = byPlate.get(row.plateNorm);
      if (v) v.rows.push(r);
      else {
        const fresh: TraceVehicle = { plate: row.plate, plateNorm: row.plateNorm, rows: [r], state: 'inactive', why: '', lower: false, upper: false };
        byPlate.set(row.plateNorm, fresh);
        out.push(fresh);
      }
    }
  }
  for (const v of out) classify(v, exemptPlates.has(v.plateNorm), inactive);
  return out;
}

function classify(v: TraceVehicle, listed: boolean, inactive: readonly string[]): void {
  const active = v.rows.filter((r) => r.active);
  if (active.length === 0) {
    v.state = 'inactive';
    v.why = `状态 ${v.rows.map((r) => r.status).join('、')} 含停用状态字母（${inactive.join('、')}），不计入`;
    return;
  }
  if (listed) {
    v.state = 'exempt';
    v.why = '号牌列入本户豁免号牌（残疾人功能性补偿代步车），不计入';
    return;
  }
  const anyExempt = active.find((r) => r.exemptBy !== null);
  v.lower = active.some((r) => r.exemptBy === null && r.evidence === 'confirmed');
  v.upper = active.some((r) => r.exemptBy === null);
  if (v.lower) {
    v.state = 'counted';
    v.why = '正常使用状态，计入';
  } else if (v.upper) {
    v.state = 'suspect';
    v.why = '仅有姓名不一致的疑似信息，按下限口径不计入、上限口径计入';
  } else {
    v.state = 'exempt';
    v.why = `${anyExempt?.exemptBy ?? ''}，豁免不计入`;
  }
}
