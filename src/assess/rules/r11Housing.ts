/**
 * R11 Housing.
 * - Rows of counted members with status other than 注销, de-duplicated by (cert_no, member), then grouped by cert_no:
 *   a unit co-owned inside the household counts once, with the members' shares summed, capped at 1.
 * - usage: the text after the last `/`; containing 商, 办公, 工业, 车位, 车库 or 仓储 → non-residential; else containing
 *   住宅 → residential; else (其他, blank) → non-residential in the upper bound only.
 * - U = residential units (whatever their share), S = Σ area × share over residential units (exact). Cross-province
 *   房产 有 adds `count` to U and `area` to S (a missing area is unknown: when U exceeds the maximum the upper bound
 *   fails); 非住宅房产 有 counts as non-residential.
 * - Non-residential present and non_residential_disqualifies → NON_RESIDENTIAL_PROPERTY; U > max_residential_units
 *   and S > area_per_capita_limit × n → HOUSING_OVER_LIMIT (exact comparison).
 *
 * Decisions:
 * - 注销 is recognised anywhere in the status text (已注销 too); 现势, 抵押, 查封 and blank count.
 * - De-duplication keeps, per (certificate, member), a confirmed row over a suspect one, then the later row (file
 *   rank, line); that row is then graded (R4) like any other.
 * - Per bound, a unit is built from the rows that bound admits (lower: confirmed; upper: all): non-residential when
 *   any admitted row says so, else residential when any says 住宅, else unknown (upper: non-residential; lower: not
 *   counted at all — counting it as a dwelling would be unfavourable). When co-owners' rows disagree on the area the
 *   lower bound reads the smaller and the upper bound the larger.
 * - In the lower bound a cross-province 房产 count without its area adds 0 m².
 */
import type { PolicyParams } from '../../policy/resolve.js';
import type { RealEstateRow } from '../input.js';
import {
  bigAdd,
  bigCapOne,
  bigCompare,
  bigFrom,
  bigOfRational,
  bigReduce,
  bigRoundHalfUp,
  bigZero,
  fractionText,
  type BigRational,
} from '../money.js';
import type { MemberRows } from '../prepare.js';
import type { Bound, TraceCrossprovItem, TraceOwnership, TraceUnit, TraceUnitBound, UsageClass } from '../trace.js';
import { admits, gradeOf, nameOnRow } from './r4Evidence.js';

const nonResidentialWords = ['商', '办公', '工业', '车位', '车库', '仓储'];

export function usageClass(usage: string): UsageClass {
  const cut = Math.max(usage.lastIndexOf('/'), usage.lastIndexOf('／'));
  const tail = cut >= 0 ? usage.slice(cut + 1) : usage;
  for (const w of nonResidentialWords) if (tail.includes(w)) return 'non_residential';
  if (tail.includes('住宅')) return 'residential';
  return 'unknown';
}

export function isCancelled(status: string | null): boolean {
  return status !== null && status.includes('注销');
}

export interface HousingBound {
  units: number;
  /** Exact S in hundredths of m². */
  area: BigRational;
  nonResidential: boolean;
}

export interface HousingResult {
  units: TraceUnit[];
  cancelled: TraceUnit['owners'][number]['ref'][];
  lower: HousingBound;
  upper: HousingBound & { areaUnknown: boolean; missingCount: boolean };
  crossprov: number[];
}

function laterRef(a: RealEstateRow, b: RealEstateRow): boolean {
  return a.ref.fileRank !== b.ref.fileRank ? a.ref.fileRank > b.ref.fileRank : a.ref.line > b.ref.line;
}

