/**
 * Hand-made edge-case households for the oracle cross-check: a whole batch folder (CSV, English column keys, UTF-8)
 * with its own policy pack. The fixture generator exercises the common paths; these households aim at the corners of
 * rules.md (each comment says which) so hedui and the oracle are compared where readings can differ.
 *
 * Dates: every application is dated 2024-06-15 unless said otherwise; two (E111/E112) are in 2025, so the batch
 * as-of is 2025-03-01.
 * 菏泽 371702 (pack code "371700", padding stripped): `lt`, 低保 城市 939 / 农村 761, N = 12 (window 2023-06 … 2024-05),
 * A = 24 × 低保, 低保边缘 A = 3 years. 北京 110105 exercises the pack: N = 6, `le`, program overrides (see edgePack).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCharacter } from '../../src/identity/index.js';

/** An 18-digit ID with a correct check character. */
export function id18(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + checkCharacter(first17);
}
/** An 18-digit ID with a wrong check character. */
function badId(region: string, birth: string, seq: string): string {
  const good = id18(region, birth, seq);
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
}

interface Member {
  name: string;
  id: string;
  rel?: string;
  auth?: boolean;
  excl?: string;
  dg?: string;
  dt?: string;
  ill?: boolean;
  emp?: boolean;
  declared?: string;
  rigid?: string;
  exempt?: string;
  /** 2: the row goes to applicants-zz-edge2.csv instead of applicants-zz-edge.csv. */
  file?: 1 | 2;
  /** Household-level values written on this (non-本人) row. */
  hl?: { region?: string; recipient?: boolean };
}
interface Household {
  id: string;
  region?: string;
  area?: '城市' | '农村';
  program?: string;
  date?: string;
  recipient?: boolean;
  /** The whole application must be rejected at import (R1), so it has no result. */
  rejected?: boolean;
  members: Member[];
}

const households: Household[] = [];
const bank: string[][] = [];
const bank2: string[][] = [];
const vehicle: string[][] = [];
const estate: string[][] = [];
const income: string[][] = [];
const cross: string[][] = [];
const death: string[][] = [];

let seq = 900;
/** A fresh valid ID in 371702 (sequence numbers 900–999 per birth date keep clear of generated people). */
function pid(birth = '19790310'): string {
  seq++;
  return id18('371702', birth, String(seq % 1000).padStart(3, '0'));
}
const self = (name: string, extra: Partial<Member> = {}, birth = '19790310'): Member => ({ name, id: pid(birth), rel: '本人', ...extra });
const spouse = (name: string, extra: Partial<Member> = {}, birth = '19800101'): Member => ({ name, id: pid(birth), rel: '配偶', ...extra });
const child = (name: string, extra: Partial<Member> = {}, birth = '20050505'): Member => ({ name, id: pid(birth), rel: '子女', ...extra });
function hh(id: string, members: Member[], extra: Partial<Household> = {}): Member[] {
  households.push({ id: `EDGE-${id}`, members, ...extra });
  return members;
}
/** Full-window monthly wage rows are not needed: one row covering the 12 months of the window. */
function wage(m: Member, fen: number, opts: { name?: string; source?: string; item?: string; category?: string; from?: string; to?: string } = {}): void {
  income.push([m.id, opts.name ?? m.name, opts.category ?? '工资性', opts.item ?? '工资', yuan(fen), opts.from ?? '2023-06', opts.to ?? '2024-05', opts.source ?? '税务']);
}
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

// ---- R3 identity --------------------------------------------------------------------------------------------------
{
  // E01 15-digit ID upgraded (ID_UPGRADED, info); a bank row under the 18-digit form matches.
  const m = hh('01', [self('赵一'), spouse('钱一', { id: '371702800101123' })]);
  bank.push([id18('371702', '19800101', '123'), '钱一', '招商银行', '活期存款', '6222000000000101', '100.00', '2024-06-01', '']);
  void m;
  // E02 a counted member whose ID region prefix is not in GB 2260 (ID_REGION_UNKNOWN, info).
  hh('02', [self('赵二'), spouse('钱二', { id: id18('379999', '19800101', '111') })]);
  // E03 counted spouse with a wrong check character → ID_INVALID (blocked).
  hh('03', [self('赵三'), spouse('钱三', { id: badId('371702', '19800101', '222') })]);
  // E04 an excluded member (服刑) with an invalid ID and big assets: neither blocking nor counted.
  const e04 = hh('04', [self('赵四'), spouse('钱四', { id: badId('371702', '19800101', '333'), excl: '服刑' }), child('孙四', { excl: '宣告失踪' })]);
  bank.push([e04[2]!.id, '孙四', '招商银行', '活期存款', '6222000000000401', '900000.00', '2024-06-01', '']);
  wage(e04[2]!, 50_000_000);
  // E05 a child born after the application date → ID_INVALID.
  hh('05', [self('赵五'), child('孙五', {}, '20240620')]);
  // E06/E07 the same child in two applications → DUPLICATE_MEMBER on both (待复核).
  const dup = child('孙六');
  hh('06', [self('赵六'), dup]);
  hh('07', [self('赵七'), { ...dup, rel: '子女' }]);
  // E49 a blocked (AUTH_MISSING) household sharing a member with E50 → which reasons a blocked household lists.
  const dup2 = child('孙八');
  hh('49', [self('赵八'), spouse('钱八', { auth: false }), dup2]);
  hh('50', [self('赵九'), { ...dup2 }]);
}

// ---- R1 / R2 / policy ---------------------------------------------------------------------------------------------
{
  // E08 everybody excluded → NO_MEMBERS.
  hh('08', [self('李一', { excl: '服刑' }), spouse('周一', { excl: '宗教教职' })]);
  // E09 spouse not authorized → AUTH_MISSING; her name-mismatched bank row must not be read (no NAME_MISMATCH).
  const e09 = hh('09', [self('李二'), spouse('周二', { auth: false })]);
  bank.push([e09[1]!.id, '周贰', '招商银行', '活期存款', '6222000000000901', '100.00', '2024-06-01', '']);
  // E10 region not in the pack → POLICY_NOT_FOUND.
  hh('10', [{ ...self('李三'), id: id18('820101', '19790310', '901') }], { region: '820101' });
  // E11 泸州 (5105) matched but no period on 2023-06-15 (its first starts 2023-07-01): no fallback to 51 四川省.
  hh('11', [{ ...self('李四'), id: id18('510502', '19790310', '902') }], { region: '510502', date: '2023-06-15' });
  // E12 AUTH_MISSING and POLICY_NOT_FOUND together (order of blocking reasons).
  hh('12', [{ ...self('李五'), id: id18('820101', '19790310', '903') }, { ...spouse('周五', { auth: false }), id: id18('820101', '19800101', '904') }], { region: '820101' });
  // E53 户主 read as 本人 (no 本人 row).
  hh('53', [{ ...self('李六'), rel: '户主' }, spouse('周六')]);
}

