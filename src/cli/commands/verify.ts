import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { countFindings, verifyFiles, type VerifyFinding } from '../../audit/verify.js';
import { ExitCode, UserInputError } from '../../errors.js';
import { workspaceFileName } from '../../store/db.js';
import type { Wrap } from '../main.js';

/**
 * `hedui verify <file|dir...>`: is each PDF / workbook exactly what a run wrote? One line per file and a count; with
 * --json one object. Exit 0 when every file checks out, 4 on any finding (data-contract.md), 3 for a missing path.
 * The per-file lines are the answer itself (an auditor keeps them as the record), so they go to stdout like
 * `explain`; --quiet keeps only the findings and the count.
 */
export function registerVerify(program: Command, wrap: Wrap): void {
  program
    .command('verify')
    .description('核验 PDF 核对报告或 summary.xlsx 是否与运行台账记录的文件完全一致（SHA-256 与完整性校验码）')
    .argument('<path...>', '要核验的文件，或文件夹（核验其中所有 PDF 和 xlsx 文件）')
    .action(
      wrap<object>(async (ctx, _opts, args) => {
        // Opening a missing workspace would create an empty one and call every genuine file unknown.
        if (!existsSync(join(ctx.workspace, workspaceFileName))) {
          throw new UserInputError('WORKSPACE_NOT_FOUND', `找不到工作区 ${ctx.workspace}`, {
            hint: '请用 --workspace 指定生成这些文件的工作区（hedui batch 使用的那个），或设置 HEDUI_WORKSPACE',
          });
        }
        const findings = await verifyFiles(ctx.openDb(), args);
        const counts = countFindings(findings);
        const exitCode = counts.ok === findings.length ? ExitCode.ok : ExitCode.difference;
        if (ctx.json) {
          process.stdout.write(JSON.stringify({ files: findings.map(jsonFinding), ...counts, exit_code: exitCode }, null, 2) + '\n');
          return exitCode;
        }
        const lines: string[] = [];
        for (const f of findings) {
          if (f.status === 'ok') {
            if (!ctx.quiet) lines.push(`✓ ${shown(f.file)}：${f.message}`);
          } else lines.push(`✗ ${shown(f.file)}：${f.message}（${f.code}）`);
        }
        lines.push(
          `核验 ${findings.length} 个文件：一致 ${counts.ok}，内容被改动 ${counts.altered}，未在台账中 ${counts.unknown}，完整性校验码不符 ${counts.integrity_mismatch}`,
        );
        if (exitCode !== ExitCode.ok) lines.push('有文件未通过核验（退出码 4）：请以运行台账中的原始文件为准，并查明上述文件的来源');
        process.stdout.write(lines.join('\n') + '\n');
        return exitCode;
      }),
    );
}

/** Relative to the working folder when inside it (shorter lines), else absolute. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function jsonFinding(f: VerifyFinding) {
  return {
    file: f.file,
    sha256: f.sha256,
    status: f.status,
    code: f.code,
    message: f.message,
    integrity_code: f.integrityCode,
    records: f.records.map((r) => ({
      batch: r.batch,
      batch_id: r.batchKey,
      kind: r.kind,
      name: r.name,
      path: r.path,
      sha256: r.sha256,
      application_id: r.applicationId,
    })),
  };
}
