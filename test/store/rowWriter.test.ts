import { describe, expect, it } from 'vitest';
import { kindTables } from '../../src/store/kindTables.js';
import { RowWriter } from '../../src/store/rowWriter.js';
import { tempWorkspace } from '../helpers/workspace.js';

function deathRow(id: string, name: string, date: string): (string | number | null)[] {
  const values: Record<string, string | number> = { id_number: id, id_upgraded: 0, name, name_norm: name, death_date: date };
  return kindTables.death.columns.map((c) => values[c] ?? null);
}

describe('RowWriter duplicate detection', () => {
  it('a hash repeat with different values (a true collision) is kept; a later copy of either row is a duplicate', () => {
    const { db, batchId } = tempWorkspace();
    db.prepare(`INSERT INTO files (id, batch_id, kind, path, name, format, sha256, size, state) VALUES (1, ?, 'death', '/x', 'death.csv', 'csv', '', 0, 'imported')`).run(batchId);
    const w = new RowWriter(db, 'death', batchId, 1);
    const a = deathRow('11010519491231002X', '张三', '2024-01-01');
    const b = deathRow('11010519491231002X', '张三', '2024-01-02');
    const repeat = (raw: string) => ({ raw, applicationId: null });
    w.accept(2, a, 42);
    // Same forced hash as line 2, different date: a collision, so both rows must be kept.
    w.accept(3, b, 42, repeat('line 3'));
    w.accept(4, a, 42, repeat('line 4'));
    w.accept(5, b, 42, repeat('line 5'));
    expect(w.finish()).toBe(2);
    expect(db.prepare('SELECT line FROM death ORDER BY line').all()).toEqual([{ line: 2 }, { line: 3 }]);
    expect(db.prepare('SELECT line, code, message, raw FROM rejections ORDER BY line').all()).toEqual([
      { line: 4, code: 'DUPLICATE_ROW', message: '与 death.csv 第 2 行完全相同的重复行', raw: 'line 4' },
      { line: 5, code: 'DUPLICATE_ROW', message: '与 death.csv 第 3 行完全相同的重复行', raw: 'line 5' },
    ]);
  });

  it('acceptBatch stores every row of a flat chunk, in order, through its 64/32/…/1-row statements', () => {
    const { db, batchId } = tempWorkspace();
    db.prepare(`INSERT INTO files (id, batch_id, kind, path, name, format, sha256, size, state) VALUES (1, ?, 'death', '/x', 'death.csv', 'csv', '', 0, 'imported')`).run(batchId);
    const w = new RowWriter(db, 'death', batchId, 1);
    // 101 rows = 64 + 32 + 4 + 1: every statement size but 16, 8 and 2 is used once.
    const flat: (string | number | null)[] = [];
    for (let i = 0; i < 101; i++) flat.push(i + 2, 1000 + i, ...deathRow('11010519491231002X', `名${i}`, `2024-01-${String((i % 28) + 1).padStart(2, '0')}`));
    w.acceptBatch(flat, 101);
    expect(w.finish()).toBe(0);
    const rows = db.prepare('SELECT batch_id, file_id, line, row_hash, name, death_date FROM death ORDER BY row_id').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(101);
    expect(rows[0]).toEqual({ batch_id: batchId, file_id: 1, line: 2, row_hash: 1000, name: '名0', death_date: '2024-01-01' });
    expect(rows[100]).toEqual({ batch_id: batchId, file_id: 1, line: 102, row_hash: 1100, name: '名100', death_date: '2024-01-17' });
    expect(rows.map((r) => r.line)).toEqual(Array.from({ length: 101 }, (_, i) => i + 2));
  });

  it('acceptBatch refuses a chunk whose length does not match its row count', () => {
    const { db, batchId } = tempWorkspace();
    const w = new RowWriter(db, 'death', batchId, 1);
    expect(() => w.acceptBatch([2, 1000, ...deathRow('11010519491231002X', '张三', '2024-01-01')], 2)).toThrow(/values for 2 rows/);
  });
});