// ---- R12 特困 -------------------------------------------------------------------------------------------------------
{
  // E13 本人 45, no disability → LABOUR_CAPACITY; the spouse's large wage is irrelevant (n = 1).
  const e13 = hh('13', [self('王一'), spouse('吴一')], { program: '特困' });
  wage(e13[1]!, 50_000_00);
  // E14 本人 turns 60 on the application date (the birthday counts) → passes.
  hh('14', [self('王二', {}, '19640615')], { program: '特困' });
  // E15 本人 59 (60 the next day) → LABOUR_CAPACITY.
  hh('15', [self('王三', {}, '19640616')], { program: '特困' });
  // E16 本人 30 with 精神 三级 → passes; E17 with 肢体 三级 → LABOUR_CAPACITY.
  hh('16', [self('王四', { dt: '精神', dg: '三级' }, '19940101')], { program: '特困' });
  hh('17', [self('王五', { dt: '肢体', dg: '三级' }, '19940101')], { program: '特困' });
  // E18 本人 15 (< 16) passes; E19 本人 exactly 16 fails.
  hh('18', [self('王六', {}, '20090615')], { program: '特困' });
  hh('19', [self('王七', {}, '20080615')], { program: '特困' });
  // E54 特困 with 本人 excluded (服刑).
  hh('54', [self('王八', { excl: '服刑' }, '19500101'), spouse('吴八')], { program: '特困' });
  // E55 特困: a non-本人 member unauthorized and another with an invalid ID (both not counted for 特困).
  hh('55', [self('王九', {}, '19500101'), spouse('吴九', { auth: false }), { ...child('郑九'), id: badId('371702', '20050505', '555') }], { program: '特困' });
}

// ---- R5–R7 income -------------------------------------------------------------------------------------------------
{
  // E20 proration: 1 of 3 months (100001 → 33333.67 → 33334), 1 of 3 months at the window's end, a row after it.
  const e20 = hh('20', [self('陈一'), spouse('林一')]);
  wage(e20[0]!, 100001, { from: '2023-04', to: '2023-06' });
  wage(e20[0]!, 200000, { from: '2024-05', to: '2024-07', source: '社保' });
  wage(e20[0]!, 999999, { from: '2024-06', to: '2024-06' });
  // E21 a negative 经营净 nets within the member; a −100001 row half in the window: −50000.5 rounds to −50000
  // (toward +∞) or −50001 (away from zero), so I = 49998 or 49997 and p = 41.67 or 41.66.
  const e21 = hh('21', [self('陈二')]);
  wage(e21[0]!, 599_998);
  wage(e21[0]!, -500000, { category: '经营净', item: '经营所得', source: '税务' });
  wage(e21[0]!, -100001, { category: '经营净', item: '经营所得', from: '2023-05', to: '2023-06', source: '市场监管' });
  // E22 corroboration: the same 工资 from 税务 (1 200 000, name mismatch) and 社保 (1 000 000, confirmed).
  const e22 = hh('22', [self('陈三')]);
  wage(e22[0]!, 1_200_000, { name: '陈叁', source: '税务' });
  wage(e22[0]!, 1_000_000, { source: '社保' });
  // E23 a suspect 社保个人缴费 deduction: counts on the lower bound only.
  const e23 = hh('23', [self('陈四')]);
  wage(e23[0]!, 1_200_000);
  wage(e23[0]!, 100_000, { name: '陈肆', category: '社保个人缴费', item: '社会保险个人缴费', source: '社保' });
  // E24 employment cost: 10 % of 1 234 565 = 123 456.5 → 123 457.
  const e24 = hh('24', [self('陈五', { emp: true })]);
  wage(e24[0]!, 1_000_000);
  wage(e24[0]!, 234_565, { item: '劳务报酬', source: '银行代发' });
  // E25 declared income: 本人 declared 800 with nothing verified (used = declared); spouse declared 0 with income
  // (flag); child declared 1000 with exactly 1.1 × (no flag); parent declared 1000 with 1 分 more (flag).
  const e25 = hh('25', [self('陈六', { declared: '800.00' }), spouse('林六', { declared: '0' }), child('陈小六', { declared: '1000.00' }), { name: '陈老六', id: pid('19500101'), rel: '父亲', declared: '1000.00' }]);
  wage(e25[1]!, 300_000);
  wage(e25[2]!, 1_320_000);
  wage(e25[3]!, 1_320_001);
  // E26 excluded items (基础养老金, 奖学金) do not count; 养老金 does.
  const e26 = hh('26', [self('陈七'), child('陈小七')]);
  wage(e26[0]!, 9_000_000, { category: '转移净', item: '基础养老金', source: '社保' });
  wage(e26[0]!, 120_000, { category: '转移净', item: '养老金', source: '社保' });
  wage(e26[1]!, 5_000_000, { category: '转移净', item: '奖学金', source: '民政' });
  // E27 cross-province 工资 有 (monthly 1000 → 12 000 as 工资性, employment cost applies).
  const e27 = hh('27', [self('陈八', { emp: true })]);
  cross.push([e27[0]!.id, '陈八', '江苏省', '工资', '有', '1000.00', '', '', '2024-06-01']);
  // E28 cross-province 养老金 有 without amount → suspect; the upper bound fails the income test.
  const e28 = hh('28', [self('陈九')]);
  cross.push([e28[0]!.id, '陈九', '江苏省', '养老金', '有', '', '', '', '2024-06-01']);
  // E29 a name-mismatched income row outside the window: still a hit (NAME_MISMATCH?).
  const e29 = hh('29', [self('陈十')]);
  wage(e29[0]!, 50_000, { name: '陈拾', from: '2022-01', to: '2022-01' });
  // E48 `lt` at equality: 菏泽 农村 761, p = 761 fails.
  const e48b = hh('48b', [self('陈乙')], { area: '农村' });
  wage(e48b[0]!, 913_200);
}

