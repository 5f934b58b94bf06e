/** R5 income window and proration, R6 items / exclusions / deductions / corroboration / employment cost, R7 declared income. */
import { describe, expect, it } from 'vitest';
import { incomeWindow, prorate } from '../../src/assess/rules/r5IncomeWindow.js';
import { assess, codes, crossprov, family, household, income, packWith } from './builders.js';

describe('R5 income window', () => {
  it('is the N whole months before the application month', () => {
    // M = 2024-06, N = 12 → [2023-06, 2024-05]; N = 6 → [2023-12, 2024-05]; M = 2024-01 → [2023-01, 2023-12].
    expect(incomeWindow('2024-06-15', 12)).toMatchObject({ from: '2023-06', to: '2024-05', months: 12 });
    expect(incomeWindow('2024-06-01', 6)).toMatchObject({ from: '2023-12', to: '2024-05', months: 6 });
    expect(incomeWindow('2024-01-31', 12)).toMatchObject({ from: '2023-01', to: '2023-12', months: 12 });
  });

  it('prorates amount × months in window / months of the row, half-up to 1 分 per row', () => {
    const w = incomeWindow('2024-06-15', 12);
    // 1000.00 元 over 2024-01 … 2024-06 (6 months), 5 in the window: 100000 × 5 / 6 = 83333.33 → 83333 分 = 833.33 元.
    expect(prorate(100000, '2024-01', '2024-06', w)).toEqual({ monthsInWindow: 5, monthsInSpan: 6, prorated: 83333 });
    // 1000.01 元 over 2024-05 … 2024-06, 1 of 2 months: 100001 / 2 = 50000.5 → 50001 分 (half-up).
    expect(prorate(100001, '2024-05', '2024-06', w).prorated).toBe(50001);
    // A loss rounds its magnitude half-up (half away from zero): −100001 / 2 = −50000.5 → −50001 分.
    expect(prorate(-100001, '2024-05', '2024-06', w).prorated).toBe(-50001);
    // 2022 lies wholly outside the window.
    expect(prorate(100000, '2022-01', '2022-12', w)).toEqual({ monthsInWindow: 0, monthsInSpan: 12, prorated: 0 });
    // A row straddling the window's start: 2023-01 … 2023-12 has 7 months (06 … 12) inside: 120000 × 7 / 12 = 70000.
    expect(prorate(120000, '2023-01', '2023-12', w).prorated).toBe(70000);
  });

  it('shows rows outside the window in the trace without counting them', () => {
    // Row 1: 1000.00 元 over 2024-01 … 2024-06 → 833.33 元 counted. Row 2: 2022 → outside. n = 1.
    // I = 83333 → p = 83333 / 12 = 6944.42 → 6944 分 = 69.44 元.
    const [a] = family();
    const r = assess(
      household([a!], {}, {
        income: [income(a!, { amount: 100000, period_start: '2024-01', period_end: '2024-06' }), income(a!, { amount: 5000000, period_start: '2022-01', period_end: '2022-12' })],
      }),
    );
    const rows = r.trace.main!.income.rows;
    expect(rows.map((x) => [x.status, x.prorated, x.monthsInWindow, x.monthsInSpan])).toEqual([
      ['counted', 83333, 5, 6],
      ['outside_window', 0, 0, 12],
    ]);
    expect(r.figures?.householdIncomeWindow).toBe(83333);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(6944);
    expect(r.incomeWindow).toEqual({ from: '2023-06', to: '2024-05', months: 12 });
  });
});

