/**
 * Every reason code of rules.md with its one Chinese message template. Reports and the workbook show the Chinese
 * text; JSON carries both. Templates use {name} placeholders filled by `reasonMessage`.
 */

export const importReasons = {
  FILE_REFUSED: '文件无法使用：{detail}',
  HOUSEHOLD_INCONSISTENT: '家庭信息不一致：{detail}',
  ID_INVALID: '身份证号无效：{detail}',
  MISSING_VALUE: '必填项“{column}”为空',
  BAD_MONEY: '“{column}”的金额“{value}”无法识别：{detail}',
  BAD_NUMBER: '“{column}”的数值“{value}”无法识别：{detail}',
  BAD_DATE: '“{column}”的日期“{value}”无法识别：{detail}',
  BAD_MONTH: '“{column}”的月份“{value}”无法识别：{detail}',
  BAD_ENUM: '“{column}”的取值“{value}”不在允许范围内：{detail}',
  DUPLICATE_ROW: '与{detail}完全相同的重复行',
  ENCODING: '字符编码错误：{detail}',
  RAGGED_ROW: '本行有 {actual} 列，表头有 {expected} 列：{detail}',
  TEXT_AS_NUMBER: '“{column}”是数字格式的单元格（{value}），长号码的数字已丢失',
  CELL_TOO_LONG: '“{column}”的内容过长（{length} 个字符，上限 {limit}）',
} as const;

export const householdReasons = {
  // Blocking (R15 step 1)
  AUTH_MISSING: '成员未签署核对授权书，未开展核对',
  ID_INVALID: '成员身份证号无效，无法核对',
  NO_MEMBERS: '无计入家庭成员',
  POLICY_NOT_FOUND: '未找到适用的地区标准（区划代码或申请日期不在参数包范围内）',
  // Adverse
  INCOME_OVER_LINE: '家庭月人均收入高于标准',
  FIN_ASSETS_OVER_LIMIT: '家庭人均金融资产超过限额',
  FIN_ASSETS_FLAG: '金融机构反馈家庭金融资产超限',
  VEHICLE_OWNED: '家庭成员名下有机动车',
  HOUSING_OVER_LIMIT: '家庭住房超过规定套数和面积',
  NON_RESIDENTIAL_PROPERTY: '家庭成员名下有非住宅类房产',
  LABOUR_CAPACITY: '申请人不属于无劳动能力人员',
  // Review
  SUSPECT_EVIDENCE: '存在疑似匹配（姓名不一致或信息不全）的不利信息，需人工复核',
  CROSSPROV_PENDING: '跨省核对尚未反馈',
  BUSINESS_REGISTERED: '家庭成员有工商登记信息，需入户核实',
  DUPLICATE_MEMBER: '同一成员出现在多个申请家庭中',
  MEMBER_DECEASED: '计入成员已登记死亡',
  // Info
  NAME_MISMATCH: '证件号一致但姓名不一致（疑似）',
  ID_UPGRADED: '15位身份证号已升级为18位',
  ID_REGION_UNKNOWN: '身份证号地址码不在行政区划代码表中（仅提示）',
  DECLARED_INCOME_UNDERSTATED: '核实收入高于申报收入10%以上',
  GRADUAL_EXIT: '家庭收入超标但有成员就业，给予渐退期',
  SINGLE_PERSON_SUGGESTED: '建议重病重残成员单人户申请',
} as const;

export const runEvents = {
  POLICY_STALE: '参数包中最新标准已超过18个月，请确认是否有新标准',
} as const;

export type ImportReasonCode = keyof typeof importReasons;
export type HouseholdReasonCode = keyof typeof householdReasons;

/** Fill a template's {placeholders}; unknown placeholders are left visible so a missing value is noticed in review. */
export function fillTemplate(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = values[key];
    return v === undefined ? whole : String(v);
  });
}

export function importMessage(code: ImportReasonCode, values: Record<string, string | number | undefined>): string {
  return fillTemplate(importReasons[code], values);
}
