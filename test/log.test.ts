import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, hashKey } from '../src/log.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination: destination as unknown as Parameters<typeof createLogger>[0]['destination'] };
}

describe('log redaction', () => {
  it('removes name/ID fields and scrubs ID-shaped text in messages, fields, nested objects and errors', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'trace', secret: 's', destination });
    const id = '11010519491231002X';
    const old = '110105491231002';
    log.info({ id_number: id, name: '张三', member: { name: '李四', idNumber: id }, note: `见 ${id}` }, `row for ${id} and ${old}`);
    log.error(new Error(`bad id ${id}`));
    log.warn({ list: [id, '１１０１０５１９４９１２３１００２Ｘ'] }, 'x');
    const text = lines.join('');
    for (const secret of [id, old, '张三', '李四', '１１０１０５１９４９１２３１００２Ｘ']) expect(text).not.toContain(secret);
    // The keyed hash stands in, so one person can still be followed across lines.
    expect(text).toContain(hashKey(id, 's'));
  });

  it('leaves ordinary numbers alone (counts, 16-digit account numbers are redacted by field, not by shape)', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', secret: 's', destination }).info({ rows: 1000000, sha: 'ab'.repeat(32) }, 'imported 1000000 rows');
    expect(lines.join('')).toContain('imported 1000000 rows');
  });
});
