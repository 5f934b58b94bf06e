/** R9 financial assets and flags; R10 vehicles. */
import { describe, expect, it } from 'vitest';
import { assess, bank, codes, crossprov, family, household, packWith, testOf, vehicle } from './builders.js';

describe('R9 financial assets', () => {
  it('per account the latest as_of counts; ties go to the later file, then the later line', () => {
    // Account 6222…0001: as_of ties at 2024-06-01 between bank_a.csv (rank 0) line 9 and bank_b.csv (rank 1) line 2
    // → bank_b's 200.00 元. Account 6222…0002: same file, lines 5 and 7 → line 7's 300.00 元. Account 6222…0003:
    // the later as_of wins over a later file: 2024-06-02 (rank 0) 400.00 元.
    // F = 20000 + 30000 + 40000 = 90000 分 = 900.00 元.
    const [a] = family();
    const acct = (no: string, balance: number, as_of: string, file: string, fileRank: number, line: number) =>
      bank(a!, { account_no: no, balance, as_of, r: { file, fileRank, line } });
    const rows = [
      acct('6222000000000001', 10000, '2024-06-01', 'bank_a.csv', 0, 9),
      acct('6222000000000002', 99900, '2024-06-01', 'bank_a.csv', 0, 5),
      acct('6222000000000002', 30000, '2024-06-01', 'bank_a.csv', 0, 7),
      acct('6222000000000003', 40000, '2024-06-02', 'bank_a.csv', 0, 11),
      acct('6222000000000001', 20000, '2024-06-01', 'bank_b.csv', 1, 2),
      acct('6222000000000003', 88800, '2024-06-01', 'bank_b.csv', 1, 3),
    ];
    const r = assess(household([a!], {}, { bank: rows }));
    const accounts = r.trace.main!.financial.accounts;
    // Accounts are listed in order of their first row in (file rank, line) order.
    expect(accounts.map((x) => [x.accountMasked, x.balance, x.chosen.file, x.chosen.line])).toEqual([
      ['************0002', 30000, 'bank_a.csv', 7],
      ['************0001', 20000, 'bank_b.csv', 2],
      ['************0003', 40000, 'bank_a.csv', 11],
    ]);
    expect(accounts[1]!.superseded).toEqual([rows[0]!.ref]);
    expect(r.figures?.financialAssetsTotal).toBe(90000);
  });

  it('institutions are compared normalised; a blank account_no is an account of its own', () => {
    // Same account at “中国银行” and “中国 银行”: one account (latest 500.00). Two blank-account rows: 2 accounts.
    const [a] = family();
    const r = assess(
      household([a!], {}, {
        bank: [
          bank(a!, { institution: '中国银行', account_no: '1', balance: 10000, as_of: '2024-05-01' }),
          bank(a!, { institution: '中国 银行', account_no: '1', balance: 50000, as_of: '2024-06-01' }),
          bank(a!, { account_no: null, balance: 100000 }),
          bank(a!, { account_no: null, balance: 100000 }),
        ],
      }),
    );
    expect(r.figures?.financialAssetsTotal).toBe(250000);
  });

  it('f = F / n rounded half-up once; passes when f ≤ A (24 × 939.00 = 22536.00 元)', () => {
    // n = 2, F = 4507200 → f = 2253600 = A → passes. F = 4507201 → f = 2253600.5 → 2253601 > A → FIN_ASSETS_OVER_LIMIT.
    const [a, b] = family({}, {});
    const at = assess(household([a!, b!], {}, { bank: [bank(a!, { balance: 4507200 })] }));
    expect(at.figures).toMatchObject({ financialAssetsTotal: 4507200, perCapitaFinancialAssets: 2253600, financialAssetLimit: 2253600 });
    expect(at.verdict).toBe('符合');
    const over = assess(household([a!, b!], {}, { bank: [bank(a!, { balance: 4507201 })] }));
    expect(over.figures?.perCapitaFinancialAssets).toBe(2253601);
    expect(codes(over)).toEqual(['FIN_ASSETS_OVER_LIMIT']);
    expect(over.reasons[0]!.message).toBe('家庭人均金融资产 22536.01 元，超过限额 22536.00 元');
  });

  it('adds cross-province financial items 有; one without its amount fails only the upper bound', () => {
    // Local 10000.00 + 江苏 存款 15000.00 = 25000.00 元, n = 1 → f = 2500000 > 2253600 → FIN_ASSETS_OVER_LIMIT.
    const [a] = family();
    const r = assess(household([a!], {}, { bank: [bank(a!, { balance: 1000000 })], crossprov: [crossprov(a!, { item: '存款', result: '有', amount: 1500000 })] }));
    expect(r.figures?.financialAssetsTotal).toBe(2500000);
    expect(codes(r)).toEqual(['FIN_ASSETS_OVER_LIMIT']);
    const missing = assess(household([a!], {}, { crossprov: [crossprov(a!, { item: '理财', result: '有', amount: null })] }));
    expect(missing.verdict).toBe('待复核');
    expect(codes(missing)).toEqual(['SUSPECT_EVIDENCE']);
    expect(missing.reasons[0]!.message.startsWith('金融资产核对')).toBe(true);
  });

  it('the latest row of an account is chosen first, then graded: a suspect latest row counts in the upper bound only', () => {
    // Older confirmed row 1000.00 元, newer row under another name 30000.00 元. Lower F = 0 (the confirmed row is
    // superseded); upper F = 3000000 → f 3000000 > 2253600 → SUSPECT_EVIDENCE.
    const [a] = family();
    const r = assess(
      household([a!], {}, {
        bank: [bank(a!, { account_no: '9', balance: 100000, as_of: '2024-01-01' }), bank(a!, { account_no: '9', balance: 3000000, as_of: '2024-06-01', name: '别人' })],
      }),
    );
    expect(r.figures?.financialAssetsTotal).toBe(0);
    expect(r.upper).toEqual({ financialAssetsTotal: 3000000, perCapitaFinancialAssets: 3000000 });
    expect(codes(r)).toEqual(['SUSPECT_EVIDENCE', 'NAME_MISMATCH']);
  });

  it('an over-limit flag fails on its own: over_limit 是, or 超限标识 with over_limit blank; 否 has no effect', () => {
    const [a] = family();
    const flag = (over: Partial<Parameters<typeof bank>[1]>) =>
      assess(household([a!], {}, { bank: [bank(a!, { institution: null, asset_type: '超限标识', balance: null, ...over })] }));
    const yes = flag({ over_limit: true, overLimitBlank: false });
    expect(codes(yes)).toEqual(['FIN_ASSETS_FLAG']);
    expect(yes.reasons[0]!.message).toContain('是否超限 = 是');
    expect(yes.reasons[0]!.memberIdMasked).toBe('371702********1000');
    expect(codes(flag({ over_limit: false, overLimitBlank: true }))).toEqual(['FIN_ASSETS_FLAG']);
    const no = flag({ over_limit: false, overLimitBlank: false });
    expect(no.verdict).toBe('符合');
    expect(testOf(no, 'financial_flag').lower.pass).toBe(true);
    // A flag on an ordinary row (over_limit 是) flags too; a suspect flag only fails the upper bound.
    expect(codes(assess(household([a!], {}, { bank: [bank(a!, { over_limit: true })] })))).toEqual(['FIN_ASSETS_FLAG']);
    expect(codes(flag({ over_limit: true, name: '别人' }))).toEqual(['SUSPECT_EVIDENCE', 'NAME_MISMATCH']);
  });

  it('uses the program’s merged limit form (低保边缘: 3 years × 12 × 939 = 33804.00 元)', () => {
    // n = 1, F = 30000.00 元: over 22536.00 for 低保, within 33804.00 for 低保边缘.
    const [a] = family();
    const h = (program: '低保' | '低保边缘') => household([a!], { program }, { bank: [bank(a!, { balance: 3000000 })] });
    expect(assess(h('低保')).verdict).toBe('不符合');
    const edge = assess(h('低保边缘'));
    expect(edge.figures?.financialAssetLimit).toBe(3380400);
    expect(edge.verdict).toBe('符合');
    // A fixed yuan form.
    const fixed = assess(h('低保'), packWith({ financial_assets: { per_capita_yuan: 50000 } }));
    expect(fixed.figures?.financialAssetLimit).toBe(5000000);
  });
});

