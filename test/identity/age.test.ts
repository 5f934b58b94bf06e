import { describe, expect, it } from 'vitest';
import { ageOn } from '../../src/identity/idNumber.js';

describe('ageOn (周岁)', () => {
  it('counts the birthday itself', () => {
    expect(ageOn('1964-06-01', '2024-05-31')).toBe(59);
    expect(ageOn('1964-06-01', '2024-06-01')).toBe(60);
    expect(ageOn('1964-06-01', '2024-06-02')).toBe(60);
  });

  it('puts a 29 February birthday on 1 March in common years', () => {
    expect(ageOn('1964-02-29', '2023-02-28')).toBe(58);
    expect(ageOn('1964-02-29', '2023-03-01')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('2008-02-29', '2100-03-01')).toBe(92); // 2100 is a common year
    expect(ageOn('2008-02-29', '2100-02-28')).toBe(91);
  });

  it('is 0 in the first year and negative before the birth', () => {
    expect(ageOn('2024-01-15', '2024-01-15')).toBe(0);
    expect(ageOn('2024-01-15', '2025-01-14')).toBe(0);
    expect(ageOn('2024-01-15', '2024-01-14')).toBe(-1);
  });

  it('refuses text that is not a YYYY-MM-DD date', () => {
    expect(() => ageOn('1964-02-30', '2024-01-01')).toThrow(RangeError);
    expect(() => ageOn('1964-06-01', '2024/01/01')).toThrow(RangeError);
  });
});
