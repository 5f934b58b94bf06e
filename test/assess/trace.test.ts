/** The trace: every test with threshold, actual values, both bounds and a Chinese formula; figures linked to rows and parameters. */
import { describe, expect, it } from 'vitest';
import { assess, bank, family, household, income, realestate, vehicle } from './builders.js';

describe('trace', () => {
  // 2 members; 本人 wages 12000.00 元 (税务, counted) → p = 1200000 / 12 / 2 = 50000 分 = 500.00 元.
  const [a, b] = family({}, {});
  const wage = income(a!, { amount: 1200000 });
  const acct = bank(b!, { account_no: '6222000000009999', balance: 500000 });
  const r = assess(household([a!, b!], {}, { income: [wage], bank: [acct], vehicle: [vehicle(a!, { status: 'P' })], realestate: [realestate(a!)] }));
  const main = r.trace.main!;

  it('lists every test with rule, name, threshold, actual, both bounds and a formula', () => {
    expect(main.tests.map((t) => [t.id, t.rule, t.name, t.threshold, t.lower.actual, t.lower.pass, t.upper.pass])).toEqual([
      ['income', 'R8', '收入', 93900, 50000, true, true],
      ['financial_assets', 'R9', '金融资产', 2253600, 250000, true, true],
      ['financial_flag', 'R9', '金融资产超限标识', null, null, true, true],
      ['vehicles', 'R10', '机动车', 0, 0, true, true],
      ['housing', 'R11', '住房', 1, 1, true, true],
      ['non_residential', 'R11', '非住宅类房产', null, null, true, true],
    ]);
    expect(main.tests[1]!.lower.formula).toBe('F = 5000.00 元；f = 5000.00 ÷ 2 人 = 2500.00 元 ≤ 22536.00 元，通过');
    expect(main.tests[1]!.thresholdText).toBe('人均不超过 22536.00 元（24 个月低保标准（24 × 939.00 元））');
  });

  it('links figures to their source rows', () => {
    expect(main.tests[0]!.evidence).toEqual([wage.ref]);
    expect(main.tests[1]!.evidence).toEqual([acct.ref]);
    expect(main.income.rows[0]).toMatchObject({ ref: wage.ref, memberOrdinal: 0, status: 'counted', prorated: 1200000, monthsInWindow: 12, monthsInSpan: 12 });
    expect(main.financial.accounts[0]).toMatchObject({ chosen: acct.ref, accountMasked: '************9999', evidence: 'confirmed', lower: 500000 });
    expect(main.vehicles.vehicles[0]!.state).toBe('inactive');
    expect(main.housing.units[0]!.owners[0]!.ref.kind).toBe('realestate');
  });

  it('records every parameter value used, per program, with the period and its citation', () => {
    const policy = r.trace.policy!;
    expect(policy.period).toEqual({ from: '2024-01-01', citation: '菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》' });
    expect(policy.programs[0]).toEqual({
      program: '低保',
      dibao: 93900,
      tekun: 122100,
      tekunBasis: '固定标准',
      edgeMultiplier: '1.5',
      edgeLine: 140850,
      incomeLine: 93900,
      incomeLineName: '低保标准',
      incomeMonths: 12,
      incomeTest: 'lt',
      employmentCostRate: '0.1',
      excludedIncomeItems: ['优抚金', '计划生育奖励扶助金', '奖学金', '见义勇为奖励', '社会救助金', '基础养老金'],
      financialAssetsRule: '24 个月低保标准（24 × 939.00 元）',
      financialAssetLimit: 2253600,
      exemptMotorcycles: true,
      inactiveStatus: ['B', 'E', 'M', 'P'],
      maxResidentialUnits: 1,
      areaPerCapitaLimit: '40',
      nonResidentialDisqualifies: true,
      gradualExitMonths: 6,
      tekunMinorAge: 16,
      tekunDisabilities: { 智力: ['一级', '二级', '三级'], 精神: ['一级', '二级', '三级'], 肢体: ['一级', '二级'], 视力: ['一级'] },
      objectionDays: 5,
    });
  });

  it('keeps the lower-bound tests of each tier tried', () => {
    // 本人 44 周岁 without disability: the 特困 tier stops at R12; 低保 passes.
    expect(r.tier).toBe('低保');
    expect(r.trace.tiers.map((t) => [t.tier, t.pass, t.tests.map((x) => x.id).join(',')])).toEqual([
      ['特困', false, 'labour_capacity'],
      ['低保', true, 'income,financial_assets,financial_flag,vehicles,housing,non_residential'],
    ]);
    expect(r.trace.tiers[0]!.note).toBe('本人不属于无劳动能力人员，不再核对特困其他条件');
  });

  it('is plain JSON data (stored and re-read by `hedui explain`)', () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
