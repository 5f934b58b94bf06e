import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../src/identity/checksum.js';
import { normalizeIdText, parseIdNumber } from '../../src/identity/idNumber.js';

describe('normalizeIdText', () => {
  it('trims half- and full-width spaces and removes inner ones', () => {
    expect(normalizeIdText('\u3000 110105 19491231 002X\t')).toBe('11010519491231002X');
  });

  it('makes full-width digits, Ｘ and ｘ ASCII and x upper-case', () => {
    expect(normalizeIdText('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normalizeIdText('11010519491231002x')).toBe('11010519491231002X');
  });

  it('changes nothing else', () => {
    expect(normalizeIdText('A1.10105E+17Ｙ')).toBe('A1.10105E+17Ｙ');
  });

  it('returns a clean value unchanged', () => {
    const clean = '11010519491231002X';
    expect(normalizeIdText(clean)).toBe(clean);
  });
});

describe('parseIdNumber', () => {
  it('reads birth date, sex and region of a valid 18-digit number', () => {
    expect(parseIdNumber('150122199010194636')).toEqual({
      ok: true,
      id: '150122199010194636',
      upgraded: false,
      birthDate: '1990-10-19',
      sex: 'M', // sequence 463: odd
      regionPrefix: '150122',
    });
  });

  it('upgrades a 15-digit number by inserting 19', () => {
    // 371702 840229 123 → first 17 = 371702 19 840229 123 (1984 is a leap year, so 02-29 exists).
    const first17 = '37170219840229123';
    expect(parseIdNumber('371702840229123')).toEqual({
      ok: true,
      id: first17 + checkCharacter(first17),
      upgraded: true,
      birthDate: '1984-02-29',
      sex: 'M',
      regionPrefix: '371702',
    });
  });

  it('upgrades sequences 996–999 by inserting 18 (people aged 100 or more)', () => {
    // 110105 600101 998 → first 17 = 110105 18 600101 998 = 11010518600101998.
    // Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 times the digits 1 1 0 1 0 5 1 8 6 0 0 1 0 1 9 9 8:
    // 7+9+0+5+0+20+2+8+36+0+0+9+0+5+72+36+16 = 225; 225 mod 11 = 5; '10X98765432'[5] = '7'.
    expect(parseIdNumber('110105600101998')).toEqual({
      ok: true,
      id: '110105186001019987',
      upgraded: true,
      birthDate: '1860-01-01',
      sex: 'F',
      regionPrefix: '110105',
    });
    for (const sequence of ['996', '997', '999']) {
      const parsed = parseIdNumber(`110105600101${sequence}`);
      expect(parsed.ok && parsed.id.slice(6, 8)).toBe('18');
    }
    const parsed = parseIdNumber('110105600101995');
    expect(parsed.ok && parsed.id.slice(6, 8)).toBe('19');
  });

  it('checks the date of a 15-digit number with its century', () => {
    expect(parseIdNumber('110105490231002')).toMatchObject({
      ok: false,
      problem: 'date',
      detail: '出生日期 1949-02-31 不存在',
    });
    // 998 → 1840, before 1850
    expect(parseIdNumber('110105400101998')).toMatchObject({ ok: false, problem: 'date' });
  });

  it('knows leap years', () => {
    const valid = (first17: string) => parseIdNumber(first17 + checkCharacter(first17));
    expect(valid('11010520000229002').ok).toBe(true); // 2000: divisible by 400
    expect(valid('11010519000229002')).toMatchObject({ ok: false, problem: 'date', detail: '出生日期 1900-02-29 不存在' });
    expect(valid('11010519960229002').ok).toBe(true);
    expect(valid('11010519970229002').ok).toBe(false);
    expect(valid('11010519491301002')).toMatchObject({ ok: false, problem: 'date' });
    expect(valid('11010519490100002')).toMatchObject({ ok: false, problem: 'date' });
  });

  it('accepts births from 1850-01-01 to 2100-12-31 only', () => {
    const parse = (first17: string) => parseIdNumber(first17 + checkCharacter(first17));
    expect(parse('11010518500101002').ok).toBe(true);
    expect(parse('11010521001231002').ok).toBe(true);
    expect(parse('11010518491231002')).toMatchObject({
      ok: false,
      problem: 'date',
      detail: '出生日期 1849-12-31 不在 1850-01-01 至 2100-12-31 之间',
    });
    expect(parse('11010521010101002')).toMatchObject({ ok: false, problem: 'date' });
  });

  it('explains each problem in Chinese with a fix-it hint', () => {
    expect(parseIdNumber(' \u3000')).toMatchObject({ ok: false, normalized: '', problem: 'empty', detail: '身份证号为空' });
    expect(parseIdNumber('11010519491231002')).toMatchObject({
      problem: 'length',
      detail: '长度为 17 位，应为 18 位（或 15 位旧号）',
      hint: '请核对原始证件；若为 Excel 数字格式导致末位丢失，请将该列设为文本后重新导出',
    });
    expect(parseIdNumber('110105194912310021')).toMatchObject({ problem: 'checksum', detail: '校验位应为 X，实际为 1' });
    expect(parseIdNumber('11010519491231002Y')).toMatchObject({ problem: 'characters', detail: '末位“Y”应为数字或 X' });
    expect(parseIdNumber('1101051949X231002X')).toMatchObject({ problem: 'characters', detail: '第 11 位“X”不是数字' });
    expect(parseIdNumber('11010549123100X')).toMatchObject({ problem: 'characters', detail: '第 15 位“X”不是数字' });
    expect(parseIdNumber('1.10105E+17')).toMatchObject({ problem: 'characters', detail: '第 2 位“.”不是数字' });
    for (const raw of ['', '1101', '11010519491231002', '110105194912310021', '11010519491231002Y']) {
      const parsed = parseIdNumber(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.hint).toMatch(/请/);
    }
  });
});
