/**
 * Names of GB/T 2260 administrative divisions, for reports and for the ID_REGION_UNKNOWN hint (R3). The table holds
 * every code of any edition since 1980, because the address code in a 身份证号 never changes after issue.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../errors.js';

// Two levels up is the package root both from src/identity (vitest, tsx) and from dist/identity (compiled), and the
// TSV ships in src/ — tsc does not copy data files into dist/.
const divisionsPath = fileURLToPath(new URL('../../src/identity/data/gb2260-divisions.tsv', import.meta.url));

/** City-level rows that only group counties; a full name leaves them out (北京市朝阳区, not 北京市市辖区朝阳区). */
const groupingCityNames = new Set(['市辖区', '县', '省直辖县级行政区划']);

let divisions: Map<string, string> | undefined;

function loadDivisions(): Map<string, string> {
  if (divisions) return divisions;
  const lines = readFileSync(divisionsPath, 'utf8').split(/\r?\n/);
  if (!lines[0]?.startsWith('code\tname\t')) {
    throw new InternalError('REFERENCE_DATA', `unexpected header in ${divisionsPath}`);
  }
  const byCode = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [code, name] = line.split('\t');
    if (code === undefined || name === undefined || !/^\d{6}$/.test(code)) {
      throw new InternalError('REFERENCE_DATA', `malformed row in ${divisionsPath}: ${line}`);
    }
    byCode.set(code, name);
  }
  divisions = byCode;
  return byCode;
}

export function isKnownRegion(code6: string): boolean {
  return loadDivisions().has(code6);
}

/** The division's own name, e.g. 牡丹区 for 371702. */
export function regionName(code6: string): string | undefined {
  return loadDivisions().get(code6);
}

/**
 * Province, city and county names joined, e.g. 山东省菏泽市牡丹区 for 371702 and 山东省菏泽市 for 371700. Accepts a
 * 6- or 12-digit region code (the last 6 digits of a 12-digit code are township and village, not in GB/T 2260).
 */
export function regionFullName(code: string): string | undefined {
  if (!/^(\d{6}|\d{12})$/.test(code)) return undefined;
  const code6 = code.slice(0, 6);
  const table = loadDivisions();
  const ownName = table.get(code6);
  if (ownName === undefined) return undefined;

  const provinceCode = `${code6.slice(0, 2)}0000`;
  const cityCode = `${code6.slice(0, 4)}00`;
  if (code6 === provinceCode) return ownName;
  const parts: string[] = [];
  const province = table.get(provinceCode);
  if (province !== undefined) parts.push(province);
  if (code6 !== cityCode) {
    const city = table.get(cityCode);
    if (city !== undefined && !groupingCityNames.has(city)) parts.push(city);
  }
  parts.push(ownName);
  return parts.join('');
}

/** County-level codes (last two digits not 00), sorted; a fresh array each call. */
export function allCountyCodes(): string[] {
  return [...loadDivisions().keys()].filter((code) => !code.endsWith('00')).sort();
}
