import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { startNewBatch } from '../../store/db.js';
import type { Wrap } from '../main.js';

export function registerInit(program: Command, wrap: Wrap): void {
  program
    .command('init')
    .description('创建（或升级）工作区，并开始一个新的导入批次')
    .action(
      wrap(async (ctx) => {
        ctx.lockWorkspace('init');
        const db = ctx.openDb();
        const batchId = startNewBatch(db);
        ctx.log.info({ batchId }, 'workspace initialised');
        if (ctx.json) process.stdout.write(JSON.stringify({ workspace: ctx.workspace, batch: batchId }) + '\n');
        ctx.say(`工作区已就绪：${ctx.workspace}（批次 ${batchId}）`);
        return ExitCode.ok;
      }),
    );
}
