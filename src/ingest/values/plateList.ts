import { normalizePlate } from './keyText.js';
import { ok, type Parsed } from './types.js';

/**
 * exempt_plates (data-contract.md: `;`-separated; rules.md R10): plates split on ; ； , ， 、 and spaces, each
 * normalised, repeats dropped. A space also occurs *inside* a plate (`京A 12345`), so a space-separated piece that
 * does not start with a Chinese character (a province abbreviation) is joined to the piece before it; otherwise the
 * exemption would silently miss. Plates that start with Latin letters (WJ…) must therefore be separated by `;`.
 */

const listSeparators = /[;；,，、､]+/u;
const spaces = /\s+/u;

function startsWithHan(piece: string): boolean {
  const c = piece.charCodeAt(0);
  return c >= 0x3400 && c <= 0x9fff;
}

export function parsePlateList(text: string): Parsed<string[]> {
  const plates: string[] = [];
  for (const item of text.split(listSeparators)) {
    let plate = '';
    for (const piece of item.split(spaces)) {
      if (piece === '') continue;
      if (plate !== '' && startsWithHan(piece)) {
        pushUnique(plates, normalizePlate(plate));
        plate = '';
      }
      plate += piece;
    }
    if (plate !== '') pushUnique(plates, normalizePlate(plate));
  }
  return ok(plates);
}

function pushUnique(plates: string[], plate: string): void {
  if (plate !== '' && !plates.includes(plate)) plates.push(plate);
}
