import type { Command } from 'commander';
import { ExitCode, UsageError } from '../../errors.js';
import type { Wrap } from '../main.js';

interface FixturesOpts {
  households: string;
  seed: string;
  out: string;
  badRows?: string;
  format?: string;
  asOf?: string;
}

export function registerFixtures(program: Command, wrap: Wrap): void {
  program
    .command('fixtures')
    .description('生成可复现的模拟批次数据（同一种子生成完全相同的文件）')
    .requiredOption('--households <n>', '家庭户数')
    .requiredOption('--seed <s>', '随机种子')
    .requiredOption('--out <dir>', '输出文件夹')
    .option('--bad-rows <rate>', '注入错误行的比例，0～1（例如 0.05）', '0')
    .option('--format <f>', 'mixed（CSV 与 XLSX、UTF-8 与 GB18030 混合）或 csv（全部 UTF-8 CSV）', 'mixed')
    .option('--as-of <date>', '核对基准日（YYYY-MM-DD）', '2024-06-30')
    .action(
      wrap<FixturesOpts>(async (ctx, opts) => {
        const households = Number(opts.households);
        if (!Number.isInteger(households) || households < 1) {
          throw new UsageError('BAD_OPTION', `--households 应为正整数，收到“${opts.households}”`, { hint: '例如 --households 1000' });
        }
        const badRows = Number(opts.badRows ?? '0');
        if (!(badRows >= 0 && badRows <= 1)) {
          throw new UsageError('BAD_OPTION', `--bad-rows 应为 0 到 1 之间的比例，收到“${opts.badRows}”`, { hint: '例如 --bad-rows 0.05 表示 5%' });
        }
        if (opts.format !== 'mixed' && opts.format !== 'csv') {
          throw new UsageError('BAD_OPTION', `--format 应为 mixed 或 csv，收到“${opts.format}”`, { hint: '例如 --format csv' });
        }
        if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) {
          throw new UsageError('BAD_OPTION', `--as-of 应为 YYYY-MM-DD，收到“${opts.asOf}”`, { hint: '例如 --as-of 2024-06-30' });
        }
        // Loaded on demand: the generator pulls in exceljs's writer, which no other command needs at start-up.
        const { generateFixtures } = await import('../../fixtures/generate.js');
        const summary = await generateFixtures({
          households, seed: opts.seed, out: opts.out, badRows, formats: opts.format,
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
        });
        ctx.say(`已生成 ${households} 户模拟数据到 ${opts.out}`);
        if (ctx.json) process.stdout.write(JSON.stringify(summary) + '\n');
        else ctx.say(JSON.stringify(summary, null, 2));
        return ExitCode.ok;
      }),
    );
}
