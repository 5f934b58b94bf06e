import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/identity/calendar.js';

describe('parseIsoDate', () => {
  it('reads YYYY-MM-DD, leap days included', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('0001-01-01')).toEqual({ year: 1, month: 1, day: 1 });
    expect(parseIsoDate('1999-12-31')).toEqual({ year: 1999, month: 12, day: 31 });
  });

  it('refuses anything else: other shapes, full-width digits, impossible dates', () => {
    for (const bad of ['', '2024-2-01', '2024-02-1', '2024/02/01', '2024-02-01 ', ' 2024-02-01', '20240201', '２０２４-02-01', '2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-00', '2024-0a-01', '+024-01-01']) {
      expect(() => parseIsoDate(bad), bad).toThrow(RangeError);
    }
  });
});
