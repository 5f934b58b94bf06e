/** R1 headcount, R2 authorization, R3 identity, and the policy lookup (R15 step 1: blocking reasons). */
import { describe, expect, it } from 'vitest';
import { assess, codes, family, household, income } from './builders.js';

describe('R1 household and headcount', () => {
  it('counts members without excluded_reason; an excluded member contributes no income or headcount', () => {
    // 本人 wages 36000 元 = 3600000 分 in the window; 配偶 counted, no income; 子女 服刑 with 100000 元 (not read).
    // n = 2: p = 3600000 / 12 / 2 = 150000 分 = 1500.00 元 ≥ 939.00 → INCOME_OVER_LINE.
    const [a, b, c] = family({}, {}, { excludedReason: '服刑' });
    const row = income(c!, { amount: 10000000 });
    const r = assess(household([a!, b!, c!], {}, { income: [income(a!, { amount: 3600000 }), row] }));
    expect(r.membersCounted).toBe(2);
    expect(r.figures?.householdIncomeWindow).toBe(3600000);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(150000);
    expect(r.verdict).toBe('不符合');
    expect(codes(r)).toEqual(['INCOME_OVER_LINE']);
    const excluded = r.trace.members.find((m) => m.ordinal === c!.ordinal)!;
    expect(excluded.counted).toBe(false);
    expect(excluded.notCountedReason).toBe('不计入（服刑）');
    expect(r.trace.ignoredRows.map((x) => x.ref)).toEqual([row.ref]);
    expect(r.trace.main?.income.rows.some((x) => x.ref === row.ref)).toBe(false);
  });

  it('特困 counts 本人 alone (n = 1) and notes that the 法定义务人 check is manual', () => {
    // 本人 65 周岁, wages 6000 元 → p = 600000 / 12 / 1 = 50000 分 = 500.00 元 < 939.00; 配偶's 100000 元 not read.
    const [a, b] = family({ birthDate: '1959-01-01' }, {});
    const r = assess(
      household([a!, b!], { program: '特困' }, { income: [income(a!, { amount: 600000 }), income(b!, { amount: 10000000 })] }),
    );
    expect(r.membersCounted).toBe(1);
    expect(r.figures?.perCapitaMonthlyIncome).toBe(50000);
    expect(r.verdict).toBe('符合');
    expect(r.tier).toBe('特困');
    expect(r.benefitMonthly).toBeNull();
    expect(r.trace.notes.join('')).toContain('法定');
    expect(r.trace.members[1]!.notCountedReason).toBe('特困仅核对本人');
  });

  it('n = 0 → 待复核 NO_MEMBERS with no figures, window, benefit or tier', () => {
    const [a, b] = family({ excludedReason: '宗教教职' }, { excludedReason: '宣告失踪' });
    const r = assess(household([a!, b!]));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['NO_MEMBERS']);
    expect(r.membersCounted).toBe(0);
    expect([r.figures, r.incomeWindow, r.benefitMonthly, r.tier, r.upper]).toEqual([null, null, null, null, null]);
    expect(r.trace.status).toBe('blocked');
  });

  it('a 特困 applicant who is himself excluded leaves nobody counted → NO_MEMBERS', () => {
    const [a, b] = family({ excludedReason: '服刑' }, {});
    const r = assess(household([a!, b!], { program: '特困' }));
    expect(codes(r)).toEqual(['NO_MEMBERS']);
    expect(r.reasons[0]!.message).toContain('本人不计入');
  });
});

describe('R2 authorization', () => {
  it('a counted member without 授权 → 待复核 AUTH_MISSING; no source data read, shown or computed', () => {
    const [a, b] = family({}, { authorized: false });
    const r = assess(household([a!, b!], {}, { income: [income(a!, { amount: 3600000, name: '别人' })] }));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['AUTH_MISSING']);
    expect(r.reasons[0]!.message).toBe('成员1（配偶）未签署核对授权书，未开展核对');
    expect(r.reasons[0]!.memberIdMasked).toBe('371702********1001');
    expect(r.figures).toBeNull();
    expect(r.tier).toBeNull();
    expect(r.tierProvisional).toBe(true);
    expect(r.trace.blockedNote).toBe('未取得授权，未开展核对');
    expect(r.trace.main).toBeNull();
    expect(r.trace.ignoredRows).toEqual([]);
    // Not even the NAME_MISMATCH of the (unread) row.
    expect(JSON.stringify(r.trace)).not.toContain('income.csv');
  });

  it('an excluded member need not be authorized', () => {
    const [a, b] = family({}, { authorized: false, excludedReason: '服刑' });
    expect(assess(household([a!, b!])).verdict).toBe('符合');
  });
});

