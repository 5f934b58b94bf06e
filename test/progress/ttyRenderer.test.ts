import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/progress/events.js';
import { displayWidth, fit, formatDuration, group, ttyRenderer } from '../../src/progress/ttyRenderer.js';
import { fakeStream, screen } from './fakeStream.js';

const kindLabel = (k: string) => ({ applicants: '申请家庭成员名单', bank: '银行/金融资产' })[k] ?? k;
const file = (name: string, kind: string, index: number, count: number) => ({ name, kind, index, count });

function feed(events: RunEvent[], columns = 120, ansi = true) {
  const stream = fakeStream({ isTTY: true, columns });
  const r = ttyRenderer(stream, { kindLabel, ansi });
  for (const e of events) r.emit(e);
  return { stream, r };
}

describe('TTY progress display', () => {
  it('redraws one line per stage in place and ends each stage with its own line', () => {
    const { stream } = feed([
      { type: 'stage-start', t: 0, stage: 'import', unit: 'rows' },
      { type: 'progress', t: 0, stage: 'import', done: 0, unit: 'rows', file: file('applicants-1.csv', 'applicants', 1, 2) },
      { type: 'progress', t: 1, stage: 'import', done: 2000, unit: 'rows', file: file('applicants-1.csv', 'applicants', 1, 2) },
      { type: 'progress', t: 1.5, stage: 'import', done: 1000, unit: 'rows', file: file('bank-1.csv', 'bank', 2, 2) },
      { type: 'stage-end', t: 2, stage: 'import', done: 3500, unit: 'rows', seconds: 2 },
      { type: 'stage-start', t: 2, stage: 'match-assess', unit: 'households', total: 3000 },
      { type: 'progress', t: 4, stage: 'match-assess', done: 1000, unit: 'households', total: 3000 },
    ]);
    const raw = stream.text;
    // Every write starts at column 0: it clears the live line first, unless the previous write ended the line.
    stream.chunks.slice(1).forEach((c, i) => expect(c.startsWith('\r\x1b[2K') || stream.chunks[i]!.endsWith('\n')).toBe(true));
    const { lines, live } = screen(raw);
    expect(lines).toEqual(['导入：完成 3,500 行（2 个文件），用时 2.0 秒，1,750 行/秒']);
    expect(live).toBe('比对核对：1,000/3,000 户（33%），500 户/秒，预计还需 4.0 秒');
    // The import line showed the file, its kind in Chinese, the running total across files and the rate.
    expect(raw).toContain('导入 [1/2] applicants-1.csv（申请家庭成员名单）：2,000 行，2,000 行/秒');
    expect(raw).toContain('导入 [2/2] bank-1.csv（银行/金融资产）：1,000 行，合计 3,000 行，2,000 行/秒');
  });

  it('names every stage in Chinese and leaves the screen on a finished line', () => {
    const stages = ['import', 'match-assess', 'reports', 'workbook', 'results'] as const;
    const events: RunEvent[] = [];
    stages.forEach((stage, i) => {
      const unit = stage === 'import' || stage === 'workbook' ? 'rows' : stage === 'reports' ? 'reports' : 'households';
      events.push({ type: 'stage-start', t: i, stage, unit, total: 10 });
      events.push({ type: 'progress', t: i + 0.6, stage, done: 10, unit, total: 10 });
      events.push({ type: 'stage-end', t: i + 0.8, stage, done: 10, unit, seconds: 0.8 });
    });
    events.push({ type: 'done', t: 5, exitCode: 0 });
    const { stream } = feed(events);
    expect(stream.text.endsWith('\n')).toBe(true);
    const { lines, live } = screen(stream.text);
    expect(live).toBe('');
    expect(lines).toEqual([
      '导入：完成 10 行，用时 0.8 秒，13 行/秒',
      '比对核对：完成 10 户，用时 0.8 秒，13 户/秒',
      '生成报告：完成 10 份，用时 0.8 秒，13 份/秒',
      '汇总表：完成 10 行，用时 0.8 秒，13 行/秒',
      '结果文件：完成 10 户，用时 0.8 秒，13 户/秒',
    ]);
  });

  it('shows stages that run together on the one line', () => {
    const { stream } = feed([
      { type: 'stage-start', t: 0, stage: 'match-assess', unit: 'households', total: 100 },
      { type: 'stage-start', t: 0, stage: 'reports', unit: 'reports', total: 100 },
      { type: 'progress', t: 0.1, stage: 'match-assess', done: 10, unit: 'households', total: 100 },
      { type: 'progress', t: 0.1, stage: 'reports', done: 9, unit: 'reports', total: 100 },
    ]);
    expect(screen(stream.text).live).toBe('比对核对：10/100 户（10%）；生成报告：9/100 份（9%）');
  });

  it('writes human text and warnings above the live line without tearing it', () => {
    const stream = fakeStream({ isTTY: true, columns: 120 });
    const r = ttyRenderer(stream, { kindLabel });
    r.emit({ type: 'stage-start', t: 0, stage: 'match-assess', unit: 'households', total: 19 });
    r.emit({ type: 'progress', t: 0.1, stage: 'match-assess', done: 5, unit: 'households', total: 19 });
    r.say('参数包：heze-2024 版本 2024.1');
    r.emit({ type: 'warning', t: 0.2, code: 'POLICY_STALE', message: '参数包的有效期早于核对基准日' });
    const { lines, live } = screen(stream.text);
    expect(lines).toEqual(['参数包：heze-2024 版本 2024.1', '⚠ 参数包的有效期早于核对基准日（POLICY_STALE）']);
    expect(live).toBe('比对核对：5/19 户（26%）');
    r.close();
    expect(stream.text.endsWith('比对核对：5/19 户（26%）\n')).toBe(true);
    // After close, text still comes out, as plain lines.
    r.say('已中断');
    expect(stream.text.endsWith('\n已中断\n')).toBe(true);
  });

  it('fits the live line to the terminal width, counting a Chinese character as two columns', () => {
    const { stream } = feed(
      [
        { type: 'stage-start', t: 0, stage: 'import', unit: 'rows' },
        { type: 'progress', t: 1, stage: 'import', done: 123456, unit: 'rows', file: file('县民政局二〇二四年六月低保复核申请家庭成员名单（第二批）.csv', 'applicants', 1, 1) },
      ],
      40,
    );
    const { live } = screen(stream.text);
    expect(displayWidth(live)).toBeLessThanOrEqual(39);
    expect(live.startsWith('导入 [1/1] ')).toBe(true);
    expect(live.endsWith('…')).toBe(true);
  });

  it('without ANSI (TERM=dumb) blanks the old line with spaces instead', () => {
    const { stream } = feed(
      [
        { type: 'stage-start', t: 0, stage: 'results', unit: 'households', total: 4 },
        { type: 'progress', t: 0.1, stage: 'results', done: 1, unit: 'households', total: 4 },
        { type: 'stage-end', t: 0.2, stage: 'results', done: 4, unit: 'households', seconds: 0.2 },
      ],
      80,
      false,
    );
    expect(stream.text).not.toContain('\x1b');
    expect(screen(stream.text).lines).toEqual(['结果文件：完成 4 户，用时 0.2 秒']);
  });

  it('formats counts, durations and widths', () => {
    expect(group(1234567)).toBe('1,234,567');
    expect(group(999)).toBe('999');
    expect(formatDuration(3.24)).toBe('3.2 秒');
    expect(formatDuration(42)).toBe('42 秒');
    expect(formatDuration(125)).toBe('2 分 5 秒');
    expect(formatDuration(7300)).toBe('2 小时 1 分');
    expect(displayWidth('导入 ab')).toBe(7);
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('abc', 4)).toBe('abc');
  });
});
