/** R8 lines by program: 低保, 低保复核, 特困, 低保边缘, 刚性支出; lt / le; rounding of p once; benefit. */
import { describe, expect, it } from 'vitest';
import { assess, codes, family, household, income, packWith, testOf } from './builders.js';

describe('R8 income lines', () => {
  it('lt: p equal to the line fails; le: it passes', () => {
    // n = 1, wages 939.00 × 12 = 11268.00 元 → p = 1126800 / 12 = 93900 分 = 939.00 = L.
    const [a] = family();
    const h = household([a!], {}, { income: [income(a!, { amount: 1126800 })] });
    const lt = assess(h);
    expect(lt.verdict).toBe('不符合');
    expect(lt.reasons[0]!.message).toBe('家庭月人均收入 939.00 元，不低于低保标准 939.00 元');
    expect(testOf(lt, 'income').lower.formula).toBe('家庭月人均收入 939.00 元 ≥ 低保标准 939.00 元，不通过');
    const le = assess(h, packWith({ income_test: 'le' }));
    expect(le.verdict).toBe('符合');
    expect(testOf(le, 'income').thresholdText).toBe('不高于 939.00 元（低保标准）');
    // le fails only above the line: 939.01 → “高于”.
    const above = assess(household([a!], {}, { income: [income(a!, { amount: 1126812 })] }), packWith({ income_test: 'le' }));
    expect(above.reasons[0]!.message).toBe('家庭月人均收入 939.01 元，高于低保标准 939.00 元');
  });

  it('rounds p half-up once, at the end', () => {
    // n = 3, I = 3600018 分 → p = 3600018 / 12 / 3 = 100000.5 → 100001 分 (half-up once, not per member).
    const [a, b, c] = family({}, {}, {});
    const r = assess(household([a!, b!, c!], {}, { income: [income(a!, { amount: 1200006 }), income(b!, { amount: 1200006 }), income(c!, { amount: 1200006 })] }));
    expect(r.figures?.householdIncomeWindow).toBe(3600018);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(100001);
  });

  it('低保 符合: benefit = (低保 − p) × n', () => {
    // n = 2, I = 1200000 → p = 1200000 / 24 = 50000 分 = 500.00; benefit = (93900 − 50000) × 2 = 87800 分 = 878.00 元.
    const [a, b] = family({}, {});
    const r = assess(household([a!, b!], {}, { income: [income(a!, { amount: 1200000 })] }));
    expect(r.verdict).toBe('符合');
    expect(r.benefitMonthly).toBe(87800);
    expect(r.tier).toBe('低保');
    expect(r.trace.steps.at(-1)!.text).toBe('月救助金 = (低保标准 939.00 元 − 月人均收入 500.00 元) × 2 人 = 878.00 元');
  });

  it('农村 uses dibao.rural', () => {
    // p = 1000000 / 12 = 83333.33 → 83333 分 = 833.33 < 939 (urban) but ≥ 761 (rural).
    const [a] = family();
    const r = assess(household([a!], { areaType: '农村' }, { income: [income(a!, { amount: 1000000 })] }));
    expect(r.figures?.incomeLine).toBe(76100);
    expect(r.verdict).toBe('不符合');
  });

  it('低保边缘 compares p with edge_multiplier × 低保 (1.5 × 939 = 1408.50); no benefit', () => {
    // p = 1200000 / 12 = 100000 分 = 1000.00 < 1408.50 → 符合.
    const [a] = family();
    const r = assess(household([a!], { program: '低保边缘' }, { income: [income(a!, { amount: 1200000 })] }));
    expect(r.figures?.incomeLine).toBe(140850);
    expect(r.verdict).toBe('符合');
    expect(r.benefitMonthly).toBeNull();
  });

  it('a derived line is exact: 650 × 1.1 = 715.00 (floating point would say 715.0000000000001)', () => {
    // dibao 650, edge 1.1 → L = 71500 分. p = 858000 / 12 = 71500 = L → lt fails.
    const pack = packWith({ dibao: { urban: 650, rural: 600 }, edge_multiplier: 1.1 });
    const [a] = family();
    const r = assess(household([a!], { program: '低保边缘' }, { income: [income(a!, { amount: 858000 })] }), pack);
    expect(r.figures?.incomeLine).toBe(71500);
    expect(r.verdict).toBe('不符合');
    expect(codes(r)).toEqual(['INCOME_OVER_LINE']);
  });

  it('刚性支出: E = Σ rigid × N / 12, p′ = max(0, I − E) / N / n compared with the edge line', () => {
    // n = 2, I = 3600000 → p = 150000 (1500.00 ≥ 1408.50 would fail); rigid 12000.00 元/年 → E = 1200000 × 12 / 12 = 1200000;
    // p′ = (3600000 − 1200000) / 12 / 2 = 100000 分 = 1000.00 < 1408.50 → 符合.
    const [a, b] = family({ rigidExpenseAnnual: 1200000 }, {});
    const r = assess(household([a!, b!], { program: '刚性支出' }, { income: [income(a!, { amount: 3600000 })] }));
    expect(r.figures).toMatchObject({ perCapitaMonthlyIncome: 150000, perCapitaAfterRigid: 100000, incomeLine: 140850 });
    expect(r.verdict).toBe('符合');
    expect(r.trace.main!.income.rigid?.formula).toBe(
      'E = 年刚性支出合计 12000.00 元 × 12 ÷ 12 = 12000.00 元；p′ = max(0, 36000.00 − 12000.00) ÷ 12 个月 ÷ 2 人 = 1000.00 元',
    );
  });

  it('刚性支出: E is rounded half-up once; p′ is floored at 0', () => {
    // N = 6: rigid 1000.01 元/年 → E = 100001 × 6 / 12 = 50000.5 → 50001 分; I = 0 → p′ = max(0, −50001) / 6 = 0.
    const [a] = family({ rigidExpenseAnnual: 100001 });
    const r = assess(household([a!], { program: '刚性支出' }), packWith({ income_months: 6 }));
    expect(r.trace.main!.income.rigid?.expense).toBe(50001);
    expect(r.figures?.perCapitaAfterRigid).toBe(0);
  });

  it('特困 compares 本人 alone with 低保; the 特困 standard is shown, informative', () => {
    // 本人 70 周岁, p = 1200000 / 12 / 1 = 100000 分 = 1000.00 ≥ 939 → 不符合 (even though ≤ 特困 1221).
    const [a, b] = family({ birthDate: '1954-01-01' }, {});
    const r = assess(household([a!, b!], { program: '特困' }, { income: [income(a!, { amount: 1200000 })] }));
    expect(r.figures?.incomeLine).toBe(93900);
    expect(r.reasons[0]!.message).toBe('申请人月人均收入 1000.00 元，不低于低保标准 939.00 元');
    expect(r.trace.policy?.programs[0]).toMatchObject({ program: '特困', tekun: 122100, tekunBasis: '固定标准' });
  });

  it('a 特困 standard from a multiplier is rounded up to the whole yuan (939 × 1.3 = 1220.7 → 1221)', () => {
    const pack = packWith({ tekun: undefined, tekun_multiplier: 1.3 });
    const [a] = family({ birthDate: '1950-01-01' });
    const r = assess(household([a!], { program: '特困' }), pack);
    expect(r.trace.policy?.programs[0]).toMatchObject({ tekun: 122100, tekunBasis: '1.3 × 低保标准，向上取整到元' });
  });
});
