import { describe, expect, it } from 'vitest';
import {
  parseAreaType,
  parseCrossprovResult,
  parseDisabilityGrade,
  parseDisabilityType,
  parseExcludedReason,
  parseIncomeCategory,
  parseProgram,
  parseRelation,
} from '../../../src/ingest/values/enums.js';

describe('parseAreaType', () => {
  it.each([
    ['城市', '城市'],
    ['城镇', '城市'],
    ['非农业户口', '城市'],
    ['农村', '农村'],
    ['农业户口', '农村'],
    ['农 村', '农村'],
  ])('%s → %s', (text, expected) => {
    expect(parseAreaType(text)).toEqual({ ok: true, value: expected });
  });
  it('居民户口 is BAD_ENUM asking for 城市 or 农村 (data-contract.md)', () => {
    expect(parseAreaType('居民户口')).toEqual({ ok: false, code: 'BAD_ENUM', detail: '“居民户口”不区分城市和农村', hint: '请填写 城市 或 农村' });
  });
  it('anything else is BAD_ENUM', () => {
    expect(parseAreaType('郊区')).toEqual({ ok: false, code: 'BAD_ENUM', detail: '不是可识别的城乡类别', hint: '请填写 城市 或 农村' });
  });
});

describe('parseProgram', () => {
  it.each([
    ['低保', '低保'],
    ['特困', '特困'],
    ['低保边缘', '低保边缘'],
    ['刚性支出', '刚性支出'],
    ['低保复核', '低保复核'],
    ['最低生活保障', '低保'],
    ['特困供养', '特困'],
    ['特困人员', '特困'],
    ['低保复查', '低保复核'],
    ['支出型困难', '刚性支出'],
    ['刚性支出困难', '刚性支出'],
    ['低保边缘家庭', '低保边缘'],
  ])('%s → %s', (text, expected) => {
    expect(parseProgram(text)).toEqual({ ok: true, value: expected });
  });
  it('refuses 临时救助', () => {
    expect(parseProgram('临时救助')).toMatchObject({ ok: false, code: 'BAD_ENUM', hint: '请填写 低保、特困、低保边缘、刚性支出 或 低保复核' });
  });
});

describe('parseRelation', () => {
  it('keeps the text, NFKC-normalised', () => {
    expect(parseRelation('本人')).toEqual({ ok: true, value: '本人' });
    expect(parseRelation('户主')).toEqual({ ok: true, value: '户主' });
    expect(parseRelation('子女（长子）')).toEqual({ ok: true, value: '子女(长子)' });
  });
});

describe('parseExcludedReason (rules.md R1)', () => {
  it.each([
    ['服刑', '服刑'],
    ['在押', '服刑'],
    ['服刑人员', '服刑'],
    ['强制隔离戒毒', '强制隔离戒毒'],
    ['强制戒毒', '强制隔离戒毒'],
    ['宣告失踪', '宣告失踪'],
    ['失踪', '宣告失踪'],
    ['宗教教职', '宗教教职'],
    ['宗教教职人员', '宗教教职'],
  ])('%s → %s', (text, expected) => {
    expect(parseExcludedReason(text)).toEqual({ ok: true, value: expected });
  });
  it.each(['外出务工', '离异', '死亡', '否', '无'])('%s → BAD_ENUM, never read as counted', (text) => {
    expect(parseExcludedReason(text)).toMatchObject({ ok: false, code: 'BAD_ENUM' });
  });
});

describe('parseDisabilityGrade', () => {
  it.each([
    ['一级', '一级'],
    ['二级', '二级'],
    ['三级', '三级'],
    ['四级', '四级'],
    ['1级', '一级'],
    ['一', '一级'],
    ['1', '一级'],
    ['壹级', '一级'],
    ['４级', '四级'],
    ['4', '四级'],
  ])('%s → %s', (text, expected) => {
    expect(parseDisabilityGrade(text)).toEqual({ ok: true, value: expected });
  });
  it.each(['五级', '0', '5', '重度'])('%s → BAD_ENUM', (text) => {
    expect(parseDisabilityGrade(text)).toMatchObject({ ok: false, code: 'BAD_ENUM', hint: '请填写 一级、二级、三级 或 四级' });
  });
});

describe('parseDisabilityType', () => {
  it.each([
    ['视力', '视力'],
    ['听力', '听力'],
    ['言语', '言语'],
    ['肢体', '肢体'],
    ['智力', '智力'],
    ['精神', '精神'],
    ['多重', '多重'],
    ['肢体残疾', '肢体'],
    ['精神残疾', '精神'],
    ['多重残疾', '多重'],
    ['语言残疾', '言语'],
  ])('%s → %s', (text, expected) => {
    expect(parseDisabilityType(text)).toEqual({ ok: true, value: expected });
  });
  it('refuses 听力言语 (the old combined category names two types)', () => {
    expect(parseDisabilityType('听力言语')).toMatchObject({ ok: false, code: 'BAD_ENUM' });
  });
});

describe('parseIncomeCategory', () => {
  it.each([
    ['工资性', '工资性'],
    ['经营净', '经营净'],
    ['财产净', '财产净'],
    ['转移净', '转移净'],
    ['其他', '其他'],
    ['社保个人缴费', '社保个人缴费'],
    ['工资性收入', '工资性'],
    ['经营净收入', '经营净'],
    ['财产净收入', '财产净'],
    ['转移净收入', '转移净'],
    ['其他收入', '其他'],
    ['其它', '其他'],
    ['个人缴费', '社保个人缴费'],
    ['社保缴费', '社保个人缴费'],
  ])('%s → %s', (text, expected) => {
    expect(parseIncomeCategory(text)).toEqual({ ok: true, value: expected });
  });
  it('refuses 经营收入 (gross, not net)', () => {
    expect(parseIncomeCategory('经营收入')).toMatchObject({ ok: false, code: 'BAD_ENUM' });
  });
});

describe('parseCrossprovResult', () => {
  it.each([
    ['有', '有'],
    ['无', '无'],
    ['未反馈', '未反馈'],
    ['未返回', '未反馈'],
    ['待反馈', '未反馈'],
    ['有记录', '有'],
    ['无记录', '无'],
  ])('%s → %s', (text, expected) => {
    expect(parseCrossprovResult(text)).toEqual({ ok: true, value: expected });
  });
  it.each(['是', '否'])('%s is ambiguous → BAD_ENUM', (text) => {
    expect(parseCrossprovResult(text)).toEqual({
      ok: false,
      code: 'BAD_ENUM',
      detail: '“是/否”含义不明确（可能指有/无，也可能指是否已反馈）',
      hint: '请填写 有、无 或 未反馈',
    });
  });
});

describe('alias results are shared and frozen (hot path: no allocation)', () => {
  it('returns the same object for the same value', () => {
    const a = parseProgram('低保');
    expect(parseProgram('最低生活保障')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