// ---- R9 financial assets ------------------------------------------------------------------------------------------
{
  // E30 a repeated account: the later row (1 000 yuan, institution spelled with a space) replaces the earlier 50 000.
  const e30 = hh('30', [self('黄一')]);
  bank.push([e30[0]!.id, '黄一', '招商银行', '活期存款', '6222000000003001', '50000.00', '2024-03-31', '']);
  bank.push([e30[0]!.id, '黄一', '招商 银行', '活期存款', '6222000000003001', '1000.00', '2024-06-30', '']);
  // E31 same account, same as_of: the later line wins (100 yuan, not 50 000).
  const e31 = hh('31', [self('黄二')]);
  bank.push([e31[0]!.id, '黄二', '建设银行', '定期存款', '6222000000003101', '50000.00', '2024-06-30', '']);
  bank.push([e31[0]!.id, '黄二', '建设银行', '定期存款', '6222000000003101', '100.00', '2024-06-30', '否']);
  // E32 a 超限标识 row with 是否超限 blank and no institution → FIN_ASSETS_FLAG.
  const e32 = hh('32', [self('黄三')]);
  bank.push([e32[0]!.id, '黄三', '', '超限标识', '', '', '2024-06-20', '']);
  // E33 a 超限标识 row with 是否超限 = 否 → no effect.
  const e33 = hh('33', [self('黄四')]);
  bank.push([e33[0]!.id, '黄四', '省级家庭存款核查平台', '超限标识', '', '', '2024-06-20', '否']);
  // E34 over_limit 是 on an account row superseded by a later 否 row of the same account.
  const e34 = hh('34', [self('黄五')]);
  bank.push([e34[0]!.id, '黄五', '工商银行', '活期存款', '6222000000003401', '100.00', '2024-03-31', '是']);
  bank.push([e34[0]!.id, '黄五', '工商银行', '活期存款', '6222000000003401', '100.00', '2024-06-30', '否']);
  // E35 cross-province 存款 有 without amount → suspect (upper bound fails the asset test).
  const e35 = hh('35', [self('黄六')]);
  cross.push([e35[0]!.id, '黄六', '浙江省', '存款', '有', '', '', '', '2024-06-01']);
  // E36 a suspect (name-mismatched) balance over the limit → SUSPECT_EVIDENCE only.
  const e36 = hh('36', [self('黄七')]);
  bank.push([e36[0]!.id, '黄柒', '农业银行', '活期存款', '6222000000003601', '90000.00', '2024-06-30', '']);
  // E37 a confirmed over-limit balance (24 × 939 = 22 536 per capita; 2 members, 45 073 > 45 072).
  const e37 = hh('37', [self('黄八'), spouse('何八')]);
  bank.push([e37[0]!.id, '黄八', '农业银行', '活期存款', '6222000000003701', '45073.00', '2024-06-30', '']);
  const e37b = hh('37b', [self('黄九'), spouse('何九')]);
  bank.push([e37b[0]!.id, '黄九', '农业银行', '活期存款', '6222000000003702', '45072.00', '2024-06-30', '']);
}

// ---- R10 vehicles -------------------------------------------------------------------------------------------------
{
  // E38 本人's car exempt through the spouse's 豁免号牌 cell; a 残疾人专用车 (plate type 02) is exempt too.
  const e38 = hh('38', [self('刘一'), spouse('杨一', { exempt: '鲁R·A1234' })]);
  vehicle.push([e38[0]!.id, '刘一', '鲁RA1234', '02', '小型轿车', 'A', 'A', '2015-01-01', '30000.00']);
  vehicle.push([e38[1]!.id, '杨一', '鲁RB5678', '02', '残疾人专用车', 'A', 'A', '2015-01-01', '3000.00']);
  // E39 status BG (contains inactive B) is not counted; GQ is → VEHICLE_OWNED.
  const e39 = hh('39', [self('刘二')]);
  vehicle.push([e39[0]!.id, '刘二', '鲁RC0001', '02', '小型轿车', 'A', 'BG', '2015-01-01', '']);
  vehicle.push([e39[0]!.id, '刘二', '鲁RC0002', '02', '小型轿车', 'A', 'GQ', '2015-01-01', '']);
  // E40 cross-province 车辆 有 without count → suspect.
  const e40 = hh('40', [self('刘三')]);
  cross.push([e40[0]!.id, '刘三', '河南省', '车辆', '有', '', '', '', '2024-06-01']);
  // E41 a name-mismatched motorcycle (plate type 07): exempt whoever owns it?
  const e41 = hh('41', [self('刘四')]);
  vehicle.push([e41[0]!.id, '刘肆', '鲁RD0001', '07', '普通二轮摩托车', 'A', 'A', '2015-01-01', '']);
  // E42 a name-mismatched 残疾人专用车.
  const e42 = hh('42', [self('刘五')]);
  vehicle.push([e42[0]!.id, '刘伍', '鲁RD0002', '02', '残疾人专用车', 'A', 'A', '2015-01-01', '']);
  // E94 a name-mismatched car whose plate is in the household's 豁免号牌; E95 a name-mismatched motorcycle known only
  // by its vehicle_type (plate type blank).
  const e94 = hh('94', [self('刘七', { exempt: '鲁RD0004' })]);
  vehicle.push([e94[0]!.id, '刘柒', '鲁RD0004', '02', '小型轿车', 'A', 'A', '2015-01-01', '']);
  const e95 = hh('95', [self('刘八')]);
  vehicle.push([e95[0]!.id, '刘捌', '鲁RD0005', '', '轻便二轮摩托车', 'A', 'A', '2015-01-01', '']);
  // E43 a name-mismatched inactive car (status E).
  const e43 = hh('43', [self('刘六')]);
  vehicle.push([e43[0]!.id, '刘陆', '鲁RD0003', '02', '小型轿车', 'A', 'E', '2015-01-01', '']);
}

// ---- R11 housing --------------------------------------------------------------------------------------------------
{
  // E44 a unit co-owned 1/2 + 50 % (counts once, share 1) of 100 m² plus 本人's own 50 m²: U = 2, S = 150 > 80.
  const e44 = hh('44', [self('孙一'), spouse('马一')]);
  estate.push([e44[0]!.id, '孙一', '鲁(2020)菏泽市不动产权第0440001号', '某路1号', '住宅', '100.00', '2020-01-01', '1/2', '现势']);
  estate.push([e44[1]!.id, '马一', '鲁（2020）菏泽市不动产权第0440001号', '某路1号', '住宅', '100.00', '2020-01-01', '50%', '']);
  estate.push([e44[0]!.id, '孙一', '鲁(2021)菏泽市不动产权第0440002号', '某路2号', '成套住宅', '50.00', '2021-01-01', '', '抵押']);
  // E45 the same with S = 80.00 exactly (not over 40 × 2).
  const e45 = hh('45', [self('孙二'), spouse('马二')]);
  estate.push([e45[0]!.id, '孙二', '鲁(2020)菏泽市不动产权第0450001号', '某路3号', '住宅', '60.00', '2020-01-01', '0.5', '']);
  estate.push([e45[1]!.id, '马二', '鲁(2020)菏泽市不动产权第0450001号', '某路3号', '住宅', '60.00', '2020-01-01', '50', '']);
  estate.push([e45[0]!.id, '孙二', '鲁(2021)菏泽市不动产权第0450002号', '某路4号', '城镇住宅用地/住宅', '20.00', '2021-01-01', '共同共有', '']);
  // E46 usage 其他 → non-residential on the upper bound only (SUSPECT_EVIDENCE).
  const e46 = hh('46', [self('孙三')]);
  estate.push([e46[0]!.id, '孙三', '鲁(2019)菏泽市不动产权第0460001号', '某路5号', '其他', '30.00', '2019-01-01', '', '']);
  // E47 usage after the last '/' is 商业服务 → NON_RESIDENTIAL_PROPERTY; a 注销 unit is ignored.
  const e47 = hh('47', [self('孙四')]);
  estate.push([e47[0]!.id, '孙四', '鲁(2019)菏泽市不动产权第0470001号', '某路6号', '城镇住宅用地/商业服务', '30.00', '2019-01-01', '', '']);
  estate.push([e47[0]!.id, '孙四', '鲁(2019)菏泽市不动产权第0470002号', '某路7号', '商业', '30.00', '2019-01-01', '', '注销']);
  // E56 cross-province 房产 有 count 1 without area + a local 30 m² unit (n = 1): U = 2; S unknown → upper fails.
  const e56 = hh('56', [self('孙五')]);
  estate.push([e56[0]!.id, '孙五', '鲁(2019)菏泽市不动产权第0560001号', '某路8号', '住宅', '30.00', '2019-01-01', '', '']);
  cross.push([e56[0]!.id, '孙五', '河北省', '房产', '有', '', '1', '', '2024-06-01']);
  // E57 cross-province 非住宅房产 有 (no count) → NON_RESIDENTIAL_PROPERTY?
  const e57 = hh('57', [self('孙六')]);
  cross.push([e57[0]!.id, '孙六', '河北省', '非住宅房产', '有', '', '', '', '2024-06-01']);
  // E58 one member listed twice on one certificate (1/2 each, different 坐落 text): de-duplicated by (cert, member),
  // so S = 35 + 4 = 39 ≤ 40 with U = 2.
  const e58 = hh('58', [self('孙七')]);
  estate.push([e58[0]!.id, '孙七', '鲁(2018)菏泽市不动产权第0580001号', '某路9号', '住宅', '70.00', '2018-01-01', '1/2', '']);
  estate.push([e58[0]!.id, '孙七', '鲁(2018)菏泽市不动产权第0580001号', '某路9号附', '住宅', '70.00', '2018-01-01', '1/2', '']);
  estate.push([e58[0]!.id, '孙七', '鲁(2018)菏泽市不动产权第0580002号', '某路10号', '住宅', '4.00', '2018-01-01', '', '']);
}

