import iconv from 'iconv-lite';
import { UsageError } from '../errors.js';
import type { FileProbe } from './fileProbe.js';

export type TextEncoding = 'utf-8' | 'gb18030';

/** `--encoding` spellings. GBK and GB2312 are subsets of GB18030, so one decoder reads all three. */
const spellings: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
};

export function parseEncodingOption(value: string | undefined): TextEncoding | undefined {
  if (value === undefined || value === '' || value.toLowerCase() === 'auto') return undefined;
  const enc = spellings[value.toLowerCase()];
  if (!enc) {
    throw new UsageError('BAD_OPTION', `不支持的编码“${value}”`, {
      hint: '请使用 --encoding utf-8 或 --encoding gb18030（GBK、GB2312 文件也用 gb18030），或不加此参数自动识别',
    });
  }
  return enc;
}

/** data-contract.md: valid UTF-8 (with or without BOM) → UTF-8, else GB18030, unless `--encoding` says otherwise. */
export function chooseEncoding(probe: FileProbe, forced: TextEncoding | undefined): TextEncoding {
  return forced ?? (probe.validUtf8 ? 'utf-8' : 'gb18030');
}

/** A streaming decoder: bytes in, text out, multi-byte characters split across chunks handled. */
export interface TextChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

export function createChunkDecoder(encoding: TextEncoding): TextChunkDecoder {
  if (encoding === 'utf-8') {
    // Not fatal: with a forced --encoding utf-8 a bad byte becomes U+FFFD and that row is rejected ENCODING.
    const d = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
    return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder('gb18030');
  return { write: (c) => d.write(c), end: () => d.end() ?? '' };
}

/** U+FFFD in decoded text: bytes that the chosen encoding could not read. */
export const replacementChar = '\uFFFD';
