/**
 * Households for the PDF report tests, built with the rule tests' builders (test/assess/builders.ts): 菏泽 policy,
 * 城市 低保 applied for on 2024-06-15 (income window 2023-06 … 2024-05), as-of 2024-06-30.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { HouseholdAssessment } from '../../../src/assess/result.js';
import { renderReportPdf, type ReportContext, type RenderedReport } from '../../../src/report/pdf/renderReport.js';
import { reportNumber, resultsEntry, stringifyWithMoney } from '../../../src/report/resultsJson.js';
import type { MemberInput } from '../../../src/assess/input.js';
import { assess, bank, crossprov, family, household, income, realestate, vehicle } from '../../assess/builders.js';

export const asOf = '2024-06-30';

export function contextFor(a: HouseholdAssessment, seq = 1): ReportContext {
  return {
    reportNo: reportNumber(a.regionCode, asOf, seq),
    asOf,
    regionName: '山东省菏泽市牡丹区',
    policy: { id: 'shandong-heze', version: '2024.1', sha256: '5e2f'.repeat(16) },
    integrityCode: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  };
}

/** How results.json prints a figure of the household (e.g. `"per_capita_monthly_income":1350.00` → `1350.00`). */
export function resultsFigure(a: HouseholdAssessment, key: string): string {
  const json = stringifyWithMoney(resultsEntry(a, { reportNo: '', reportFile: null, reportSha256: null }));
  const m = new RegExp(`"${key}":(-?\\d+\\.\\d\\d|null)`).exec(json);
  if (!m) throw new Error(`no ${key} in ${json}`);
  return m[1]!;
}

/** 张三 (employed), 李梅, 张小 (服刑): income over the line → 不符合; a bank account, a car sold (E), a flat. */
export function typicalHousehold(): { a: HouseholdAssessment; members: MemberInput[] } {
  const members = family({ name: '张三', employed: true, declaredMonthlyIncome: 250000 }, { name: '李梅' }, { name: '张小', excludedReason: '服刑' });
  const [x, y, z] = members;
  const a = assess(
    household(members, {}, {
      income: [
        income(x!, { amount: 3600000 }),
        income(x!, { amount: 3500000, source: '社保' }),
        income(y!, { item: '奖学金', category: '其他', amount: 500000 }),
        income(y!, { category: '社保个人缴费', item: '养老保险', amount: 240000 }),
        income(z!, { amount: 9900000 }),
      ],
      bank: [bank(x!, { account_no: '6222020200112233', balance: 1234567 }), bank(y!, { account_no: '6217000010002000', balance: 50000, name: '李梅梅' })],
      vehicle: [vehicle(y!, { status: 'E' })],
      realestate: [realestate(x!, { share: { num: 1, den: 2 }, location: '牡丹区中华路 88 号' }), realestate(y!, { share: { num: 1, den: 2 }, location: '牡丹区中华路 88 号' })],
      crossprov: [crossprov(x!, { province: '江苏省', item: '存款', result: '无' })],
    }),
  );
  return { a, members };
}

/** A household that passes every test → 符合 with a benefit. */
export function eligibleHousehold(): HouseholdAssessment {
  const [x, y] = family({ name: '王建国' }, { name: '刘秀英' });
  return assess(household([x!, y!], {}, { income: [income(x!, { amount: 600000 })], bank: [bank(x!, { account_no: '6228480012345678', balance: 300000 })] }));
}

/** 30 members and 200 bank rows (some suspect), with incomes: the long-table case. */
export function bigHousehold(): { a: HouseholdAssessment; members: MemberInput[] } {
  const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
  const members = family(
    ...Array.from({ length: 30 }, (_, i) => ({ name: `${i % 2 ? '欧阳' : '张'}${given[i % given.length]}${i}`, employed: i % 3 === 0, declaredMonthlyIncome: i % 4 === 0 ? 100000 : null })),
  );
  const banks = ['中国工商银行股份有限公司菏泽牡丹支行', '中国农业银行', '中国建设银行股份有限公司菏泽分行营业部', '菏泽农村商业银行股份有限公司', '中国邮政储蓄银行'];
  const a = assess(
    household(members, {}, {
      bank: Array.from({ length: 200 }, (_, i) => {
        const m = members[i % 30]!;
        return bank(m, {
          account_no: `62220202${String(10000000000 + i * 7919).slice(-11)}`,
          institution: banks[i % banks.length]!,
          asset_type: i % 7 === 0 ? '定期存款' : '活期存款',
          balance: 1000 + i * 137,
          as_of: '2024-06-01',
          ...(i % 50 === 7 ? { name: `${m.name}X` } : {}),
        });
      }),
      income: members.slice(0, 12).map((m, i) => income(m, { amount: 120000 + i * 10000, source: i % 2 ? '税务' : '人社' })),
    }),
  );
  return { a, members };
}

