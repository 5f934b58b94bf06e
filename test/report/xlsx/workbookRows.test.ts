import { describe, expect, it } from 'vitest';
import { assetColumns, householdColumns, incomeColumns, memberColumns, parameterColumns, rejectedColumns, reviewColumns } from '../../../src/report/xlsx/columns.js';
import { parameterRows } from '../../../src/report/xlsx/parameters.js';
import { summaryLayout } from '../../../src/report/xlsx/summary.js';
import { maskNumbersInText, workbookRowsOf } from '../../../src/report/xlsx/workbookRows.js';
import { heze } from '../../assess/builders.js';
import { accountNo, fullIds, makeBatch } from './batch.js';

const json = (v: unknown) => JSON.stringify(v);

describe('workbookRowsOf (pure rows of one household)', () => {
  const b = makeBatch({ fullIds: false });

  it('every row has exactly the columns of its sheet and only JSON cells (string | number | null)', () => {
    const check = (rows: unknown[][], n: number) => {
      for (const r of rows) {
        expect(r).toHaveLength(n);
        for (const c of r) expect(c === null || typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c))).toBe(true);
      }
    };
    for (const r of b.rows) {
      check([r.household], householdColumns.length);
      check(r.members, memberColumns.length);
      check(r.income, incomeColumns.length);
      check(r.assets, assetColumns.length);
      check(r.review, reviewColumns.length);
      expect(JSON.parse(json(r))).toEqual(r); // survives storage as JSON unchanged
    }
    check([...(b.source.rejected as unknown[][])], rejectedColumns.length);
    check([...(b.source.parameters as unknown[][])], parameterColumns.length);
  });

  it('money stays integer 分 and figures are the assessment’s own', () => {
    const a = b.assessments[0]!;
    const h = b.rows[0]!.household;
    const at = (name: string) => h[householdColumns.findIndex((c) => c.header === name)];
    expect(at('家庭月人均收入')).toBe(a.figures!.perCapitaMonthlyIncome);
    expect(at('核算期家庭收入')).toBe(a.figures!.householdIncomeWindow);
    expect(at('人均住房建筑面积')).toBe(a.figures!.residentialAreaPerCapita);
    expect(at('核对结论')).toBe(a.verdict);
    expect(at('报告编号')).toBe('371702202406300001');
    const amounts = b.rows[0]!.income.map((r) => r[incomeColumns.findIndex((c) => c.header === '金额')]);
    expect(amounts).toEqual([1200000, -35050, 240000]);
  });

  it('masks ID numbers unless fullIds, and account numbers always', () => {
    const text = json(b.rows) + json(b.source.rejected);
    for (const id of fullIds) expect(text).not.toContain(id);
    expect(text).not.toContain(accountNo);
    expect(text).toContain('371702********1234');
    expect(text).toContain('***************0018');

    const full = makeBatch({ fullIds: true });
    const fullText = json(full.rows) + json(full.source.rejected);
    for (const id of fullIds) expect(fullText).toContain(id);
    expect(fullText).not.toContain(accountNo);
  });

  it('fullIds without the household input is a programming error, not a silent masked ID', () => {
    expect(() => workbookRowsOf(b.assessments[0]!, { fullIds: true })).toThrow(/fullIds needs the household input/);
  });

  it('lists a 待复核 household once per blocking/review reason, with what to check; others not at all', () => {
    const review = b.rows.flatMap((r) => r.review);
    const col = (name: string) => reviewColumns.findIndex((c) => c.header === name);
    expect(review.map((r) => [r[0], r[col('原因代码')]])).toEqual([
      ['A002', 'CROSSPROV_PENDING'],
      ['A003', 'AUTH_MISSING'],
    ]);
    for (const r of review) expect(String(r[col('复核要点')])).toMatch(/\S{6,}/);
    expect(review[1]![col('涉及成员')]).toBe('钱七');
    expect(review[1]![col('涉及成员身份证号')]).toBe('371702********5678');
  });

  it('a blocked household has a 家庭明细 row with null figures and no detail rows', () => {
    const r = b.rows[2]!;
    expect(r.household[householdColumns.findIndex((c) => c.header === '家庭月人均收入')]).toBeNull();
    expect(r.income).toEqual([]);
    expect(r.assets).toEqual([]);
    expect(r.members).toHaveLength(2);
  });

  it('财产明细 covers accounts (masked), vehicles, property and cross-province items', () => {
    const kinds = b.rows.flatMap((r) => r.assets).map((r) => r[1]);
    expect(kinds).toEqual(['金融资产', '机动车', '不动产', '跨省核对（金融资产）']);
  });
});

