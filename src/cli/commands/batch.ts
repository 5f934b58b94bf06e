import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { runBatch, type BatchSummary } from '../../batch/runBatch.js';
import { ExitCode } from '../../errors.js';
import { parseEncodingOption } from '../../ingest/encoding.js';
import type { ImportEvent } from '../../ingest/importMany.js';
import type { Context } from '../context.js';
import { fileLedgerLines, jsonFile } from '../ledgerText.js';
import type { Wrap } from '../main.js';

interface BatchOpts {
  input: string;
  out: string;
  encoding?: string;
  sheet?: string;
  operator?: string;
}

export function registerBatch(program: Command, wrap: Wrap): void {
  program
    .command('batch')
    .description('处理一个批次文件夹：导入全部文件，输出拒收记录与清单')
    .requiredOption('--input <dir>', '批次文件夹（文件类型由文件名前缀识别，见 README）')
    .requiredOption('--out <dir>', '输出文件夹')
    .option('--encoding <enc>', 'CSV 编码：utf-8 或 gb18030（默认逐个文件自动识别）')
    .option('--sheet <name>', 'XLSX 工作表名称或序号（默认第一个）')
    .option('--operator <name>', '操作员（默认当前系统用户）')
    .action(wrap<BatchOpts>(async (ctx, opts) => batchAction(ctx, opts)));
}

export async function batchAction(ctx: Context, opts: BatchOpts): Promise<number> {
  const encoding = parseEncodingOption(opts.encoding);
  const summary = await runBatch(ctx.openDb(), {
    input: opts.input,
    out: opts.out,
    ...(encoding ? { encoding } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    operator: opts.operator ?? safeUserName(),
    clock: () => new Date(),
    onEvent: (e) => progress(ctx, e),
  });
  ctx.log.info({ batch: summary.batchId, read: summary.rowsRead, rejected: summary.rowsRejected, refused: summary.refused.length }, 'batch ingested');
  printSummary(ctx, summary);
  if (summary.refused.length > 0) return ExitCode.inputUnusable;
  return summary.rowsRejected > 0 ? ExitCode.doneWithFindings : ExitCode.ok;
}

function progress(ctx: Context, e: ImportEvent): void {
  if (e.type === 'file-start') ctx.say(`正在导入 ${e.file} …`);
}

function printSummary(ctx: Context, s: BatchSummary): void {
  for (const line of fileLedgerLines(s.files)) ctx.say(line);
  if (s.ignored.length) ctx.say(`文件名无法识别类型、未读取：${s.ignored.join('、')}`);
  ctx.say(`合计：读取 ${s.rowsRead} 行 = 接受 ${s.rowsAccepted} + 拒收 ${s.rowsRejected}`);
  if (s.refused.length) ctx.say(`有 ${s.refused.length} 个文件被拒收，本批次不进行核对（退出码 3）。请按上面的处理建议修正后重新运行。`);
  ctx.say(`拒收记录：${s.outputs.rejected}`);
  ctx.say(`批次清单：${s.outputs.manifest}`);
  if (ctx.json) {
    process.stdout.write(
      JSON.stringify({
        batch: s.batchId,
        files: s.files.map(jsonFile),
        ignored_files: s.ignored,
        rows_read: s.rowsRead,
        rows_accepted: s.rowsAccepted,
        rows_rejected: s.rowsRejected,
        refused_files: s.refused.map((f) => f.name),
        outputs: s.outputs,
      }) + '\n',
    );
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
