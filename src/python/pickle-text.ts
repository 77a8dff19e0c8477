/**
 * The text arguments of protocol 0 opcodes: `V` lines (raw-unicode-escape),
 * quoted `S` lines (Python 2 string escapes) and `F` lines (float literals).
 * Each returns undefined or throws {@link UnpicklingError} on malformed text.
 */
import { UnpicklingError } from './errors.js';

const HEX = /^[0-9a-fA-F]*$/;

/**
 * Latin-1 bytes in which `\uXXXX` and `\UXXXXXXXX` are escapes, as Python's
 * `raw-unicode-escape` codec reads them: only a backslash preceded by an even
 * number of backslashes starts one; every other backslash is literal.
 */
export function decodeRawUnicodeEscape(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  if (!text.includes('\\')) return text;
  const parts: string[] = [];
  let from = 0;
  for (let slash = text.indexOf('\\'); slash !== -1; slash = text.indexOf('\\', from)) {
    let end = slash;
    while (text[end] === '\\') end++;
    const marker = text[end];
    if ((end - slash) % 2 === 0 || (marker !== 'u' && marker !== 'U')) {
      parts.push(text.slice(from, end));
      from = end;
      continue;
    }
    const digits = marker === 'u' ? 4 : 8;
    const hex = text.slice(end + 1, end + 1 + digits);
    if (hex.length !== digits || !HEX.test(hex)) throw new UnpicklingError(`Truncated \\${marker} escape in a UNICODE string`);
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw new UnpicklingError('\\U escape out of range in a UNICODE string');
    parts.push(text.slice(from, end - 1), String.fromCodePoint(code));
    from = end + 1 + digits;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

/**
 * The argument of a protocol 0 `S` (Python 2 str) line: a quoted literal with
 * Python 2 escapes (`\n`, `\xhh`, octal `\ooo`, ...). Bytes come back as a
 * Latin-1 string, one character per byte.
 */
export function decodeQuotedString(bytes: Buffer): string {
  const quoted = bytes.toString('latin1');
  const quote = quoted[0];
  if (quoted.length < 2 || (quote !== "'" && quote !== '"') || quoted[quoted.length - 1] !== quote) {
    throw new UnpicklingError('The STRING opcode argument must be quoted');
  }
  const text = quoted.slice(1, -1);
  const parts: string[] = [];
  let from = 0;
  for (let slash = text.indexOf('\\'); slash !== -1; slash = text.indexOf('\\', from)) {
    parts.push(text.slice(from, slash));
    const next = text[slash + 1];
    if (next === undefined) throw new UnpicklingError('Trailing \\ in a STRING argument');
    const simple = SIMPLE_ESCAPES[next];
    const octal = /^[0-7]{1,3}/.exec(text.slice(slash + 1, slash + 4));
    if (simple !== undefined) {
      parts.push(simple);
      from = slash + 2;
    } else if (octal !== null) {
      parts.push(String.fromCharCode(parseInt(octal[0], 8) & 0xff));
      from = slash + 1 + octal[0].length;
    } else if (next === 'x') {
      const hex = text.slice(slash + 2, slash + 4);
      if (hex.length !== 2 || !HEX.test(hex)) throw new UnpicklingError('Invalid \\x escape in a STRING argument');
      parts.push(String.fromCharCode(parseInt(hex, 16)));
      from = slash + 4;
    } else {
      // Python keeps unknown escapes as written.
      parts.push('\\');
      from = slash + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.join('');
}

const DECIMAL_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** A Python float literal as `repr(float)` writes it (`1.5`, `1e+308`, `inf`, `-inf`, `nan`). */
export function parseFloatLiteral(text: string): number | undefined {
  const trimmed = text.trim();
  if (DECIMAL_FLOAT.test(trimmed)) return Number(trimmed);
  const special = SPECIAL_FLOAT.exec(trimmed);
  if (special === null) return undefined;
  if (special[2]!.toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}
