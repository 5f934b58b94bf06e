import { describe, expect, it } from 'vitest';
import { stripRegionPadding } from '../../src/policy/schema.js';
import { pack, paths, problems, rawPack, rawPeriod, rawRegion, without, type Raw } from './packs.js';

const P0 = 'regions[0].periods[0]';
const onePeriod = (over: Raw) => rawPack([rawRegion({}, [rawPeriod(over)])]);
const periodWithout = (key: string) => rawPack([rawRegion({}, [without(rawPeriod(), key)])]);

describe('a complete pack', () => {
  it('validates, with money in 分 and rates as rationals', () => {
    const p = pack(rawPack());
    const period = p.regions[0]!.periods[0]!;
    expect(p.regions[0]!.code).toBe('3717');
    expect(period.dibao).toEqual({ urban: 93900, rural: 76100 }); // 939 元, 761 元
    expect(period.tekun).toEqual({ kind: 'fixed', urban: 122100, rural: 99000 });
    expect(period.edge_multiplier).toEqual({ num: 3, den: 2 }); // 1.5
    expect(period.employment_cost_rate).toEqual({ num: 1, den: 10 }); // 0.10
    expect(period.financial_assets).toEqual({ kind: 'months_of_dibao', months: { num: 24, den: 1 } });
    expect(period.housing.area_per_capita_limit).toEqual({ num: 40, den: 1 });
    expect(period.to).toBeUndefined();
    expect(period.tekun_disabilities).toBeUndefined(); // default applied at resolution
  });

  it('reads half yuan and a multiplier', () => {
    const period = pack(onePeriod({ dibao: { urban: 939.5, rural: 761 }, tekun: undefined, tekun_multiplier: 1.3 })).regions[0]!.periods[0]!;
    expect(period.dibao.urban).toBe(93950); // 939.50 元
    expect(period.tekun).toEqual({ kind: 'multiplier', multiplier: { num: 13, den: 10 } });
  });
});

describe('unknown keys name their path and suggest the closest key', () => {
  it('a typo of a period key', () => {
    const period = without(rawPeriod(), 'dibao');
    period.dibbao = { urban: 939, rural: 761 };
    const found = problems(rawPack([rawRegion({}, [period])]));
    // One problem: the rename also resolves the “missing dibao” that zod reports, which is therefore not listed.
    expect(found).toEqual([
      {
        path: `${P0}.dibbao`,
        segments: ['regions', 0, 'periods', 0, 'dibbao'],
        message: `未知的键 dibbao（${P0}）：是否应为 dibao？`,
        hint: '把 dibbao 改为 dibao',
      },
    ]);
  });

  it('at the top, in a region, in nested groups, in programs and in overrides', () => {
    expect(problems(rawPack(undefined, { regoins: [] })).find((p) => p.path === 'regoins')?.message).toBe(
      '未知的键 regoins（顶层）：是否应为 regions？',
    );
    expect(paths(rawPack([rawRegion({ nmae: 'x' })]))).toContain('regions[0].nmae');
    expect(problems(onePeriod({ dibao: { urban: 939, rurall: 761 } })).map((p) => p.message)).toContain(
      `未知的键 rurall（${P0}.dibao）：是否应为 rural？`,
    );
    expect(problems(onePeriod({ housing: { max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: true, extra: 1 } }))[0])
      .toMatchObject({ path: `${P0}.housing.extra`, hint: expect.stringContaining('max_residential_units') });
    expect(problems(onePeriod({ programs: { 低保边缘户: {} } }))[0]).toMatchObject({
      path: `${P0}.programs.低保边缘户`,
      message: `未知的键 低保边缘户（${P0}.programs）：是否应为 低保边缘？`,
    });
    expect(problems(onePeriod({ programs: { 低保: { income_tset: 'le' } } }))[0]).toMatchObject({
      path: `${P0}.programs.低保.income_tset`,
      message: expect.stringContaining('是否应为 income_test？'),
    });
    expect(problems(onePeriod({ tekun_disabilities: { 智利: ['一级'] } }))[0]).toMatchObject({
      path: `${P0}.tekun_disabilities.智利`,
      message: expect.stringContaining('是否应为 智力？'),
    });
  });

  it('a key with no near match lists the allowed keys', () => {
    const [p] = problems(onePeriod({ remarks: '备注' }));
    expect(p).toMatchObject({ path: `${P0}.remarks`, message: `未知的键 remarks（${P0}）` });
    expect(p!.hint).toContain('income_months');
  });

  it('an override may not carry from, to, citation or programs', () => {
    expect(paths(onePeriod({ programs: { 低保边缘: { citation: '另一文件' } } }))).toEqual([`${P0}.programs.低保边缘.citation`]);
    expect(paths(onePeriod({ programs: { 特困: { from: '2024-02-01' } } }))).toEqual([`${P0}.programs.特困.from`]);
  });
});

