import { aliasKey, aliasParser } from './aliasTable.js';
import { fail, ok, type Parsed } from './types.js';

/**
 * The closed vocabularies of the applicants, income and crossprov files (data-contract.md). Aliases are the spellings
 * agencies actually export; the contract allows adding aliases, never dropping a canonical value.
 */

export type AreaType = '城市' | '农村';
export type Program = '低保' | '特困' | '低保边缘' | '刚性支出' | '低保复核';
export type ExcludedReason = '服刑' | '强制隔离戒毒' | '宣告失踪' | '宗教教职';
export type DisabilityGrade = '一级' | '二级' | '三级' | '四级';
export type DisabilityType = '视力' | '听力' | '言语' | '肢体' | '智力' | '精神' | '多重';
export type IncomeCategory = '工资性' | '经营净' | '财产净' | '转移净' | '其他' | '社保个人缴费';
export type CrossprovResult = '有' | '无' | '未反馈';

const unknown = (what: string, hint: string) => () => fail('BAD_ENUM', `不是可识别的${what}`, hint);

const areaTypeHint = '请填写 城市 或 农村';
const parseAreaTypeAlias = aliasParser<AreaType>(
  { 城市: '城市', 城镇: '城市', 非农业户口: '城市', 非农业: '城市', 城镇户口: '城市', 农村: '农村', 农业户口: '农村', 农业: '农村', 农村户口: '农村' },
  unknown('城乡类别', areaTypeHint),
);
/** 居民户口 (since the 2014 户籍 reform) says nothing about 城市/农村, so it gets its own explanation (data-contract.md). */
export function parseAreaType(text: string): Parsed<AreaType> {
  const result = parseAreaTypeAlias(text);
  if (!result.ok && aliasKey(text).startsWith('居民')) {
    return fail('BAD_ENUM', '“居民户口”不区分城市和农村', areaTypeHint);
  }
  return result;
}

export const parseProgram = aliasParser<Program>(
  {
    低保: '低保', 最低生活保障: '低保', 城乡低保: '低保', 城市低保: '低保', 农村低保: '低保',
    特困: '特困', 特困供养: '特困', 特困人员: '特困', 特困人员救助供养: '特困', 特困供养人员: '特困',
    五保: '特困', 五保供养: '特困', // rural 五保 was merged into 特困人员救助供养 in 2014 (《社会救助暂行办法》)
    低保边缘: '低保边缘', 低保边缘家庭: '低保边缘', 低边: '低保边缘',
    刚性支出: '刚性支出', 刚性支出困难: '刚性支出', 刚性支出困难家庭: '刚性支出', 支出型困难: '刚性支出', 支出型困难家庭: '刚性支出',
    低保复核: '低保复核', 低保复查: '低保复核', 复核: '低保复核', 定期复核: '低保复核',
  },
  unknown('救助类别', '请填写 低保、特困、低保边缘、刚性支出 或 低保复核'),
);

/** Free text (本人, 配偶, 子女 …); 户主/申请人 are resolved per household (rules.md R1), not here. */
export function parseRelation(text: string): Parsed<string> {
  return ok(text.normalize('NFKC').trim());
}

/** rules.md R1: only these four exclude a member; any other non-blank value is BAD_ENUM, never read as counted. */
export const parseExcludedReason = aliasParser<ExcludedReason>(
  {
    服刑: '服刑', 服刑人员: '服刑', 在押: '服刑', 在监服刑: '服刑', 监狱服刑: '服刑',
    强制隔离戒毒: '强制隔离戒毒', 强制隔离戒毒人员: '强制隔离戒毒', 强制戒毒: '强制隔离戒毒', 强戒: '强制隔离戒毒',
    宣告失踪: '宣告失踪', 被宣告失踪: '宣告失踪', 宣告失踪人员: '宣告失踪', 失踪: '宣告失踪', 失踪人员: '宣告失踪',
    宗教教职: '宗教教职', 宗教教职人员: '宗教教职',
  },
  unknown('不计入原因', '只有 服刑、强制隔离戒毒、宣告失踪、宗教教职 不计入家庭成员；其他情况请留空'),
);

export const parseDisabilityGrade = aliasParser<DisabilityGrade>(
  {
    一级: '一级', 二级: '二级', 三级: '三级', 四级: '四级',
    一: '一级', 二: '二级', 三: '三级', 四: '四级',
    '1级': '一级', '2级': '二级', '3级': '三级', '4级': '四级',
    1: '一级', 2: '二级', 3: '三级', 4: '四级',
    壹级: '一级', 贰级: '二级', 叁级: '三级', 肆级: '四级',
    壹: '一级', 贰: '二级', 叁: '三级', 肆: '四级',
  },
  unknown('残疾等级', '请填写 一级、二级、三级 或 四级'),
);

export const parseDisabilityType = aliasParser<DisabilityType>(
  {
    视力: '视力', 听力: '听力', 言语: '言语', 肢体: '肢体', 智力: '智力', 精神: '精神', 多重: '多重',
    视力残疾: '视力', 听力残疾: '听力', 言语残疾: '言语', 肢体残疾: '肢体', 智力残疾: '智力', 精神残疾: '精神', 多重残疾: '多重',
    语言: '言语', 语言残疾: '言语', // the pre-2006 name of 言语残疾, still found in old 残疾人证 records
  },
  unknown('残疾类别', '请填写 视力、听力、言语、肢体、智力、精神 或 多重（可带“残疾”二字）'),
);

export const parseIncomeCategory = aliasParser<IncomeCategory>(
  {
    工资性: '工资性', 工资性收入: '工资性',
    经营净: '经营净', 经营净收入: '经营净',
    财产净: '财产净', 财产净收入: '财产净',
    转移净: '转移净', 转移净收入: '转移净',
    其他: '其他', 其他收入: '其他', 其它: '其他', 其它收入: '其他',
    社保个人缴费: '社保个人缴费', 个人缴费: '社保个人缴费', 社保缴费: '社保个人缴费', 社会保险个人缴费: '社保个人缴费',
  },
  unknown('收入类别', '请填写 工资性、经营净、财产净、转移净、其他 或 社保个人缴费'),
);

const crossprovHint = '请填写 有、无 或 未反馈';
const parseCrossprovAlias = aliasParser<CrossprovResult>(
  {
    有: '有', 有记录: '有',
    无: '无', 无记录: '无',
    未反馈: '未反馈', 待反馈: '未反馈', 未返回: '未反馈', 尚未反馈: '未反馈',
  },
  unknown('核对结果', crossprovHint),
);
/**
 * 是/否 are refused rather than read as 有/无: in a feedback column 否 may mean “not yet answered”, and reading that
 * as 无 would clear a household that should wait for the answer (rules.md R14, CROSSPROV_PENDING).
 */
export function parseCrossprovResult(text: string): Parsed<CrossprovResult> {
  const result = parseCrossprovAlias(text);
  if (!result.ok && (text === '是' || text === '否')) {
    return fail('BAD_ENUM', '“是/否”含义不明确（可能指有/无，也可能指是否已反馈）', crossprovHint);
  }
  return result;
}