export function housingOf(members: readonly MemberRows[], crossprov: readonly TraceCrossprovItem[]): HousingResult {
  const cancelled: HousingResult['cancelled'] = [];
  const units: TraceUnit[] = [];
  const unitByCert = new Map<string, { unit: TraceUnit; picks: Map<number, { row: RealEstateRow; own: TraceOwnership }> }>();
  for (const mr of members) {
    const m = mr.member;
    for (const row of mr.realestate) {
      if (isCancelled(row.status)) {
        cancelled.push(row.ref);
        continue;
      }
      let entry = unitByCert.get(row.certNorm);
      if (!entry) {
        const unit: TraceUnit = { certNo: row.cert_no, location: row.location, owners: [], lower: noneBound(), upper: noneBound() };
        entry = { unit, picks: new Map() };
        unitByCert.set(row.certNorm, entry);
        units.push(unit);
      }
      const evidence = gradeOf(row, m);
      const own: TraceOwnership = {
        ref: row.ref,
        memberOrdinal: m.ordinal,
        evidence,
        nameOnRow: nameOnRow(row, m),
        share: fractionText(row.share),
        area: row.area,
        usage: row.usage,
        usageClass: usageClass(row.usage),
        status: row.status,
        registered: row.registered,
        duplicates: [],
      };
      const prev = entry.picks.get(m.ordinal);
      if (!prev) {
        entry.picks.set(m.ordinal, { row, own });
        entry.unit.owners.push(own);
        continue;
      }
      const better =
        (evidence === 'confirmed' && prev.own.evidence === 'suspect') ||
        (evidence === prev.own.evidence && laterRef(row, prev.row));
      if (better) {
        own.duplicates.push(prev.own.ref, ...prev.own.duplicates);
        const at = entry.unit.owners.indexOf(prev.own);
        entry.unit.owners[at] = own;
        entry.picks.set(m.ordinal, { row, own });
      } else {
        prev.own.duplicates.push(row.ref);
      }
    }
  }

  const lower: HousingBound = { units: 0, area: bigZero, nonResidential: false };
  const upper: HousingResult['upper'] = { units: 0, area: bigZero, nonResidential: false, areaUnknown: false, missingCount: false };
  for (const { unit, picks } of unitByCert.values()) {
    const rows = [...picks.values()];
    unit.lower = unitBound(rows, 'lower');
    unit.upper = unitBound(rows, 'upper');
    addUnit(lower, unit.lower);
    addUnit(upper, unit.upper);
  }

  const used: number[] = [];
  for (const mr of members) {
    for (const { index } of mr.crossprov) {
      const item = crossprov[index]!;
      if (item.result !== '有') continue;
      if (item.itemClass === 'non_residential') {
        used.push(index);
        if (admits('lower', item.evidence, true)) lower.nonResidential = true;
        upper.nonResidential = true;
      } else if (item.itemClass === 'property') {
        used.push(index);
        if (item.count === null) {
          upper.missingCount = true;
          continue;
        }
        if (item.evidence === 'confirmed') {
          lower.units += item.count;
          if (item.area !== null) lower.area = bigAdd(lower.area, bigFrom(item.area));
        }
        upper.units += item.count;
        if (item.area !== null) upper.area = bigAdd(upper.area, bigFrom(item.area));
        else upper.areaUnknown = true;
      }
    }
  }
  return { units, cancelled, lower, upper, crossprov: used };
}

function noneBound(): TraceUnitBound {
  return { as: 'none', share: '0', area: 0, areaShare: 0 };
}

interface Pick {
  row: RealEstateRow;
  own: TraceOwnership;
}

/** The exact area × share of a unit in a bound, kept beside the trace's rounded figure. */
const exactAreaShare = new WeakMap<TraceUnitBound, BigRational>();

function unitBound(rows: Pick[], bound: Bound): TraceUnitBound {
  const admitted = rows.filter((p) => admits(bound, p.own.evidence, true));
  if (admitted.length === 0) return noneBound();
  let cls: UsageClass = 'unknown';
  for (const p of admitted) {
    if (p.own.usageClass === 'non_residential') cls = 'non_residential';
    else if (p.own.usageClass === 'residential' && cls === 'unknown') cls = 'residential';
  }
  let share: BigRational = bigZero;
  let area = admitted[0]!.row.area;
  for (const p of admitted) {
    share = bigAdd(share, bigFrom(p.row.share.num, p.row.share.den));
    area = bound === 'lower' ? Math.min(area, p.row.area) : Math.max(area, p.row.area);
  }
  share = bigCapOne(share);
  const as = cls === 'unknown' ? (bound === 'upper' ? 'non_residential' : 'none') : cls;
  const exact = bigReduce(BigInt(area) * share.num, share.den);
  const b: TraceUnitBound = { as, share: fractionText(share), area, areaShare: bigRoundHalfUp(exact) };
  exactAreaShare.set(b, exact);
  return b;
}

function addUnit(total: HousingBound, b: TraceUnitBound): void {
  if (b.as === 'residential') {
    total.units += 1;
    total.area = bigAdd(total.area, exactAreaShare.get(b) ?? bigZero);
  } else if (b.as === 'non_residential') {
    total.nonResidential = true;
  }
}

/** HOUSING_OVER_LIMIT condition: U > max and S > limit × n (S in hundredths of m², limit in m²). */
export function housingOverLimit(b: HousingBound, params: PolicyParams, n: number): boolean {
  const limit = bigOfRational(params.housing.areaPerCapitaLimit, 100 * n);
  return b.units > params.housing.maxResidentialUnits && bigCompare(b.area, limit) > 0;
}

/** S / n in hundredths of m², rounded half-up (display; the test compares exactly). */
export function areaPerCapita(area: BigRational, n: number): number {
  return bigRoundHalfUp(bigReduce(area.num, area.den * BigInt(n)));
}
