/**
 * The per-household PDF 核对报告 (issue 4): A4 with a binding margin, Noto Sans SC embedded and subset, text
 * extractable, IDs masked, every figure behind the conclusion, a footer on every page with the page count, the
 * objection window, the use restriction and the integrity code.
 *
 * Deterministic: the same assessment and context give the same bytes. The metadata dates are the as-of date (never
 * the clock); pdfkit derives the trailer /ID from the document info, which holds the report number and the
 * integrity code, so it is fixed and still differs between reports; font subset tags come from the glyph lists
 * (src/report/pdf/subsetFont.ts); nothing else in the file depends on time or chance.
 *
 * Characters the fonts lack are printed as `[U+XXXXX]` with a note on page 1 and listed in `substitutedChars`, so the
 * caller can flag the report (e.g. in results.json or the workbook) for a look by a person.
 */
import type { HouseholdAssessment } from '../../assess/result.js';
import type { TraceMember } from '../../assess/trace.js';
import { cleanBlocks, layoutBlocks, type Block } from './blocks.js';
import { Canvas, page } from './canvas.js';
import { fontProgram, type Weight } from './fontProgram.js';
import { openDocument } from './pdfkitInternals.js';
import { objectionDays, reportBlocks } from './reportContent.js';
import { SubsetFont } from './subsetFont.js';
import { codePointLabel, TextGuard } from './text.js';

export interface ReportContext {
  /** 报告编号, already formatted (`{区划代码}{yyyyMMdd}{sequence}`). */
  reportNo: string;
  /** YYYY-MM-DD: 核对时间, and the PDF's CreationDate/ModDate (never the clock). */
  asOf: string;
  /** {地区} of the title, e.g. 山东省菏泽市牡丹区. */
  regionName: string;
  policy: { id: string; version: string; sha256: string };
  /** 64 hex: SHA-256 over the household's canonical result and the pack hash; printed shortened in the footer. */
  integrityCode: string;
  /**
   * Print full ID numbers instead of the masked ones (default false: first 6 + last 4). The assessment's trace only
   * holds masked IDs, so full numbers must come with `fullIdNumbers` (member ordinal → ID); without them, or for a
   * member missing from it, the masked ID is printed. Account numbers are always masked (the trace holds no more).
   */
  fullIds?: boolean;
  fullIdNumbers?: ReadonlyMap<number, string>;
  /** 风险预警: changes since the household's previous assessment (src/audit/riskAlerts.ts); printed as section 五. */
  alerts?: readonly { code: string; message: string }[];
}

export interface RenderedReport {
  pdf: Buffer;
  pages: number;
  /**
   * Characters of the input the embedded fonts cannot draw (e.g. 𠮷 U+20BB7), each printed as its code point in
   * brackets with a note on page 1. Empty for almost every report; non-empty means a person should check the names.
   */
  substitutedChars: string[];
}

const footerStyle = { weight: 'regular' as Weight, size: 7, gray: 0.2 };

/** `1a2b 3c4d 5e6f 7a8b`: the first 16 hex digits of the integrity code in groups of four. */
export function shortIntegrityCode(code: string): string {
  return (code.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}

export function renderReportPdf(a: HouseholdAssessment, ctx: ReportContext): RenderedReport {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ctx.asOf)) throw new Error(`asOf must be YYYY-MM-DD, got “${ctx.asOf}”`);
  const date = new Date(`${ctx.asOf}T00:00:00Z`);
  const title = `${ctx.regionName}居民家庭经济状况核对报告`;
  // No name or ID in the metadata: it is not printed on paper and travels with every copy of the file.
  const { doc, finish } = openDocument({
    Title: title,
    Subject: `报告编号 ${ctx.reportNo}`,
    Keywords: `完整性校验码 ${ctx.integrityCode}`,
    Author: '居民家庭经济状况核对中心',
    Creator: 'hedui',
    Producer: 'hedui (PDFKit)',
    CreationDate: date,
    ModDate: date,
  });
  const programs = { regular: fontProgram('regular'), bold: fontProgram('bold') };
  const fonts: Record<Weight, SubsetFont> = {
    regular: new SubsetFont(doc, programs.regular, 'F1'),
    bold: new SubsetFont(doc, programs.bold, 'F2'),
  };
  // pdfkit embeds (finalises) the fonts registered here when the document ends.
  doc._fontFamilies[fonts.regular.id] = fonts.regular;
  doc._fontFamilies[fonts.bold.id] = fonts.bold;

  const idOf = (m: TraceMember) => (ctx.fullIds ? (ctx.fullIdNumbers?.get(m.ordinal) ?? m.idMasked) : m.idMasked);
  const guard = new TextGuard([programs.regular, programs.bold]);
  let blocks = cleanBlocks(reportBlocks(a, { ...ctx, idOf }), guard);
  if (guard.substituted.length > 0) {
    const list = guard.substituted.map((ch) => `[${codePointLabel(ch.codePointAt(0)!)}]`).join('、');
    const note: Block = {
      kind: 'para',
      style: 'strong',
      text: `注意：本报告所用字库缺少以下字符，已以方括号内的 Unicode 编码代替显示：${list}。请以申请材料和证件原件核对相关姓名或名称。`,
    };
    // After the title and the header grid: the first thing read after who the report is about.
    blocks = [...blocks.slice(0, 2), cleanBlocks([note], guard)[0]!, ...blocks.slice(2)];
  }

  const canvas = new Canvas(doc, fonts);
  layoutBlocks(canvas, blocks);
  const days = objectionDays(a);
  const lines = [
    guard.clean(`如对核对结果有异议，请于收到本报告之日起${days}个工作日内向核对机构提出。`),
    '本报告仅用于社会救助审核确认，不得用于其他用途。',
  ];
  const idLine = guard.clean(`报告编号 ${ctx.reportNo}　完整性校验码 ${shortIntegrityCode(ctx.integrityCode)}`);
  canvas.finish((i, count) => {
    canvas.hline(page.left, page.right, page.footerTop, 0.5, 0.4);
    const lh = 10.5;
    let y = page.footerTop + 3;
    for (const l of lines) {
      canvas.text(l, page.left, Canvas.baseline(y, footerStyle.size, lh), footerStyle);
      y += lh;
    }
    const pageText = `第 ${i + 1} 页 / 共 ${count} 页`;
    const baseline = Canvas.baseline(y, footerStyle.size, lh);
    canvas.text(idLine, page.left, baseline, footerStyle);
    canvas.text(pageText, page.right - canvas.width(pageText, footerStyle), baseline, footerStyle);
  });
  return { pdf: finish(), pages: canvas.pageCount, substitutedChars: [...guard.substituted] };
}
