/** R11 housing, R12 特困 labour capacity. */
import { describe, expect, it } from 'vitest';
import { assess, codes, crossprov, family, household, income, packWith, realestate, testOf } from './builders.js';

const cert = (k: number) => `鲁(2020)菏泽市不动产权第000000${k}号`;

describe('R11 housing', () => {
  it('one residential unit passes whatever its area (both conditions must hold)', () => {
    // n = 2, one 120.00 m² unit: U = 1 (not > 1) → passes although 120 > 40 × 2.
    const [a, b] = family({}, {});
    const r = assess(household([a!, b!], {}, { realestate: [realestate(a!, { area: 12000 })] }));
    expect(r.figures).toMatchObject({ residentialUnits: 1, residentialAreaPerCapita: 6000 });
    expect(r.verdict).toBe('符合');
  });

  it('U > max and S > limit × n, compared exactly', () => {
    // n = 3, limit 40 × 3 = 120 m². 80.00 + 40.00 = 120.00 → not over. 80.00 + 40.01 = 120.01 > 120 → HOUSING_OVER_LIMIT,
    // though S / n = 12001 / 3 = 4000.33 → shown as 40.00 m².
    const [a, b, c] = family({}, {}, {});
    const h = (second: number) =>
      household([a!, b!, c!], {}, { realestate: [realestate(a!, { cert_no: cert(1), area: 8000 }), realestate(b!, { cert_no: cert(2), area: second })] });
    expect(assess(h(4000)).verdict).toBe('符合');
    const over = assess(h(4001));
    expect(codes(over)).toEqual(['HOUSING_OVER_LIMIT']);
    expect(over.reasons[0]!.message).toBe('家庭住房 2 套、人均建筑面积 40.00 平方米，超过 1 套且超过人均 40 平方米');
  });

  it('area × share is exact: 60.01 m² × 1/3 = 20.0033… tips S over 80', () => {
    // n = 2, limit 80 m². Unit A 60.00 m² whole + unit B 60.00 m² × 1/3 = 20.00 → S = 80 → passes;
    // unit B 60.01 m² × 1/3 → S = 80.0033… > 80 → fails.
    const [a, b] = family({}, {});
    const h = (area: number) =>
      household([a!, b!], {}, {
        realestate: [realestate(a!, { cert_no: cert(1), area: 6000 }), realestate(b!, { cert_no: cert(2), area, share: { num: 1, den: 3 } })],
      });
    expect(assess(h(6000)).verdict).toBe('符合');
    expect(codes(assess(h(6001)))).toEqual(['HOUSING_OVER_LIMIT']);
  });

  it('a unit co-owned inside the household counts once, shares summed and capped at 1', () => {
    // Cert 1: 本人 1/2 + 配偶 1/2 → one unit, share 1; cert 2: 本人 60% + 配偶 50% → share capped at 1.
    const [a, b] = family({}, {});
    const r = assess(
      household([a!, b!], {}, {
        realestate: [
          realestate(a!, { cert_no: cert(1), share: { num: 1, den: 2 } }),
          realestate(b!, { cert_no: cert(1), share: { num: 1, den: 2 } }),
          realestate(a!, { cert_no: cert(2), share: { num: 3, den: 5 } }),
          realestate(b!, { cert_no: cert(2), share: { num: 1, den: 2 } }),
        ],
      }),
    );
    const units = r.trace.main!.housing.units;
    expect(units.map((u) => [u.owners.length, u.lower.share, u.lower.areaShare])).toEqual([
      [2, '1', 8000],
      [2, '1', 8000],
    ]);
    expect(r.figures?.residentialUnits).toBe(2);
    // S = 160 m² > 80 and U = 2 > 1.
    expect(codes(r)).toEqual(['HOUSING_OVER_LIMIT']);
  });

  it('de-duplicates rows of one (certificate, member); ignores 注销', () => {
    const [a] = family();
    const r = assess(
      household([a!], {}, {
        realestate: [realestate(a!, { cert_no: cert(1) }), realestate(a!, { cert_no: cert(1) }), realestate(a!, { cert_no: cert(2), status: '注销' })],
      }),
    );
    expect(r.trace.main!.housing.units).toHaveLength(1);
    expect(r.trace.main!.housing.units[0]!.owners[0]!.duplicates).toHaveLength(1);
    expect(r.trace.main!.housing.cancelled).toHaveLength(1);
    expect(r.figures?.residentialUnits).toBe(1);
  });

  it('classifies usage by the text after the last “/”', () => {
    const [a] = family();
    const one = (usage: string) => assess(household([a!], {}, { realestate: [realestate(a!, { usage })] }));
    expect(one('商业/住宅').figures?.residentialUnits).toBe(1);
    expect(codes(one('住宅/车库'))).toEqual(['NON_RESIDENTIAL_PROPERTY']);
    expect(codes(one('商住'))).toEqual(['NON_RESIDENTIAL_PROPERTY']);
    expect(one('住宅/车库').reasons[0]!.message).toBe(`家庭成员名下有非住宅类房产：${cert(1)}（住宅/车库）`);
    // 其他 / blank: non-residential in the upper bound only → SUSPECT_EVIDENCE, never 不符合.
    const other = one('其他');
    expect(other.verdict).toBe('待复核');
    expect(codes(other)).toEqual(['SUSPECT_EVIDENCE']);
    expect(other.figures?.residentialUnits).toBe(0);
    expect(testOf(other, 'non_residential').upper.pass).toBe(false);
  });

  it('non-residential property does not fail when non_residential_disqualifies is false', () => {
    const [a] = family();
    const pack = packWith({ housing: { max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: false } });
    expect(assess(household([a!], {}, { realestate: [realestate(a!, { usage: '商业' })] }), pack).verdict).toBe('符合');
  });

  it('cross-province 房产 有 adds count and area; a missing area fails the upper bound when U > max', () => {
    // n = 3, local 80 m² + 江苏 房产 1 套 (area unknown): lower U = 2, S = 80 ≤ 120 → passes; upper: area unknown and
    // U = 2 > 1 → fails → SUSPECT_EVIDENCE. With area 50 m²: S = 130 > 120 → HOUSING_OVER_LIMIT.
    const [a, b, c] = family({}, {}, {});
    const h = (area: number | null) =>
      household([a!, b!, c!], {}, { realestate: [realestate(a!)], crossprov: [crossprov(a!, { item: '房产', result: '有', count: 1, area })] });
    const unknown = assess(h(null));
    expect(unknown.figures?.residentialUnits).toBe(2);
    expect(codes(unknown)).toEqual(['SUSPECT_EVIDENCE']);
    expect(codes(assess(h(5000)))).toEqual(['HOUSING_OVER_LIMIT']);
    // 非住宅房产 有 counts as non-residential.
    const shop = assess(household([a!], {}, { crossprov: [crossprov(a!, { item: '非住宅房产', result: '有' })] }));
    expect(codes(shop)).toEqual(['NON_RESIDENTIAL_PROPERTY']);
  });
});

