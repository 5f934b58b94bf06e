/**
 * The files `hedui verify` checks: every named file as given, and under a named folder every .pdf and .xlsx
 * (reports and workbooks, what auditors are handed), recursively, in code-point order so two runs list the same
 * folder the same way on every system.
 */
import { byCodePoint } from '../codePointOrder.js';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserInputError } from '../errors.js';

const verifiable = /\.(pdf|xlsx)$/i;

/** Absolute paths of the files to verify, each once, in argument order (a folder's files sorted by code point). */
export function collectVerifyPaths(paths: string[]): string[] {
  const stats = paths.map((p) => [resolve(p), statOf(p)] as const);
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (file: string) => {
    if (seen.has(file)) return; // a folder and a file inside it: verified once
    seen.add(file);
    out.push(file);
  };
  for (const [abs, st] of stats) {
    if (!st.isDirectory()) {
      add(abs);
      continue;
    }
    const files = filesUnder(abs).sort(byCodePoint);
    if (files.length === 0) {
      throw new UserInputError('NOTHING_TO_VERIFY', `文件夹 ${abs} 中没有 PDF 或 xlsx 文件`, {
        hint: '请指定核对输出文件夹（hedui batch --out 的目录）或其中的 PDF 报告、summary.xlsx',
      });
    }
    files.forEach(add);
  }
  return out;
}

/** Every path is checked before any file is verified: a typo must not look like a partial audit. */
function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (cause) {
    throw new UserInputError('PATH_NOT_FOUND', `找不到要核验的文件或文件夹：${resolve(path)}`, {
      hint: '请检查路径拼写；可以指定一个或多个 PDF 报告、summary.xlsx，或整个输出文件夹',
      cause,
    });
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, d.name);
    // Directory symlinks are not followed (a link back up would loop); file symlinks are checked like files.
    if (d.isDirectory()) out.push(...filesUnder(path));
    // `~$name.xlsx` is the lock file Excel leaves beside an open workbook, not an output.
    else if (verifiable.test(d.name) && !d.name.startsWith('~$') && (d.isFile() || (d.isSymbolicLink() && isFile(path)))) out.push(path);
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // dangling link
  }
}