describe('wrong types name the path', () => {
  it.each([
    [{ dibao: { urban: '939元', rural: 761 } }, `${P0}.dibao.urban`, '应为数字'],
    [{ income_months: '12' }, `${P0}.income_months`, '应为数字'],
    [{ income_test: 1 }, `${P0}.income_test`, '取值“1”无效'],
    [{ excluded_income_items: '优抚金' }, `${P0}.excluded_income_items`, '应为列表'],
    [{ vehicles: { exempt_motorcycles: '是', inactive_status: ['B'] } }, `${P0}.vehicles.exempt_motorcycles`, '应为true 或 false'],
    [{ housing: 40 }, `${P0}.housing`, '应为键值映射'],
    [{ citation: 2024 }, `${P0}.citation`, '应为文本'],
  ])('%j → %s', (over, path, text) => {
    const [p] = problems(onePeriod(over));
    expect(p!.path).toBe(path);
    expect(p!.message).toContain(path);
    expect(p!.message).toContain(text);
  });

  it('hints at the fix for the usual mistakes', () => {
    expect(problems(rawPack(undefined, { version: 2024.1 }))[0]).toMatchObject({ path: 'version', hint: '加上引号，按原样书写，如 version: "2024.1"' });
    expect(problems(rawPack([rawRegion({ code: 3717 })]))[0]).toMatchObject({ path: 'regions[0].code', hint: expect.stringContaining('"3717"') });
    expect(problems(onePeriod({ tekun: 1.3 }))[0]).toMatchObject({ path: `${P0}.tekun`, hint: expect.stringContaining('tekun_multiplier: 1.3') });
    expect(problems(onePeriod({ income_test: 'ly' }))[0]).toMatchObject({ path: `${P0}.income_test`, hint: expect.stringContaining('是否应为 lt？') });
    expect(problems(onePeriod({ vehicles: { exempt_motorcycles: true, inactive_status: ['B', '注销'] } }))[0]).toMatchObject({
      path: `${P0}.vehicles.inactive_status[1]`,
      hint: '机动车状态写字母：“注销”是 E',
    });
    expect(problems(onePeriod({ to: null }))[0]).toMatchObject({ path: `${P0}.to`, message: `${P0}.to：没有填写值` });
  });

  it('refuses out-of-range and over-precise numbers', () => {
    expect(problems(onePeriod({ dibao: { urban: 939.123, rural: 761 } }))[0]).toMatchObject({
      path: `${P0}.dibao.urban`,
      message: `${P0}.dibao.urban：小数位过多（939.123），最多 2 位小数`,
    });
    expect(paths(onePeriod({ dibao: { urban: 0, rural: 761 } }))).toEqual([`${P0}.dibao.urban`]);
    expect(paths(onePeriod({ edge_multiplier: 1.2345678 }))).toEqual([`${P0}.edge_multiplier`]);
    expect(paths(onePeriod({ edge_multiplier: 0.5 }))).toEqual([`${P0}.edge_multiplier`]); // below 1
    expect(paths(onePeriod({ employment_cost_rate: 1 }))).toEqual([`${P0}.employment_cost_rate`]); // must be < 1
    expect(paths(onePeriod({ employment_cost_rate: -0.1 }))).toEqual([`${P0}.employment_cost_rate`]);
    expect(paths(onePeriod({ income_months: 12.5 }))).toEqual([`${P0}.income_months`]);
    expect(paths(onePeriod({ income_months: 0 }))).toEqual([`${P0}.income_months`]);
    expect(paths(onePeriod({ housing: { max_residential_units: 1, area_per_capita_limit: 40.125, non_residential_disqualifies: true } }))).toEqual([
      `${P0}.housing.area_per_capita_limit`,
    ]);
    expect(paths(onePeriod({ tekun: undefined, tekun_multiplier: Infinity }))).toEqual([`${P0}.tekun_multiplier`]);
  });

  it('refuses dates that are not YYYY-MM-DD calendar dates, and Date objects', () => {
    expect(paths(onePeriod({ from: '2024-02-30' }))).toEqual([`${P0}.from`]);
    expect(paths(onePeriod({ from: '2024/01/01' }))).toEqual([`${P0}.from`]);
    // What a YAML 1.1 loader would produce for an unquoted date: refused, the loader must keep dates as text.
    expect(problems(onePeriod({ from: new Date('2024-01-01') }))[0]).toMatchObject({ path: `${P0}.from`, hint: expect.stringContaining('YYYY-MM-DD') });
    expect(paths(onePeriod({ to: '2023-12-31' }))).toEqual([`${P0}.to`]); // before from 2024-01-01
  });
});

