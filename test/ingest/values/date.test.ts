import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/ingest/values/date.js';

const hint = '日期请写成 2024-06-01、2024/6/1、2024.6.1、2024年6月1日 或 20240601';

describe('parseDate: the contract’s spellings', () => {
  it.each([
    ['2024-06-01', '2024-06-01'],
    ['2024/6/1', '2024-06-01'],
    ['2024.6.1', '2024-06-01'],
    ['2024年6月1日', '2024-06-01'],
    ['20240601', '2024-06-01'],
    ['2024/06/01', '2024-06-01'],
    ['2024-6-1', '2024-06-01'],
    ['2024.06.01', '2024-06-01'],
    ['2024年06月01日', '2024-06-01'],
    ['2024/12/31', '2024-12-31'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['1900-01-01', '1900-01-01'],
    ['2100-12-31', '2100-12-31'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });

  it('returns an already canonical value itself', () => {
    const text = '2024-06-01';
    const r = parseDate(text);
    expect(r.ok && r.value).toBe(text);
  });
});

describe('parseDate: a trailing time of day (Excel CSV exports)', () => {
  it.each([
    ['2024-06-01 00:00:00', '2024-06-01'],
    ['2024/6/1 0:00', '2024-06-01'],
    ['2024/6/1  13:45', '2024-06-01'],
    ['2024-06-01T08:30:00', '2024-06-01'],
    ['2024-06-01 00:00:00.000', '2024-06-01'],
    ['20240601 00:00:00', '2024-06-01'],
    ['2024年6月1日 0:00', '2024-06-01'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });
  it.each(['2024-06-01 24:00', '2024-06-01 12', '2024-06-01 12:60', '2024-06-01T00:00:00Z', '2024-06-01T00:00+08:00', '2024-06-01 上午'])(
    'refuses %s',
    (text) => {
      expect(parseDate(text)).toMatchObject({ ok: false, code: 'BAD_DATE', detail: '格式无法识别' });
    },
  );
});

describe('parseDate: full-width input', () => {
  it.each([
    ['２０２４－０６－０１', '2024-06-01'],
    ['２０２４年６月１日', '2024-06-01'],
    ['２０２４０６０１', '2024-06-01'],
    ['２０２４／６／１', '2024-06-01'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });
});

describe('parseDate: not a real calendar date', () => {
  it.each([
    ['2024-02-30', '2024年2月没有30日'],
    ['2023-02-29', '2023年2月没有29日'],
    ['1900-02-29', '1900年2月没有29日'],
    ['2024-04-31', '2024年4月没有31日'],
    ['2024-06-00', '2024年6月没有0日'],
    ['20240230', '2024年2月没有30日'],
    ['2024年2月30日', '2024年2月没有30日'],
    ['2024-13-01', '没有13月'],
    ['2024-00-10', '没有0月'],
    ['1899-12-31', '年份1899不在1900–2100之间'],
    ['2101-01-01', '年份2101不在1900–2100之间'],
    ['0024-06-01', '年份24不在1900–2100之间'],
  ])('%s → BAD_DATE “%s”', (text, detail) => {
    expect(parseDate(text)).toEqual({ ok: false, code: 'BAD_DATE', detail, hint });
  });
});

describe('parseDate: unrecognised forms', () => {
  it.each([
    '2024-06',
    '2024/6/1/',
    '2024-6/1',
    '2024.6-1',
    '2024年6月1',
    '2024年6月1号',
    '6/1/2024',
    '01/06/2024',
    '24-6-1',
    '2024061',
    '202406010',
    '2024-006-01',
    '2024-06-001',
    '2024 06 01',
    'Jun-24',
    '45444',
    '昨天',
  ])('%s → BAD_DATE', (text) => {
    expect(parseDate(text)).toEqual({ ok: false, code: 'BAD_DATE', detail: '格式无法识别', hint });
  });
});
