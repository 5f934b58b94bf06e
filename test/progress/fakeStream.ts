/** A stand-in for process.stderr that records every write. */
export function fakeStream(opts: { isTTY: boolean; columns?: number }) {
  const chunks: string[] = [];
  return {
    isTTY: opts.isTTY,
    columns: opts.columns,
    chunks,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    get text() {
      return chunks.join('');
    },
  };
}

/**
 * What a terminal would show after the writes: `\r` returns to column 0 (later text overwrites), ESC[2K blanks the line,
 * `\n` ends it. Returns the finished lines and the live (unfinished) one.
 */
export function screen(raw: string): { lines: string[]; live: string } {
  const lines: string[] = [];
  let line: string[] = [];
  let col = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.startsWith('\x1b[2K', i)) {
      line = [];
      i += 3;
    } else if (raw[i] === '\r') col = 0;
    else if (raw[i] === '\n') {
      lines.push(line.join('').trimEnd());
      line = [];
      col = 0;
    } else {
      line[col++] = raw[i]!;
    }
  }
  return { lines, live: line.join('').trimEnd() };
}
