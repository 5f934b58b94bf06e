/** R13 渐退期, R14 other findings, R15 verdict and tier, and the order of reasons. */
import { describe, expect, it } from 'vitest';
import { assess, bank, codes, crossprov, death, family, household, income, realestate, vehicle } from './builders.js';

describe('R13 渐退期', () => {
  // 低保复核, 在保, 本人 employed: wages 30000.00 元, cost 3000.00 → verified 27000.00 元; n = 2:
  // p = 2700000 / 12 / 2 = 112500 分 = 1125.00 ≥ 939.00 (fails the income test on the lower bound only).
  const [a, b] = family({ employed: true }, {});
  const wages = income(a!, { amount: 3000000 });
  const base = { program: '低保复核' as const, currentRecipient: true };

  it('is 符合 with GRADUAL_EXIT (no INCOME_OVER_LINE), benefit null', () => {
    const r = assess(household([a!, b!], base, { income: [wages] }));
    expect(r.figures?.perCapitaMonthlyIncome).toBe(112500);
    expect(r.verdict).toBe('符合');
    expect(codes(r)).toEqual(['GRADUAL_EXIT']);
    expect(r.reasons[0]!.message).toBe('家庭月人均收入 1125.00 元，不低于低保标准 939.00 元，但有成员就业，给予 6 个月渐退期');
    expect(r.benefitMonthly).toBeNull();
    // The tier still follows the lower bound: 1125.00 < 1408.50 → 低保边缘.
    expect(r.tier).toBe('低保边缘');
  });

  it('needs current_recipient and an employed counted member', () => {
    expect(assess(household([a!, b!], { ...base, currentRecipient: false }, { income: [wages] })).verdict).toBe('不符合');
    const [c, d] = family({}, {});
    // Not employed: 27000.00 元 → the same p 1125.00, no exit.
    expect(codes(assess(household([c!, d!], base, { income: [income(c!, { amount: 2700000 })] })))).toEqual(['INCOME_OVER_LINE']);
  });

  it('needs every other test to pass on both bounds', () => {
    const car = assess(household([a!, b!], base, { income: [wages], vehicle: [vehicle(b!)] }));
    expect(car.verdict).toBe('不符合');
    expect(codes(car)).toEqual(['INCOME_OVER_LINE', 'VEHICLE_OWNED']);
    const suspectCar = assess(household([a!, b!], base, { income: [wages], vehicle: [vehicle(b!, { name: '别人' })] }));
    expect(suspectCar.verdict).toBe('不符合');
    expect(codes(suspectCar)).toEqual(['INCOME_OVER_LINE', 'SUSPECT_EVIDENCE', 'NAME_MISMATCH']);
  });

  it('R15 step 3 still applies: a pending cross-province item makes it 待复核', () => {
    const r = assess(household([a!, b!], base, { income: [wages], crossprov: [crossprov(b!, { result: '未反馈' })] }));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['CROSSPROV_PENDING', 'GRADUAL_EXIT']);
  });
});