/** A member has not signed the authorization: nothing is read (R2). */
export function blockedHousehold(): HouseholdAssessment {
  const [x, y] = family({ name: '赵六' }, { name: '钱七', authorized: false });
  return assess(household([x!, y!], {}, { income: [income(x!, { amount: 100 })] }));
}

/** The other blocking reasons (R15 step 1): an invalid ID, no counted member, no policy for the region. */
export function otherBlockedHouseholds(): Record<'ID_INVALID' | 'NO_MEMBERS' | 'POLICY_NOT_FOUND', HouseholdAssessment> {
  const [a, b] = family({ name: '周八' }, { name: '吴九', idValid: false, idProblem: '校验位错误' });
  const [c] = family({ name: '郑十', excludedReason: '宗教教职' });
  const [d] = family({ name: '冯十一' });
  return {
    ID_INVALID: assess(household([a!, b!])),
    NO_MEMBERS: assess(household([c!])),
    POLICY_NOT_FOUND: assess(household([d!], { regionCode: '110101' })),
  };
}

/** The applicant's name holds 𠮷 (U+20BB7, CJK Extension B), which Noto Sans SC lacks. */
export function extBHousehold(): HouseholdAssessment {
  const [x] = family({ name: '𠮷野家' });
  return assess(household([x!], {}, { income: [income(x!, { amount: 120000 })] }));
}

/** 特困: assessed for 本人 alone; the 法定义务人 check is manual. */
export function tekunHousehold(): HouseholdAssessment {
  const [x, y] = family({ name: '孙老汉' }, { name: '孙大', relation: '子女' });
  return assess(household([x!, y!], { program: '特困' }, {}));
}

export function render(a: HouseholdAssessment): RenderedReport {
  return renderReportPdf(a, contextFor(a));
}

/** Whether a command-line tool is installed. */
export function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** Writes the PDF to a temporary folder and runs `fn` with its path; the folder is removed afterwards. */
export function withPdfFile<T>(pdf: Buffer, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hedui-pdf-'));
  try {
    const path = join(dir, 'report.pdf');
    writeFileSync(path, pdf);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * pdftotext of one page (1-based) or the whole document, in content-stream order (`-raw`: each table cell's lines
 * one after the other) with all white space removed, so a phrase wrapped inside a cell is still found whole.
 */
export function pdfText(path: string, pageNo?: number): string {
  const range = pageNo === undefined ? [] : ['-f', String(pageNo), '-l', String(pageNo)];
  return run('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, path, '-']).replace(/\s+/g, '');
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box, from `pdftotext -bbox` (points, origin top left). */
export function pdfWords(path: string): { pageWidth: number; pageHeight: number; words: Word[] } {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-']);
  const words: Word[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const line of html.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) {
      page++;
      pageWidth = Number(p[1]);
      pageHeight = Number(p[2]);
      continue;
    }
    const w = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
    if (w) words.push({ page, text: w[5]!, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]) });
  }
  return { pageWidth, pageHeight, words };
}

/** Page 1 rasterised in gray (pdftoppm -gray, binary PGM): width, height and one byte per pixel. */
export function rasterPage1(path: string, dir: string, dpi: number): { width: number; height: number; pixels: Buffer } {
  run('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile', path, join(dir, 'page')]);
  const pgm = readFileSync(join(dir, 'page.pgm'));
  // P5 header: magic, width, height, maxval, each followed by whitespace.
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(pgm[at]!))) at++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(pgm[at]!))) s += String.fromCharCode(pgm[at++]!);
    fields.push(s);
  }
  at++;
  if (fields[0] !== 'P5') throw new Error(`not a binary PGM: ${fields[0]}`);
  return { width: Number(fields[1]), height: Number(fields[2]), pixels: pgm.subarray(at) };
}

/** The objects of a PDF written by pdfkit (classic xref table, no object streams): dictionary text and decoded stream. */
export function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(text)![1]);
  const xref = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
  const count = Number(xref[1]);
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (let id = 1; id < count; id++) {
    const entryAt = startxref + xref[0].length + 20 * id;
    const offset = Number(text.slice(entryAt, entryAt + 10));
    const head = `${id} 0 obj\n`;
    if (text.slice(offset, offset + head.length) !== head) throw new Error(`object ${id} not at ${offset}`);
    const start = offset + head.length;
    const streamAt = text.indexOf('\nstream\n', start);
    const endAt = text.indexOf('\nendobj', start);
    if (streamAt < 0 || streamAt > endAt) {
      objects.set(id, { dict: text.slice(start, endAt), stream: null });
      continue;
    }
    const dict = text.slice(start, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    const raw = pdf.subarray(streamAt + 8, streamAt + 8 + length);
    objects.set(id, { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  return objects;
}
