import { describe, expect, it } from 'vitest';
import { parseVehicleStatus } from '../../../src/ingest/values/vehicleStatus.js';

describe('parseVehicleStatus (rules.md R10)', () => {
  it.each([
    ['A', 'A'],
    ['GQ', 'GQ'],
    ['QG', 'QG'],
    ['gq', 'GQ'],
    ['ＧＱ', 'GQ'],
    ['GGQ', 'GQ'],
    ['G,Q', 'GQ'],
    ['G Q', 'GQ'],
    ['正常', 'A'],
    ['注销', 'E'],
    ['注销,报废', 'EP'],
    ['注销，报废', 'EP'],
    ['注销、报废', 'EP'],
    ['注销;报废', 'EP'],
    ['注销 报废', 'EP'],
    ['违法未处理、逾期未检验', 'GQ'],
    ['A 正常', 'A'],
    ['E,注销', 'E'],
    ['强制注销', 'M'],
    ['达到报废标准', 'P'],
    ['转出', 'B'],
    ['被盗抢', 'C'],
    ['停驶', 'D'],
    ['海关监管', 'H'],
    ['事故未处理', 'I'],
    ['嫌疑车', 'J'],
    ['查封', 'K'],
    ['暂扣', 'L'],
    ['事故逃逸', 'N'],
    ['锁定', 'O'],
  ])('%s → %s', (text, expected) => {
    expect(parseVehicleStatus(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['X', '未知的状态字母“X”'],
    ['F', '未知的状态字母“F”'],
    ['GX', '未知的状态字母“X”'],
    ['已过户', '无法识别的机动车状态“已过户”'],
    ['注销,未知', '无法识别的机动车状态“未知”'],
    ['A正常', '无法识别的机动车状态“A正常”'],
    ['1', '无法识别的机动车状态“1”'],
    [',;', '没有机动车状态'],
  ])('%s → BAD_ENUM “%s”', (text, detail) => {
    expect(parseVehicleStatus(text)).toMatchObject({ ok: false, code: 'BAD_ENUM', detail });
  });
});
