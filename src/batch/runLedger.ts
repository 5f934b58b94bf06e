/**
 * Which workspace batch a `hedui batch` run works in (issue 5): a new one, or — after a kill — the unfinished one
 * started with the same arguments, whose imported files and written reports are checkpoints. Inputs changed since
 * the interrupted start are never resumed silently: the run refuses, names the files and offers --restart.
 */
import { UserInputError } from '../errors.js';
import type { Db } from '../store/db.js';
import { startNewBatch } from '../store/db.js';
import { toolVersion } from '../version.js';

export interface PlannedInput {
  name: string;
  kind: string;
  sha256: string;
}

export interface RunArgs {
  input: string;
  out: string;
  policy: string | null;
  asOf: string | null;
  encoding: string | null;
  sheet: string | null;
  fullIds: boolean;
}

export interface RunStart {
  batchId: number;
  runId: number;
  resumed: boolean;
}

function changedInputs(before: PlannedInput[], now: PlannedInput[]): string[] {
  const key = (i: PlannedInput) => `${i.kind}\u0000${i.name}`;
  const old = new Map(before.map((i) => [key(i), i.sha256]));
  const cur = new Map(now.map((i) => [key(i), i.sha256]));
  const changed: string[] = [];
  for (const [k, sha] of cur) {
    const name = k.split('\u0000')[1]!;
    if (!old.has(k)) changed.push(`${name}（新增）`);
    else if (old.get(k) !== sha) changed.push(`${name}（内容已改变）`);
  }
  for (const k of old.keys()) if (!cur.has(k)) changed.push(`${k.split('\u0000')[1]!}（已删除）`);
  return changed.sort();
}

export function startRun(db: Db, args: RunArgs, inputs: PlannedInput[], operator: string, now: Date, restart: boolean): RunStart {
  const argsJson = JSON.stringify(args);
  const open = db
    .prepare(`SELECT id, inputs FROM batches WHERE state = 'open' AND run_args = ? ORDER BY id DESC LIMIT 1`)
    .get(argsJson) as { id: number; inputs: string } | undefined;
  let batchId: number;
  let resumed = false;
  if (open && !restart) {
    const changed = changedInputs(JSON.parse(open.inputs) as PlannedInput[], inputs);
    if (changed.length > 0) {
      throw new UserInputError('INPUT_CHANGED', `上次中断的批次（工作区第 ${open.id} 批）开始后，输入文件有变化：${changed.join('、')}；不能接着上次继续`, {
        hint: '如确认要用现在的文件重新开始整批处理，请加 --restart；否则请恢复原来的文件后用相同参数重新运行',
      });
    }
    batchId = open.id;
    resumed = true;
  } else {
    batchId = startNewBatch(db);
    db.prepare(`UPDATE batches SET run_args = ?, inputs = ? WHERE id = ?`).run(argsJson, JSON.stringify(inputs), batchId);
  }
  const runId = Number(
    db
      .prepare(`INSERT INTO runs (batch_id, started, state, resumed, operator, tool_version) VALUES (?, ?, 'running', ?, ?, ?)`)
      .run(batchId, now.toISOString(), resumed ? 1 : 0, operator, toolVersion).lastInsertRowid,
  );
  return { batchId, runId, resumed };
}

export function finishRun(db: Db, runId: number, batchId: number, state: 'done' | 'stopped' | 'failed', stages: Record<string, number>, now: Date): void {
  db.transaction(() => {
    db.prepare(`UPDATE runs SET finished = ?, state = ?, stages = ? WHERE id = ?`).run(now.toISOString(), state, JSON.stringify(stages), runId);
    if (state === 'done') db.prepare(`UPDATE batches SET state = 'closed' WHERE id = ?`).run(batchId);
  })();
}
