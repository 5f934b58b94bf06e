/**
 * The PDF 核对报告 checked with real readers (issue 4): qpdf, pdffonts, pdftotext, pdftoppm. A test whose tool is
 * missing is skipped with a line saying so (CI installs them: .ci/run).
 */
import { describe, expect, it } from 'vitest';
import { page } from '../../../src/report/pdf/canvas.js';
import { renderReportPdf, shortIntegrityCode } from '../../../src/report/pdf/renderReport.js';
import {
  bigHousehold,
  blockedHousehold,
  contextFor,
  eligibleHousehold,
  extBHousehold,
  has,
  otherBlockedHouseholds,
  pdfText,
  pdfWords,
  rasterPage1,
  render,
  resultsFigure,
  run,
  tekunHousehold,
  typicalHousehold,
  withPdfFile,
} from './households.js';

const tools = { qpdf: has('qpdf'), pdffonts: has('pdffonts'), pdftotext: has('pdftotext'), pdftoppm: has('pdftoppm') };
for (const [tool, present] of Object.entries(tools)) {
  if (!present) console.warn(`SKIPPED: ${tool} is not installed, so the PDF checks that read reports with ${tool} did not run (apt-get install qpdf poppler-utils)`);
}

const typical = typicalHousehold();
const big = bigHousehold();
const cases = {
  typical: typical.a,
  eligible: eligibleHousehold(),
  big: big.a,
  blocked: blockedHousehold(),
  extB: extBHousehold(),
  tekun: tekunHousehold(),
};
const rendered = Object.fromEntries(Object.entries(cases).map(([k, a]) => [k, render(a)])) as Record<keyof typeof cases, ReturnType<typeof render>>;

describe('qpdf', () => {
  it.skipIf(!tools.qpdf)('finds no syntax or stream errors in any report', () => {
    for (const [name, r] of Object.entries(rendered)) {
      withPdfFile(r.pdf, (path) => {
        const out = run('qpdf', ['--check', path]);
        expect(out, name).toContain('No syntax or stream encoding errors found');
      });
    }
  });
});