describe('missing keys name the path', () => {
  const requiredPeriodKeys = [
    'from', 'citation', 'dibao', 'edge_multiplier', 'income_months', 'income_test', 'employment_cost_rate',
    'excluded_income_items', 'financial_assets', 'vehicles', 'housing', 'gradual_exit_months', 'tekun_minor_age',
  ];

  it.each(requiredPeriodKeys)('period key %s', (key) => {
    expect(problems(periodWithout(key))).toEqual([
      expect.objectContaining({ path: `${P0}.${key}`, message: `缺少必填键 ${key}（${P0}）` }),
    ]);
  });

  it('nested, region and top-level keys', () => {
    expect(paths(onePeriod({ dibao: { urban: 939 } }))).toEqual([`${P0}.dibao.rural`]);
    expect(paths(onePeriod({ vehicles: { exempt_motorcycles: true } }))).toEqual([`${P0}.vehicles.inactive_status`]);
    expect(paths(rawPack([without(rawRegion(), 'name')]))).toEqual(['regions[0].name']);
    expect(paths(rawPack([without(rawRegion(), 'periods')]))).toEqual(['regions[0].periods']);
    expect(paths(without(rawPack(), 'version'))).toEqual(['version']);
    expect(problems(without(rawPack(), 'id'))[0]!.hint).toBe('在 顶层 下加上 id: shandong-heze');
  });

  it('empty lists', () => {
    expect(paths(rawPack([]))).toEqual(['regions']);
    expect(paths(rawPack([rawRegion({}, [])]))).toEqual(['regions[0].periods']);
  });

  it('to, tekun_disabilities, objection_days and programs are optional', () => {
    const p = pack(onePeriod({ to: '2024-12-31', tekun_disabilities: { 智力: ['一级'] }, objection_days: 7, programs: {} }));
    expect(p.regions[0]!.periods[0]).toMatchObject({ to: '2024-12-31', tekun_disabilities: { 智力: ['一级'] }, objection_days: 7 });
  });

  it('blank text and non-object entries', () => {
    expect(problems(onePeriod({ citation: '  ' }))[0]).toMatchObject({ path: `${P0}.citation`, message: `${P0}.citation：不能为空` });
    expect(paths(rawPack([rawRegion({}, [5 as unknown as Raw])]))).toEqual([P0]);
    expect(paths(rawPack(['3717' as unknown as Raw]))).toEqual(['regions[0]']);
  });

  it('a non-object pack', () => {
    expect(paths(null)).toEqual(['']);
    expect(problems('id: x')[0]!.message).toBe('顶层：应为键值映射（如 {urban: 939, rural: 761}），实际是文本“id: x”');
  });
});

describe('one-of groups', () => {
  it('refuses both tekun and tekun_multiplier', () => {
    expect(problems(onePeriod({ tekun_multiplier: 1.3 }))).toEqual([
      expect.objectContaining({ path: P0, message: `${P0}：同时填写了 tekun 和 tekun_multiplier，只能填写一个` }),
    ]);
  });

  it('refuses neither', () => {
    expect(problems(periodWithout('tekun'))).toEqual([
      expect.objectContaining({ path: `${P0}.tekun`, message: `缺少必填键 tekun 或 tekun_multiplier（${P0}）` }),
    ]);
  });

  it('refuses both tekun forms in an override', () => {
    expect(paths(onePeriod({ programs: { 特困: { tekun: { urban: 1300, rural: 1000 }, tekun_multiplier: 1.4 } } }))).toEqual([
      `${P0}.programs.特困`,
    ]);
  });

  it('refuses two financial_assets forms, and none', () => {
    expect(problems(onePeriod({ financial_assets: { per_capita_months_of_dibao: 24, per_capita_yuan: 20000 } }))).toEqual([
      expect.objectContaining({
        path: `${P0}.financial_assets`,
        message: `${P0}.financial_assets：同时填写了 per_capita_months_of_dibao 和 per_capita_yuan，只能填写一种`,
      }),
    ]);
    expect(paths(onePeriod({ financial_assets: {} }))).toEqual([`${P0}.financial_assets`]);
    expect(paths(onePeriod({ programs: { 低保边缘: { financial_assets: { per_capita_years_of_dibao: 3, per_capita_months_of_dibao: 36 } } } }))).toEqual([
      `${P0}.programs.低保边缘.financial_assets`,
    ]);
  });

  it('still finds the one-of problem when the same period has another problem', () => {
    expect(paths(onePeriod({ tekun_multiplier: 1.3, income_months: 'twelve' }))).toEqual(expect.arrayContaining([P0, `${P0}.income_months`]));
  });
});

