import type { Command } from 'commander';
import { resolve, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { assessBatch, defaultAsOf } from '../../batch/assessBatch.js';
import { writeResultsJson } from '../../batch/runBatch.js';
import { riskAlerts } from '../../audit/riskAlerts.js';
import { latestBatchId, storedPolicy } from '../../batch/storedPolicy.js';
import { ExitCode } from '../../errors.js';
import { kindSpecs } from '../../ingest/columns.js';
import { loadPolicyFile } from '../../policy/index.js';
import { parseAsOfOption } from '../asOfOption.js';
import type { Wrap } from '../main.js';

interface RunOpts {
  policy?: string;
  asOf?: string;
  out?: string;
}

/** `hedui run`: assess every household of the workspace's newest batch and write results.json. */
export function registerRun(program: Command, wrap: Wrap): void {
  program
    .command('run')
    .description('对工作区当前批次的全部家庭进行比对与核对，输出 results.json')
    .option('--policy <file>', '参数包（默认沿用本批上次使用的参数包）')
    .option('--as-of <date>', '核对基准日（默认取本批最晚的申请日期）')
    .option('--out <dir>', '输出文件夹', 'reports')
    .action(
      wrap<RunOpts>(async (ctx, opts) => {
        ctx.lockWorkspace('run');
        const db = ctx.openDb();
        const batchId = latestBatchId(db);
        const policy = opts.policy ? await loadPolicyFile(resolve(opts.policy)) : storedPolicy(db, batchId);
        const asOf = parseAsOfOption(opts.asOf) ?? defaultAsOf(db, batchId) ?? '';
        const a = await assessBatch(db, batchId, policy, asOf);
        const outDir = resolve(opts.out ?? 'reports');
        await mkdir(outDir, { recursive: true, mode: 0o700 });
        const resultsPath = join(outDir, 'results.json');
        await writeResultsJson(db, batchId, resultsPath, a, policy, riskAlerts(db, batchId));
        ctx.log.info({ batch: batchId, households: a.households, matchSource: a.matchSource, ...a.byVerdict }, 'batch assessed');
        ctx.say(`核对 ${a.households} 户：符合 ${a.byVerdict.eligible}，不符合 ${a.byVerdict.ineligible}，待复核 ${a.byVerdict.review}`);
        for (const u of a.unmatched.filter((x) => x.unmatched > 0)) ctx.say(`未匹配到本批成员的${kindSpecs[u.kind].label}数据：${u.unmatched} 行（已保留）`);
        for (const w of a.warnings) ctx.say(`⚠ ${w.message}（${w.code}）`);
        ctx.say(`核对结果：${resultsPath}`);
        const rejected = db.prepare(`SELECT COALESCE(SUM(rows_rejected), 0) FROM files WHERE batch_id = ?`).pluck().get(batchId) as number;
        const code = rejected > 0 || a.byVerdict.review > 0 ? ExitCode.doneWithFindings : ExitCode.ok;
        if (ctx.json) {
          process.stdout.write(
            JSON.stringify({
              batch_id: a.batchKey, workspace_batch: batchId, as_of: a.asOf || null,
              policy: { id: policy.pack.id, version: policy.pack.version, sha256: policy.sha256 },
              households: { total: a.households, ...a.byVerdict }, rows_rejected: rejected,
              unmatched_rows: Object.fromEntries(a.unmatched.map((u) => [u.kind, u.unmatched])),
              warnings: a.warnings, outputs: { results: resultsPath }, exit_code: code,
            }) + '\n',
          );
        }
        ctx.progress.done(code);
        return code;
      }),
    );
}
