/**
 * `str.encode(encoding)` for the encodings a pickle may name when it rebuilds
 * bytes (`_codecs.encode(text, 'latin1')`, `bytearray(text, 'latin-1')`):
 * Latin-1, UTF-8 and ASCII under every name Python accepts for them.
 */
import { hasLoneSurrogate } from './utf8.js';

type Codec = 'latin_1' | 'utf_8' | 'ascii';

/** Python's aliases (encodings.aliases) of the three codecs, after normalization. */
const NAMES = new Map<string, Codec>([
  ...['latin_1', '8859', 'cp819', 'csisolatin1', 'ibm819', 'iso8859', 'iso8859_1', 'iso_8859_1', 'iso_8859_1_1987', 'iso_ir_100', 'l1', 'latin', 'latin1'].map(
    (name): [string, Codec] => [name, 'latin_1'],
  ),
  ...['utf_8', 'cp65001', 'u8', 'utf', 'utf8', 'utf8_ucs2', 'utf8_ucs4'].map((name): [string, Codec] => [name, 'utf_8']),
  ...['ascii', '646', 'ansi_x3_4_1968', 'ansi_x3_4_1986', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_646_irv_1991', 'iso_ir_6', 'us', 'us_ascii'].map(
    (name): [string, Codec] => [name, 'ascii'],
  ),
]);

/**
 * As Python looks a codec up: lower case, each run of characters other than
 * letters, digits and dots becomes one `_` (none at either end), non-ASCII
 * letters and digits are dropped, and dots count as `_`.
 */
function codecOf(encoding: string): Codec | undefined {
  let name = '';
  let separator = false;
  for (const char of encoding.toLowerCase()) {
    if (/[\p{L}\p{N}.]/u.test(char)) {
      if (separator && name !== '') name += '_';
      if (char <= '\x7f') name += char === '.' ? '_' : char;
      separator = false;
    } else {
      separator = true;
    }
  }
  return NAMES.get(name);
}

/** The encoded bytes; a string naming the problem when Python would raise instead. */
export function encodeText(text: string, encoding: string): Buffer | string {
  switch (codecOf(encoding)) {
    case 'latin_1':
      return /[^\x00-\xff]/.test(text) ? `a character beyond U+00FF cannot be encoded as ${encoding}` : Buffer.from(text, 'latin1');
    case 'utf_8':
      return hasLoneSurrogate(text) ? 'a lone surrogate cannot be encoded as UTF-8' : Buffer.from(text, 'utf8');
    case 'ascii':
      return /[^\x00-\x7f]/.test(text) ? 'a character beyond U+007F cannot be encoded as ASCII' : Buffer.from(text, 'latin1');
    default:
      return `unsupported text encoding ${JSON.stringify(encoding)}`;
  }
}
