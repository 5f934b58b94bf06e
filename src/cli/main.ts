import { Command, CommanderError, Option } from 'commander';
import { ExitCode, HeduiError } from '../errors.js';
import { toolVersion } from '../version.js';
import { registerBatch } from './commands/batch.js';
import { registerDemo } from './commands/demo.js';
import { registerFixtures } from './commands/fixtures.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerRun } from './commands/run.js';
import { registerExplain } from './commands/explain.js';
import { registerReport } from './commands/report.js';
import { registerVerify } from './commands/verify.js';
import { registerAudit } from './commands/audit.js';
import { registerReview } from './commands/review.js';
import { createContext, type Context, type GlobalOptions } from './context.js';

/** A command action: runs with the shared context, returns the exit code. */
export type Action<O> = (ctx: Context, opts: O, args: string[]) => Promise<number>;

export function buildProgram(onExit: (code: number) => void): Command {
  const program = new Command('hedui')
    .description('hedui（核对）：居民家庭经济状况核对批处理工具')
    .version(toolVersion, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .addHelpCommand(false)
    .option('--workspace <dir>', '工作区目录（SQLite 数据库与日志）；默认 $HEDUI_WORKSPACE 或 ./hedui-workspace')
    .option('--json', '在标准输出打印一个 JSON 汇总对象（其余信息写到标准错误）')
    .addOption(new Option('--log-level <level>', '日志级别（写入工作区的 hedui.log）').default('info'))
    .option('-q, --quiet', '不打印进度和说明文字')
    .option('--events <file>', '把进度事件（NDJSON，每行一个）追加写入此文件（新建时权限 0600），不再写到标准错误')
    .exitOverride()
    .showSuggestionAfterError(true);

  const wrap =
    <O>(action: Action<O>) =>
    async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const opts = cmd.optsWithGlobals() as O & GlobalOptions;
      const args = params.slice(0, -2).flat() as string[];
      const ctx = createContext(opts);
      try {
        onExit(await action(ctx, opts, args));
      } finally {
        ctx.close();
      }
    };

  registerInit(program, wrap);
  registerImport(program, wrap);
  registerBatch(program, wrap);
  registerRun(program, wrap);
  registerExplain(program, wrap);
  registerReport(program, wrap);
  registerVerify(program, wrap);
  registerAudit(program, wrap);
  registerReview(program, wrap);
  registerFixtures(program, wrap);
  registerDemo(program, wrap);
  return program;
}

export type Wrap = <O>(action: Action<O>) => (...params: unknown[]) => Promise<void>;

/** The one error boundary: every typed error becomes a Chinese message with its code and an exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    const code = reportError(err);
    // --json promises one object on stdout: a run that ends in an error prints an error object (the message and hint
    // went to stderr in Chinese already); scripts read `exit_code` and `error.code`.
    if (argv.includes('--json') && !(err instanceof CommanderError && err.exitCode === 0)) {
      const e = err instanceof HeduiError ? { code: err.code, message: err.message, hint: err.hint ?? null } : { code: 'INTERNAL', message: null, hint: null };
      process.stdout.write(JSON.stringify({ error: e, exit_code: code }) + '\n');
    }
    return code;
  }
}

/** The errno code of an error or of any error in its cause chain (ENOSPC may surface wrapped by a worker). */
function errnoIn(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = (e as Error & { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
}

export function reportError(err: unknown): number {
  const errno = errnoIn(err);
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    // Not a bug and not bad input: the output disk is full. Everything complete was written atomically and is kept.
    process.stderr.write(
      `错误（DISK_FULL）：输出磁盘空间不足，本次运行已停止；已完整写出的报告和已导入的数据都已保存\n` +
        `处理建议：释放磁盘空间（或用 --out 指定空间充足的文件夹）后，用相同的参数重新运行 hedui batch，即从中断处继续\n`,
    );
    return ExitCode.internal;
  }
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return ExitCode.ok; // --help, --version
    process.stderr.write(`用法错误（USAGE）：${err.message.replace(/^error: /, '')}\n处理建议：运行 hedui --help 或 hedui <命令> --help 查看用法\n`);
    return ExitCode.usage;
  }
  if (err instanceof HeduiError) {
    const where = [err.location.file, err.location.line && `第 ${err.location.line} 行`, err.location.column && `“${err.location.column}”列`]
      .filter(Boolean)
      .join(' ');
    process.stderr.write(`错误（${err.code}）：${err.message}${where && !err.message.includes(String(err.location.file)) ? `［${where}］` : ''}\n`);
    if (err.hint) process.stderr.write(`处理建议：${err.hint}\n`);
    if (err.exitCode === ExitCode.internal) process.stderr.write(internalNote);
    return err.exitCode;
  }
  // A bug. The message must hold no personal data, so only the error type and stack frames are shown.
  const name = err instanceof Error ? err.name : typeof err;
  const stack = err instanceof Error && err.stack ? err.stack.split('\n').slice(1, 6).join('\n') : '';
  process.stderr.write(`内部错误（INTERNAL）：${name}\n${stack}\n${internalNote}`);
  return ExitCode.internal;
}

const internalNote = '这是 hedui 的程序错误，不是数据问题。请把以上内容（不含任何个人信息）连同 hedui 版本号报告给维护人员。\n';