describe('rejected rows, summary and parameters', () => {
  it('masks IDs and account numbers inside raw text, leaving application IDs, region codes and amounts', () => {
    expect(maskNumbersInText('SQ321182202406000008,321182,371702198001011234,6228480402564890018,12,941.25,371702001001')).toBe(
      'SQ321182202406000008,321182,371702********1234,***************0018,12,941.25,371702001001',
    );
    expect(maskNumbersInText('37170219850202223x;6228480402564890018', true)).toBe('37170219850202223x;***************0018');
  });

  it('汇总: region × program rows, per-program and grand totals, reason counts, batch identity', () => {
    const b = makeBatch({ fullIds: false });
    const l = summaryLayout(b.source.summary, b.ctx);
    const rows = l.rows.slice(0, l.filterRows);
    expect(rows).toEqual([
      ['371702', '山东省菏泽市牡丹区', '低保', 0, 1, 1, 2, 0],
      ['371702', '山东省菏泽市牡丹区', '特困', 0, 1, 0, 1, 0],
      ['371721', '山东省菏泽市曹县', '低保', 0, 0, 1, 1, 0],
      ['全部地区', null, '低保合计', 0, 1, 2, 3, 0],
      ['全部地区', null, '特困合计', 0, 1, 0, 1, 0],
      ['全部地区', null, '总计', 0, 2, 2, 4, 0],
    ]);
    const codes = l.rows.filter((r) => typeof r[0] === 'string' && /^[A-Z_]+$/.test(r[0] as string)).map((r) => [r[0], r[3]]);
    expect(codes).toEqual([
      ['AUTH_MISSING', 1],
      ['LABOUR_CAPACITY', 1],
      ['VEHICLE_OWNED', 1],
      ['CROSSPROV_PENDING', 1],
    ]);
    expect(l.rows.some((r) => r[0] === '批次编号' && r[1] === '0123456789abcdef')).toBe(true);
    expect(l.rows.some((r) => r[0] === '拒收记录数' && r[1] === '2')).toBe(true);
  });

  it('参数: the pack identity, then every parameter per area and program of each period used, with its citation', () => {
    const rows = parameterRows(heze, { id: heze.id, version: heze.version, sha256: 'f'.repeat(64) }, [
      { region: '3717', from: '2024-01-01' },
      { region: '3717', from: '2024-01-01' },
    ]);
    expect(rows.slice(0, 3).map((r) => [r[6], r[7]])).toEqual([
      ['参数包编号', 'shandong-heze-example'],
      ['参数包版本', '2024.1'],
      ['参数包 SHA-256', 'f'.repeat(64)],
    ]);
    const body = rows.slice(3);
    expect(body).toHaveLength(2 * 5 * 21); // areas × programs × parameters, the duplicate period listed once
    const dibao = body.find((r) => r[4] === '城市' && r[5] === '低保' && r[6] === '低保标准')!;
    expect(dibao).toEqual(['3717', '山东省菏泽市', '2024-01-01', null, '城市', '低保', '低保标准', '939.00', '元/人/月', expect.stringContaining('菏泽日报')]);
    const edgeLimit = body.find((r) => r[4] === '农村' && r[5] === '低保边缘' && r[6] === '金融资产限额规则')!;
    expect(edgeLimit[7]).toContain('3 年低保标准');
    expect(parameterRows(heze, { id: 'x', version: 'y', sha256: 'z' }, [{ region: '9999', from: '2024-01-01' }])[3]![6]).toContain('没有');
  });
});
