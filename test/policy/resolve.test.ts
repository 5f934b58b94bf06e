import { describe, expect, it } from 'vitest';
import { InternalError } from '../../src/errors.js';
import { edgeLineFen, financialAssetLimitFen, incomeLineFen, passesIncomeTest } from '../../src/policy/lines.js';
import { resolveAllPrograms, resolvePolicy, type PolicyParams } from '../../src/policy/resolve.js';
import type { Program } from '../../src/policy/types.js';
import { pack, rawPack, rawPeriod, rawRegion } from './packs.js';

/**
 * 37 山东省 (from 2020-01-01, open) ⊃ 3717 菏泽 (two periods with a gap in Jan–Feb 2024) ⊃ 371702 牡丹区 ⊃ 371702001.
 * The province entry covers every date, so a NOT_FOUND for 3717 shows there is no fallback to it.
 */
const layered = pack(
  rawPack([
    rawRegion({ code: '370000', name: '山东省' }, [rawPeriod({ from: '2020-01-01', dibao: { urban: 800, rural: 600 } })]),
    rawRegion({ code: '3717', name: '山东省菏泽市' }, [
      rawPeriod({ from: '2024-03-01' }), // 939 / 761, tekun fixed 1221 / 990
      rawPeriod({ from: '2023-01-01', to: '2023-12-31', dibao: { urban: 900, rural: 700 }, tekun: undefined, tekun_multiplier: 1.3 }),
    ]),
    rawRegion({ code: '371702', name: '山东省菏泽市牡丹区' }, [rawPeriod({ from: '2024-01-01', dibao: { urban: 950, rural: 770 } })]),
    rawRegion({ code: '371702001000', name: '牡丹区某街道' }, [rawPeriod({ from: '2024-01-01', dibao: { urban: 960, rural: 780 } })]),
  ]),
);

function params(regionCode: string, applicationDate: string, program: Program = '低保'): PolicyParams {
  const r = resolvePolicy(layered, { regionCode, applicationDate, program });
  if (!r.ok) throw new Error(r.detail);
  return r.params;
}

describe('region: strict longest-prefix match', () => {
  it('the longest matching code wins', () => {
    expect(params('371721', '2024-06-01').region).toEqual({ code: '3717', name: '山东省菏泽市' }); // 曹县: only 37 and 3717 match
    expect(params('371702', '2024-06-01').region.code).toBe('371702');
    expect(params('370102', '2024-06-01').region.code).toBe('37'); // 济南: the province entry ("370000" stripped to 37)
  });

  it('a 12-digit region_code matches a 9-digit (township) entry, else its county', () => {
    expect(params('371702001005', '2024-06-01').region.code).toBe('371702001');
    expect(params('371702001005', '2024-06-01').dibao).toEqual({ urban: 96000, rural: 78000 });
    expect(params('371702002005', '2024-06-01').region.code).toBe('371702');
    expect(params('371721101000', '2024-06-01').region.code).toBe('3717');
  });

  it('no region → POLICY_NOT_FOUND', () => {
    const r = resolvePolicy(layered, { regionCode: '110101', applicationDate: '2024-06-01', program: '低保' });
    expect(r).toMatchObject({ ok: false, reason: 'POLICY_NOT_FOUND', cause: 'no_region' });
    expect(r.ok ? '' : r.detail).toContain('区划代码 110101 不在参数包的地区范围内');
  });
});

describe('period: the one containing application_date (from and to inclusive)', () => {
  it('before the first period → POLICY_NOT_FOUND, without falling back to the province', () => {
    const r = resolvePolicy(layered, { regionCode: '371721', applicationDate: '2022-12-31', program: '低保' });
    expect(r).toMatchObject({ ok: false, reason: 'POLICY_NOT_FOUND', cause: 'no_period', region: { code: '3717' } });
    expect(r.ok ? '' : r.detail).toBe(
      '地区 3717 山东省菏泽市 没有覆盖申请日期 2022-12-31 的标准期间（已有：2023-01-01 至 2023-12-31；2024-03-01 起）；按最长前缀匹配，不改用上级地区的标准',
    );
  });

  it('between two periods → POLICY_NOT_FOUND', () => {
    expect(resolvePolicy(layered, { regionCode: '371721', applicationDate: '2024-02-29', program: '低保' })).toMatchObject({ ok: false, cause: 'no_period' });
  });

  it('on the to date and on the from date', () => {
    // 2023-12-31 is the last day of the 2023 period: 900 元 → 90000 分.
    expect(params('371721', '2023-12-31')).toMatchObject({ dibao: { urban: 90000, rural: 70000 }, period: { from: '2023-01-01', to: '2023-12-31' } });
    // 2024-03-01 is the first day of the open period: 939 元 → 93900 分; no `to` in the result.
    const p = params('371721', '2024-03-01');
    expect(p.dibao).toEqual({ urban: 93900, rural: 76100 });
    expect(p.period).toEqual({ from: '2024-03-01', citation: '菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》' });
  });

  it('refuses a malformed application date as a bug, not a household finding', () => {
    expect(() => resolvePolicy(layered, { regionCode: '371721', applicationDate: '2024/03/01', program: '低保' })).toThrow(InternalError);
  });
});