// ---- programs, R13, R14, death, tier -------------------------------------------------------------------------------
{
  // E59 刚性支出: p = 1500 over the edge line 1408.50, p′ = (36 000 − 10 000) / 24 = 1083.33 passes.
  const e59 = hh('59', [self('周一一', { rigid: '10000.00' }), spouse('郑一一')], { program: '刚性支出' });
  wage(e59[0]!, 3_600_000);
  // E60 低保边缘: p = 1000 (between 939 and 1408.50); assets 30 000 (over 24 months, under the 3-year override).
  const e60 = hh('60', [self('周二二')], { program: '低保边缘' });
  wage(e60[0]!, 1_200_000);
  bank.push([e60[0]!.id, '周二二', '中国银行', '定期存款', '6222000000006001', '30000.00', '2024-06-30', '']);
  // E61 低保复核 渐退期 with a pending cross-province item → 待复核 with GRADUAL_EXIT and CROSSPROV_PENDING.
  const e61 = hh('61', [self('周三三', { emp: true })], { program: '低保复核', recipient: true });
  wage(e61[0]!, 1_500_000);
  cross.push([e61[0]!.id, '周三三', '安徽省', '存款', '未反馈', '', '', '', '2024-06-01']);
  // E62 低保 over the line only by income, p passes the edge line: 单人户 candidates (二级 听力; serious illness).
  const e62 = hh('62', [self('周四四'), spouse('郑四四', { dt: '听力', dg: '二级' }), child('周小四', { ill: true }), child('周小五', { dt: '肢体', dg: '三级' })]);
  wage(e62[0]!, 5_000_000);
  // E63 deaths: spouse died 2024-05-01 (MEMBER_DECEASED); child's death after the as-of (2025-08-01); a name-mismatched death row.
  const e63 = hh('63', [self('周五五'), spouse('郑五五'), child('周小六')]);
  death.push([e63[1]!.id, '郑五五', '2024-05-01']);
  death.push([e63[2]!.id, '周小六', '2025-08-01']);
  const e64 = hh('64', [self('周六六'), spouse('郑六六')]);
  death.push([e64[1]!.id, '郑陆陆', '2024-05-01']);
  // E65 cross-province: an older 未反馈 replaced by a later 无 (no pending); 工商 有 (BUSINESS_REGISTERED); a
  // name-mismatched 未反馈 (pending?).
  const e65 = hh('65', [self('周七七'), spouse('郑七七')]);
  cross.push([e65[0]!.id, '周七七', '广东省', '存款', '未反馈', '', '', '', '2024-05-01']);
  cross.push([e65[0]!.id, '周七七', '广东省', '存款', '无', '', '', '', '2024-06-01']);
  cross.push([e65[1]!.id, '郑七七', '广东省', '工商', '有', '', '', '', '2024-06-01']);
  const e66 = hh('66', [self('周八八')]);
  cross.push([e66[0]!.id, '周捌捌', '广东省', '车辆', '未反馈', '', '', '', '2024-06-01']);
  // E67 tier 特困 for a 低保 household: 本人 70, no income, no assets.
  hh('67', [self('周九九', {}, '19540101'), spouse('郑九九', {}, '19560101')]);
  // E68 tier for an ineligible 低保 household whose p passes the edge line → 低保边缘 (and SINGLE_PERSON_SUGGESTED
  // only when someone qualifies: nobody here).
  const e68 = hh('68', [self('周十十'), spouse('郑十十')]);
  wage(e68[0]!, 2_400_000);
}