describe('R6 income items', () => {
  it('excludes items equal to an excluded_income_items entry (with the citation); similar names still count', () => {
    // 奖学金 5000 元 and 基础养老金 3000 元 are excluded; 养老金 6000 元 (not an entry) counts. n = 1.
    // I = 600000 → p = 50000 分 = 500.00 元.
    const [a] = family();
    const r = assess(
      household([a!], {}, {
        income: [
          income(a!, { item: '奖学金', amount: 500000, category: '其他' }),
          income(a!, { item: '基础养老金', amount: 300000, category: '转移净' }),
          income(a!, { item: '养老金', amount: 600000, category: '转移净' }),
        ],
      }),
    );
    const rows = r.trace.main!.income.rows;
    expect(rows.map((x) => x.status)).toEqual(['excluded_item', 'excluded_item', 'counted']);
    expect(rows[0]!.citation).toBe('菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》');
    expect(r.figures?.perCapitaMonthlyIncome).toBe(50000);
  });

  it('one income reported by two sources counts once, the largest; the other is corroboration', () => {
    // 工资 2023-06 … 2024-05: 税务 36000 元, 社保 35000 元 → 36000 counts; a second 税务 row of another employer
    // for the same period counts as well (same source): 12000 元. I = 4800000, n = 2 → p = 4800000 / 24 = 200000 分.
    const [a, b] = family({}, {});
    const r = assess(
      household([a!, b!], {}, {
        income: [
          income(a!, { amount: 3600000, source: '税务' }),
          income(a!, { amount: 3500000, source: '社保' }),
          income(b!, { amount: 600000, source: '税务' }),
          income(b!, { amount: 600000, source: '税务' }),
        ],
      }),
    );
    const rows = r.trace.main!.income.rows;
    expect(rows.map((x) => [x.status, x.lower])).toEqual([
      ['counted', 3600000],
      ['corroboration', 0],
      ['counted', 600000],
      ['counted', 600000],
    ]);
    expect(rows[0]!.group).toBe(rows[1]!.group);
    expect(r.figures?.householdIncomeWindow).toBe(4800000);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(200000);
  });

  it('nets a negative 经营净 within the member only, deducts 社保个人缴费 and the employment cost', () => {
    // 本人 (employed): 工资 20000.00 元 + 经营净 −5000.00 元 − 社保个人缴费 1500.00 元;
    //   employment cost = 0.10 × 2000000 = 200000 → verified = 2000000 − 500000 − 150000 − 200000 = 1150000.
    // 配偶: 经营净 −8000.00 元 → max(0, −800000) = 0 (a loss does not cross members).
    // 子女: 工资 12345.67 元, employed: cost = 0.10 × 1234567 = 123456.7 → 123457 (half-up) → 1111110.
    // I = 1150000 + 0 + 1111110 = 2261110; p = 2261110 / 12 / 3 = 62808.61 → 62809 分 = 628.09 元.
    const [a, b, c] = family({ employed: true }, {}, { employed: true });
    const r = assess(
      household([a!, b!, c!], {}, {
        income: [
          income(a!, { amount: 2000000 }),
          income(a!, { category: '经营净', item: '个体经营', amount: -500000 }),
          income(a!, { category: '社保个人缴费', item: '养老保险', amount: 150000 }),
          income(b!, { category: '经营净', item: '个体经营', amount: -800000 }),
          income(c!, { amount: 1234567 }),
        ],
      }),
    );
    const m = r.trace.main!.income.members;
    expect(m.map((x) => [x.lower.income, x.lower.deductions, x.lower.employmentCost, x.lower.verified])).toEqual([
      [1500000, 150000, 200000, 1150000],
      [-800000, 0, 0, 0],
      [1234567, 0, 123457, 1111110],
    ]);
    expect(r.figures?.householdIncomeWindow).toBe(2261110);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(62809);
    expect(m[0]!.formula).toBe(
      '成员0（本人）：核实收入 = 计入收入 15000.00 元 − 社保个人缴费 1500.00 元 − 就业成本 2000.00 元（工资性收入 20000.00 元 × 0.1） = 11500.00 元；未申报；计入 11500.00 元',
    );
  });

  it('an employment cost on a negative 工资性 total is 0', () => {
    // A 工资 correction of −1000.00 元 and 经营净 3000.00 元, employed: cost 0 (not −100) → verified 200000.
    const [a] = family({ employed: true });
    const r = assess(
      household([a!], {}, { income: [income(a!, { amount: -100000 }), income(a!, { category: '经营净', item: '经营', amount: 300000 })] }),
    );
    expect(r.trace.main!.income.members[0]!.lower).toMatchObject({ wageIncome: -100000, employmentCost: 0, verified: 200000 });
  });

  it('cross-province 工资 / 养老金 有 count amount × N, as 工资性 (with employment cost) and 转移净', () => {
    // 工资 3000.00 元/月 × 12 = 3600000 分, employed → cost 360000; 养老金 500.00 元/月 × 12 = 600000 (no cost).
    // verified = 3600000 + 600000 − 360000 = 3840000; p = 3840000 / 12 / 2 = 160000 分 = 1600.00 元.
    const [a, b] = family({ employed: true }, {});
    const r = assess(
      household([a!, b!], {}, {
        crossprov: [crossprov(a!, { item: '工资', result: '有', amount: 300000 }), crossprov(a!, { item: '养老金', result: '有', amount: 50000, province: '浙江省' })],
      }),
    );
    const rows = r.trace.main!.income.rows;
    expect(rows.map((x) => [x.countedAs, x.prorated, x.monthsInWindow])).toEqual([
      ['工资性', 3600000, 12],
      ['转移净', 600000, 12],
    ]);
    expect(r.trace.main!.income.members[0]!.lower.employmentCost).toBe(360000);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(160000);
  });

  it('a cross-province income 有 without its amount is suspect: the upper bound fails the income test', () => {
    const [a] = family();
    const r = assess(household([a!], {}, { crossprov: [crossprov(a!, { item: '工资', result: '有', amount: null })] }));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['SUSPECT_EVIDENCE']);
    expect(r.trace.main!.income.rows[0]!.status).toBe('missing_amount');
  });
});

