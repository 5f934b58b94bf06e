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
});
