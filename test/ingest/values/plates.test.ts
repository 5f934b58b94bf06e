import { describe, expect, it } from 'vitest';
import { normalizeKeyText, normalizePlate } from '../../../src/ingest/values/keyText.js';
import { parsePlateList } from '../../../src/ingest/values/plateList.js';

describe('normalizePlate / normalizeKeyText (rules.md R10)', () => {
  it.each([
    ['京A12345', '京A12345'],
    ['京a12345', '京A12345'],
    ['京A·12345', '京A12345'],
    ['京A.12345', '京A12345'],
    ['京A•12345', '京A12345'],
    ['京A・12345', '京A12345'],
    ['京Ａ１２３４５', '京A12345'],
    ['京A 12345', '京A12345'],
    ['京A\u300012345', '京A12345'],
  ])('%s → %s', (text, expected) => {
    expect(normalizePlate(text)).toBe(expected);
  });
  it('institutions and certificate numbers get the same normalisation', () => {
    expect(normalizeKeyText('中国工商银行 北京分行')).toBe('中国工商银行北京分行');
    expect(normalizeKeyText('京(2024)朝阳区不动产权第0012345号')).toBe('京(2024)朝阳区不动产权第0012345号');
    expect(normalizeKeyText('京（２０２４）朝阳区不动产权第００１２３４５号')).toBe('京(2024)朝阳区不动产权第0012345号');
    expect(normalizeKeyText('abc.def')).toBe('ABCDEF');
  });
});

describe('parsePlateList', () => {
  it.each([
    ['京A12345', ['京A12345']],
    ['京A12345;沪B67890', ['京A12345', '沪B67890']],
    ['京A12345；沪B67890', ['京A12345', '沪B67890']],
    ['京A12345,沪B67890', ['京A12345', '沪B67890']],
    ['京A12345，沪B67890', ['京A12345', '沪B67890']],
    ['京A12345、沪B67890', ['京A12345', '沪B67890']],
    ['京A12345 沪B67890', ['京A12345', '沪B67890']],
    ['京a·12345; 沪b67890;', ['京A12345', '沪B67890']],
    ['京A12345;京a12345', ['京A12345']],
    ['京A 12345; 沪B 67890', ['京A12345', '沪B67890']],
    ['京A 12345 沪B 67890', ['京A12345', '沪B67890']],
    [';;', []],
  ])('%s → %j', (text, expected) => {
    expect(parsePlateList(text)).toEqual({ ok: true, value: expected });
  });
});
