/** R4: confirmed vs suspect evidence, lower and upper bounds, SUSPECT_EVIDENCE, published figures and `upper`. */
import { describe, expect, it } from 'vitest';
import { assess, bank, codes, family, household, income, testOf } from './builders.js';

describe('R4 evidence', () => {
  it('a suspect income row counts only in the upper bound → SUSPECT_EVIDENCE, never 不符合', () => {
    // 本人 张三 alone; the wage row says 张三丰 (same ID): suspect.
    // Lower: I = 0, p = 0.00 < 939.00 passes. Upper: I = 3600000, p = 3600000 / 12 / 1 = 300000 分 = 3000.00 ≥ 939 fails.
    const [a] = family({ name: '张三' });
    const row = income(a!, { amount: 3600000, name: '张三丰' });
    const r = assess(household([a!], {}, { income: [row] }));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['SUSPECT_EVIDENCE', 'NAME_MISMATCH']);
    expect(r.reasons[0]!.message).toBe('收入核对：计入疑似匹配（姓名不一致或信息不全）的不利信息后不通过，需人工复核');
    expect(r.reasons[0]!.evidence).toEqual([row.ref]);
    expect(r.reasons[1]!.message).toBe('张三（本人）：income.csv 第 ' + row.ref.line + ' 行证件号一致但姓名不一致，按疑似信息处理');
    // Published figures are the lower bound; `upper` holds only what differs.
    expect(r.figures?.householdIncomeWindow).toBe(0);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(0);
    expect(r.upper).toEqual({ householdIncomeWindow: 3600000, perCapitaMonthlyIncome: 300000 });
    const t = testOf(r, 'income');
    expect([t.lower.pass, t.upper.pass]).toEqual([true, false]);
    expect(r.trace.main?.income.rows[0]).toMatchObject({ evidence: 'suspect', status: 'counted', lower: 0, upper: 3600000 });
  });

  it('a suspect deduction counts in the lower bound only', () => {
    // Confirmed wages 12000 元 (1200000 分); suspect 社保个人缴费 1200 元 (120000 分). n = 1.
    // Lower: 1200000 − 120000 = 1080000 → p = 1080000 / 12 = 90000 分 = 900.00 < 939 passes.
    // Upper: deduction not admitted → 1200000 → p = 100000 分 = 1000.00 ≥ 939 fails → SUSPECT_EVIDENCE.
    const [a] = family({ name: '李四' });
    const r = assess(
      household([a!], {}, {
        income: [income(a!, { amount: 1200000 }), income(a!, { category: '社保个人缴费', item: '养老保险', amount: 120000, name: '李 四二' })],
      }),
    );
    expect(r.figures?.perCapitaMonthlyIncome).toBe(90000);
    expect(r.upper).toEqual({ householdIncomeWindow: 1200000, perCapitaMonthlyIncome: 100000 });
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['SUSPECT_EVIDENCE', 'NAME_MISMATCH']);
  });

  it('a lower-bound failure is 不符合 even when other evidence is suspect', () => {
    // Confirmed wages 12000 元 → p = 1000.00 ≥ 939 fails on the lower bound; a suspect account makes f's upper differ only.
    const [a] = family({ name: '王五' });
    const r = assess(
      household([a!], {}, { income: [income(a!, { amount: 1200000 })], bank: [bank(a!, { balance: 100000, name: '王武' })] }),
    );
    expect(r.verdict).toBe('不符合');
    expect(codes(r)).toEqual(['INCOME_OVER_LINE', 'NAME_MISMATCH']);
    expect(r.upper).toEqual({ financialAssetsTotal: 100000, perCapitaFinancialAssets: 100000 });
  });

  it('names are compared after normalisation (spaces, middle dots): equal → confirmed', () => {
    const [a] = family({ name: '阿依古丽·买买提', nameNorm: '阿依古丽·买买提' });
    const row = { ...income(a!, { amount: 1200000 }), name: '阿依古丽 · 买买提', nameNorm: '阿依古丽·买买提' };
    const r = assess(household([a!], {}, { income: [row] }));
    expect(codes(r)).toEqual(['INCOME_OVER_LINE']);
  });
});