describe('resolved parameters', () => {
  it('carry every value, in 分 and rationals, with the defaults', () => {
    expect(params('371721', '2024-06-01')).toEqual({
      program: '低保',
      region: { code: '3717', name: '山东省菏泽市' },
      period: { from: '2024-03-01', citation: '菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》' },
      dibao: { urban: 93900, rural: 76100 },
      tekun: { urban: 122100, rural: 99000, basis: { kind: 'fixed', urban: 122100, rural: 99000 } },
      edgeMultiplier: { num: 3, den: 2 },
      incomeMonths: 12,
      incomeTest: 'lt',
      employmentCostRate: { num: 1, den: 10 },
      excludedIncomeItems: ['优抚金', '计划生育奖励扶助金', '奖学金', '见义勇为奖励', '社会救助金', '基础养老金'],
      financialAssets: { kind: 'months_of_dibao', months: { num: 24, den: 1 } },
      vehicles: { exemptMotorcycles: true, inactiveStatus: ['B', 'E', 'M', 'P'] },
      housing: { maxResidentialUnits: 1, areaPerCapitaLimit: { num: 40, den: 1 }, nonResidentialDisqualifies: true },
      gradualExitMonths: 6,
      tekunMinorAge: 16,
      // rules.md default (43号 art. 5) when the period has none:
      tekunDisabilities: { 智力: ['一级', '二级', '三级'], 精神: ['一级', '二级', '三级'], 肢体: ['一级', '二级'], 视力: ['一级'] },
      objectionDays: 5, // default
    });
  });

  it('特困 from a multiplier is rounded up to the whole yuan', () => {
    // 2023 period: tekun_multiplier 1.3 on 900 / 700 → 1170 / 910 元 exactly (no rounding needed).
    expect(params('371721', '2023-06-01', '特困').tekun).toMatchObject({ urban: 117000, rural: 91000, basis: { kind: 'multiplier' } });
    const heze = pack(rawPack([rawRegion({}, [rawPeriod({ tekun: undefined, tekun_multiplier: 1.3 })])]));
    const r = resolvePolicy(heze, { regionCode: '371702', applicationDate: '2024-06-01', program: '特困' });
    // 939 × 1.3 = 1220.7 → 1221 元 = 122100 分; 761 × 1.3 = 989.3 → 990 元 = 99000 分.
    expect(r).toMatchObject({ ok: true, params: { tekun: { urban: 122100, rural: 99000 } } });
  });
});