// ---- more corners ------------------------------------------------------------------------------------------------
{
  // E70 excluded member with a 15-digit ID, a name-mismatched bank row, a pending cross-province item, a death row
  // and no authorization: none of it concerns the household (R1: excluded members' source rows are not read).
  const e70 = hh('70', [self('吕一'), { name: '施一', id: '371702800101124', rel: '配偶', excl: '强制隔离戒毒', auth: false }]);
  const e70id = id18('371702', '19800101', '124');
  bank.push([e70id, '施壹', '招商银行', '活期存款', '6222000000007001', '100.00', '2024-06-01', '']);
  cross.push([e70id, '施一', '江苏省', '存款', '未反馈', '', '', '', '2024-06-01']);
  death.push([e70id, '施一', '2024-01-01']);
  void e70;
  // E92 identity info on members who are not counted: a 特困 spouse with a 15-digit ID, an excluded child whose ID
  // region is unknown.
  hh('92', [self('吕零', {}, '19500101'), { name: '施零', id: '371702800101125', rel: '配偶' }], { program: '特困' });
  hh('93', [self('吕〇'), { ...child('施〇', { excl: '服刑' }), id: id18('379999', '20050505', '126') }]);
  // E96 one application across two applicant files, 本人 in the later file (applicants-zz-edge2.csv): the household is
  // whole and valid (data-contract.md allows several files of a kind; R1 orders members by file name then line).
  hh('96', [
    { ...self('吕甲'), file: 2 },
    { ...child('施甲'), id: id18('379999', '20050505', '127') },
    { name: '施乙', id: '371702050505128', rel: '子女', file: 2 },
  ]);
  // E98 member order across applicant files: 本人 and a child with an unknown ID region late in
  // applicants-zz-edge.csv, a child with a 15-digit ID early in applicants-zz-edge2.csv: file name then line puts
  // ID_REGION_UNKNOWN (member 1) before ID_UPGRADED (member 2).
  hh('98', [
    self('吕丙'),
    { ...child('施丁'), id: id18('379999', '20050505', '129') },
    { name: '施戊', id: '371702050505130', rel: '子女', file: 2 },
  ]);
  // E99 / E100 a row rejected for its own fault (BAD_MONEY) in one applicant file rejects the rows of its application
  // in the other file too (R1: a partial household is never assessed) — whichever file is read first.
  hh('99', [self('吕丁'), { ...child('施己'), declared: '12,34', file: 2 }], { rejected: true });
  hh('100', [{ ...self('吕戊'), file: 2 }, { ...child('施庚'), declared: '12,34' }], { rejected: true });
  // E101–E104 R1 across applicant files: a member in the other file with a different region_code; the same ID twice;
  // two 本人; 在保 是 on a member while 本人 says nothing — each rejects the whole application.
  hh('101', [self('吕己'), { ...spouse('施辛'), file: 2, hl: { region: '371703' } }], { rejected: true });
  const twice = child('施壬');
  hh('102', [self('吕庚'), twice, { ...twice, file: 2 }], { rejected: true });
  hh('103', [self('吕辛'), { ...self('施癸'), file: 2 }], { rejected: true });
  hh('104', [self('吕壬'), { ...spouse('施子'), file: 2, hl: { recipient: true } }], { rejected: true });
  // E105 a name-mismatched 经营净 loss lowers income on the lower bound only (favourable evidence, like a deduction).
  const e105 = hh('105', [self('曹一')]);
  wage(e105[0]!, 1_200_000);
  wage(e105[0]!, -240_000, { name: '曹壹', category: '经营净', item: '经营所得' });
  // E106 R4: the latest row of an account is chosen among all rows first, then classified: a confirmed 90 000 is
  // replaced by a later suspect 100 (lower F = 0, upper F = 100).
  const e106 = hh('106', [self('曹二')]);
  bank.push([e106[0]!.id, '曹二', '农业银行', '活期存款', '6222000000010601', '90000.00', '2024-03-31', '']);
  bank.push([e106[0]!.id, '曹贰', '农业银行', '活期存款', '6222000000010601', '100.00', '2024-06-30', '']);
  // E107 the same for a cross-province item: a confirmed 有 90 000 replaced by a later suspect 无.
  const e107 = hh('107', [self('曹三')]);
  cross.push([e107[0]!.id, '曹三', '上海市', '存款', '有', '90000.00', '', '', '2024-05-01']);
  cross.push([e107[0]!.id, '曹叁', '上海市', '存款', '无', '', '', '', '2024-06-01']);
  // E108 本人's own ID invalid.
  hh('108', [{ ...self('曹四'), id: badId('371702', '19790310', '777') }, spouse('孔四')]);
  // E109 blocked by a counted member's invalid ID while 本人 has a death row and a pending item: are they listed?
  const e109 = hh('109', [self('曹五'), { ...spouse('孔五'), id: badId('371702', '19800101', '778') }]);
  death.push([e109[0]!.id, '曹五', '2024-06-01']);
  cross.push([e109[0]!.id, '曹五', '上海市', '证券', '未反馈', '', '', '', '2024-06-01']);
  // E110 POLICY_NOT_FOUND with a death row, 工商 有 and a name-mismatched bank row.
  const e110 = hh('110', [{ ...self('曹六'), id: id18('820101', '19790310', '907') }], { region: '820101' });
  death.push([e110[0]!.id, '曹六', '2024-06-01']);
  cross.push([e110[0]!.id, '曹六', '上海市', '工商', '有', '', '', '', '2024-06-01']);
  bank.push([e110[0]!.id, '曹陆', '农业银行', '活期存款', '6222000000011001', '1.00', '2024-06-30', '']);
  // E111 / E112 a 29 February birthday falls on 1 March in common years: 天津 tekun_minor_age 17; born 2008-02-29,
  // 本人 is 16 on 2025-02-28 (passes) and 17 on 2025-03-01 (LABOUR_CAPACITY).
  hh('111', [{ ...self('曹七'), id: id18('120101', '20080229', '908') }], { region: '120101', program: '特困', date: '2025-02-28' });
  hh('112', [{ ...self('曹八'), id: id18('120101', '20080229', '909') }], { region: '120101', program: '特困', date: '2025-03-01' });
  // E113 two rows of one income key (category, item, period) from the same source with different amounts: R6 makes
  // rows "from different sources" one income; two rows of one source are two incomes (800 000, not 500 000)?
  const e113 = hh('113', [self('曹九')]);
  wage(e113[0]!, 500_000, { source: '税务' });
  wage(e113[0]!, 300_000, { source: '税务' });
  // E114 corroborated deductions: 社保 and 税务 report the same 社保个人缴费; the largest counts (once).
  const e114 = hh('114', [self('曹十')]);
  wage(e114[0]!, 1_200_000, { source: '税务' });
  wage(e114[0]!, 100_000, { category: '社保个人缴费', item: '社会保险个人缴费', source: '社保' });
  wage(e114[0]!, 90_000, { category: '社保个人缴费', item: '社会保险个人缴费', source: '税务' });
  // E115 a January application: the window is the previous calendar year (天津 N = 12, le, 城市 1020); a row of
  // 2022-01 … 2025-12 (48 months) counts 12/48 = 12 000; a row of the application month does not count; with 240 of
  // 劳务报酬, I = 12 240 and p = 1020 = the line (passes under le, benefit 0).
  const e115 = hh('115', [{ ...self('邹一'), id: id18('120101', '19790310', '910') }], { region: '120101', date: '2025-01-10' });
  wage(e115[0]!, 4_800_000, { from: '2022-01', to: '2025-12' });
  wage(e115[0]!, 999_999, { from: '2025-01', to: '2025-01' });
  wage(e115[0]!, 24_000, { from: '2024-01', to: '2024-12', source: '社保', item: '劳务报酬' });
  // E116 特困 with the default disability table (菏泽 has none): 多重 一级 is not listed → LABOUR_CAPACITY.
  hh('116', [self('邹二', { dt: '多重', dg: '一级' }, '19840101')], { program: '特困' });
  // E117 特困: a non-本人 member's death and pending item do not concern 本人's assessment.
  const e117 = hh('117', [self('邹三', {}, '19500101'), spouse('邹四')], { program: '特困' });
  death.push([e117[1]!.id, '邹四', '2024-05-01']);
  cross.push([e117[1]!.id, '邹四', '上海市', '证券', '未反馈', '', '', '', '2024-06-01']);
  // E118 a name-mismatched cross-province 非住宅房产 有 → fails only on the upper bound.
  const e118 = hh('118', [self('邹五')]);
  cross.push([e118[0]!.id, '邹伍', '河北省', '非住宅房产', '有', '', '1', '20.00', '2024-06-01']);
  // E119 a unit half-owned by an excluded member: only 本人's half counts (n = 1, S = 20 + 15 = 35 ≤ 40, U = 2).
  const e119 = hh('119', [self('邹六'), spouse('邹七', { excl: '宗教教职' })]);
  estate.push([e119[0]!.id, '邹六', '鲁(2016)菏泽市不动产权第1190001号', '', '住宅', '40.00', '', '1/2', '']);
  estate.push([e119[1]!.id, '邹七', '鲁(2016)菏泽市不动产权第1190001号', '', '住宅', '40.00', '', '1/2', '']);
  estate.push([e119[0]!.id, '邹六', '鲁(2016)菏泽市不动产权第1190002号', '', '住宅', '15.00', '', '', '']);
  // E97 R14 order by member: 本人's 工商 有 on a later line than the spouse's 未反馈.
  const e97 = hh('97', [self('吕乙'), spouse('施丙')]);
  cross.push([e97[1]!.id, '施丙', '福建省', '证券', '未反馈', '', '', '', '2024-06-01']);
  cross.push([e97[0]!.id, '吕乙', '福建省', '工商', '有', '', '', '', '2024-06-01']);
  // E71 p exactly x.5 分: I = 100 002 → 8333.5 → 8334 (83.34).
  const e71 = hh('71', [self('吕二')]);
  wage(e71[0]!, 100_002);
  // E72 f exactly A + 0.5 分 (n = 2, F = 45 072.01): rounded f = 22 536.01 > 22 536 → FIN_ASSETS_OVER_LIMIT.
  const e72 = hh('72', [self('吕三'), spouse('施三')]);
  bank.push([e72[0]!.id, '吕三', '农业银行', '活期存款', '6222000000007201', '45072.01', '2024-06-30', '']);
  // E73 verified income is floored at 0 per member: 本人 −1 000 (经营净), spouse +5 000 → I = 5 000.
  const e73 = hh('73', [self('吕四'), spouse('施四')]);
  wage(e73[0]!, -100_000, { category: '经营净', item: '经营所得' });
  wage(e73[1]!, 500_000);
  // E74 deductions larger than income floor at 0 too.
  const e74 = hh('74', [self('吕五')]);
  wage(e74[0]!, 10_000);
  wage(e74[0]!, 50_000, { category: '社保个人缴费', item: '社会保险个人缴费', source: '社保' });
  // E75 tier 特困 for an ineligible 低保 household: 本人 70 alone passes the 特困 tests, the spouse earns a lot.
  const e75 = hh('75', [self('吕六', {}, '19540101'), spouse('施六')]);
  wage(e75[1]!, 5_000_000);
  // E76 cross-province tie: same feedback_date, 未反馈 on an earlier line, 无 on a later one → not pending.
  const e76 = hh('76', [self('吕七')]);
  cross.push([e76[0]!.id, '吕七', '湖南省', '车辆', '未反馈', '', '', '', '2024-06-01']);
  cross.push([e76[0]!.id, '吕七', '湖南省', '车辆', '无', '', '', '', '2024-06-01']);
  // E77 a dated 未反馈 and an undated 无 for the same item: which one is "latest"?
  const e77 = hh('77', [self('吕八')]);
  cross.push([e77[0]!.id, '吕八', '湖北省', '房产', '未反馈', '', '', '', '2024-06-01']);
  cross.push([e77[0]!.id, '吕八', '湖北省', '房产', '无', '', '', '', '']);
  // E78 same account and as_of in two files: the later file in code-point order (bank-zz-edge2.csv) wins (100 元).
  const e78 = hh('78', [self('吕九')]);
  bank.push([e78[0]!.id, '吕九', '交通银行', '活期存款', '6222000000007801', '90000.00', '2024-06-30', '']);
  bank2.push([e78[0]!.id, '吕九', '交通银行', '活期存款', '6222000000007801', '100.00', '2024-06-30', '']);
  // E79 two blank-account rows at one institution are two accounts: 12 000 + 12 000 > 22 536.
  const e79 = hh('79', [self('吕十')]);
  bank.push([e79[0]!.id, '吕十', '邮储银行', '理财', '', '12000.00', '2024-06-30', '']);
  bank.push([e79[0]!.id, '吕十', '邮储银行', '理财', '', '12000.00', '2024-06-29', '']);
  // E80 a suspect over-limit flag and a suspect over-limit balance: both R9 tests fail only on the upper bound.
  const e80 = hh('80', [self('许一')]);
  bank.push([e80[0]!.id, '许壹', '', '超限标识', '', '', '2024-06-20', '是']);
  bank.push([e80[0]!.id, '许壹', '农业银行', '活期存款', '6222000000008001', '90000.00', '2024-06-30', '']);
  // E81 suspect evidence in two tests (R9 balance, R10 car) of a household that already fails income (不符合).
  const e81 = hh('81', [self('许二')]);
  wage(e81[0]!, 2_000_000);
  bank.push([e81[0]!.id, '许贰', '农业银行', '活期存款', '6222000000008101', '90000.00', '2024-06-30', '']);
  vehicle.push([e81[0]!.id, '许贰', '鲁RE0001', '02', '小型轿车', 'A', 'A', '2015-01-01', '']);
  // E82 reason order across members and files: spouse's mismatches in bank and income, 本人's in income.
  const e82 = hh('82', [self('许三'), spouse('钟三')]);
  wage(e82[1]!, 1_000, { name: '钟叁', source: '社保' });
  bank.push([e82[1]!.id, '钟叁', '农业银行', '活期存款', '6222000000008201', '1.00', '2024-06-30', '']);
  wage(e82[0]!, 1_000, { name: '许叁', source: '社保' });
  // E83 低保复核 with current_recipient but nobody employed → no 渐退期 (INCOME_OVER_LINE).
  const e83 = hh('83', [self('许四')], { program: '低保复核', recipient: true });
  wage(e83[0]!, 1_500_000);
  // E84 低保复核 渐退期 blocked by a suspect asset (fails only on the upper bound) → no 渐退期.
  const e84 = hh('84', [self('许五', { emp: true })], { program: '低保复核', recipient: true });
  wage(e84[0]!, 1_500_000);
  bank.push([e84[0]!.id, '许伍', '农业银行', '活期存款', '6222000000008401', '90000.00', '2024-06-30', '']);
  // E85 housing co-owned inside the household with shares 1/2 + whole (capped at 1), one owner suspect; and a unit
  // half-owned with an outsider. n = 2: U = 2; lower S = 100 × 1/2 + 90 × 1/2 = 95 > 80; upper 100 + 45 = 145.
  const e85 = hh('85', [self('许六'), spouse('钟六')]);
  estate.push([e85[0]!.id, '许六', '鲁(2017)菏泽市不动产权第0850001号', '', '住宅', '100.00', '', '1/2', '查封']);
  estate.push([e85[1]!.id, '钟陆', '鲁(2017)菏泽市不动产权第0850001号', '', '住宅', '100.00', '', '', '']);
  estate.push([e85[1]!.id, '钟六', '鲁(2017)菏泽市不动产权第0850002号', '', '住宅', '90.00', '', '1/2', '']);
  // E86 the same with a smaller second unit: lower S = 50 + 25 = 75 ≤ 80, upper S = 100 + 25 = 125 → SUSPECT.
  const e86 = hh('86', [self('许七'), spouse('钟七')]);
  estate.push([e86[0]!.id, '许七', '鲁(2017)菏泽市不动产权第0860001号', '', '住宅', '100.00', '', '1/2', '']);
  estate.push([e86[1]!.id, '钟柒', '鲁(2017)菏泽市不动产权第0860001号', '', '住宅', '100.00', '', '', '']);
  estate.push([e86[1]!.id, '钟七', '鲁(2017)菏泽市不动产权第0860002号', '', '住宅', '50.00', '', '1/2', '']);
  // E87 a suspect wage: the employment cost follows the wage counted on each bound (lower: 600 000 confirmed only).
  const e87 = hh('87', [self('许八', { emp: true })]);
  wage(e87[0]!, 600_000, { source: '社保' });
  wage(e87[0]!, 700_000, { name: '许捌', item: '劳务报酬', source: '税务' });
  // E88 本人 deceased; 特困 with 本人 unauthorized.
  const e88 = hh('88', [self('许九'), spouse('钟九')]);
  death.push([e88[0]!.id, '许九', '2024-06-01']);
  hh('89', [self('许十', { auth: false }, '19500101')], { program: '特困' });
  // E90 a member with two disability-free rows of 重病 and 一级: SINGLE_PERSON_SUGGESTED on a 低保复核.
  const e90 = hh('90', [self('严一', { dt: '智力', dg: '三级' }), spouse('严二', { dt: '视力', dg: '一级', ill: true })], { program: '低保复核' });
  wage(e90[0]!, 2_400_000);
  // E91 a 低保 household over the line whose p fails the edge line too: no 单人户 suggestion; tier none.
  const e91 = hh('91', [self('严三', { ill: true })]);
  wage(e91[0]!, 2_000_000);
}

