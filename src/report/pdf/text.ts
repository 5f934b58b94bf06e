/**
 * Text going into a report: made printable with the embedded fonts, then broken into lines that fit.
 *
 * Printable: a character the fonts cannot draw (CJK Extension B such as 𠮷 U+20BB7, rare in names) would show as an
 * empty box while text extraction still finds it, so no one would notice. It is replaced by its code point in
 * brackets, `[U+20BB7]`, visible on paper, and recorded so the report carries a note and the caller a flag.
 * Control characters other than \n become spaces; variation selectors and zero-width characters, which draw nothing, are dropped.
 */
import type { FontProgram } from './fontProgram.js';
import { charAdvance } from './subsetFont.js';

/** Drawn as nothing anyway: variation selectors, zero-width space/joiners, word joiner, BOM. */
function ignorable(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export class TextGuard {
  /** Characters replaced by their code point, in order of first appearance. */
  readonly substituted: string[] = [];
  private readonly seen = new Set<string>();
  private readonly fonts: FontProgram[];

  constructor(fonts: FontProgram[]) {
    this.fonts = fonts;
  }

  /** The text as it will be printed (every character drawable by every weight). */
  clean(text: string): string {
    let out = '';
    let changed = false;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a) {
        out += ch; // a line break the layout honours (wrapText)
      } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
        out += ' ';
        changed = true;
      } else if (ignorable(cp)) {
        changed = true;
      } else if (this.fonts.every((f) => f.hasGlyph(cp))) {
        out += ch;
      } else {
        out += `[${codePointLabel(cp)}]`;
        changed = true;
        if (!this.seen.has(ch)) {
          this.seen.add(ch);
          this.substituted.push(ch);
        }
      }
    }
    return changed ? out : text;
  }
}

/** No line starts with these (closing punctuation stays with the character before it). */
const noLineStart = new Set([...'，。、；：！？）】》」』”’,.;:!?)]}%·…—～']);
/** No line ends with these (opening punctuation stays with what follows). */
const noLineEnd = new Set([...'（【《「『“‘([{']);

/** Characters that hold together as one word: Latin letters, digits and what joins them in IDs, amounts and dates. */
function wordChar(cp: number): boolean {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    cp === 0x2e || // .
    cp === 0x2d || // -
    cp === 0x2a || // * (masked IDs)
    cp === 0x5f || // _
    cp === 0x2b // +
  );
}

/**
 * Breaks text into lines no wider than `width` (`restWidth` after the first line) at `size`: between Chinese characters, at spaces, never inside a run
 * of Latin letters and digits unless that run alone is wider than the line (then it is cut, so nothing ever runs
 * past the margin), with the usual rule that closing punctuation never starts a line. `\n` forces a break.
 */
export function wrapText(text: string, font: FontProgram, size: number, width: number, restWidth = width): string[] {
  const lines: string[] = [];
  // The first line may be wider than the rest (a hanging indent).
  const widthAt = (line: number) => (line === 0 ? width : restWidth);
  for (const paragraph of text.split('\n')) wrapParagraph(paragraph, font, size, widthAt, lines);
  return lines;
}

interface Token {
  text: string;
  width: number;
  space: boolean;
}

function tokens(text: string, font: FontProgram, size: number): Token[] {
  const out: Token[] = [];
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20) {
      out.push({ text: ' ', width: charAdvance(font, cp, size), space: true });
      i++;
      continue;
    }
    let j = i + 1;
    if (wordChar(cp)) while (j < chars.length && wordChar(chars[j]!.codePointAt(0)!)) j++;
    // Opening punctuation joins the token after it; closing punctuation joins the token before it.
    while (j < chars.length && noLineEnd.has(chars[j - 1]!) && chars[j] !== ' ') {
      const next = chars[j]!.codePointAt(0)!;
      j++;
      if (wordChar(next)) while (j < chars.length && wordChar(chars[j]!.codePointAt(0)!)) j++;
    }
    while (j < chars.length && noLineStart.has(chars[j]!)) j++;
    const t = chars.slice(i, j).join('');
    let w = 0;
    for (let k = i; k < j; k++) w += charAdvance(font, chars[k]!.codePointAt(0)!, size);
    out.push({ text: t, width: w, space: false });
    i = j;
  }
  return out;
}

function wrapParagraph(text: string, font: FontProgram, size: number, widthAt: (line: number) => number, lines: string[]): void {
  let line = '';
  let lineWidth = 0;
  let width = widthAt(lines.length);
  const flush = () => {
    lines.push(line.replace(/ +$/, ''));
    line = '';
    lineWidth = 0;
    width = widthAt(lines.length);
  };
  for (const tok of tokens(text, font, size)) {
    if (tok.space) {
      if (line !== '') {
        line += ' ';
        lineWidth += tok.width;
      }
      continue;
    }
    if (lineWidth + tok.width <= width + 1e-6) {
      line += tok.text;
      lineWidth += tok.width;
      continue;
    }
    if (line !== '') flush();
    if (tok.width <= width + 1e-6) {
      line = tok.text;
      lineWidth = tok.width;
      continue;
    }
    // A token wider than the whole line (a very long number or name): cut it by character.
    for (const ch of tok.text) {
      const w = charAdvance(font, ch.codePointAt(0)!, size);
      if (lineWidth + w > width + 1e-6 && line !== '') flush();
      line += ch;
      lineWidth += w;
    }
  }
  if (line !== '' || lines.length === 0 || text === '') flush();
}