describe('R14 other findings', () => {
  it('keeps the latest feedback per (member, province, item); ties go to the later file, then line', () => {
    // 江苏 存款: 2024-05-01 有 50000.00 元, then 2024-06-01 无 → nothing counted. 浙江 存款: same date in two files →
    // the later file's 有 1000.00 元 counts: F = 100000.
    const [a] = family();
    const rows = [
      crossprov(a!, { item: '存款', result: '有', amount: 5000000, feedback_date: '2024-05-01' }),
      crossprov(a!, { item: '存款', result: '无', feedback_date: '2024-06-01' }),
      crossprov(a!, { province: '浙江省', item: '存款', result: '无', feedback_date: '2024-06-01', r: { file: 'crossprov_a.csv', fileRank: 1 } }),
      crossprov(a!, { province: '浙江省', item: '存款', result: '有', amount: 100000, feedback_date: '2024-06-01', r: { file: 'crossprov_b.csv', fileRank: 2 } }),
    ];
    const r = assess(household([a!], {}, { crossprov: rows }));
    expect(r.trace.crossprov.map((c) => [c.province, c.result, c.superseded.length])).toEqual([
      ['江苏省', '无', 1],
      ['浙江省', '有', 1],
    ]);
    expect(r.figures?.financialAssetsTotal).toBe(100000);
  });

  it('未反馈 → CROSSPROV_PENDING; 工商 有 → BUSINESS_REGISTERED (both review)', () => {
    const [a] = family();
    const r = assess(household([a!], {}, { crossprov: [crossprov(a!, { item: '房产', result: '未反馈' }), crossprov(a!, { item: '工商', result: '有' })] }));
    expect(r.verdict).toBe('待复核');
    expect(r.reasons.map((x) => x.message)).toEqual(['跨省核对尚未反馈：成员0（本人），江苏省房产', '成员0（本人）在江苏省有工商登记信息，需入户核实']);
  });

  it('a counted member registered dead on or before the as-of date → MEMBER_DECEASED', () => {
    const [a, b] = family({}, {});
    const r = assess(household([a!, b!], {}, { death: [death(b!, { death_date: '2024-05-01' })] }));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['MEMBER_DECEASED']);
    expect(r.reasons[0]!.message).toBe('计入成员成员1（配偶）已登记死亡（死亡日期 2024-05-01）');
    expect(assess(household([a!, b!], {}, { death: [death(b!, { death_date: '2024-07-01' })] })).verdict).toBe('符合');
  });

  it('单人户: 不符合 only by income, p within the 低保边缘 line → names each seriously ill or disabled member', () => {
    // n = 3, wages 40500.00 元 → p = 4050000 / 12 / 3 = 112500 分 = 1125.00: ≥ 939, < 1408.50.
    // 配偶 肢体二级 and 子女 重病 are candidates; 本人 精神四级 is not.
    const [a, b, c] = family({ disabilityType: '精神', disabilityGrade: '四级' }, { disabilityType: '肢体', disabilityGrade: '二级' }, { seriousIllness: true });
    const h = (extra: Partial<Parameters<typeof household>[2]> = {}, amount = 4050000) =>
      household([a!, b!, c!], {}, { income: [income(a!, { amount })], ...extra });
    const r = assess(h());
    expect(r.verdict).toBe('不符合');
    expect(codes(r)).toEqual(['INCOME_OVER_LINE', 'SINGLE_PERSON_SUGGESTED', 'SINGLE_PERSON_SUGGESTED']);
    expect(r.reasons.slice(1).map((x) => x.message)).toEqual(['建议成员1（配偶）（肢体残疾二级）按单人户申请', '建议成员2（子女）（重病）按单人户申请']);
    // p at or above 1408.50 (1500.00), or another failing test: no suggestion.
    expect(codes(assess(h({}, 5400000)))).toEqual(['INCOME_OVER_LINE']);
    expect(codes(assess(h({ vehicle: [vehicle(a!)] })))).toEqual(['INCOME_OVER_LINE', 'VEHICLE_OWNED']);
  });
});

