/**
 * Zod issues → Chinese problems naming the path inside the pack, each with a fix-it hint (style.md “fix-it errors”).
 * The path is written `regions[0].periods[1].dibao.urban`; it goes to PolicyError's `location.column`.
 */
import type { z } from 'zod';
import { closestKey, keyExamples, knownKeysAt } from './keys.js';

export interface PolicyProblem {
  /** Path inside the pack, e.g. `regions[0].periods[1].dibao.urban` ("" for the whole pack). */
  path: string;
  /** The same path as keys and indexes (to find the line in the file). */
  segments: (string | number)[];
  /** Chinese, naming the path. */
  message: string;
  /** Chinese fix-it hint: the edit that resolves the problem. */
  hint: string;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** Where an object is, for “（regions[0].periods[0]）”. */
function where(path: Path): string {
  return path.length === 0 ? '顶层' : formatPath(path);
}

function segmentsOf(path: Path): (string | number)[] {
  return path.map((seg) => (typeof seg === 'number' ? seg : String(seg)));
}

function problemAt(path: Path, message: string, hint: string): PolicyProblem {
  return { path: formatPath(path), segments: segmentsOf(path), message, hint };
}

function lookup(raw: unknown, path: Path): { found: boolean; value: unknown } {
  let v: unknown = raw;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, seg)) return { found: false, value: undefined };
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return { found: true, value: v };
}

function describe(v: unknown): string {
  if (v === null) return '空值';
  if (typeof v === 'string') return `文本“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”`;
  if (typeof v === 'number') return Number.isNaN(v) ? '非数（.nan）' : Number.isFinite(v) ? `数字 ${v}` : '无穷大（.inf）';
  if (typeof v === 'boolean') return `布尔值 ${v}`;
  if (v instanceof Date) return '日期对象';
  if (Array.isArray(v)) return '列表';
  if (typeof v === 'object') return '键值映射';
  return typeof v;
}

const expectedZh: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: 'true 或 false',
  object: '键值映射（如 {urban: 939, rural: 761}）',
  array: '列表（如 [B, E, M, P]）',
};

const dateKeys = new Set(['from', 'to']);

/** R10 status names an author may write instead of letters, for the hint. */
const vehicleStatusNames: Record<string, string> = {
  正常: 'A', 转出: 'B', 被盗抢: 'C', 停驶: 'D', 注销: 'E', 违法未处理: 'G', 海关监管: 'H', 事故未处理: 'I',
  嫌疑车: 'J', 查封: 'K', 暂扣: 'L', 强制注销: 'M', 事故逃逸: 'N', 锁定: 'O', 报废: 'P', 逾期未检验: 'Q',
};

/** The key at `path` is absent from its object (zod reports it as a wrong type or a bad enum value). */
function missingKey(path: Path, raw: unknown): PolicyProblem | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string' || lookup(raw, path).found) return undefined;
  const parentPath = path.slice(0, -1);
  const example = keyExamples[key];
  return problemAt(
    path,
    `缺少必填键 ${key}（${where(parentPath)}）`,
    example ? `在 ${where(parentPath)} 下加上 ${example}` : `在 ${where(parentPath)} 下加上 ${key}`,
  );
}