// ---- 北京 110105: pack-driven values and program overrides (edgePack) -------------------------------------------------
{
  const bj = (name: string, birth = '19790310'): Member => ({ name, id: id18('110105', birth, String(++seq % 1000).padStart(3, '0')), rel: '本人' });
  const at = { region: '110105', area: '农村' as const };
  // B1 低保 overrides dibao.rural 800 and income_test lt; N = 6 (window 2023-12 … 2024-05): a 12-month row of 960 000
  // counts 6/12 = 480 000, p = 800 = line → fails under lt. Tier: 低保边缘 (1.3 × 720 = 936, le; A = 2 × 12 × 720).
  const b1 = hh('B1', [bj('甲一')], at);
  wage(b1[0]!, 960_000);
  // B2 低保复核 = period + 低保 overrides + its own employment_cost_rate 0.2: wage 590 000 − 118 000 → p = 786.67 passes.
  const b2 = hh('B2', [{ ...bj('甲二'), emp: true }], { ...at, program: '低保复核' });
  wage(b2[0]!, 590_000, { from: '2023-12', to: '2024-05' });
  // B3 特困: tekun_minor_age 18 (本人 17 passes); A = 36 × 720 = 25 920 (特困 override) with 25 000 in the bank.
  const b3 = hh('B3', [bj('甲三', '20070101')], { ...at, program: '特困' });
  bank.push([b3[0]!.id, '甲三', '中国银行', '活期存款', '6222000000100301', '25000.00', '2024-06-01', '']);
  // B4 the period's own tekun_disabilities {肢体: 一–三级} replaces the default: 肢体 三级 passes, 精神 一级 fails.
  hh('B4', [{ ...bj('甲四', '19840101'), dt: '肢体', dg: '三级' }], { ...at, program: '特困' });
  hh('B4b', [{ ...bj('甲五', '19840101'), dt: '精神', dg: '一级' }], { ...at, program: '特困' });
  // B5 低保边缘: edge 1.3 × 720 = 936 with le; p = 936 passes; assets 17 280 = 2 × 12 × 720 pass.
  const b5 = hh('B5', [bj('甲六')], { ...at, program: '低保边缘' });
  wage(b5[0]!, 561_600, { from: '2023-12', to: '2024-05' });
  bank.push([b5[0]!.id, '甲六', '中国银行', '活期存款', '6222000000100501', '17280.00', '2024-06-01', '']);
  // B6 刚性支出: N = 3 (window 2024-03 … 2024-05), line 1.5 × 720 = 1080 (le); I = 424 000, E = 4000 × 3 / 12 = 1000 元,
  // p′ = 1080 passes. Tier 低保 uses 低保's N = 6: p = 706.67 < 800 → 低保.
  const b6 = hh('B6', [{ ...bj('甲七'), rigid: '4000.00' }], { ...at, program: '刚性支出' });
  wage(b6[0]!, 424_000, { from: '2024-03', to: '2024-05' });
  // B7 exempt_motorcycles false: a motorcycle counts; status Q is inactive here.
  const b7 = hh('B7', [bj('甲八')], at);
  vehicle.push([b7[0]!.id, '甲八', '京A00001', '07', '普通二轮摩托车', 'A', 'A', '2015-01-01', '']);
  vehicle.push([b7[0]!.id, '甲八', '京A00002', '02', '小型轿车', 'A', 'Q', '2015-01-01', '']);
  // B8 housing: max 2 units, 35.5 m² per capita, non-residential allowed: n = 2, 3 units, S = 71.01 > 71 fails;
  // B8b S = 71.00 passes; a 商业 unit is no reason.
  for (const [code, last] of [['B8', '11.01'], ['B8b', '11.00']] as const) {
    const h = hh(code, [bj(`乙${code}`), { ...bj(`丙${code}`, '19800101'), rel: '配偶' }], at);
    estate.push([h[0]!.id, `乙${code}`, `京(2020)朝阳区不动产权第${code}1号`, '', '住宅', '30.00', '', '', '']);
    estate.push([h[0]!.id, `乙${code}`, `京(2020)朝阳区不动产权第${code}2号`, '', '住宅', '30.00', '', '', '']);
    estate.push([h[1]!.id, `丙${code}`, `京(2020)朝阳区不动产权第${code}3号`, '', '住宅', last, '', '', '']);
    estate.push([h[1]!.id, `丙${code}`, `京(2020)朝阳区不动产权第${code}4号`, '', '商业', '500.00', '', '', '']);
  }
  // B9 a 12-digit region code.
  hh('B9', [{ ...self('甲九'), id: pid() }], { region: '371702100200' });
  // B10 泸州 on 2024-06-15 (first period, tekun_multiplier): 特困 本人 70 passes.
  hh('B10', [{ ...self('甲十'), id: id18('510502', '19540101', '906') }], { region: '510502', program: '特困' });
}