describe('program overrides', () => {
  const withOverrides = pack(
    rawPack([
      rawRegion({}, [
        rawPeriod({
          tekun_disabilities: { 智力: ['一级', '二级'], 肢体: ['一级'] },
          objection_days: 7,
          programs: {
            低保: { income_test: 'le', financial_assets: { per_capita_yuan: 30000 }, housing: { area_per_capita_limit: 35 } },
            低保复核: { financial_assets: { per_capita_months_of_dibao: 36 }, gradual_exit_months: 3 },
            低保边缘: { dibao: { urban: 1000 }, housing: { area_per_capita_limit: 50 }, vehicles: { inactive_status: ['E'] } },
            特困: { tekun_multiplier: 1.5, tekun_disabilities: { 多重: ['一级'], 肢体: ['一级', '二级'] } },
          },
        }),
      ]),
    ]),
  );
  const all = resolveAllPrograms(withOverrides, { regionCode: '371702', applicationDate: '2024-06-01' });
  const of = (p: Program) => {
    if (!all.ok) throw new Error(all.detail);
    return all.byProgram[p];
  };

  it('deep-merge nested groups key by key; lists replaced whole', () => {
    const edge = of('低保边缘');
    expect(edge.dibao).toEqual({ urban: 100000, rural: 76100 }); // urban overridden (1000 元), rural kept (761 元)
    expect(edge.housing).toEqual({ maxResidentialUnits: 1, areaPerCapitaLimit: { num: 50, den: 1 }, nonResidentialDisqualifies: true });
    expect(edge.vehicles).toEqual({ exemptMotorcycles: true, inactiveStatus: ['E'] });
    expect(edge.objectionDays).toBe(7); // from the period
  });

  it('replace one-of groups whole', () => {
    // 低保: per_capita_yuan replaces per_capita_months_of_dibao; nothing of the months form remains.
    expect(of('低保').financialAssets).toEqual({ kind: 'yuan', fen: 3000000 }); // 30000 元
    // 特困: tekun_multiplier 1.5 replaces the fixed tekun: 939 × 1.5 = 1408.5 → 1409 元; 761 × 1.5 = 1141.5 → 1142 元.
    expect(of('特困').tekun).toEqual({ urban: 140900, rural: 114200, basis: { kind: 'multiplier', multiplier: { num: 3, den: 2 } } });
    expect(of('低保').tekun.basis).toEqual({ kind: 'fixed', urban: 122100, rural: 99000 });
  });

  it('tekun_disabilities of an override merge by type into the period table', () => {
    expect(of('特困').tekunDisabilities).toEqual({ 智力: ['一级', '二级'], 肢体: ['一级', '二级'], 多重: ['一级'] });
    expect(of('低保').tekunDisabilities).toEqual({ 智力: ['一级', '二级'], 肢体: ['一级'] }); // the period's own table, not the default
  });

  it('低保复核 takes the 低保 overrides first, then its own', () => {
    const review = of('低保复核');
    expect(review.incomeTest).toBe('le'); // from 低保
    expect(review.housing.areaPerCapitaLimit).toEqual({ num: 35, den: 1 }); // from 低保
    expect(review.financialAssets).toEqual({ kind: 'months_of_dibao', months: { num: 36, den: 1 } }); // its own, replacing 低保's yuan form
    expect(review.gradualExitMonths).toBe(3); // its own
  });

  it('programs without overrides keep the period values', () => {
    for (const p of ['刚性支出', '低保边缘'] as const) {
      expect(of(p).incomeTest).toBe('lt');
    }
    expect(of('刚性支出').financialAssets).toEqual({ kind: 'months_of_dibao', months: { num: 24, den: 1 } });
    expect(of('刚性支出').dibao).toEqual({ urban: 93900, rural: 76100 });
    expect(of('刚性支出').gradualExitMonths).toBe(6);
  });

  it('resolvePolicy gives the same merged values as resolveAllPrograms', () => {
    for (const program of ['低保', '特困', '低保边缘', '刚性支出', '低保复核'] as const) {
      expect(resolvePolicy(withOverrides, { regionCode: '371702', applicationDate: '2024-06-01', program })).toEqual({ ok: true, params: of(program) });
    }
  });

  it('does not change the pack', () => {
    expect(withOverrides.regions[0]!.periods[0]!.dibao).toEqual({ urban: 93900, rural: 76100 });
    expect(withOverrides.regions[0]!.periods[0]!.financial_assets).toEqual({ kind: 'months_of_dibao', months: { num: 24, den: 1 } });
  });
});

describe('derived lines (R8, R9)', () => {
  const heze = params('371721', '2024-06-01');
  const edge = { ...heze, program: '低保边缘' as const };

  it('低保边缘 line = 1.5 × 低保, rounded half-up to 1 分', () => {
    expect(edgeLineFen(heze, 'urban')).toBe(140850); // 939 × 1.5 = 1408.50 元
    expect(edgeLineFen(heze, 'rural')).toBe(114150); // 761 × 1.5 = 1141.50 元
    expect(incomeLineFen(heze, 'urban')).toBe(93900); // 低保 compares with 低保
    expect(incomeLineFen(edge, 'urban')).toBe(140850);
  });

  it('financial asset limit per form', () => {
    expect(financialAssetLimitFen(heze, 'urban')).toBe(2253600); // 24 × 939 = 22536 元
    expect(financialAssetLimitFen({ ...heze, financialAssets: { kind: 'years_of_dibao', years: { num: 3, den: 1 } } }, 'rural')).toBe(2739600); // 3 × 12 × 761 = 27396 元
    expect(financialAssetLimitFen({ ...heze, financialAssets: { kind: 'months_of_dibao', months: { num: 5, den: 2 } } }, 'rural')).toBe(190250); // 2.5 × 761 = 1902.50 元
    expect(financialAssetLimitFen({ ...heze, financialAssets: { kind: 'yuan', fen: 2000000 } }, 'urban')).toBe(2000000);
  });

  it('income test lt / le', () => {
    expect(passesIncomeTest(93899, 93900, 'lt')).toBe(true);
    expect(passesIncomeTest(93900, 93900, 'lt')).toBe(false);
    expect(passesIncomeTest(93900, 93900, 'le')).toBe(true);
  });
});
