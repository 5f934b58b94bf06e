import { describe, expect, it } from 'vitest';
import { parseBool } from '../../../src/ingest/values/bool.js';

describe('parseBool', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['N', false],
    ['y', true],
    ['n', false],
    ['1', true],
    ['0', false],
    ['true', true],
    ['false', false],
    ['TRUE', true],
    ['FALSE', false],
    ['True', true],
    ['fAlSe', false],
    ['Ｙ', true],
    ['ｎ', false],
    ['１', true],
    ['０', false],
    ['ＴＲＵＥ', true],
    ['ｆａｌｓｅ', false],
  ])('%s → %s', (text, expected) => {
    expect(parseBool(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['有', '无', 'yes', 'no', '2', '是的', 'T', 'F', '√', '×', '01'])('%s → BAD_ENUM listing the accepted values', (text) => {
    expect(parseBool(text)).toEqual({ ok: false, code: 'BAD_ENUM', detail: '不是可识别的是/否值', hint: '请填写 是/否、Y/N、1/0 或 true/false' });
  });
});
