/** `hedui explain` text: plain Chinese from the stored assessment, masked IDs, sums in yuan, deterministic. */
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/report/explainText.js';
import { assess, bank, family, household, income, realestate, vehicle } from './builders.js';

describe('explainText', () => {
  const [a, b, c] = family({ name: '张三', employed: true }, { name: '李梅' }, { name: '张小', excludedReason: '服刑' });
  const h = household([a!, b!, c!], {}, {
    income: [
      income(a!, { amount: 3600000 }),
      income(a!, { amount: 3500000, source: '社保' }),
      income(b!, { item: '奖学金', category: '其他', amount: 500000 }),
      income(c!, { amount: 9900000 }),
    ],
    bank: [bank(a!, { account_no: '6222020200112233', balance: 1234567 })],
    vehicle: [vehicle(b!, { status: 'E' })],
    realestate: [realestate(a!, { share: { num: 1, den: 2 } }), realestate(b!, { share: { num: 1, den: 2 } })],
  });
  const r = assess(h);
  const text = explainText(r);

  it('says who was counted, which income counted and why, and the sums in yuan', () => {
    // 张三: 36000.00 (税务) counts, 35000.00 (社保) corroborates; employment cost 3600.00 → 32400.00.
    // 李梅: 奖学金 excluded. 张小 服刑: not counted, rows not read. I = 32400.00, n = 2 → p = 1350.00.
    expect(text).toContain('1. 张三（本人），身份证号 371702********1000，44 周岁，计入家庭成员，已签授权书，就业');
    expect(text).toContain('3. 张小（子女），身份证号 371702********1002，44 周岁，不计入（服刑），已签授权书');
    expect(text).toContain('计入家庭成员共 2 人。');
    expect(text).toContain('工资性/工资（税务，income.csv 第 2 行）：2023-06 至 2024-05，金额 36000.00 元，其中计算期内 12/12 个月，计入 36000.00 元');
    expect(text).toContain('不重复计入（同一笔收入已按其他来源的较大金额计入）');
    expect(text).toContain('不计入（属于不计入收入的项目），依据：菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》');
    expect(text).toContain('家庭收入：I = 32400.00 + 0.00 = 32400.00 元；p = 32400.00 ÷ 12 个月 ÷ 2 人 = 1350.00 元（四舍五入到分）');
    expect(text).toContain('账号 ************2233');
    expect(text).toContain('F = 12345.67 元；f = 12345.67 ÷ 2 人 = 6172.84 元');
    expect(text).toContain('收入：标准为低于 939.00 元（低保标准）。家庭月人均收入 1350.00 元 ≥ 低保标准 939.00 元，不通过。');
    expect(text).toContain('核对结论：不符合');
    expect(text).toContain('1. 家庭月人均收入 1350.00 元，不低于低保标准 939.00 元');
    expect(text).toContain('分层：低保边缘');
    expect(text).toContain('附：未读取或经复核不计入的数据 1 行');
  });

  it('never shows a full ID or account number, and is deterministic', () => {
    for (const m of [a!, b!, c!]) expect(text).not.toContain(m.idNumber);
    expect(text).not.toContain('6222020200112233');
    expect(explainText(assess(h))).toBe(text);
  });

  it('says 未取得授权，未开展核对 for a blocked household and shows no source data', () => {
    const blocked = explainText(assess(household([a!, { ...b!, authorized: false }], {}, { income: [income(a!, { amount: 100 })] })));
    expect(blocked).toContain('二、核对情况：未取得授权，未开展核对');
    expect(blocked).toContain('核对结论：待复核');
    expect(blocked).toContain('李梅（配偶）未签署核对授权书，未开展核对');
    expect(blocked).not.toContain('income.csv');
  });

  it('marks suspect evidence with the name written on the source row', () => {
    const [x] = family({ name: '张三' });
    const t = explainText(assess(household([x!], {}, { income: [income(x!, { amount: 3600000, name: '张三丰' })] })));
    expect(t).toContain('计入 36000.00 元（仅在含疑似信息的上限口径中计入）【疑似：数据中姓名为“张三丰”】');
    expect(t).toContain('含疑似信息的上限口径：家庭收入 36000.00 元，月人均 3000.00 元');
  });
});
