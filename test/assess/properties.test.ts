/**
 * Properties over seeded random households: the order of source rows and members changes nothing; the result is
 * deterministic; lower ≤ upper for income, assets and vehicles (R4); a confirmed, active, non-exempt vehicle never
 * improves the verdict (R10, R15); the verdict agrees with its reasons (R15).
 */
import { describe, expect, it } from 'vitest';
import type { HouseholdInput, MemberInput } from '../../src/assess/input.js';
import type { HouseholdAssessment } from '../../src/assess/result.js';
import type { Program } from '../../src/policy/types.js';
import { assess, bank, crossprov, death, family, household, income, realestate, vehicle } from './builders.js';

/** mulberry32: a tiny seeded PRNG, so every run tests the same households. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const months = ['2022-11', '2023-03', '2023-06', '2023-09', '2023-12', '2024-02', '2024-05', '2024-07'];
const programs: Program[] = ['低保', '特困', '低保边缘', '刚性支出', '低保复核'];

function randomHousehold(rng: Rng): HouseholdInput {
  const n = rng.int(1, 3);
  const overs: Partial<MemberInput>[] = [];
  for (let i = 0; i < n; i++) {
    overs.push({
      birthDate: rng.pick(['1950-03-01', '1980-07-15', '2010-01-01']),
      employed: rng.chance(0.4),
      declaredMonthlyIncome: rng.chance(0.3) ? rng.int(0, 200000) : null,
      rigidExpenseAnnual: rng.chance(0.3) ? rng.int(0, 3000000) : null,
      excludedReason: i > 0 && rng.chance(0.1) ? '服刑' : null,
      disabilityType: rng.chance(0.2) ? '肢体' : null,
      disabilityGrade: rng.chance(0.2) ? '二级' : null,
      seriousIllness: rng.chance(0.1),
      exemptPlates: rng.chance(0.1) ? ['鲁R00001'] : [],
    });
  }
  const members = family(...overs);
  const who = () => rng.pick(members);
  const nameOf = (m: MemberInput) => (rng.chance(0.2) ? `${m.name}X` : m.name);
  let line = 2;
  const r = (file: string) => ({ file, fileRank: file.endsWith('b.csv') ? 1 : 0, line: line++ });
  const sources: Partial<HouseholdInput['sources']> = { income: [], bank: [], vehicle: [], realestate: [], crossprov: [], death: [] };
  for (let i = rng.int(0, 6); i > 0; i--) {
    const m = who();
    const s = rng.int(0, months.length - 2);
    const e = rng.int(s, months.length - 1);
    sources.income!.push(
      income(m, {
        name: nameOf(m),
        category: rng.pick(['工资性', '工资性', '经营净', '转移净', '社保个人缴费'] as const),
        item: rng.pick(['工资', '工资', '养老金', '奖学金', '经营']),
        amount: rng.chance(0.1) ? -rng.int(0, 500000) : rng.int(0, 4000000),
        period_start: months[s]!,
        period_end: months[e]!,
        source: rng.pick(['税务', '社保', null]),
        r: r(rng.pick(['income_a.csv', 'income_b.csv'])),
      }),
    );
  }
  for (let i = rng.int(0, 3); i > 0; i--) {
    const m = who();
    sources.bank!.push(
      bank(m, {
        name: nameOf(m),
        account_no: rng.pick(['111', '222', null]),
        balance: rng.int(0, 3000000),
        as_of: rng.pick(['2024-05-01', '2024-06-01']),
        over_limit: rng.chance(0.05),
        r: r(rng.pick(['bank_a.csv', 'bank_b.csv'])),
      }),
    );
  }
  for (let i = rng.int(0, 2); i > 0; i--) {
    const m = who();
    sources.vehicle!.push(
      vehicle(m, {
        name: nameOf(m),
        plate: rng.pick(['鲁R00001', '鲁R00002', '鲁R00003']),
        status: rng.pick(['A', 'E', 'GQ', 'P']),
        plate_type: rng.pick(['02', '07']),
        r: r('vehicle.csv'),
      }),
    );
  }
  for (let i = rng.int(0, 2); i > 0; i--) {
    const m = who();
    sources.realestate!.push(
      realestate(m, {
        name: nameOf(m),
        cert_no: rng.pick(['C1', 'C2']),
        certNorm: rng.pick(['C1', 'C2']),
        usage: rng.pick(['住宅', '住宅', '商业', '其他']),
        area: rng.int(3000, 15000),
        share: rng.pick([{ num: 1, den: 1 }, { num: 1, den: 2 }]),
        r: r('realestate.csv'),
      }),
    );
  }
  for (let i = rng.int(0, 2); i > 0; i--) {
    const m = who();
    sources.crossprov!.push(
      crossprov(m, {
        name: nameOf(m),
        item: rng.pick(['存款', '车辆', '房产', '工资', '工商']),
        result: rng.pick(['有', '无', '无', '未反馈'] as const),
        amount: rng.chance(0.8) ? rng.int(0, 1000000) : null,
        count: rng.chance(0.8) ? rng.int(0, 2) : null,
        area: rng.chance(0.5) ? rng.int(3000, 9000) : null,
        feedback_date: rng.pick(['2024-05-01', '2024-06-01', null]),
        r: r(rng.pick(['crossprov_a.csv', 'crossprov_b.csv'])),
      }),
    );
  }
  if (rng.chance(0.05)) sources.death!.push(death(who(), { r: r('death.csv') }));
  return household(members, { program: rng.pick(programs), currentRecipient: rng.chance(0.5), areaType: rng.pick(['城市', '农村'] as const) }, sources);
}

function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const households = (() => {
  const rng = prng(20240615);
  return Array.from({ length: 400 }, () => randomHousehold(rng));
})();

const rank: Record<HouseholdAssessment['verdict'], number> = { 符合: 0, 待复核: 1, 不符合: 2 };

describe('properties', () => {
  it('permuting source rows and members changes nothing; results are deterministic', () => {
    const rng = prng(7);
    for (const h of households) {
      const expected = JSON.stringify(assess(h));
      expect(JSON.stringify(assess(h))).toBe(expected);
      const s = h.sources;
      const permuted: HouseholdInput = {
        ...h,
        members: shuffled(h.members, rng),
        sources: {
          income: shuffled(s.income, rng),
          bank: shuffled(s.bank, rng),
          vehicle: shuffled(s.vehicle, rng),
          realestate: shuffled(s.realestate, rng),
          crossprov: shuffled(s.crossprov, rng),
          death: shuffled(s.death, rng),
        },
      };
      expect(JSON.stringify(assess(permuted))).toBe(expected);
    }
  });

  it('the lower bound never exceeds the upper bound for income, financial assets and vehicles', () => {
    for (const h of households) {
      const a = assess(h);
      if (!a.figures) continue;
      const upper = { ...a.figures, ...a.upper };
      for (const k of ['householdIncomeWindow', 'perCapitaMonthlyIncome', 'financialAssetsTotal', 'perCapitaFinancialAssets', 'vehiclesCounted'] as const) {
        expect(a.figures[k]).toBeLessThanOrEqual(upper[k]);
      }
    }
  });

  it('adding a confirmed, active, non-exempt vehicle never improves the verdict', () => {
    for (const h of households) {
      const before = assess(h);
      const self = h.members.find((m) => m.isSelf)!;
      const car = vehicle(self, { plate: '鲁R77777', status: 'A', plate_type: '02', r: { file: 'vehicle.csv', line: 999 } });
      const after = assess({ ...h, sources: { ...h.sources, vehicle: [...h.sources.vehicle, car] } });
      expect(rank[after.verdict]).toBeGreaterThanOrEqual(rank[before.verdict]);
      if (before.verdict !== '待复核' || before.figures !== null) expect(after.verdict).toBe('不符合');
    }
  });

  it('the verdict agrees with its reasons (R15)', () => {
    // The sample covers every verdict and many codes (a guard against a generator that tests nothing).
    const seen = new Set(households.map((h) => assess(h)).flatMap((a) => [a.verdict, ...a.reasons.map((r) => r.code)]));
    for (const v of ['符合', '不符合', '待复核', 'SUSPECT_EVIDENCE', 'INCOME_OVER_LINE', 'VEHICLE_OWNED', 'NAME_MISMATCH', 'CROSSPROV_PENDING']) {
      expect(seen.has(v), v).toBe(true);
    }
    for (const h of households) {
      const a = assess(h);
      const severities = new Set(a.reasons.map((r) => r.severity));
      if (a.verdict === '不符合') expect(severities.has('adverse')).toBe(true);
      if (a.verdict === '符合') expect(severities.has('adverse') || severities.has('review') || severities.has('blocking')).toBe(false);
      if (a.verdict === '待复核') expect(severities.has('review') || severities.has('blocking')).toBe(true);
      if (a.benefitMonthly !== null) {
        expect(a.verdict).toBe('符合');
        expect(['低保', '低保复核']).toContain(a.program);
        expect(a.benefitMonthly).toBeGreaterThan(0);
      }
      expect(a.tierProvisional).toBe(a.verdict === '待复核');
    }
  });
});
