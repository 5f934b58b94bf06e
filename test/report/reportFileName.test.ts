import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collidingBaseNames, reportFileName, safeBaseName } from '../../src/report/reportFileName.js';

const h8 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 8);

describe('report file names (data-contract.md)', () => {
  it('keeps [0-9A-Za-z_-] and CJK only', () => {
    expect(safeBaseName('SQ-2024/06:001')).toBe('SQ-202406001');
    expect(safeBaseName('牡丹区 第1号*?')).toBe('牡丹区第1号');
    expect(safeBaseName('..\\..\\con')).toBe('con');
    expect(safeBaseName('///')).toBe('_');
  });

  it('appends - and the first 8 hex of SHA-256(application_id) to every colliding name', () => {
    const ids = ['A/1', 'A:1', 'a1', 'B2'];
    const colliding = collidingBaseNames(ids);
    expect(reportFileName('A/1', colliding)).toBe(`A1-${h8('A/1')}.pdf`);
    expect(reportFileName('A:1', colliding)).toBe(`A1-${h8('A:1')}.pdf`);
    expect(reportFileName('a1', colliding)).toBe(`a1-${h8('a1')}.pdf`); // NTFS is case-insensitive
    expect(reportFileName('B2', colliding)).toBe('B2.pdf');
    const names = ids.map((id) => reportFileName(id, colliding).toLowerCase());
    expect(new Set(names).size).toBe(ids.length);
  });
});