describe('R7 declared income', () => {
  it('uses max(declared × N, verified)', () => {
    // Declared 2000.00 元/月 × 12 = 2400000 > verified 1200000 → used 2400000; p = 200000 分 = 2000.00 元.
    const [a] = family({ declaredMonthlyIncome: 200000 });
    const r = assess(household([a!], {}, { income: [income(a!, { amount: 1200000 })] }));
    expect(r.figures?.householdIncomeWindow).toBe(2400000);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(200000);
    expect(codes(r)).toEqual(['INCOME_OVER_LINE']);
  });

  it('flags DECLARED_INCOME_UNDERSTATED when verified × 10 > declared × 11 (strictly), declared 0 included', () => {
    // Declared 500.00 元/月 → 600000. Verified 6600.00 元 = 660000: 660000 × 10 = 6600000 = 600000 × 11 → no flag.
    // Verified 6600.01 元 = 660001: 6600010 > 6600000 → flag. Both p < 939 (p = 55000.08 → 55000).
    const one = (amount: number, declared: number | null) => {
      const [a] = family({ declaredMonthlyIncome: declared });
      return assess(household([a!], {}, { income: [income(a!, { amount })] }));
    };
    expect(codes(one(660000, 50000))).toEqual([]);
    const flagged = one(660001, 50000);
    expect(codes(flagged)).toEqual(['DECLARED_INCOME_UNDERSTATED']);
    expect(flagged.reasons[0]!.message).toBe('成员0（本人）核实收入 6600.01 元，高于申报收入 6000.00 元的10%以上');
    expect(flagged.verdict).toBe('符合');
    // Declared 0: any verified income above 0 is understated; blank is absent (no flag).
    expect(codes(one(10000, 0))).toEqual(['DECLARED_INCOME_UNDERSTATED']);
    expect(codes(one(10000, null))).toEqual([]);
  });

  it('uses the pack income_months for N (declared × N)', () => {
    // N = 6: declared 1000.00 元/月 × 6 = 600000; p = 600000 / 6 / 1 = 100000 分 = 1000.00 元.
    const [a] = family({ declaredMonthlyIncome: 100000 });
    const r = assess(household([a!]), packWith({ income_months: 6 }));
    expect(r.incomeWindow).toEqual({ from: '2023-12', to: '2024-05', months: 6 });
    expect(r.figures?.householdIncomeWindow).toBe(600000);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(100000);
  });
});
