import type { Command } from 'commander';
import { ExitCode, UsageError } from '../../errors.js';
import { kinds, kindSpecs, type Kind } from '../../ingest/columns.js';
import { parseEncodingOption } from '../../ingest/encoding.js';
import { importMany } from '../../ingest/importMany.js';
import { rejectedRows } from '../../ingest/ledger.js';
import { writeRejectedCsv } from '../../report/rejectedCsv.js';
import { openBatchId } from '../../store/db.js';
import { fileLedgerLines, jsonFile, rejectedRowLines } from '../ledgerText.js';
import type { Wrap } from '../main.js';

interface ImportOpts {
  encoding?: string;
  sheet?: string;
  rejected?: string;
}

export function parseKind(text: string): Kind {
  const lower = text.toLowerCase();
  const kind = kinds.find((k) => k === lower || kindSpecs[k].label === text || kindSpecs[k].filePrefixes.includes(lower));
  if (!kind) {
    throw new UsageError('BAD_KIND', `未知的数据类型“${text}”`, {
      hint: `可用的类型：${kinds.map((k) => `${k}（${kindSpecs[k].label}）`).join('、')}`,
    });
  }
  return kind;
}

export function registerImport(program: Command, wrap: Wrap): void {
  program
    .command('import')
    .description('把一个或多个同类数据文件导入工作区当前批次')
    .argument('<kind>', `数据类型：${kinds.join(' | ')}`)
    .argument('<file...>', 'CSV 或 XLSX 文件')
    .option('--encoding <enc>', 'CSV 编码：utf-8 或 gb18030（默认自动识别）')
    .option('--sheet <name>', 'XLSX 工作表名称或序号（默认第一个）')
    .option('--rejected <file>', '把本批次全部拒收记录写到此 CSV 文件')
    .action(
      wrap<ImportOpts>(async (ctx, opts, args) => {
        const [kindText, ...files] = args;
        const kind = parseKind(kindText!);
        const encoding = parseEncodingOption(opts.encoding);
        ctx.lockWorkspace('import');
        const db = ctx.openDb();
        const batchId = openBatchId(db);
        const summaries = await importMany(
          db,
          batchId,
          files.map((path) => ({ kind, path })),
          { ...(encoding ? { encoding } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}) },
        );
        for (const s of summaries) ctx.log.info({ kind: s.kind, sha256: s.sha256, read: s.read, accepted: s.accepted, rejected: s.rejected, refused: s.refused?.code }, 'file imported');
        const rejected = summaries.reduce((n, s) => n + s.rejected, 0);
        if (ctx.log.isLevelEnabled('debug')) {
          for (const r of rejectedRows(db, batchId)) ctx.log.debug({ file: r.file, line: r.line, code: r.code, message: r.message, raw: r.raw }, 'row rejected');
        }
        for (const line of fileLedgerLines(summaries)) ctx.say(line);
        if (rejected > 0) {
          ctx.say('拒收的行：');
          for (const line of rejectedRowLines(rejectedRows(db, batchId), 20)) ctx.say(line);
        }
        if (opts.rejected) {
          await writeRejectedCsv(opts.rejected, rejectedRows(db, batchId));
          ctx.say(`全部拒收记录已写入 ${opts.rejected}`);
        }
        if (ctx.json) {
          process.stdout.write(JSON.stringify({ batch: batchId, files: summaries.map(jsonFile), rows_rejected: rejected }) + '\n');
        }
        if (summaries.some((s) => s.refused)) return ExitCode.inputUnusable;
        return rejected > 0 ? ExitCode.doneWithFindings : ExitCode.ok;
      }),
    );
}
