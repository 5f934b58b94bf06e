/**
 * The input columns of data-contract.md, per kind. Header cells match a column by its Chinese label, an alias or the
 * English key (after trimming half- and full-width spaces). Add aliases freely; never rename a key.
 */

export const kinds = ['applicants', 'bank', 'vehicle', 'realestate', 'income', 'crossprov', 'death'] as const;
export type Kind = (typeof kinds)[number];

/** Value types of data-contract.md. Each has one parser in src/ingest/values/. */
export type ValueType =
  | 'text' // kept exactly after trimming
  | 'idNumber' // 身份证号: normalised and validated (src/identity)
  | 'name' // 姓名: kept as given (trimmed); compared after normalisation
  | 'regionCode' // 6 or 12 digits
  | 'money' // integer 分, non-negative
  | 'signedMoney' // integer 分, negatives allowed (income amount only)
  | 'number' // non-negative decimal with up to 2 decimals, stored ×100 as an integer (area m² → centi-m²)
  | 'integer' // non-negative whole number (count)
  | 'date' // YYYY-MM-DD
  | 'month' // YYYY-MM
  | 'bool' // 是/否; blank = 否
  | 'areaType' // 城市/农村
  | 'program' // 低保, 特困, 低保边缘, 刚性支出, 低保复核
  | 'relation' // 本人 … (户主/申请人 kept; resolved per household)
  | 'excludedReason' // 服刑, 强制隔离戒毒, 宣告失踪, 宗教教职; blank = counted
  | 'disabilityGrade' // 一级…四级
  | 'disabilityType' // 视力/听力/言语/肢体/智力/精神/多重
  | 'vehicleStatus' // letters (GQ) or names mapped to letters
  | 'incomeCategory' // 工资性, 经营净, 财产净, 转移净, 其他, 社保个人缴费
  | 'crossprovResult' // 有, 无, 未反馈
  | 'share' // 1/2, 50%, 50, 0.5, 共同共有; blank = whole
  | 'plateList'; // `;`-separated plates

/** Text columns whose value is a long number: a numeric XLSX cell there has already lost digits (data-contract.md). */
export type NumberLikeText = 'id' | 'account' | 'certificate';

export interface ColumnSpec {
  key: string;
  label: string;
  aliases: readonly string[];
  type: ValueType;
  /** true: blank → MISSING_VALUE. 'conditional': checked by the kind's row rule (e.g. bank flag rows). */
  required: boolean | 'conditional';
  numberLike?: NumberLikeText;
  /** R1: a household-level column; required on 本人's row only, blanks on other members are ignored. */
  householdLevel?: boolean;
  /** A bool whose blank means something other than 否 (R9: a 超限标识 row with over_limit blank is a flag). */
  blankIsDistinct?: boolean;
}

export interface KindSpec {
  kind: Kind;
  label: string;
  /** File-name prefixes that mark this kind in a batch folder (data-contract.md). */
  filePrefixes: readonly string[];
  columns: readonly ColumnSpec[];
}

const col = (
  key: string,
  label: string,
  aliases: readonly string[],
  type: ValueType,
  required: boolean | 'conditional',
  numberLike?: NumberLikeText,
): ColumnSpec => (numberLike ? { key, label, aliases, type, required, numberLike } : { key, label, aliases, type, required });

const household = (c: ColumnSpec): ColumnSpec => ({ ...c, householdLevel: true });
const idCol = (aliases: readonly string[]) => col('id_number', '身份证号', aliases, 'idNumber', true, 'id');
const nameCol = (aliases: readonly string[]) => col('name', '姓名', aliases, 'name', true);

