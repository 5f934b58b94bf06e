import type { Command } from 'commander';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ExitCode } from '../../errors.js';
import { createContext } from '../context.js';
import type { Wrap } from '../main.js';
import { batchAction } from './batch.js';

/** `npm run demo`: the checked-in sample batch, end to end, into reports/demo with a throw-away workspace. */
export function registerDemo(program: Command, wrap: Wrap): void {
  program
    .command('demo')
    .description('用 fixtures/ 中的示例批次完整运行一次，输出到 reports/demo/')
    .action(
      wrap(async (ctx) => {
        const input = fileURLToPath(new URL('../../../fixtures/demo/', import.meta.url));
        const out = fileURLToPath(new URL('../../../reports/demo/', import.meta.url));
        const workspace = fileURLToPath(new URL('../../../reports/demo-workspace/', import.meta.url));
        await rm(workspace, { recursive: true, force: true });
        const demoCtx = createContext({ workspace, quiet: ctx.quiet, json: ctx.json });
        try {
          ctx.say(`示例批次：${input}`);
          const code = await batchAction(demoCtx, { input, out, operator: 'demo' });
          ctx.say(`\n演示完成（批处理退出码 ${code}：示例数据故意包含几行错误数据）。输出文件在 ${out}`);
          return code === ExitCode.doneWithFindings || code === ExitCode.ok ? ExitCode.ok : code;
        } finally {
          demoCtx.close();
        }
      }),
    );
}