describe('pdffonts', () => {
  it.skipIf(!tools.pdffonts)('lists only Noto Sans SC, embedded and subset, with a six-letter subset tag and a ToUnicode map', () => {
    for (const [name, r] of Object.entries(rendered)) {
      withPdfFile(r.pdf, (path) => {
        const rows = run('pdffonts', [path]).trim().split('\n').slice(2);
        expect(rows.length, name).toBe(2);
        for (const row of rows) {
          // name  type  encoding  emb sub uni  object ID
          expect(row, name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
        }
      });
    }
  });
});

describe('pdftotext', () => {
  it.skipIf(!tools.pdftotext)('holds the applicant, the verdict and the per-capita income exactly as results.json prints them', () => {
    const expectations: [keyof typeof cases, string, string][] = [
      ['typical', '张三', '不符合'],
      ['eligible', '王建国', '符合'],
      ['blocked', '赵六', '待复核'],
    ];
    for (const [name, applicant, verdict] of expectations) {
      const a = cases[name];
      expect(a.verdict).toBe(verdict);
      withPdfFile(rendered[name].pdf, (path) => {
        const text = pdfText(path);
        expect(text).toContain(`申请人`);
        expect(text).toContain(applicant);
        expect(text).toContain(`核对结论：${verdict}`);
        const perCapita = resultsFigure(a, 'per_capita_monthly_income');
        if (perCapita !== 'null') expect(text).toContain(`家庭月人均收入：${perCapita}元`);
      });
    }
    // The arithmetic: 张三 36000.00 − 10% employment cost = 32400.00; 李梅 奖学金 excluded, 2400.00 deducted → 0;
    // I = 32400.00 (declared 2500 × 12 = 30000 < 32400), n = 2, p = 32400 / 12 / 2 = 1350.00.
    expect(resultsFigure(cases.typical, 'per_capita_monthly_income')).toBe('1350.00');
  });

  it.skipIf(!tools.pdftotext)('never shows a full 18-character ID or a full account number', () => {
    for (const [name, r] of Object.entries(rendered)) {
      withPdfFile(r.pdf, (path) => {
        // The report number (区划代码 + date + sequence) is 18 digits too: it is the one allowed.
        const text = pdfText(path).replaceAll(contextFor(cases[name as keyof typeof cases]).reportNo, '');
        expect(text, name).not.toMatch(/\d{17}[\dXx]/);
        for (const m of [...typical.members, ...big.members]) expect(text).not.toContain(m.idNumber);
        expect(text).not.toContain('6222020200112233');
        expect(text, name).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
      });
    }
  });

  it.skipIf(!tools.pdftotext)('prints the footer on every page: page x of y, objection window, use restriction, integrity code', () => {
    const r = rendered.big;
    expect(r.pages).toBeGreaterThan(1);
    withPdfFile(r.pdf, (path) => {
      for (let p = 1; p <= r.pages; p++) {
        const text = pdfText(path, p);
        expect(text).toContain(`第${p}页/共${r.pages}页`);
        expect(text).toContain('如对核对结果有异议，请于收到本报告之日起5个工作日内向核对机构提出');
        expect(text).toContain('本报告仅用于社会救助审核确认，不得用于其他用途');
        expect(text).toContain(shortIntegrityCode(contextFor(cases.big).integrityCode).replace(/ /g, ''));
      }
    });
  });

  it.skipIf(!tools.pdftotext)('carries the sections, excluded income with its rule, deductions, declared vs verified, suspect rows', () => {
    withPdfFile(rendered.typical.pdf, (path) => {
      const text = pdfText(path);
      for (const s of ['一、家庭基本情况', '二、收入核对', '三、财产核对', '四、核对结论', '政策依据', 'shandong-heze', '报告编号', '核对时间', '救助类别']) {
        expect(text).toContain(s);
      }
      expect(text).toContain('不计入（服刑）');
      expect(text).toContain('收入计算期：2023-06至2024-05，共12个月');
      expect(text).toContain('不计入：属不计入收入的项目（R6）');
      expect(text).toContain('不重复计入：已按其他来源的较大金额计入（R6）');
      expect(text).toContain('不计入收入的项目（R6）');
      expect(text).toContain('社保个人缴费扣减');
      expect(text).toContain('申报收入');
      expect(text).toMatch(/疑似：数据中姓名为“李梅梅”/);
      expect(text).toContain('***********2000');
      expect(text).toContain('不计入（非在用状态）');
      expect(text).toContain('分层分类');
    });
  });

  it.skipIf(!tools.pdftotext)('gives a blocked household a short report saying why and what to do, with no source data', () => {
    const r = rendered.blocked;
    expect(r.pages).toBe(1);
    withPdfFile(r.pdf, (path) => {
      const text = pdfText(path);
      expect(text).toContain('未取得授权，未开展核对');
      expect(text).toContain('钱七（配偶）未签署核对授权书');
      expect(text).toContain('处理建议');
      expect(text).toContain('补签');
      expect(text).not.toContain('income.csv');
      expect(text).not.toContain('收入核对');
    });
  });

  it.skipIf(!tools.pdftotext || !tools.qpdf)('gives every other blocked household a one-page report with its reason and advice', () => {
    const advice = { ID_INVALID: '更正申请名单', NO_MEMBERS: '核实家庭成员', POLICY_NOT_FOUND: '更新政策参数包' };
    for (const [code, a] of Object.entries(otherBlockedHouseholds())) {
      expect(a.reasons.map((r) => r.code), code).toContain(code);
      const r = render(a);
      expect(r.pages, code).toBe(1);
      withPdfFile(r.pdf, (path) => {
        expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
        const text = pdfText(path);
        expect(text, code).toContain('核对结论：待复核');
        expect(text, code).toContain('处理建议');
        expect(text, code).toContain(advice[code as keyof typeof advice]);
        expect(text, code).toContain('如对核对结果有异议，请于收到本报告之日起5个工作日内向核对机构提出');
      });
    }
  });

  it.skipIf(!tools.pdftotext)('prints full ID numbers only when asked and given them', () => {
    const a = cases.typical;
    const ids = new Map(typical.members.map((m) => [m.ordinal, m.idNumber]));
    withPdfFile(renderReportPdf(a, { ...contextFor(a), fullIds: true, fullIdNumbers: ids }).pdf, (path) => {
      expect(pdfText(path)).toContain(typical.members[0]!.idNumber);
    });
    withPdfFile(renderReportPdf(a, { ...contextFor(a), fullIds: false, fullIdNumbers: ids }).pdf, (path) => {
      expect(pdfText(path)).not.toContain(typical.members[0]!.idNumber);
    });
  });

  it.skipIf(!tools.pdftotext)('states for 特困 that the 法定义务人 check is manual', () => {
    withPdfFile(rendered.tekun.pdf, (path) => {
      const text = pdfText(path);
      expect(text).toContain('法定赡养、抚养、扶养义务人');
      expect(text).toContain('人工核查');
    });
  });

  it.skipIf(!tools.pdftotext)('prints a character the fonts lack as its code point, with a note, and flags the report', () => {
    const r = rendered.extB;
    expect(r.substitutedChars).toEqual(['𠮷']);
    for (const [name, other] of Object.entries(rendered)) if (name !== 'extB') expect(other.substitutedChars, name).toEqual([]);
    withPdfFile(r.pdf, (path) => {
      const page1 = pdfText(path, 1);
      expect(page1).toContain('[U+20BB7]野家');
      expect(page1).toContain('字库缺少以下字符');
      expect(page1).not.toContain('𠮷');
    });
  });
});

describe('30 members, 200 bank rows', () => {
  it('has as many rows as the household has accounts and members', () => {
    expect(cases.big.trace.members).toHaveLength(30);
    expect(cases.big.trace.main!.financial.accounts).toHaveLength(200);
  });

  it.skipIf(!tools.pdftotext)('breaks the tables across pages with their header rows repeated', () => {
    const r = rendered.big;
    expect(r.pages).toBeGreaterThan(3);
    withPdfFile(r.pdf, (path) => {
      const pagesWithBankHeader = [];
      for (let p = 1; p <= r.pages; p++) {
        const text = pdfText(path, p);
        if (text.includes('成员金融机构资产类型账号截至日期余额（元）计入（元）说明')) pagesWithBankHeader.push(p);
      }
      expect(pagesWithBankHeader.length).toBeGreaterThanOrEqual(3);
      const all = pdfText(path);
      for (const m of big.members) expect(all).toContain(m.name);
    });
  });

  it.skipIf(!tools.pdftotext)('keeps every word inside the margins (body) or the footer band, nothing past the page box', () => {
    for (const [name, r] of Object.entries(rendered)) {
      withPdfFile(r.pdf, (path) => {
        const { pageWidth, pageHeight, words } = pdfWords(path);
        expect(pageWidth).toBeCloseTo(page.width, 1);
        expect(pageHeight).toBeCloseTo(page.height, 1);
        expect(words.length).toBeGreaterThan(50);
        const outside = words.filter(
          (w) => w.xMin < page.left - 0.5 || w.xMax > page.right + 0.5 || w.yMin < page.top - 0.5 || w.yMax > page.footerBottom + 0.5,
        );
        expect(outside, name).toEqual([]);
        // Body words end above the footer rule; footer words lie below it.
        const overlapping = words.filter((w) => w.yMin < page.footerTop && w.yMax > page.bottom + 1.5);
        expect(overlapping, name).toEqual([]);
      });
    }
  });
});

describe('pdftoppm', () => {
  it.skipIf(!tools.pdftoppm || !tools.pdftotext)('puts ink where the title and the table cells say there is text (no blank glyphs)', () => {
    const dpi = 50;
    withPdfFile(rendered.typical.pdf, (path, dir) => {
      const img = rasterPage1(path, dir, dpi);
      const { words } = pdfWords(path);
      const px = (pt: number) => Math.round((pt * dpi) / 72);
      /** Share of dark pixels inside a word's box (shrunk by a pixel, so cell borders never count). */
      const ink = (w: { xMin: number; yMin: number; xMax: number; yMax: number }) => {
        let dark = 0;
        let all = 0;
        for (let y = px(w.yMin) + 1; y < px(w.yMax) - 1; y++) {
          for (let x = px(w.xMin) + 1; x < px(w.xMax) - 1; x++) {
            all++;
            if (img.pixels[y * img.width + x]! < 160) dark++;
          }
        }
        return all === 0 ? 0 : dark / all;
      };
      const find = (text: string) => {
        const w = words.find((x) => x.page === 1 && x.text.includes(text));
        if (!w) throw new Error(`no word “${text}” on page 1`);
        return w;
      };
      // Title, header grid cells, member-table cells (names are not in the common glyph block, headers are).
      for (const t of ['居民家庭经济状况核对报告', '报告编号', '张三', '李梅', '已授权', '身份证号']) {
        expect(ink(find(t)), t).toBeGreaterThan(0.05);
      }
      // And a blank margin really is blank.
      expect(ink({ xMin: 2, yMin: 2, xMax: page.left - 4, yMax: page.top - 4 })).toBe(0);
    });
  });
});
