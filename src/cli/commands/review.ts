import type { Command } from 'commander';
import { operatorName } from '../operator.js';
import { basename, resolve } from 'node:path';
import { latestBatchId } from '../../batch/storedPolicy.js';
import { ExitCode, UsageError } from '../../errors.js';
import { householdInputs, loadDispositions, openReader } from '../../match/householdStream.js';
import { readReviewFile, writeReviewFile } from '../../review/reviewFile.js';
import { reviewHits, type ReviewHit } from '../../review/reviewList.js';
import type { Wrap } from '../main.js';

interface ExportOpts {
  batch?: string;
  out?: string;
}
interface ImportOpts {
  operator?: string;
}

/** `hedui review export|import`: the operator's dispositions of suspect hits (issue 6). */
export function registerReview(program: Command, wrap: Wrap): void {
  const review = program.command('review').description('待复核疑似数据的人工处理：导出清单、导入处理结果');
  review
    .command('export')
    .description('把待复核家庭中姓名不一致的疑似数据导出为 xlsx，供填写“处理结果”（确认 / 无效匹配 / 需入户核查）')
    .option('--batch <n>', '工作区批次号（默认最新一批）')
    .option('--out <file>', '输出文件', '待复核处理.xlsx')
    .action(
      wrap<ExportOpts>(async (ctx, opts) => {
        const db = ctx.openDb();
        const batchId = opts.batch === undefined ? latestBatchId(db) : Number(opts.batch);
        if (!Number.isSafeInteger(batchId)) throw new UsageError('BAD_BATCH', `--batch 须为批次号，收到“${opts.batch}”`, { hint: '批次号见 hedui batch --json 的 workspace_batch' });
        const verdicts = new Map(
          (db.prepare(`SELECT application_id, verdict_code FROM results WHERE batch_id = ?`).all(batchId) as { application_id: string; verdict_code: string }[]).map(
            (r) => [r.application_id, r.verdict_code],
          ),
        );
        if (verdicts.size === 0) {
          throw new UsageError('NOT_ASSESSED', `工作区第 ${batchId} 批还没有核对结果`, { hint: '请先运行 hedui batch 或 hedui run' });
        }
        const asOf = (db.prepare(`SELECT as_of FROM batches WHERE id = ?`).pluck().get(batchId) as string | null) ?? '';
        const hits: ReviewHit[] = [];
        const reader = openReader(db);
        try {
          const ctxMatch = { dispositions: loadDispositions(db) };
          for (const input of householdInputs(reader, batchId, ctxMatch)) {
            if (verdicts.get(input.applicationId) === 'review') hits.push(...reviewHits(input));
          }
        } finally {
          reader.close();
        }
        const out = resolve(opts.out ?? '待复核处理.xlsx');
        await writeReviewFile(out, hits, asOf);
        ctx.say(`已导出 ${hits.length} 条待处理的疑似数据：${out}`);
        ctx.say('请在“处理结果”列填写 确认 / 无效匹配 / 需入户核查，然后运行 hedui review import 该文件');
        if (ctx.json) process.stdout.write(JSON.stringify({ batch: batchId, hits: hits.length, output: out, exit_code: 0 }) + '\n');
        return ExitCode.ok;
      }),
    );
  review
    .command('import')
    .description('导入填写好的处理结果；之后重新运行核对即按处理结果更新结论')
    .argument('<file>', 'hedui review export 导出并填写过的 xlsx')
    .option('--operator <name>', '操作员（默认当前系统用户）')
    .action(
      wrap<ImportOpts>(async (ctx, opts, args) => {
        ctx.lockWorkspace('review import');
        const file = resolve(args[0]!);
        const decisions = await readReviewFile(file);
        const db = ctx.openDb();
        const put = db.prepare(
          `INSERT OR REPLACE INTO dispositions (fingerprint, kind, disposition, note, operator, recorded_at, source_file) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        const operator = operatorName(opts.operator);
        const now = new Date().toISOString(); // the ledger's wall clock; never part of an output
        db.transaction(() => {
          for (const d of decisions) put.run(d.fingerprint, d.kind, d.disposition, d.note, operator, now, basename(file));
        })();
        const count = (v: string) => decisions.filter((d) => d.disposition === v).length;
        ctx.say(`已记录 ${decisions.length} 条处理结果（确认 ${count('确认')}，无效匹配 ${count('无效匹配')}，需入户核查 ${count('需入户核查')}），操作员 ${operator}`);
        ctx.say('重新运行 hedui run / hedui report（或 hedui batch）后，核对结论和报告按处理结果更新');
        if (ctx.json) process.stdout.write(JSON.stringify({ recorded: decisions.length, operator, exit_code: 0 }) + '\n');
        return ExitCode.ok;
      }),
    );
}
