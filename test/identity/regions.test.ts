import { describe, expect, it } from 'vitest';
import { allCountyCodes, isKnownRegion, regionFullName, regionName } from '../../src/identity/regions.js';

describe('regions (GB/T 2260)', () => {
  it('names a county with its province and city', () => {
    expect(regionFullName('371702')).toBe('山东省菏泽市牡丹区');
    expect(regionName('371702')).toBe('牡丹区');
  });

  it('leaves out grouping city rows such as 市辖区', () => {
    expect(regionFullName('110105')).toBe('北京市朝阳区');
    expect(regionFullName('419001')).toBe('河南省济源市'); // under 419000 省直辖县级行政区划
  });

  it('names a city or a province alone', () => {
    expect(regionFullName('371700')).toBe('山东省菏泽市');
    expect(regionFullName('370000')).toBe('山东省');
  });

  it('reads the first 6 digits of a 12-digit code', () => {
    expect(regionFullName('371702001001')).toBe('山东省菏泽市牡丹区');
  });

  it('knows codes that no longer exist', () => {
    expect(regionFullName('110103')).toBe('北京市崇文区'); // merged into 东城区 in 2010
  });

  it('knows 440524 although the shared data README names it as missing', () => {
    // 潮阳县 is in the 1983–1992 editions (first_revision 198312), so the ID vector 440524188001010014 has a known prefix.
    expect(isKnownRegion('440524')).toBe(true);
    expect(regionFullName('440524')).toBe('广东省汕头市潮阳县');
  });

  it('does not know codes missing from every edition, nor malformed codes', () => {
    expect(isKnownRegion('110199')).toBe(false);
    expect(regionName('110199')).toBeUndefined();
    expect(regionFullName('110199')).toBeUndefined();
    expect(regionFullName('37170')).toBeUndefined();
    expect(regionFullName('3717020010')).toBeUndefined();
    expect(regionFullName('37170X')).toBeUndefined();
  });

  it('lists county codes sorted, without province and city rows', () => {
    const codes = allCountyCodes();
    expect(codes).toContain('371702');
    expect(codes).not.toContain('371700');
    expect(codes).not.toContain('370000');
    expect(codes.every((code) => /^\d{4}(?!00)\d{2}$/.test(code))).toBe(true);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
