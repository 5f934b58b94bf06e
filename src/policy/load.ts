/**
 * Reading the one policy pack of a run (rules.md “Policy pack”; data-contract.md `policy` kind). The only I/O of
 * src/policy: `loadPolicyFile` reads the file, `findPolicyFile` lists the input folder. Everything else is pure.
 *
 * YAML is read with the YAML 1.2 core schema, forced even under a `%YAML 1.1` directive, so unquoted dates
 * (`from: 2024-01-01`) stay strings exactly like quoted ones (the 1.1 schema would make them Date objects at UTC
 * midnight) and `yes`/`no` stay text. Duplicate keys are refused (YAML and JSON alike: JSON.parse would silently
 * keep the last one). Any problem → PolicyError (exit 3) with the file, the line when known, and the path in the pack.
 */
import { byCodePoint } from '../codePointOrder.js';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { PolicyError } from '../errors.js';
import type { PolicyProblem } from './problems.js';
import { validatePolicyPack } from './schema.js';
import type { PolicyPack } from './types.js';

export interface LoadedPolicy {
  pack: PolicyPack;
  /** SHA-256 (hex) of the file's bytes, as recorded by the run. */
  sha256: string;
  /** The path read. */
  file: string;
  /** The file's bytes, archived with the batch so explain and audits use exactly the pack that decided. */
  bytes: Buffer;
}

/** A pack that parsed but broke the schema: every problem, the first one also in message, hint and location. */
export class PolicyValidationError extends PolicyError {
  readonly problems: PolicyProblem[];
  constructor(message: string, opts: { hint: string; location: { file: string; line?: number; column: string }; problems: PolicyProblem[] }) {
    super('POLICY_INVALID', message, { hint: opts.hint, location: opts.location });
    this.problems = opts.problems;
  }
}

/** Same prefixes as the `policy` kind of a batch folder (src/ingest/columns.ts `policyFilePrefixes`). */
export const policyFilePrefixes = ['policy', '参数'] as const;
export const policyFileExtensions = ['.yaml', '.yml', '.json'] as const;

export function isPolicyFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    policyFilePrefixes.some((p) => lower.startsWith(p)) &&
    (policyFileExtensions as readonly string[]).includes(extname(lower))
  );
}

const unreadable = 'POLICY_UNREADABLE';
const syntaxHint = 'YAML 只能用空格缩进（不能用 Tab），冒号后要有空格，引号要成对；JSON 请用 JSON 校验工具检查';

function decode(bytes: Uint8Array, file: string): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new PolicyError(unreadable, `参数包 ${basename(file)} 不是 UTF-8 编码`, {
      hint: '请用文本编辑器（如记事本、VS Code）把参数包另存为 UTF-8 编码',
      location: { file },
    });
  }
}

function formatOf(file: string): 'yaml' | 'json' {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  throw new PolicyError(unreadable, `参数包 ${basename(file)} 的格式无法识别（扩展名“${ext}”）`, {
    hint: '参数包须为 .yaml、.yml 或 .json 文件',
    location: { file },
  });
}

function parseYaml(text: string, file: string, format: 'yaml' | 'json') {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    schema: format === 'json' ? 'json' : 'core',
    uniqueKeys: true,
    merge: false,
    prettyErrors: true,
    lineCounter,
  });
  const firstError = doc.errors[0] ?? (format === 'yaml' ? doc.warnings[0] : undefined);
  // For JSON, JSON.parse decides the syntax; the YAML reading only looks for duplicate keys and lines.
  const relevant = format === 'json' ? doc.errors.find((e) => e.code === 'DUPLICATE_KEY') : firstError;
  if (relevant) {
    const pos = relevant.linePos?.[0];
    const at = pos ? `第 ${pos.line} 行第 ${pos.col} 列` : '';
    if (relevant.code === 'DUPLICATE_KEY') {
      const key = text.slice(relevant.pos[0]).split(/[:\r\n]/)[0]?.trim().replace(/^["']|["']$/g, '') ?? '';
      throw new PolicyError(unreadable, `参数包 ${basename(file)} ${at}：同一层级中键“${key}”出现了两次`, {
        hint: '删除或合并重复的键（重复的键会让其中一个值被悄悄忽略）',
        location: { file, ...(pos ? { line: pos.line } : {}) },
      });
    }
    throw new PolicyError(unreadable, `参数包 ${basename(file)} ${at}：YAML 格式错误（${relevant.code}）`, {
      hint: syntaxHint,
      location: { file, ...(pos ? { line: pos.line } : {}) },
      cause: relevant,
    });
  }
  return { doc, lineCounter };
}

/** Line of the deepest node of `segments` present in the file (the key itself for an unknown key). */
function lineOf(doc: Document, lineCounter: LineCounter, segments: readonly (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0];
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function validationError(file: string, problems: PolicyProblem[], lines: (number | undefined)[]): PolicyValidationError {
  const at = (i: number) => (lines[i] === undefined ? '' : `（第 ${lines[i]} 行）`);
  const first = problems[0]!;
  let message = `参数包 ${basename(file)} 无法使用：${first.message}${at(0)}`;
  if (problems.length > 1) {
    const shown = problems.slice(1, 20).map((p, k) => `  - ${p.message}${at(k + 1)}${p.hint ? `——${p.hint}` : ''}`);
    message += `\n另有 ${problems.length - 1} 处问题：\n${shown.join('\n')}`;
    if (problems.length > 20) message += `\n  ……共 ${problems.length} 处`;
  }
  return new PolicyValidationError(message, {
    hint: first.hint,
    location: { file, column: first.path, ...(lines[0] === undefined ? {} : { line: lines[0] }) },
    problems,
  });
}

/** Parse and validate a pack's bytes (pure: `file` only names it in messages and picks YAML or JSON). */
export function parsePolicyBytes(bytes: Uint8Array, file: string): PolicyPack {
  const format = formatOf(file);
  const text = decode(bytes, file);
  if (text.trim() === '') {
    throw new PolicyError(unreadable, `参数包 ${basename(file)} 是空文件`, { hint: '参数包的写法见 fixtures/policy/ 中的示例', location: { file } });
  }
  let raw: unknown;
  if (format === 'json') {
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new PolicyError(unreadable, `参数包 ${basename(file)} 不是有效的 JSON：${(cause as Error).message}`, {
        hint: syntaxHint,
        location: { file },
        cause,
      });
    }
  }
  const { doc, lineCounter } = parseYaml(text, file, format);
  if (format === 'yaml') {
    try {
      raw = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      throw new PolicyError(unreadable, `参数包 ${basename(file)} 的 YAML 别名（*引用）过多或无法展开`, { hint: syntaxHint, location: { file }, cause });
    }
  }
  const result = validatePolicyPack(raw);
  if (result.ok) return result.pack;
  // In the order of the file, so the operator can fix them top to bottom.
  const located = result.problems
    .map((problem, i) => ({ problem, i, line: lineOf(doc, lineCounter, problem.segments) }))
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.i - b.i);
  throw validationError(
    file,
    located.map((x) => x.problem),
    located.map((x) => x.line),
  );
}

