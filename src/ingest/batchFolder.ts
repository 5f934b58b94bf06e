import { readdir, stat } from 'node:fs/promises';
import { byCodePoint } from '../codePointOrder.js';
import { extname, join } from 'node:path';
import { UserInputError } from '../errors.js';
import { kinds, kindSpecs, policyFilePrefixes, type Kind } from './columns.js';

export interface FolderPlan {
  /** Data files by kind, each list in code-point order of the file name (the order rows are read, R9 ties). */
  files: { kind: Kind; path: string; name: string }[];
  policyFiles: string[];
  /** Files whose name matches no kind: listed in the summary, not read (data-contract.md). */
  ignored: string[];
}

const policyExtensions = ['.yaml', '.yml', '.json'];

/** Kind of a batch-folder file from its name prefix (data-contract.md), or undefined. */
export function kindOfFileName(name: string): Kind | 'policy' | undefined {
  const lower = name.toLowerCase();
  if (policyFilePrefixes.some((p) => lower.startsWith(p)) && policyExtensions.includes(extname(lower))) return 'policy';
  return kinds.find((k) => kindSpecs[k].filePrefixes.some((p) => lower.startsWith(p)));
}

export async function planFolder(dir: string): Promise<FolderPlan> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
    names = await readdir(dir);
  } catch {
    throw new UserInputError('FILE_REFUSED', `输入文件夹“${dir}”不存在或无法读取`, {
      hint: '请检查 --input 的路径（含空格的路径请加引号）',
      location: { file: dir },
    });
  }
  const plan: FolderPlan = { files: [], policyFiles: [], ignored: [] };
  for (const name of names.sort(byCodePoint)) {
    if (name.startsWith('.') || name.startsWith('~$')) continue; // hidden files, Excel lock files
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    const kind = kindOfFileName(name);
    if (kind === 'policy') plan.policyFiles.push(path);
    else if (kind) plan.files.push({ kind, path, name });
    else plan.ignored.push(name);
  }
  // Applicants first, so the household check sees every member before any source row is counted.
  plan.files.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || byCodePoint(a.name, b.name));
  if (!plan.files.some((f) => f.kind === 'applicants')) {
    throw new UserInputError('NO_APPLICANTS', `输入文件夹“${dir}”中没有申请家庭成员名单`, {
      hint: '申请名单的文件名须以 applicants 或“申请”开头（例如 applicants.csv、申请名单.xlsx）；其他数据的前缀见 README',
      location: { file: dir },
    });
  }
  return plan;
}
