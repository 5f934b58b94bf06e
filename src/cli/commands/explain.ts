import type { Command } from 'commander';
import { reassessOne } from '../../batch/assessBatch.js';
import { ExitCode, UsageError } from '../../errors.js';
import { explainText } from '../../report/explainText.js';
import type { Wrap } from '../main.js';

interface ExplainOpts {
  batch?: string;
}

/** `hedui explain <application_id>`: the stored computation trace of one household, in plain Chinese or JSON. */
export function registerExplain(program: Command, wrap: Wrap): void {
  program
    .command('explain')
    .description('显示一户家庭的完整核对过程（每个数字的来源行、所用参数与计算步骤）')
    .argument('<application_id>', '申请编号')
    .option('--batch <n>', '工作区批次号（默认：最近一次核对过该申请的批次）')
    .action(
      wrap<ExplainOpts>(async (ctx, opts, args) => {
        const applicationId = args[0]!;
        const db = ctx.openDb();
        const batch = opts.batch === undefined ? undefined : Number(opts.batch);
        if (batch !== undefined && !Number.isSafeInteger(batch)) {
          throw new UsageError('BAD_BATCH', `--batch 须为批次号（整数），收到“${opts.batch}”`, { hint: '批次号见 hedui batch --json 输出的 workspace_batch' });
        }
        const row = db
          .prepare(
            `SELECT batch_id FROM results WHERE application_id = ? ${batch === undefined ? '' : 'AND batch_id = ?'} ORDER BY batch_id DESC LIMIT 1`,
          )
          .get(...(batch === undefined ? [applicationId] : [applicationId, batch])) as { batch_id: number } | undefined;
        const assessment = row && reassessOne(db, row.batch_id, applicationId);
        if (!row || !assessment) {
          throw new UsageError('NOT_ASSESSED', `工作区中没有申请编号“${applicationId}”的核对结果`, {
            hint: '请核对申请编号；若该申请的数据行被拒收，请查看 rejected.csv；若尚未核对，请先运行 hedui run 或 hedui batch',
          });
        }
        if (ctx.json) process.stdout.write(JSON.stringify({ batch: row.batch_id, ...assessment }, null, 2) + '\n');
        else process.stdout.write(explainText(assessment));
        return ExitCode.ok;
      }),
    );
}
