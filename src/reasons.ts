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
  AUTH_MISSING: '{member}未签署核对授权书，未开展核对',
  ID_INVALID: '{member}的身份证号无效（{detail}），无法核对',
  NO_MEMBERS: '无计入家庭成员（{detail}）',
  POLICY_NOT_FOUND: '未找到适用的地区标准：{detail}',
  // Adverse
  INCOME_OVER_LINE: '{label} {p} 元，{cmp}{lineName} {line} 元',
  FIN_ASSETS_OVER_LIMIT: '家庭人均金融资产 {f} 元，超过限额 {limit} 元',
  FIN_ASSETS_FLAG: '金融机构反馈{member}的家庭金融资产超限（{where}）',
  VEHICLE_OWNED: '家庭成员名下有机动车：{plates}',
  HOUSING_OVER_LIMIT: '家庭住房 {units} 套、人均建筑面积 {area} 平方米，超过 {max} 套且超过人均 {limit} 平方米',
  NON_RESIDENTIAL_PROPERTY: '家庭成员名下有非住宅类房产：{items}',
  LABOUR_CAPACITY: '申请人{detail}，不属于无劳动能力人员',
  // Review
  SUSPECT_EVIDENCE: '{test}：计入疑似匹配（姓名不一致或信息不全）的不利信息后不通过，需人工复核',
  CROSSPROV_PENDING: '跨省核对尚未反馈：{member}，{province}{item}',
  BUSINESS_REGISTERED: '{member}在{province}有工商登记信息，需入户核实',
  DUPLICATE_MEMBER: '{member}同时出现在本批次其他申请家庭中',
  MEMBER_DECEASED: '计入成员{member}已登记死亡（死亡日期 {date}）',
  // Info
  NAME_MISMATCH: '{member}：{file} 第 {line} 行证件号一致但姓名不一致，按疑似信息处理',
  ID_UPGRADED: '{member}的15位身份证号已升级为18位',
  ID_REGION_UNKNOWN: '{member}的身份证号地址码不在行政区划代码表中（仅提示）',
  DECLARED_INCOME_UNDERSTATED: '{member}核实收入 {verified} 元，高于申报收入 {declared} 元的10%以上',
  GRADUAL_EXIT: '家庭月人均收入 {p} 元，{cmp}低保标准 {line} 元，但有成员就业，给予 {months} 个月渐退期',
  SINGLE_PERSON_SUGGESTED: '建议{member}（{why}）按单人户申请',
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
