import type { Command } from 'commander';
import { operatorName } from '../operator.js';
import { runBatch, type BatchSummary } from '../../batch/runBatch.js';
import { ExitCode } from '../../errors.js';
import { parseEncodingOption } from '../../ingest/encoding.js';
import type { Context } from '../context.js';
import { parseAsOfOption } from '../asOfOption.js';
import { StopRequested } from '../../batch/stop.js';
import { kindSpecs } from '../../ingest/columns.js';
import { fileLedgerLines, jsonFile } from '../ledgerText.js';
import type { Wrap } from '../main.js';

interface BatchOpts {
  input: string;
  out: string;
  encoding?: string;
  sheet?: string;
  operator?: string;
  policy?: string;
  asOf?: string;
  fullIds?: boolean;
  restart?: boolean;
}

export function registerBatch(program: Command, wrap: Wrap): void {
  program
    .command('batch')
    .description('处理一个批次文件夹：导入、比对、核对，输出 results.json、核对报告、汇总表、拒收记录与清单')
    .requiredOption('--input <dir>', '批次文件夹（文件类型由文件名前缀识别，见 README）')
    .requiredOption('--out <dir>', '输出文件夹')
    .option('--encoding <enc>', 'CSV 编码：utf-8 或 gb18030（默认逐个文件自动识别）')
    .option('--sheet <name>', 'XLSX 工作表名称或序号（默认第一个）')
    .option('--policy <file>', '参数包（默认使用输入文件夹中唯一的 policy*/参数* 文件）')
    .option('--as-of <date>', '核对基准日（默认取本批最晚的申请日期）')
    .option('--operator <name>', '操作员（默认当前系统用户）')
    .option('--restart', '不接着上次中断的运行继续，而是重新开始整批处理')
    .option('--full-ids', '报告和汇总表中显示完整身份证号（默认脱敏：保留前 6 位和后 4 位）')
    .action(wrap<BatchOpts>(async (ctx, opts) => batchAction(ctx, opts)));
}

export async function batchAction(ctx: Context, opts: BatchOpts): Promise<number> {
  const encoding = parseEncodingOption(opts.encoding);
  const asOf = parseAsOfOption(opts.asOf);
  ctx.lockWorkspace('batch');
  // SIGINT/SIGTERM stop at the next household boundary (StopRequested, exit 130/143); a second signal ends at once.
  let stop: StopRequested | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop) process.exit(stop.exitCode);
    stop = new StopRequested(signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm, signal);
    ctx.say(`收到 ${signal}，正在停止（处理完当前一组家庭后退出）……`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await batchRun(ctx, opts, encoding, asOf, () => stop);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function batchRun(
  ctx: Context,
  opts: BatchOpts,
  encoding: ReturnType<typeof parseEncodingOption>,
  asOf: string | undefined,
  shouldStop: () => StopRequested | undefined,
): Promise<number> {
  const summary = await runBatch(ctx.openDb(), {
    input: opts.input,
    out: opts.out,
    ...(encoding ? { encoding } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    operator: operatorName(opts.operator),
    ...(opts.policy ? { policy: opts.policy } : {}),
    ...(asOf ? { asOf } : {}),
    ...(opts.fullIds ? { fullIds: true } : {}),
    ...(opts.restart ? { restart: true } : {}),
    shouldStop,
    clock: () => new Date(),
    progress: ctx.progress,
  });
  ctx.log.info(
    { batch: summary.batchId, read: summary.rowsRead, rejected: summary.rowsRejected, refused: summary.refused.length, matchSource: summary.assessment?.matchSource },
    'batch ingested',
  );
  const review = summary.assessment?.byVerdict.review ?? 0;
  const code = summary.refused.length > 0 ? ExitCode.inputUnusable : summary.rowsRejected > 0 || review > 0 ? ExitCode.doneWithFindings : ExitCode.ok;
  printSummary(ctx, summary, code);
  ctx.progress.done(code);
  return code;
}

function printSummary(ctx: Context, s: BatchSummary, exitCode: number): void {
  for (const line of fileLedgerLines(s.files)) ctx.say(line);
  if (s.ignored.length) ctx.say(`文件名无法识别类型、未读取：${s.ignored.join('、')}`);
  ctx.say(`合计：读取 ${s.rowsRead} 行 = 接受 ${s.rowsAccepted} + 拒收 ${s.rowsRejected}`);
  if (s.refused.length) ctx.say(`有 ${s.refused.length} 个文件被拒收，本批次不进行核对（退出码 3）。请按上面的处理建议修正后重新运行。`);
  const a = s.assessment;
  if (a) {
    ctx.say(`参数包：${s.policy.id} 版本 ${s.policy.version}（sha256 ${s.policy.sha256.slice(0, 12)}…）；核对基准日 ${a.asOf || '（无）'}`);
    ctx.say(`核对 ${a.households} 户：符合 ${a.byVerdict.eligible}，不符合 ${a.byVerdict.ineligible}，待复核 ${a.byVerdict.review}`);
    const unmatched = a.unmatched.filter((u) => u.unmatched > 0);
    if (unmatched.length) {
      ctx.say(`未匹配到本批任何成员的数据行（已保留，不影响核对）：${unmatched.map((u) => `${kindSpecs[u.kind].label} ${u.unmatched} 行`).join('，')}`);
    }
    for (const w of a.warnings) ctx.say(`⚠ ${w.message}（${w.code}）`);
    ctx.say(`核对结果：${s.outputs.results}`);
    if (s.outputs.reports) ctx.say(`核对报告（每户一份 PDF）：${s.outputs.reports}`);
    if (s.outputs.workbook) ctx.say(`汇总表：${s.outputs.workbook}`);
  }
  ctx.say(`拒收记录：${s.outputs.rejected}`);
  ctx.say(`批次清单：${s.outputs.manifest}`);
  if (ctx.json) {
    process.stdout.write(
      JSON.stringify({
        batch_id: a?.batchKey ?? null,
        workspace_batch: s.batchId,
        as_of: a ? a.asOf || null : null,
        policy: { id: s.policy.id, version: s.policy.version, sha256: s.policy.sha256 },
        households: a ? { total: a.households, ...a.byVerdict } : null,
        unmatched_rows: a ? Object.fromEntries(a.unmatched.map((u) => [u.kind, u.unmatched])) : null,
        warnings: a?.warnings ?? [],
        files: s.files.map(jsonFile),
        ignored_files: s.ignored,
        rows_read: s.rowsRead,
        rows_accepted: s.rowsAccepted,
        rows_rejected: s.rowsRejected,
        refused_files: s.refused.map((f) => f.name),
        outputs: s.outputs,
        exit_code: exitCode,
      }) + '\n',
    );
  }
}

