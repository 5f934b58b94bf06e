/** Line breaking and printable text for the PDF report. */
import { describe, expect, it } from 'vitest';
import { fontProgram } from '../../../src/report/pdf/fontProgram.js';
import { textWidth } from '../../../src/report/pdf/subsetFont.js';
import { TextGuard, wrapText } from '../../../src/report/pdf/text.js';

const regular = fontProgram('regular');
const bold = fontProgram('bold');

describe('wrapText', () => {
  const sample = '家庭月人均收入 771.90 元，不低于低保标准 550.00 元；F = 1319.59 + 668.79 = 1988.38 元（income-2.csv 第 62 行）。';

  it('never makes a line wider than asked, at any width', () => {
    for (let width = 20; width <= 300; width += 7) {
      for (const line of wrapText(sample, regular, 8, width)) expect(textWidth(regular, line, 8)).toBeLessThanOrEqual(width + 1e-6);
    }
  });

  it('keeps the text: only spaces at breaks may go', () => {
    const lines = wrapText(sample, regular, 8, 90);
    expect(lines.join('').replace(/ /g, '')).toBe(sample.replace(/ /g, ''));
  });

  it('never starts a line with closing punctuation and keeps numbers whole when they fit', () => {
    for (let width = 40; width <= 200; width += 5) {
      const lines = wrapText(sample, regular, 8, width);
      for (const line of lines.slice(1)) expect(line).not.toMatch(/^[，。；）、]/);
      if (width >= 40) expect(lines.join('\n')).toContain('1988.38');
    }
  });

  it('cuts a token longer than the line rather than letting it run past the margin', () => {
    const lines = wrapText('6222020200112233445566778899', regular, 8, 40);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('6222020200112233445566778899');
  });

  it('wraps the lines after the first at their own width (hanging indents)', () => {
    const lines = wrapText(sample, regular, 8, 200, 120);
    expect(textWidth(regular, lines[0]!, 8)).toBeLessThanOrEqual(200);
    expect(textWidth(regular, lines[0]!, 8)).toBeGreaterThan(120);
    for (const line of lines.slice(1)) expect(textWidth(regular, line, 8)).toBeLessThanOrEqual(120);
    // Spaces between Latin words survive a break (nothing is glued together).
    expect(lines.join(' ')).toContain('1319.59 + 668.79');
  });

  it('breaks at \\n', () => {
    expect(wrapText('社保\nincome.csv 第 2 行', regular, 8, 400)).toEqual(['社保', 'income.csv 第 2 行']);
  });
});

describe('TextGuard', () => {
  it('replaces characters the fonts lack by their code point and remembers them once', () => {
    const g = new TextGuard([regular, bold]);
    expect(g.clean('𠮷野家')).toBe('[U+20BB7]野家');
    expect(g.clean('𠮷田')).toBe('[U+20BB7]田');
    expect(g.substituted).toEqual(['𠮷']);
  });

  it('drops variation selectors and zero-width characters, turns control characters into spaces', () => {
    const g = new TextGuard([regular, bold]);
    expect(g.clean('葛\u{E0100}优\u200b\t华\n')).toBe('葛优 华\n');
    expect(g.substituted).toEqual([]);
  });
});