/** The edge batch's policy pack (YAML). */
export const edgePack = `id: oracle-edge
version: "1"
regions:
  - code: "371700"
    name: 山东省菏泽市
    periods:
      - from: 2024-01-01
        citation: 菏泽日报 2024-12-17《菏泽：社会救助兜牢民生底线》
        dibao: {urban: 939, rural: 761}
        tekun: {urban: 1221, rural: 990}
        edge_multiplier: 1.5
        income_months: 12
        income_test: lt
        employment_cost_rate: 0.10
        excluded_income_items: [优抚金, 计划生育奖励扶助金, 奖学金, 见义勇为奖励, 社会救助金, 基础养老金]
        financial_assets: {per_capita_months_of_dibao: 24}
        vehicles: {exempt_motorcycles: true, inactive_status: [B, E, M, P]}
        housing: {max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: true}
        gradual_exit_months: 6
        tekun_minor_age: 16
        programs:
          低保边缘: {financial_assets: {per_capita_years_of_dibao: 3}}
  - code: "5105"
    name: 四川省泸州市
    periods:
      - from: 2023-07-01
        to: 2024-06-30
        citation: 测试用虚构标准
        dibao: {urban: 750, rural: 550}
        tekun_multiplier: 1.3
        edge_multiplier: 1.5
        income_months: 12
        income_test: lt
        employment_cost_rate: 0.1
        excluded_income_items: [基础养老金]
        financial_assets: {per_capita_years_of_dibao: 2}
        vehicles: {exempt_motorcycles: true, inactive_status: [B, E, M, P]}
        housing: {max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: true}
        gradual_exit_months: 6
        tekun_minor_age: 16
  - code: "51"
    name: 四川省
    periods:
      - from: 2020-01-01
        citation: 测试用虚构标准（不得用于 5105）
        dibao: {urban: 700, rural: 500}
        tekun_multiplier: 1.3
        edge_multiplier: 1.5
        income_months: 12
        income_test: lt
        employment_cost_rate: 0.1
        excluded_income_items: [基础养老金]
        financial_assets: {per_capita_years_of_dibao: 2}
        vehicles: {exempt_motorcycles: true, inactive_status: [B, E, M, P]}
        housing: {max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: true}
        gradual_exit_months: 6
        tekun_minor_age: 16
  - code: "12"
    name: 天津市
    periods:
      - from: 2023-06-01
        citation: 测试用虚构标准
        dibao: {urban: 1020, rural: 760}
        tekun_multiplier: 1.3
        edge_multiplier: 1.5
        income_months: 12
        income_test: le
        employment_cost_rate: 0.1
        excluded_income_items: [基础养老金]
        financial_assets: {per_capita_yuan: 20000}
        vehicles: {exempt_motorcycles: true, inactive_status: [B, E, M, P]}
        housing: {max_residential_units: 1, area_per_capita_limit: 40, non_residential_disqualifies: true}
        gradual_exit_months: 6
        tekun_minor_age: 17
  - code: "11"
    name: 北京市
    periods:
      - from: 2023-06-01
        citation: 测试用虚构标准
        dibao: {urban: 1395, rural: 720}
        tekun_multiplier: 1.3
        edge_multiplier: 1.5
        income_months: 6
        income_test: le
        employment_cost_rate: 0.15
        excluded_income_items: [基础养老金]
        financial_assets: {per_capita_yuan: 20000}
        vehicles: {exempt_motorcycles: false, inactive_status: [B, E, M, P, Q]}
        housing: {max_residential_units: 2, area_per_capita_limit: 35.5, non_residential_disqualifies: false}
        gradual_exit_months: 6
        tekun_minor_age: 18
        tekun_disabilities: {肢体: [一级, 二级, 三级]}
        programs:
          低保: {dibao: {rural: 800}, income_test: lt}
          低保复核: {employment_cost_rate: 0.2}
          特困: {financial_assets: {per_capita_months_of_dibao: 36}}
          低保边缘: {edge_multiplier: 1.3, financial_assets: {per_capita_years_of_dibao: 2}}
          刚性支出: {income_months: 3}
`;

