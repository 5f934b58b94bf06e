import { describe, expect, it } from 'vitest';
import { kindTables } from '../../src/store/kindTables.js';
import { RowWriter } from '../../src/store/rowWriter.js';
import { tempWorkspace } from '../helpers/workspace.js';

function deathRow(id: string, name: string, date: string): (string | number | null)[] {
  const values: Record<string, string | number> = { id_number: id, id_upgraded: 0, name, name_norm: name, death_date: date };
  return kindTables.death.columns.map((c) => values[c] ?? null);
}

describe('RowWriter duplicate detection', () => {
  it('a hash hit with different values (a true collision) is stored, and a later copy of either row is found', () => {
    const { db, batchId } = tempWorkspace();
    db.prepare(`INSERT INTO files (id, batch_id, kind, path, name, format, sha256, size, state) VALUES (1, ?, 'death', '/x', 'death.csv', 'csv', '', 0, 'imported')`).run(batchId);
    const w = new RowWriter(db, 'death', batchId, 1);
    const a = deathRow('11010519491231002X', '张三', '2024-01-01');
    const b = deathRow('11010519491231002X', '张三', '2024-01-02');
    expect(w.accept(2, a, 42)).toBeUndefined();
    // Same forced hash, different date: a collision, so both rows must be kept.
    expect(w.accept(3, b, 42)).toBeUndefined();
    expect(w.accept(4, a, 42)).toEqual({ fileName: 'death.csv', line: 2 });
    expect(w.accept(5, b, 42)).toEqual({ fileName: 'death.csv', line: 3 });
    expect(db.prepare('SELECT line, row_hash_seq AS seq FROM death ORDER BY line').all()).toEqual([
      { line: 2, seq: 0 },
      { line: 3, seq: 1 },
    ]);
  });
});
