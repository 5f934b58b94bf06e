import type { FileRef, ProgressSink, RunEvent, Stage, Unit } from './events.js';

/** The part of a terminal stream the display needs (process.stderr has it; tests pass a fake). */
export interface TextStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Stage names as the operator reads them. */
export const stageLabel: Record<Stage, string> = {
  import: '导入',
  'match-assess': '比对核对',
  reports: '生成报告',
  workbook: '汇总表',
  results: '结果文件',
};

export const unitLabel: Record<Unit, string> = { rows: '行', households: '户', reports: '份', files: '个文件' };

/** A sink that also carries the human text, so text never tears the live line. */
export interface LiveSink extends ProgressSink {
  /** Writes text (a line, or several) above the live progress line. */
  say(text: string): void;
  /** Ends the live line with a newline (an interrupted run keeps its last counts on screen). Idempotent. */
  close(): void;
}

export interface TtyOptions {
  /** Chinese label of an input kind (bank → 银行/金融资产); the kind itself when absent. */
  kindLabel?: (kind: string) => string;
  /** ANSI clear-line; false for TERM=dumb, where the old line is blanked with spaces instead. */
  ansi?: boolean;
}

interface StageView {
  startT: number;
  t: number;
  unit: Unit;
  total: number | undefined;
  done: number;
  file: FileRef | undefined;
  /** Rows of the import files already finished, so the rate covers the whole stage. */
  base: number;
}

/** A rate or ETA is only shown once the stage has run this long: earlier figures swing wildly. */
const minSecondsForRate = 0.5;
const maxFileNameWidth = 28;

/**
 * The live display on a terminal: one line for the stages under way, redrawn in place with `\r` and clear-line, and a
 * closing line per stage (count, time, rate) ending in a newline, so the scrollback reads as a log of the run.
 */
export function ttyRenderer(stream: TextStream, opts: TtyOptions = {}): LiveSink {
  const kindLabel = opts.kindLabel ?? ((k: string) => k);
  const ansi = opts.ansi ?? true;
  const active = new Map<Stage, StageView>();
  let shown: string | null = null;
  let closed = false;

  const clear = () => (shown === null ? '' : ansi ? '\r\x1b[2K' : '\r' + ' '.repeat(displayWidth(shown)) + '\r');
  const liveText = () => {
    if (active.size === 0) return null;
    const text = [...active].map(([stage, v]) => segment(stage, v, kindLabel)).join('；');
    return fit(text, stream.columns ? stream.columns - 1 : undefined);
  };
  const redraw = () => {
    const text = liveText();
    stream.write(clear() + (text ?? ''));
    shown = text;
  };
  /** Text goes above the live line: clear it, write the text, draw the live line again, in one write. */
  const writeAbove = (text: string) => {
    const live = liveText();
    stream.write(clear() + text + (text.endsWith('\n') ? '' : '\n') + (live ?? ''));
    shown = live;
  };

  return {
    emit(e: RunEvent) {
      if (closed) return;
      switch (e.type) {
        case 'stage-start':
          active.set(e.stage, { startT: e.t, t: e.t, unit: e.unit, total: e.total, done: 0, file: undefined, base: 0 });
          redraw();
          return;
        case 'progress': {
          let v = active.get(e.stage);
          if (!v) {
            v = { startT: e.t, t: e.t, unit: e.unit, total: undefined, done: 0, file: undefined, base: 0 };
            active.set(e.stage, v);
          }
          if (e.file && e.file.name !== v.file?.name) {
            if (v.file) v.base += v.done;
            v.file = e.file;
          }
          v.done = e.done;
          v.total = e.total;
          v.t = e.t;
          redraw();
          return;
        }
        case 'stage-end': {
          const v = active.get(e.stage);
          active.delete(e.stage);
          writeAbove(endLine(e.stage, e.done, e.unit, e.seconds, v?.file?.count));
          return;
        }
        case 'warning':
          writeAbove(`⚠ ${e.message}（${e.code}）`);
          return;
        case 'done':
          // A stage that never ended (the run stopped early) keeps its last line on screen.
          if (shown !== null) stream.write('\n');
          shown = null;
          active.clear();
          return;
      }
    },
    say(text) {
      if (closed) stream.write(text.endsWith('\n') ? text : text + '\n');
      else writeAbove(text);
    },
    close() {
      if (shown !== null) stream.write('\n');
      shown = null;
      active.clear();
      closed = true;
    },
  };
}

function segment(stage: Stage, v: StageView, kindLabel: (k: string) => string): string {
  const u = unitLabel[v.unit];
  const elapsed = v.t - v.startT;
  const parts: string[] = [];
  let head = stageLabel[stage];
  if (v.file) {
    head += ` [${v.file.index}/${v.file.count}] ${fit(v.file.name, maxFileNameWidth)}（${kindLabel(v.file.kind)}）`;
    parts.push(`${group(v.done)} ${u}`);
    if (v.file.count > 1 && v.base > 0) parts.push(`合计 ${group(v.base + v.done)} ${u}`);
  } else if (v.total !== undefined) {
    const pct = v.total > 0 ? Math.floor((v.done / v.total) * 100) : 100;
    parts.push(`${group(v.done)}/${group(v.total)} ${u}（${pct}%）`);
  } else {
    parts.push(`${group(v.done)} ${u}`);
  }
  const counted = v.base + v.done;
  if (elapsed >= minSecondsForRate && counted > 0) {
    const rate = counted / elapsed;
    parts.push(`${formatRate(rate)} ${u}/秒`);
    if (v.total !== undefined && !v.file && v.done < v.total) parts.push(`预计还需 ${formatDuration((v.total - v.done) / rate)}`);
  }
  return `${head}：${parts.join('，')}`;
}

function endLine(stage: Stage, done: number, unit: Unit, seconds: number, files: number | undefined): string {
  const u = unitLabel[unit];
  const what = `${group(done)} ${u}${files !== undefined ? `（${files} 个文件）` : ''}`;
  const rate = seconds >= minSecondsForRate && done > 0 ? `，${formatRate(done / seconds)} ${u}/秒` : '';
  return `${stageLabel[stage]}：完成 ${what}，用时 ${formatDuration(seconds)}${rate}`;
}

/** 1234567 → "1,234,567": counts read at a glance. */
export function group(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatRate(r: number): string {
  return r >= 10 ? group(r) : r.toFixed(1);
}

/** 3.24 → "3.2 秒", 125 → "2 分 5 秒", 7300 → "2 小时 1 分". */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${Math.max(0, seconds).toFixed(1)} 秒`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
}

/** Terminal columns a string takes: CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Cut to `max` columns with "…": a wrapped live line could not be cleared by clear-line and would smear the screen. */
export function fit(text: string, max: number | undefined): string {
  if (max === undefined || displayWidth(text) <= max) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}