describe('R10 vehicles', () => {
  it('counts active vehicles: a status holding any inactive letter (B, E, M, P) is inactive', () => {
    const [a] = family();
    const one = (status: string) => assess(household([a!], {}, { vehicle: [vehicle(a!, { status })] }));
    expect(codes(one('A'))).toEqual(['VEHICLE_OWNED']);
    expect(codes(one('GQ'))).toEqual(['VEHICLE_OWNED']); // 违法未处理 + 逾期未检验: still in use
    expect(one('E').verdict).toBe('符合');
    expect(one('GP').verdict).toBe('符合'); // P 报废 among the letters
    expect(one('E').trace.main!.vehicles.vehicles[0]!.state).toBe('inactive');
  });

  it('de-duplicates by normalised plate and lists the plates', () => {
    // 鲁R·12345 (本人) and 鲁r12345 (配偶, co-registered) are one vehicle; 鲁R67890 another → 2 counted.
    const [a, b] = family({}, {});
    const r = assess(
      household([a!, b!], {}, {
        vehicle: [vehicle(a!, { plate: '鲁R·12345' }), vehicle(b!, { plate: '鲁r12345' }), vehicle(b!, { plate: '鲁R67890' })],
      }),
    );
    expect(r.figures?.vehiclesCounted).toBe(2);
    expect(r.reasons[0]!.message).toBe('家庭成员名下有机动车：鲁R·12345、鲁R67890');
  });

  it('exempts listed plates, 残疾人 vehicle types and (when exempt_motorcycles) plate types 07/08 or 摩托 types', () => {
    const [a] = family({ exemptPlates: ['鲁R11111'] });
    const r = assess(
      household([a!], {}, {
        vehicle: [
          vehicle(a!, { plate: '鲁R11111' }),
          vehicle(a!, { plate: '鲁R22222', vehicle_type: '残疾人专用车' }),
          vehicle(a!, { plate: '鲁R33333', plate_type: '07', vehicle_type: '普通二轮' }),
          vehicle(a!, { plate: '鲁R44444', plate_type: '08' }),
          vehicle(a!, { plate: '鲁R55555', plate_type: null, vehicle_type: '二轮摩托车' }),
        ],
      }),
    );
    expect(r.verdict).toBe('符合');
    expect(r.trace.main!.vehicles.vehicles.map((v) => v.state)).toEqual(['exempt', 'exempt', 'exempt', 'exempt', 'exempt']);
    // Without exempt_motorcycles the three motorcycles count.
    const strict = assess(
      household([a!], {}, { vehicle: [vehicle(a!, { plate: '鲁R33333', plate_type: '07' }), vehicle(a!, { plate: '鲁R55555', vehicle_type: '二轮摩托车' })] }),
      packWith({ vehicles: { exempt_motorcycles: false, inactive_status: ['B', 'E', 'M', 'P'] } }),
    );
    expect(strict.figures?.vehiclesCounted).toBe(2);
  });

  it('adds cross-province 车辆 有 counts; a missing count fails only the upper bound', () => {
    const [a] = family();
    const r = assess(household([a!], {}, { crossprov: [crossprov(a!, { item: '车辆', result: '有', count: 1 })] }));
    expect(r.figures?.vehiclesCounted).toBe(1);
    expect(codes(r)).toEqual(['VEHICLE_OWNED']);
    expect(r.reasons[0]!.message).toBe('家庭成员名下有机动车：跨省（江苏省）车辆 1 辆');
    const missing = assess(household([a!], {}, { crossprov: [crossprov(a!, { item: '车辆', result: '有', count: null })] }));
    expect(codes(missing)).toEqual(['SUSPECT_EVIDENCE']);
  });

  it('a vehicle under another name is suspect: upper only', () => {
    const [a] = family();
    const r = assess(household([a!], {}, { vehicle: [vehicle(a!, { name: '别人' })] }));
    expect(r.figures?.vehiclesCounted).toBe(0);
    expect(r.upper).toEqual({ vehiclesCounted: 1 });
    expect(codes(r)).toEqual(['SUSPECT_EVIDENCE', 'NAME_MISMATCH']);
  });
});
