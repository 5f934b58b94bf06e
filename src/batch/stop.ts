import { HeduiError, type ExitCode } from '../errors.js';

/**
 * SIGINT/SIGTERM during a batch (issue 5): the run stops at the next household boundary, keeps every complete output
 * (each written under a temporary name and renamed), and says how to continue. Exit 130 (SIGINT) or 143 (SIGTERM).
 */
export class StopRequested extends HeduiError {
  override readonly name = 'StopRequested';
  constructor(readonly exitCode: ExitCode, signal: string) {
    super('STOPPED', `收到 ${signal}，已在家庭边界处停止；已完成的部分已保存`, {
      hint: '用完全相同的参数重新运行 hedui batch，即从中断处继续（已导入的文件和已生成的报告不会重做）',
    });
  }
}