describe('R3 identity', () => {
  it('a counted member with an invalid ID blocks the household, naming the member', () => {
    const [a, b] = family({}, { idValid: false, idProblem: '校验码错误', birthDate: null });
    const r = assess(household([a!, b!]));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['ID_INVALID']);
    expect(r.reasons[0]!.message).toBe('成员1（配偶）的身份证号无效（校验码错误），无法核对');
    expect(r.figures).toBeNull();
  });

  it('a birth date after the application date is an invalid ID', () => {
    const [a] = family({ birthDate: '2024-07-01' });
    const r = assess(household([a!]));
    expect(codes(r)).toEqual(['ID_INVALID']);
    expect(r.reasons[0]!.message).toContain('出生日期 2024-07-01 晚于申请日期 2024-06-15');
  });

  it('an excluded member with an invalid ID does not block', () => {
    const [a, b] = family({}, { idValid: false, idProblem: '长度错误', excludedReason: '服刑', birthDate: null });
    expect(assess(household([a!, b!])).verdict).toBe('符合');
  });

  it('ID_UPGRADED and ID_REGION_UNKNOWN are info only', () => {
    const [a, b] = family({ idUpgraded: true }, { idRegionUnknown: true });
    const r = assess(household([a!, b!]));
    expect(r.verdict).toBe('符合');
    expect(codes(r)).toEqual(['ID_UPGRADED', 'ID_REGION_UNKNOWN']);
    expect(r.reasons.map((x) => x.severity)).toEqual(['info', 'info']);
  });

  it('DUPLICATE_MEMBER makes an eligible household 待复核, and a 不符合 stays 不符合 with the reason listed', () => {
    const [a, b] = family({}, { excludedReason: '服刑' });
    const ok = assess(household([a!, b!], { duplicateMemberIds: [b!.idNumber] }));
    expect(ok.verdict).toBe('待复核');
    expect(codes(ok)).toEqual(['DUPLICATE_MEMBER']);
    expect(ok.tier).toBe('低保');
    expect(ok.tierProvisional).toBe(true);
    // 本人 wages 12000 元 → p = 1200000 / 12 / 1 = 100000 分 = 1000.00 ≥ 939.00.
    const over = assess(household([a!, b!], { duplicateMemberIds: [a!.idNumber] }, { income: [income(a!, { amount: 1200000 })] }));
    expect(over.verdict).toBe('不符合');
    expect(codes(over)).toEqual(['INCOME_OVER_LINE', 'DUPLICATE_MEMBER']);
  });
});

describe('policy lookup', () => {
  it('a region the pack does not cover → 待复核 POLICY_NOT_FOUND with the Chinese detail', () => {
    const [a] = family();
    const r = assess(household([a!], { regionCode: '110101' }));
    expect(r.verdict).toBe('待复核');
    expect(codes(r)).toEqual(['POLICY_NOT_FOUND']);
    expect(r.reasons[0]!.message).toContain('区划代码 110101 不在参数包的地区范围内');
    expect(r.policyPeriod).toBeNull();
    expect(r.trace.policyNotFound).toContain('110101');
  });

  it('an application date before the first period → POLICY_NOT_FOUND', () => {
    const [a] = family();
    const r = assess(household([a!], { applicationDate: '2023-12-31' }));
    expect(codes(r)).toEqual(['POLICY_NOT_FOUND']);
    expect(r.reasons[0]!.message).toContain('没有覆盖申请日期 2023-12-31');
  });

  it('records the period used: region, from, citation', () => {
    const [a] = family();
    const r = assess(household([a!]));
    expect(r.policyPeriod).toEqual({ region: '3717', from: '2024-01-01', citation: '菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》' });
    expect(r.trace.policy?.programs[0]).toMatchObject({ program: '低保', dibao: 93900, incomeLine: 93900, financialAssetLimit: 2253600 });
  });
});