export const kindSpecs: Record<Kind, KindSpec> = {
  applicants: {
    kind: 'applicants',
    label: '申请家庭成员名单',
    filePrefixes: ['applicants', '申请'],
    columns: [
      col('application_id', '申请编号', ['受理编号', '申请号'], 'text', true),
      household(col('region_code', '区划代码', ['行政区划代码'], 'regionCode', true)),
      household(col('area_type', '城乡类别', ['户籍性质'], 'areaType', true)),
      household(col('program', '救助类别', ['申请类别', '申请救助类型'], 'program', true)),
      household(col('application_date', '申请日期', ['受理日期'], 'date', true)),
      nameCol([]),
      idCol(['公民身份号码', '证件号码']),
      col('relation', '与申请人关系', ['与户主关系'], 'relation', true),
      col('authorized', '授权核对', ['已签授权书'], 'bool', true),
      col('excluded_reason', '不计入原因', [], 'excludedReason', false),
      col('disability_grade', '残疾等级', [], 'disabilityGrade', false),
      col('disability_type', '残疾类别', [], 'disabilityType', false),
      col('serious_illness', '重病', ['重特大疾病'], 'bool', false),
      col('employed', '就业', ['是否就业'], 'bool', false),
      col('declared_monthly_income', '申报月收入', [], 'money', false),
      col('rigid_expense_annual', '年刚性支出', ['刚性支出'], 'money', false),
      household(col('current_recipient', '在保', ['现享受低保'], 'bool', false)),
      col('exempt_plates', '豁免号牌', [], 'plateList', false),
    ],
  },
  bank: {
    kind: 'bank',
    label: '银行/金融资产',
    filePrefixes: ['bank', '银行'],
    columns: [
      idCol(['证件号码']),
      nameCol(['户名', '客户名称']),
      col('institution', '机构名称', ['银行', '金融机构'], 'text', 'conditional'),
      col('asset_type', '资产类别', ['账户类型', '产品类型'], 'text', true),
      col('account_no', '账号', ['卡号', '产品代码'], 'text', false, 'account'),
      col('balance', '余额', ['金额', '市值'], 'money', 'conditional'),
      col('as_of', '查询日期', ['截止日期', '基准日'], 'date', true),
      { ...col('over_limit', '是否超限', ['家庭存款是否超限'], 'bool', false), blankIsDistinct: true },
    ],
  },
  vehicle: {
    kind: 'vehicle',
    label: '机动车',
    filePrefixes: ['vehicle', '车辆'],
    columns: [
      idCol(['所有人证件号码']),
      nameCol(['所有人']),
      col('plate', '号牌号码', [], 'text', true),
      col('plate_type', '号牌种类', [], 'text', false),
      col('vehicle_type', '车辆类型', [], 'text', false),
      col('use_nature', '使用性质', [], 'text', false),
      col('status', '机动车状态', [], 'vehicleStatus', true),
      col('first_registered', '初次登记日期', [], 'date', false),
      col('value', '评估价值', ['购置价格'], 'money', false),
    ],
  },
  realestate: {
    kind: 'realestate',
    label: '不动产登记',
    filePrefixes: ['realestate', '不动产', '房产'],
    columns: [
      idCol(['权利人证件号']),
      nameCol(['权利人']),
      col('cert_no', '不动产权证号', ['产权证号', '不动产单元号'], 'text', true, 'certificate'),
      col('location', '坐落', ['房地坐落'], 'text', false),
      col('usage', '规划用途', ['用途'], 'text', true),
      col('area', '建筑面积', ['面积'], 'number', true),
      col('registered', '登记时间', ['登记日期'], 'date', false),
      col('share', '共有份额', [], 'share', false),
      col('status', '权利状态', ['状态'], 'text', false),
    ],
  },
  income: {
    kind: 'income',
    label: '收入',
    filePrefixes: ['income', '收入'],
    columns: [
      idCol([]),
      nameCol([]),
      col('category', '收入类别', [], 'incomeCategory', true),
      col('item', '收入项目', ['项目名称'], 'text', true),
      col('amount', '金额', [], 'signedMoney', true),
      col('period_start', '所属期起', [], 'month', true),
      col('period_end', '所属期止', [], 'month', true),
      col('source', '数据来源', [], 'text', false),
    ],
  },
  crossprov: {
    kind: 'crossprov',
    label: '跨省核对反馈',
    filePrefixes: ['crossprov', '跨省'],
    columns: [
      idCol([]),
      nameCol([]),
      col('province', '反馈省份', [], 'text', true),
      col('item', '核对项目', [], 'text', true),
      col('result', '核对结果', [], 'crossprovResult', true),
      col('amount', '金额', [], 'money', false),
      col('count', '数量', [], 'integer', false),
      col('area', '面积', [], 'number', false),
      col('feedback_date', '反馈日期', [], 'date', false),
    ],
  },
  death: {
    kind: 'death',
    label: '死亡登记',
    filePrefixes: ['death', '死亡'],
    columns: [idCol([]), nameCol([]), col('death_date', '死亡日期', ['注销日期'], 'date', true)],
  },
};

/** Policy packs in a batch folder: `policy*` or `参数*` with .yaml, .yml or .json. */
export const policyFilePrefixes = ['policy', '参数'] as const;