function wrongType(issue: Extract<Issue, { code: 'invalid_type' }>, raw: unknown): PolicyProblem {
  const path = issue.path;
  const key = path[path.length - 1];
  const missing = missingKey(path, raw);
  if (missing) return missing;
  const { value } = lookup(raw, path);
  const expected = expectedZh[issue.expected] ?? issue.expected;
  if (value === null || value === undefined) {
    return problemAt(path, `${where(path)}：没有填写值`, `请填写${expected}；可以不填的键（如 to）请连同键名整行删除`);
  }
  let hint = `请改为${expected}`;
  if (typeof key === 'string' && dateKeys.has(key)) hint = '日期请写成 YYYY-MM-DD，如 2024-01-01';
  else if (issue.expected === 'string' && typeof value === 'number') hint = `加上引号，按原样书写，如 ${String(key)}: "${String(value)}"`;
  else if (issue.expected === 'number' && typeof value === 'string') hint = '去掉引号和单位，写成数字，如 939、939.5 或 1.5';
  else if (issue.expected === 'boolean' && typeof value === 'string') hint = '写 true（是）或 false（否）';
  else if (issue.expected === 'array' && (typeof value === 'string' || typeof value === 'number')) hint = `写成列表，如 [${String(value)}]`;
  else if (issue.expected === 'object' && key === 'tekun' && typeof value === 'number') {
    hint = `若特困标准按低保标准的倍数计算，请写 tekun_multiplier: ${value}；固定标准写 tekun: {urban: 1221, rural: 990}`;
  }
  return problemAt(path, `${where(path)}：应为${expected}，实际是${describe(value)}`, hint);
}

function badValue(issue: Extract<Issue, { code: 'invalid_value' }>, raw: unknown): PolicyProblem {
  const missing = missingKey(issue.path, raw);
  if (missing) return missing;
  const { value } = lookup(raw, issue.path);
  const allowed = issue.values.map(String);
  const shown = typeof value === 'string' ? value : String(value);
  let hint = `可选：${allowed.join('、')}`;
  const letter = typeof value === 'string' ? vehicleStatusNames[value] : undefined;
  const near = typeof value === 'string' ? closestKey(value, allowed) : undefined;
  if (letter) hint = `机动车状态写字母：“${value}”是 ${letter}`;
  else if (near) hint = `是否应为 ${near}？${hint}`;
  if (issue.path[issue.path.length - 1] === 'income_test') hint += '（lt：p < 标准；le：p ≤ 标准）';
  return problemAt(issue.path, `${where(issue.path)}：取值“${shown}”无效`, hint);
}

function issueProblems(issue: Issue, raw: unknown): PolicyProblem[] {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(issue.path);
      return issue.keys.map((key) => {
        const near = closestKey(key, known);
        return problemAt(
          [...issue.path, key],
          near ? `未知的键 ${key}（${where(issue.path)}）：是否应为 ${near}？` : `未知的键 ${key}（${where(issue.path)}）`,
          near ? `把 ${key} 改为 ${near}` : `删除 ${key}；此处可用的键：${known.join('、')}`,
        );
      });
    }
    case 'invalid_type':
      return [wrongType(issue, raw)];
    case 'invalid_value':
      return [badValue(issue, raw)];
    case 'too_small':
      return [problemAt(issue.path, `${where(issue.path)}：不能为空`, '至少写一项')];
    case 'custom': {
      const params = issue.params as { hint?: string; missing?: boolean } | undefined;
      const hint = params?.hint ?? '';
      // A missing key found by a refinement (one-of groups): same wording as zod's missing keys.
      if (params?.missing) return [problemAt(issue.path, `缺少必填键 ${issue.message}（${where(issue.path.slice(0, -1))}）`, hint)];
      return [problemAt(issue.path, `${where(issue.path)}：${issue.message}`, hint)];
    }
    default:
      return [problemAt(issue.path, `${where(issue.path)}：${issue.message}`, '')];
  }
}

/**
 * All problems, in schema order. A “missing key X” is dropped when an unknown key of the same object is a typo of X:
 * the one fix (rename) resolves both.
 */
export function toProblems(issues: readonly Issue[], raw: unknown): PolicyProblem[] {
  const all = issues.flatMap((i) => issueProblems(i, raw));
  const renamedTo = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(issue.path);
    for (const key of issue.keys) {
      const near = closestKey(key, known);
      if (near) renamedTo.add(formatPath([...issue.path, near]));
    }
  }
  const seen = new Set<string>();
  return all.filter((p) => {
    if (renamedTo.has(p.path) && p.message.startsWith('缺少必填键')) return false;
    const id = `${p.path}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
