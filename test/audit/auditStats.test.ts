import { describe, expect, it } from 'vitest';
import { percentText, wilsonInterval } from '../../src/audit/stats.js';

describe('Wilson 95 % interval (hand-worked, z = 1.959964, z² = 3.841459)', () => {
  it('0 of 10: centre = half = 1.920730/13.841459 → [0, 27.75 %]', () => {
    const r = wilsonInterval(0, 10)!;
    expect(r.rate).toBe(0);
    expect(r.lower).toBe(0);
    expect(r.upper).toBeCloseTo(0.277533, 5);
    expect(percentText(r.upper)).toBe('27.75%');
  });

  it('1 of 10: centre 0.211016, half 0.193139 → [1.79 %, 40.42 %]', () => {
    const r = wilsonInterval(1, 10)!;
    expect(r.rate).toBe(0.1);
    expect(r.lower).toBeCloseTo(0.017876, 5);
    expect(r.upper).toBeCloseTo(0.404150, 5);
  });

  it('2 of 50: centre 0.072819, half 0.061781 → [1.10 %, 13.46 %]', () => {
    const r = wilsonInterval(2, 50)!;
    expect(r.lower).toBeCloseTo(0.011038, 4);
    expect(r.upper).toBeCloseTo(0.1346, 4);
  });

  it('10 of 10 mirrors 0 of 10; nothing sampled → null; nonsense → RangeError', () => {
    const r = wilsonInterval(10, 10)!;
    expect(r.upper).toBe(1);
    expect(r.lower).toBeCloseTo(1 - 0.277533, 5);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});