describe('R15 verdict and tier', () => {
  it('tier 低保 for an eligible working-age household; 特困 when 本人 alone passes the 特困 tests', () => {
    const [a, b] = family({}, {});
    expect(assess(household([a!, b!])).tier).toBe('低保');
    // 本人 70 周岁, no income of his own; 配偶 wages 30000.00 元 → household p = 3000000 / 24 = 125000 → 低保 不符合.
    // 特困 tests on 本人 alone: p = 0, assets none, 70 周岁 → tier 特困 (from the lower bound).
    const [c, d] = family({ birthDate: '1954-01-01' }, {});
    const r = assess(household([c!, d!], {}, { income: [income(d!, { amount: 3000000 })] }));
    expect(r.verdict).toBe('不符合');
    expect(r.tier).toBe('特困');
    expect(r.trace.tiers.map((t) => [t.tier, t.scope, t.pass])).toEqual([['特困', 'self', true]]);
  });

  it('tier 低保边缘 uses that program’s merged values (financial assets 3 years of 低保)', () => {
    // n = 1, F = 30000.00 元: f > 22536.00 (低保) → 不符合 FIN_ASSETS_OVER_LIMIT; ≤ 33804.00 (低保边缘) → tier 低保边缘.
    const [a] = family();
    const r = assess(household([a!], {}, { bank: [bank(a!, { balance: 3000000 })] }));
    expect(codes(r)).toEqual(['FIN_ASSETS_OVER_LIMIT']);
    expect(r.tier).toBe('低保边缘');
    expect(r.trace.tiers.map((t) => [t.tier, t.pass])).toEqual([
      ['特困', false],
      ['低保', false],
      ['低保边缘', true],
    ]);
    expect(r.trace.policy?.programs.map((p) => p.program)).toEqual(['低保', '特困', '低保边缘']);
  });

  it('tier none when p fails the 低保边缘 line too; 刚性支出 can be 符合 with tier none', () => {
    // p = 3600000 / 24 = 150000 (1500.00 ≥ 1408.50); 刚性支出 E = 1200000 → p′ = 100000 → 符合.
    const [a, b] = family({ rigidExpenseAnnual: 1200000 }, {});
    const rows = { income: [income(a!, { amount: 3600000 })] };
    expect(assess(household([a!, b!], {}, rows)).tier).toBe('none');
    const r = assess(household([a!, b!], { program: '刚性支出' }, rows));
    expect([r.verdict, r.tier]).toEqual(['符合', 'none']);
  });

  it('tier is provisional when the verdict is 待复核, and null when blocked', () => {
    const [a] = family();
    const pending = assess(household([a!], {}, { crossprov: [crossprov(a!, { result: '未反馈' })] }));
    expect([pending.verdict, pending.tier, pending.tierProvisional]).toEqual(['待复核', '低保', true]);
    expect(assess(household([a!])).tierProvisional).toBe(false);
    const blocked = assess(household([{ ...a!, authorized: false }]));
    expect([blocked.tier, blocked.benefitMonthly, blocked.incomeWindow]).toEqual([null, null, null]);
  });

  it('records the steps of the verdict', () => {
    const [a] = family();
    const r = assess(household([a!], {}, { income: [income(a!, { amount: 1200000 })] }));
    expect(r.trace.steps.map((s) => s.text)).toEqual([
      '第 1 步：成员均已授权、身份证号有效、有适用标准，无阻断事项',
      '第 2 步：按下限口径不通过的核对项：收入，结论为不符合',
      '分层（按下限口径）：特困不通过，低保不通过，低保边缘通过，分层结果为低保边缘',
    ]);
  });
});

describe('reason order', () => {
  it('severity, then rule id, then member (本人 first, then input order), then file and line', () => {
    // 本人 is the third row of the list (ordinal 2). Wages 36000.00 元, n = 3 → p = 1000.00 → INCOME_OVER_LINE (R8); a flag of 配偶 (R9);
    // a car (R10); a suspect flat under 子女 (R4 SUSPECT_EVIDENCE for 非住宅 via unknown usage); a pending item (R14);
    // 子女 duplicated (R3); name mismatches on lines of 子女 and 本人 (R4 info); 本人's ID upgraded (R3 info).
    const child = { ordinal: 0, relation: '子女', isSelf: false, name: '小明' };
    const spouse = { ordinal: 1, relation: '配偶', isSelf: false, name: '王芳' };
    const self = { ordinal: 2, relation: '本人', isSelf: true, name: '李强', idUpgraded: true, declaredMonthlyIncome: 0 };
    const [c, s, a] = [child, spouse, self].map((o) => family(o)[0]!);
    const r = assess(
      household([c!, s!, a!], { duplicateMemberIds: [c!.idNumber] }, {
        income: [income(a!, { amount: 3600000 })],
        bank: [bank(s!, { over_limit: true })],
        vehicle: [vehicle(a!), vehicle(c!, { plate: '鲁R99999', name: '小名', r: { line: 50 } })],
        realestate: [realestate(a!, { usage: '其他', name: '李墙', r: { line: 40 } })],
        crossprov: [crossprov(s!, { result: '未反馈' })],
      }),
    );
    expect(r.reasons.map((x) => `${x.severity} ${x.rule} ${x.code} ${x.memberOrdinal ?? '-'}`)).toEqual([
      'adverse R8 INCOME_OVER_LINE -',
      'adverse R9 FIN_ASSETS_FLAG 1',
      'adverse R10 VEHICLE_OWNED -',
      'review R3 DUPLICATE_MEMBER 0',
      'review R4 SUSPECT_EVIDENCE -',
      'review R14 CROSSPROV_PENDING 1',
      'info R3 ID_UPGRADED 2',
      'info R4 NAME_MISMATCH 2',
      'info R4 NAME_MISMATCH 0',
      'info R7 DECLARED_INCOME_UNDERSTATED 2',
    ]);
    expect(r.verdict).toBe('不符合');
  });
});