/** Read, hash and validate one pack (.yaml, .yml or .json). */
export async function loadPolicyFile(path: string): Promise<LoadedPolicy> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PolicyError(unreadable, missing ? `找不到参数包文件“${path}”` : `无法读取参数包文件“${path}”`, {
      hint: missing ? '请检查 --policy 的路径（含空格的路径请加引号）' : '请检查文件权限，或确认它不是文件夹',
      location: { file: path },
      cause,
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { pack: parsePolicyBytes(bytes, path), sha256, file: path, bytes };
}

function howToPass(inputDir: string): string {
  return `hedui batch --input ${inputDir} --out 输出文件夹 --policy 参数包.yaml`;
}

/**
 * The pack of a run: `--policy FILE` when given (used as is, whatever the folder holds), else the single `policy*`
 * or `参数*` file (.yaml, .yml, .json) of the input folder. None or several → PolicyError (exit 3) with the list and
 * how to pass `--policy`. There is no bundled default pack to fall back to.
 */
export async function findPolicyFile(inputDir: string, explicit?: string): Promise<string> {
  if (explicit !== undefined) {
    const path = resolve(explicit);
    formatOf(path);
    const isFile = await stat(path).then((s) => s.isFile(), () => false);
    if (!isFile) {
      throw new PolicyError('POLICY_MISSING', `找不到 --policy 指定的参数包“${explicit}”`, {
        hint: '请检查路径（含空格的路径请加引号）',
        location: { file: explicit },
      });
    }
    return path;
  }
  let names: string[];
  try {
    names = (await readdir(inputDir)).sort(byCodePoint);
  } catch (cause) {
    throw new PolicyError('POLICY_MISSING', `输入文件夹“${inputDir}”不存在或无法读取`, {
      hint: '请检查 --input 的路径（含空格的路径请加引号）',
      location: { file: inputDir },
      cause,
    });
  }
  const found: string[] = [];
  const nearMisses: string[] = [];
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('~$')) continue; // hidden files, Office lock files
    const lower = name.toLowerCase();
    if (!policyFilePrefixes.some((p) => lower.startsWith(p))) continue;
    if (!(await stat(join(inputDir, name)).then((s) => s.isFile(), () => false))) continue;
    (isPolicyFileName(name) ? found : nearMisses).push(name);
  }
  if (found.length === 1) return join(inputDir, found[0]!);
  if (found.length === 0) {
    const near = nearMisses.length > 0 ? `；发现 ${nearMisses.join('、')}，但参数包须为 .yaml、.yml 或 .json 文件` : '';
    throw new PolicyError('POLICY_MISSING', `输入文件夹“${inputDir}”中没有参数包（文件名以 policy 或“参数”开头的 .yaml/.yml/.json 文件）${near}`, {
      hint: `把本地的参数包放进输入文件夹，或用 --policy 指定：${howToPass(inputDir)}（示例见 fixtures/policy/）`,
      location: { file: inputDir },
    });
  }
  throw new PolicyError('POLICY_AMBIGUOUS', `输入文件夹“${inputDir}”中有 ${found.length} 个参数包：${found.join('、')}；每批只能用一个`, {
    hint: `只保留一个，或用 --policy 指定要用的那个：--policy ${join(inputDir, found[0]!)}`,
    location: { file: inputDir },
  });
}
