import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { assessBatch, defaultAsOf } from '../../batch/assessBatch.js';
import { prepareReports, writeWorkbook } from '../../batch/reportStage.js';
import { writeResultsJson } from '../../batch/runBatch.js';
import { recordOutputs } from '../../batch/outputLedger.js';
import { riskAlerts } from '../../audit/riskAlerts.js';
import { latestBatchId, storedPolicy } from '../../batch/storedPolicy.js';
import { ExitCode } from '../../errors.js';
import { loadPolicyFile } from '../../policy/index.js';
import { parseAsOfOption } from '../asOfOption.js';
import type { Wrap } from '../main.js';

interface ReportOpts {
  policy?: string;
  asOf?: string;
  out?: string;
  fullIds?: boolean;
}

/** `hedui report`: (re)assess the workspace's newest batch and write every PDF, summary.xlsx and results.json. */
export function registerReport(program: Command, wrap: Wrap): void {
  program
    .command('report')
    .description('为工作区当前批次生成每户一份 PDF 核对报告和 summary.xlsx 汇总表（同时更新 results.json）')
    .option('--policy <file>', '参数包（默认沿用本批上次使用的参数包）')
    .option('--as-of <date>', '核对基准日（默认沿用本批上次的基准日，否则取最晚的申请日期）')
    .option('--out <dir>', '输出文件夹', 'reports')
    .option('--full-ids', '报告和汇总表中显示完整身份证号（默认脱敏）')
    .action(
      wrap<ReportOpts>(async (ctx, opts) => {
        ctx.lockWorkspace('report');
        const db = ctx.openDb();
        const batchId = latestBatchId(db);
        const policy = opts.policy ? await loadPolicyFile(resolve(opts.policy)) : storedPolicy(db, batchId);
        const previous = db.prepare(`SELECT as_of FROM batches WHERE id = ?`).pluck().get(batchId) as string | null;
        const asOf = parseAsOfOption(opts.asOf) ?? (previous || undefined) ?? defaultAsOf(db, batchId) ?? '';
        const outDir = resolve(opts.out ?? 'reports');
        await mkdir(outDir, { recursive: true, mode: 0o700 });
        const fullIds = opts.fullIds ?? false;
        const report = await prepareReports(db, batchId, outDir, policy, fullIds);
        const a = await assessBatch(db, batchId, policy, asOf, { report });
        const alerts = riskAlerts(db, batchId);
        await writeResultsJson(db, batchId, join(outDir, 'results.json'), a, policy, alerts);
        await writeWorkbook(db, batchId, join(outDir, 'summary.xlsx'), a, policy, fullIds, alerts);
        await recordOutputs(db, batchId, outDir, [
          { path: join(outDir, 'results.json'), kind: 'results' },
          { path: join(outDir, 'summary.xlsx'), kind: 'workbook' },
        ]);
        ctx.say(`已生成 ${a.households} 份核对报告：${report.dir}`);
        ctx.say(`汇总表：${join(outDir, 'summary.xlsx')}`);
        for (const w of a.warnings) ctx.say(`⚠ ${w.message}（${w.code}）`);
        const code = a.byVerdict.review > 0 ? ExitCode.doneWithFindings : ExitCode.ok;
        if (ctx.json) {
          process.stdout.write(
            JSON.stringify({
              batch_id: a.batchKey, workspace_batch: batchId, households: { total: a.households, ...a.byVerdict }, warnings: a.warnings,
              outputs: { results: join(outDir, 'results.json'), workbook: join(outDir, 'summary.xlsx'), reports: report.dir },
              exit_code: code,
            }) + '\n',
          );
        }
        ctx.progress.done(code);
        return code;
      }),
    );
}