const headers = {
  applicants: ['application_id', 'region_code', 'area_type', 'program', 'application_date', 'name', 'id_number', 'relation', 'authorized',
    'excluded_reason', 'disability_grade', 'disability_type', 'serious_illness', 'employed', 'declared_monthly_income',
    'rigid_expense_annual', 'current_recipient', 'exempt_plates'],
  bank: ['id_number', 'name', 'institution', 'asset_type', 'account_no', 'balance', 'as_of', 'over_limit'],
  vehicle: ['id_number', 'name', 'plate', 'plate_type', 'vehicle_type', 'use_nature', 'status', 'first_registered', 'value'],
  realestate: ['id_number', 'name', 'cert_no', 'location', 'usage', 'area', 'registered', 'share', 'status'],
  income: ['id_number', 'name', 'category', 'item', 'amount', 'period_start', 'period_end', 'source'],
  crossprov: ['id_number', 'name', 'province', 'item', 'result', 'amount', 'count', 'area', 'feedback_date'],
  death: ['id_number', 'name', 'death_date'],
};

function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/**
 * Writes the edge-case batch (its pack and CSV files) into an empty folder; returns how many applications it holds
 * and how many of them must be rejected whole at import.
 */
export function writeEdgeCases(dir: string): { applications: number; rejected: number } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'policy-edge.yaml'), edgePack, 'utf8');
  const applicantRows: string[][] = [];
  const applicantRows2: string[][] = [];
  for (const h of households) {
    for (const m of h.members) {
      const rows = m.file === 2 ? applicantRows2 : applicantRows;
      const isSelf = m.rel === '本人' || m.rel === '户主';
      const hl = (v: string) => (isSelf ? v : '');
      rows.push([
        h.id, m.hl?.region ?? hl(h.region ?? '371702'), hl(h.area ?? '城市'), hl(h.program ?? '低保'), hl(h.date ?? '2024-06-15'),
        m.name, m.id, m.rel ?? '子女', m.auth === false ? '否' : '是', m.excl ?? '', m.dg ?? '', m.dt ?? '', m.ill ? '是' : '',
        m.emp ? '是' : '', m.declared ?? '', m.rigid ?? '', m.hl?.recipient ? '是' : hl(h.recipient ? '是' : ''), m.exempt ?? '',
      ]);
    }
  }
  const write = (name: string, header: string[], rows: string[][]) => writeFileSync(join(dir, name), csv([header, ...rows]), 'utf8');
  write('applicants-zz-edge.csv', headers.applicants, applicantRows);
  write('applicants-zz-edge2.csv', headers.applicants, applicantRows2);
  write('bank-zz-edge.csv', headers.bank, bank);
  write('bank-zz-edge2.csv', headers.bank, bank2);
  write('vehicle-zz-edge.csv', headers.vehicle, vehicle);
  write('realestate-zz-edge.csv', headers.realestate, estate);
  write('income-zz-edge.csv', headers.income, income);
  write('crossprov-zz-edge.csv', headers.crossprov, cross);
  write('death-zz-edge.csv', headers.death, death);
  return { applications: households.length, rejected: households.filter((h) => h.rejected).length };
}
