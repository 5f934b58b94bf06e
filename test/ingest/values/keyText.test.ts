import { describe, expect, it } from 'vitest';
import { cjkIdeographsOnly, normalizeKeyText } from '../../../src/ingest/values/keyText.js';

describe('cjkIdeographsOnly: the fast path of the key functions is sound', () => {
  it('every CJK Unified Ideograph U+4E00–U+9FFF is its own NFKC and key text', () => {
    // The assessment returns such text as is instead of normalising it (r9 institutions, r14 provinces and items).
    const changed: string[] = [];
    for (let c = 0x4e00; c <= 0x9fff; c++) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFKC') !== ch || normalizeKeyText(ch) !== ch) changed.push(c.toString(16));
    }
    expect(changed).toEqual([]);
    expect(normalizeKeyText('中国工商银行菏泽分行')).toBe('中国工商银行菏泽分行');
  });

  it('says no to anything else: compatibility ideographs, spaces, ASCII, full-width letters, the empty text passes', () => {
    expect(cjkIdeographsOnly('江苏省')).toBe(true);
    expect(cjkIdeographsOnly('')).toBe(true); // nothing to normalise: '' is its own key
    expect(cjkIdeographsOnly('江苏 省')).toBe(false);
    expect(cjkIdeographsOnly('\uF900')).toBe(false); // 豈 (compatibility) → NFKC 豈 U+8C48
    expect('\uF900'.normalize('NFKC')).not.toBe('\uF900');
    expect(cjkIdeographsOnly('工行A')).toBe(false);
    expect(cjkIdeographsOnly('Ａ')).toBe(false);
  });
});