describe('R12 特困 labour capacity', () => {
  const tekun = (over: Parameters<typeof family>[0], date = '2024-06-15', pack = undefined as ReturnType<typeof packWith> | undefined) => {
    const [a] = family(over);
    return assess(household([a!], { program: '特困', applicationDate: date }), pack);
  };

  it('age ≥ 60 (the birthday itself counts) lacks labour capacity', () => {
    // Born 1964-06-15: 60 周岁 on 2024-06-15 → passes. Born 1964-06-16: 59 → LABOUR_CAPACITY.
    expect(tekun({ birthDate: '1964-06-15' }).verdict).toBe('符合');
    const r = tekun({ birthDate: '1964-06-16' });
    expect(codes(r)).toEqual(['LABOUR_CAPACITY']);
    expect(r.reasons[0]!.message).toBe('申请人59 周岁（不小于 16 且小于 60），无残疾，不属于无劳动能力人员');
  });

  it('age < tekun_minor_age lacks labour capacity', () => {
    // Born 2008-06-16: 15 < 16 → passes; born 2008-06-15: 16 → fails.
    expect(tekun({ birthDate: '2008-06-16' }).verdict).toBe('符合');
    expect(codes(tekun({ birthDate: '2008-06-15' }))).toEqual(['LABOUR_CAPACITY']);
  });

  it('a 29 February birthday falls on 1 March in common years', () => {
    // tekun_minor_age 17; born 2008-02-29: on 2025-02-28 still 16 (< 17, passes); on 2025-03-01 17 (fails).
    const pack = packWith({ tekun_minor_age: 17 });
    expect(tekun({ birthDate: '2008-02-29' }, '2025-02-28', pack).verdict).toBe('符合');
    expect(codes(tekun({ birthDate: '2008-02-29' }, '2025-03-01', pack))).toEqual(['LABOUR_CAPACITY']);
  });

  it('a disability listed in tekun_disabilities lacks labour capacity (default table)', () => {
    expect(tekun({ disabilityType: '肢体', disabilityGrade: '二级' }).verdict).toBe('符合');
    expect(tekun({ disabilityType: '智力', disabilityGrade: '三级' }).verdict).toBe('符合');
    expect(codes(tekun({ disabilityType: '肢体', disabilityGrade: '三级' }))).toEqual(['LABOUR_CAPACITY']);
    expect(codes(tekun({ disabilityType: '视力', disabilityGrade: '二级' }))).toEqual(['LABOUR_CAPACITY']);
  });

  it('is the same in both bounds and fails together with other tests', () => {
    // 44 周岁, income 1000.00 元/月 → INCOME_OVER_LINE and LABOUR_CAPACITY.
    const [a] = family();
    const r = assess(household([a!], { program: '特困' }, { income: [income(a!, { amount: 1200000 })] }));
    expect(codes(r)).toEqual(['INCOME_OVER_LINE', 'LABOUR_CAPACITY']);
    expect(r.tier).toBe('低保边缘');
  });
});
