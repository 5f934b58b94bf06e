import { describe, expect, it } from 'vitest';
import { runEvents } from '../../src/reasons.js';
import { staleWarning } from '../../src/policy/stale.js';
import { pack, rawPack, rawPeriod, rawRegion } from './packs.js';

const heze = pack(rawPack([rawRegion({}, [rawPeriod({ from: '2024-01-01' })])]));

describe('POLICY_STALE: newest period started more than 18 months before as-of', () => {
  it('exactly 18 months is not stale; one day more is', () => {
    // 2024-01-01 + 18 months = 2025-07-01.
    expect(staleWarning(heze, '2025-07-01')).toBeUndefined();
    expect(staleWarning(heze, '2025-07-02')).toEqual({
      code: 'POLICY_STALE',
      level: 'warning',
      message: `${runEvents.POLICY_STALE}：山东省菏泽市（3717，最新标准 2024-01-01 起）`,
      regions: [{ code: '3717', name: '山东省菏泽市', newestFrom: '2024-01-01' }],
    });
    expect(staleWarning(heze, '2024-06-30')).toBeUndefined();
  });

  it('clamps to the end of a shorter month', () => {
    // 2024-08-31 + 18 months = 2026-02-31 → 2026-02-28.
    const lateMonth = pack(rawPack([rawRegion({}, [rawPeriod({ from: '2024-08-31' })])]));
    expect(staleWarning(lateMonth, '2026-02-28')).toBeUndefined();
    expect(staleWarning(lateMonth, '2026-03-01')).toBeDefined();
  });

  it('looks at the newest period of each region, whatever the file order', () => {
    const two = pack(rawPack([rawRegion({}, [rawPeriod({ from: '2024-01-01' }), rawPeriod({ from: '2022-01-01', to: '2023-12-31' })])]));
    expect(staleWarning(two, '2025-07-01')).toBeUndefined();
  });

  it('one event names every stale region; matched regions limit the check', () => {
    const packOfThree = pack(
      rawPack([
        rawRegion({ code: '3717', name: '山东省菏泽市' }, [rawPeriod({ from: '2023-01-01' })]),
        rawRegion({ code: '5105', name: '四川省泸州市' }, [rawPeriod({ from: '2024-07-01' })]),
        rawRegion({ code: '15', name: '内蒙古自治区' }, [rawPeriod({ from: '2022-06-01' })]),
      ]),
    );
    // As of 2025-01-01: 3717 (2023-01-01 + 18 = 2024-07-01) and 15 (2022-06-01 + 18 = 2023-12-01) are stale; 5105 is not.
    const event = staleWarning(packOfThree, '2025-01-01');
    expect(event?.regions.map((r) => r.code)).toEqual(['3717', '15']);
    expect(event?.message).toBe(
      `${runEvents.POLICY_STALE}：山东省菏泽市（3717，最新标准 2023-01-01 起）、内蒙古自治区（15，最新标准 2022-06-01 起）`,
    );
    expect(staleWarning(packOfThree, '2025-01-01', ['5105'])).toBeUndefined();
    expect(staleWarning(packOfThree, '2025-01-01', ['15', '5105'])?.regions.map((r) => r.code)).toEqual(['15']);
  });
});