describe('periods of one region must not overlap', () => {
  const region = (...spans: [string, string?][]) =>
    rawPack([rawRegion({}, spans.map(([from, to]) => rawPeriod(to === undefined ? { from } : { from, to })))]);

  it('an open-ended period overlaps any later one', () => {
    const [p] = problems(region(['2024-01-01'], ['2024-07-01']));
    expect(p).toMatchObject({
      path: 'regions[0].periods[1]',
      message: 'regions[0].periods[1]：与 periods[0]（2024-01-01 起，未写结束日期）重叠：同一地区的标准期间不能重叠',
      hint: '给 periods[0] 写上 to: 2024-06-30，或改正 from 日期',
    });
  });

  it('to is inclusive: ending on the day the next starts is an overlap', () => {
    expect(paths(region(['2023-01-01', '2024-01-01'], ['2024-01-01']))).toEqual(['regions[0].periods[1]']);
  });

  it('adjacent periods and gaps are fine, in any order in the file', () => {
    pack(region(['2023-01-01', '2023-12-31'], ['2024-01-01']));
    pack(region(['2024-03-01'], ['2023-01-01', '2023-12-31'])); // a gap Jan–Feb 2024 is allowed (POLICY_NOT_FOUND there)
  });

  it('a long period overlapping two later ones is found for each', () => {
    expect(paths(region(['2020-01-01', '2025-12-31'], ['2021-01-01', '2021-06-30'], ['2022-01-01']))).toEqual([
      'regions[0].periods[1]',
      'regions[0].periods[2]',
    ]);
  });

  it('names the later-starting period when the file lists it first', () => {
    expect(paths(region(['2024-07-01'], ['2024-01-01']))).toEqual(['regions[0].periods[0]']);
  });

  it('periods of different regions may overlap', () => {
    pack(rawPack([rawRegion(), rawRegion({ code: '5105', name: '四川省泸州市' })]));
  });
});

describe('region codes', () => {
  it.each(['371', '37170', '3717021', '37170200100', '3717a', '３７１７', '000000'])('refuses %s', (code) => {
    expect(paths(rawPack([rawRegion({ code })]))).toEqual(['regions[0].code']);
  });

  it.each([
    ['37', '37'],
    ['3717', '3717'],
    ['371702', '371702'],
    ['371702001', '371702001'],
    ['371702001001', '371702001001'],
    ['371700', '3717'], // city code padded to 6 digits
    ['370000', '37'],
    ['371702000000', '371702'],
    ['371700000000', '3717'],
    ['371702001000', '371702001'],
    ['371000', '3710'], // "10" is a level, not padding
  ])('accepts %s and matches on %s', (written, code) => {
    const region = pack(rawPack([rawRegion({ code: written })])).regions[0]!;
    expect(region).toMatchObject({ code, code_as_written: written });
    expect(stripRegionPadding(written)).toBe(code);
  });

  it('refuses one region written twice', () => {
    const [p] = problems(rawPack([rawRegion({ code: '3717' }), rawRegion({ code: '371700' })]));
    expect(p).toMatchObject({
      path: 'regions[1].code',
      message: 'regions[1].code：地区代码“371700”与 regions[0].code“3717”是同一地区（去掉末尾补零后都是 3717）',
    });
  });
});

describe('several problems', () => {
  it('are all listed in one go, each with its path', () => {
    const found = paths(
      rawPack([
        rawRegion({}, [rawPeriod({ dibbao: 1 })]),
        rawRegion({ code: '5105', name: '四川省泸州市' }, [rawPeriod({ to: '2024-12-31', income_test: 'ge' }), rawPeriod({ from: '2025-01-01', tekun_multiplier: 1.3 })]),
      ]),
    );
    expect(found).toEqual(['regions[0].periods[0].dibbao', 'regions[1].periods[0].income_test', 'regions[1].periods[1]']);
  });
});
