import { describe, expect, it } from 'vitest';
import { parseMonth } from '../../../src/ingest/values/month.js';

const hint = '月份请写成 2024-06、2024/6、202406 或 2024年6月';

describe('parseMonth', () => {
  it.each([
    ['2024-06', '2024-06'],
    ['2024/6', '2024-06'],
    ['202406', '2024-06'],
    ['2024年6月', '2024-06'],
    ['2024.6', '2024-06'],
    ['2024-6', '2024-06'],
    ['2024/06', '2024-06'],
    ['2024年12月', '2024-12'],
    ['２０２４－０６', '2024-06'],
    ['２０２４年６月', '2024-06'],
  ])('%s → %s', (text, expected) => {
    expect(parseMonth(text)).toEqual({ ok: true, value: expected });
  });

  it('returns an already canonical value itself', () => {
    const text = '2024-06';
    const r = parseMonth(text);
    expect(r.ok && r.value).toBe(text);
  });

  it.each([
    ['2024-06-01', '2024-06'],
    ['2024/6/30', '2024-06'],
    ['20240615', '2024-06'],
    ['2024年6月1日', '2024-06'],
    ['2024-06-01 00:00:00', '2024-06'],
  ])('a full date is read as its month: %s → %s', (text, expected) => {
    expect(parseMonth(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2024-13', '没有13月'],
    ['2024-00', '没有0月'],
    ['202413', '没有13月'],
    ['2024年13月', '没有13月'],
    ['1899-12', '年份1899不在1900–2100之间'],
    ['2024-02-30', '2024年2月没有30日'],
    ['2024-06-', '格式无法识别'],
    ['2024年6', '格式无法识别'],
    ['2024', '格式无法识别'],
    ['24-06', '格式无法识别'],
    ['2024-006', '格式无法识别'],
    ['2024-6/1', '格式无法识别'],
    ['20246', '格式无法识别'],
    ['2024060', '格式无法识别'],
    ['六月', '格式无法识别'],
  ])('%s → BAD_MONTH “%s”', (text, detail) => {
    expect(parseMonth(text)).toEqual({ ok: false, code: 'BAD_MONTH', detail, hint });
  });
});
