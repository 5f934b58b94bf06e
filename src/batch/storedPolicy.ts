import { createHash } from 'node:crypto';
import { PolicyError } from '../errors.js';
import { parsePolicyBytes, type LoadedPolicy } from '../policy/index.js';
import type { Db } from '../store/db.js';

/** The pack a batch was last assessed with, exactly as archived in the workspace (never a bundled pack). */
export function storedPolicy(db: Db, batchId: number): LoadedPolicy {
  const row = db.prepare(`SELECT policy_file, policy_bytes FROM batches WHERE id = ?`).get(batchId) as
    | { policy_file: string | null; policy_bytes: Buffer | null }
    | undefined;
  if (!row?.policy_bytes || !row.policy_file) {
    throw new PolicyError('POLICY_MISSING', `工作区第 ${batchId} 批尚未指定参数包`, {
      hint: '请用 --policy 指定本地参数包，例如：hedui run --policy 参数包.yaml（示例见 fixtures/policy/）',
    });
  }
  const bytes = Buffer.from(row.policy_bytes);
  return {
    pack: parsePolicyBytes(bytes, row.policy_file),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    file: row.policy_file,
    bytes,
  };
}

/** The workspace's newest batch, or a usage error saying how to create one. */
export function latestBatchId(db: Db): number {
  const id = db.prepare(`SELECT MAX(id) FROM batches`).pluck().get() as number | null;
  if (id === null) {
    throw new PolicyError('NO_BATCH', '工作区中还没有任何批次', {
      hint: '请先用 hedui import 导入数据，或用 hedui batch --input 文件夹 --out 输出文件夹 处理整个批次',
    });
  }
  return id;
}
