import { kindSpecs } from '../ingest/columns.js';
import type { FileImportSummary } from '../ingest/importFile.js';
import type { RejectedRow } from '../ingest/ledger.js';

const encodingLabel = { 'utf-8': 'UTF-8', gb18030: 'GB18030' } as const;

/** One line per file: the ledger read = accepted + rejected, in Chinese, with refusals spelled out. */
export function fileLedgerLines(files: FileImportSummary[]): string[] {
  const lines: string[] = [];
  for (const f of files) {
    const what = `${f.name}（${kindSpecs[f.kind].label}${f.format === 'xlsx' ? '，Excel' : f.encoding ? `，${encodingLabel[f.encoding]}` : ''}）`;
    if (f.refused) {
      lines.push(`✗ ${what}：文件被拒收（${f.refused.code}）${f.refused.message}`);
      if (f.refused.hint) lines.push(`  处理建议：${f.refused.hint}`);
      continue;
    }
    if (f.alreadyImported) {
      lines.push(`= ${what}：与本批已导入的文件内容相同（SHA-256 ${f.sha256?.slice(0, 12)}…），未重复导入；读取 ${f.read} 行 = 接受 ${f.accepted} + 拒收 ${f.rejected}`);
      continue;
    }
    lines.push(`✓ ${what}：读取 ${f.read} 行 = 接受 ${f.accepted} + 拒收 ${f.rejected}`);
    if (f.replacedVersion) lines.push(`  这是同名文件的新版本：已替换此前导入的版本（SHA-256 ${f.replacedVersion.slice(0, 12)}…）的全部数据行`);
    if (f.unknownColumns.length) lines.push(`  未识别的列（已忽略）：${f.unknownColumns.map((c) => `“${c}”`).join('、')}`);
  }
  return lines;
}

export function rejectedRowLines(rows: Iterable<RejectedRow>, limit: number): string[] {
  const lines: string[] = [];
  let n = 0;
  for (const r of rows) {
    if (n++ < limit) {
      lines.push(`  ${r.file} 第 ${r.line} 行${r.column ? `“${r.column}”列` : ''}：${r.message}（${r.code}）`);
      if (r.hint) lines.push(`    处理建议：${r.hint}`);
    }
  }
  if (n > limit) lines.push(`  ……另有 ${n - limit} 行拒收记录未显示`);
  return lines;
}

export function jsonFile(f: FileImportSummary) {
  return {
    name: f.name, path: f.path, kind: f.kind, format: f.format, encoding: f.encoding, sha256: f.sha256, size: f.size,
    rows_read: f.read, rows_accepted: f.accepted, rows_rejected: f.rejected, unknown_columns: f.unknownColumns,
    refused: f.refused,
    already_imported: f.alreadyImported ?? false,
    replaced_version: f.replacedVersion ?? null,
  };
}
