/**
 * UTF-8 as Python's pickle uses it: `surrogatepass`, so a lone UTF-16 surrogate
 * (legal in a Python str and in a JavaScript string) travels as its 3-byte form
 * instead of being replaced by U+FFFD.
 */
import { isUtf8 } from 'node:buffer';
import { asciiText } from '../text.js';

/** A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

export function encodeUtf8(text: string): Buffer {
  if (!hasLoneSurrogate(text)) return Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(text.length * 3);
  let at = 0;
  for (const char of text) {
    // Iterating a string yields whole code points, and a lone surrogate on its own.
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out[at++] = 0xe0 | (code >> 12);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    } else {
      at += out.write(char, at, 'utf8');
    }
  }
  return out.subarray(0, at);
}

/** The text, or undefined when the bytes are not UTF-8 (surrogates allowed). */
export function decodeUtf8(bytes: Buffer): string | undefined {
  // ASCII is UTF-8: long ASCII text is scanned once, not by isUtf8 as well.
  return asciiText(bytes) ?? (isUtf8(bytes) ? bytes.toString('utf8') : decodeWithSurrogates(bytes));
}

/** The slow path: well-formed UTF-8 except that encoded surrogates (ED A0..BF xx) are accepted. */
function decodeWithSurrogates(bytes: Uint8Array): string | undefined {
  const units: number[] = [];
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    let code: number;
    let size: number;
    let min: number;
    if (lead < 0x80) [code, size, min] = [lead, 1, 0];
    else if (lead >= 0xc2 && lead < 0xe0) [code, size, min] = [lead & 0x1f, 2, 0x80];
    else if (lead >= 0xe0 && lead < 0xf0) [code, size, min] = [lead & 0x0f, 3, 0x800];
    else if (lead >= 0xf0 && lead < 0xf5) [code, size, min] = [lead & 0x07, 4, 0x10000];
    else return undefined;
    if (i + size > bytes.length) return undefined;
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff) return undefined;
    units.push(code);
    i += size;
    if (units.length >= 4096) {
      text += String.fromCodePoint(...units);
      units.length = 0;
    }
  }
  return text + String.fromCodePoint(...units);
}
