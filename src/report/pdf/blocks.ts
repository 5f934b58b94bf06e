/**
 * The report as a list of blocks (title, headings, paragraphs, tables), built from the assessment first and laid
 * out second. Building first lets every string pass through the TextGuard before any of it is placed, so the note
 * about characters printed as code points can stand on page 1, above the text that needed it.
 */
import { Canvas, page, type TableSpec, type TextStyle } from './canvas.js';
import type { TextGuard } from './text.js';

export type ParaStyle = 'body' | 'small' | 'strong' | 'verdict' | 'note';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'para'; text: string; style?: ParaStyle; indent?: number; hanging?: number; align?: 'left' | 'right' | 'center' }
  | { kind: 'table'; spec: TableSpec }
  | { kind: 'space'; height: number };

const styles: Record<ParaStyle, TextStyle> = {
  body: { weight: 'regular', size: 9 },
  small: { weight: 'regular', size: 8 },
  // Emphasis by size, not weight: bold is kept for the title, the four section headings and the verdict, so the
  // bold subset stays small (every bold glyph is one more glyph in every file).
  strong: { weight: 'regular', size: 10 },
  verdict: { weight: 'bold', size: 12 },
  note: { weight: 'regular', size: 8, gray: 0.25 },
};

/** Every string of the blocks as it will be printed (see TextGuard). */
export function cleanBlocks(blocks: Block[], guard: TextGuard): Block[] {
  const c = (s: string) => guard.clean(s);
  return blocks.map((b) => {
    switch (b.kind) {
      case 'title':
      case 'heading':
      case 'subheading':
      case 'para':
        return { ...b, text: c(b.text) };
      case 'table':
        return {
          kind: 'table',
          spec: {
            ...b.spec,
            columns: b.spec.columns.map((col) => ({ ...col, title: c(col.title) })),
            rows: b.spec.rows.map((r) => ({ ...r, cells: r.cells.map(c) })),
          },
        };
      case 'space':
        return b;
    }
  });
}

export function layoutBlocks(canvas: Canvas, blocks: Block[]): void {
  canvas.ensure(0);
  blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'title':
        canvas.paragraph(b.text, { weight: 'bold', size: 17 }, { align: 'center', lineHeight: 26, after: 8 });
        break;
      case 'heading': {
        // Keep a heading with the start of what follows it.
        const next = blocks[i + 1];
        canvas.ensure(40 + (next?.kind === 'table' ? 30 : 0));
        canvas.y += 6;
        canvas.paragraph(b.text, { weight: 'bold', size: 11.5 }, { lineHeight: 19, after: 3 });
        break;
      }
      case 'subheading':
        canvas.ensure(48);
        canvas.y += 3;
        canvas.paragraph(b.text, { weight: 'regular', size: 10 }, { lineHeight: 16, after: 2 });
        break;
      case 'para':
        canvas.paragraph(b.text, styles[b.style ?? 'body'], {
          indent: b.indent ?? 0,
          hanging: b.hanging ?? 0,
          align: b.align ?? 'left',
          lineHeight: b.style === 'verdict' ? 20 : undefined,
        });
        break;
      case 'table':
        canvas.table(b.spec);
        canvas.y += 5;
        break;
      case 'space':
        if (canvas.y + b.height < page.bottom) canvas.y += b.height;
        break;
    }
  });
}
