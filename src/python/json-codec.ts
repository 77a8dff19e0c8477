/**
 * JSON values in a form Python peers read as text.
 *
 * Written with flags 0x30: the text bit 16, which python-memcached, pymemcache
 * and pylibmc all decode as a UTF-8 str (none raises, none takes it for bytes,
 * an int or a pickle; pylibmc only rejects combined *type* bits, and 0x20 is
 * none of its bits), plus bit 0x20, which no Python client defines, marking the
 * text as JSON for this codec. A bit of its own alone (say 0x100) would be worse:
 * python-memcached raises on it and pymemcache and pylibmc return raw bytes.
 */
import { type Codec, FLAG_TEXT } from '../codec.js';
import { InvalidArgumentError } from '../errors.js';
import { utf8Text } from '../text.js';
import { DecodeError } from './errors.js';

/** Marks a text item as JSON; stored together with {@link FLAG_TEXT}. */
export const FLAG_JSON = 0x20;

/**
 * Any JSON-serializable value, stored as JSON text with flags 0x30. Reads parse
 * items with the JSON bit; other items come back as a string (flag 16) or a
 * Buffer, as with `textCodec`.
 */
export const jsonCodec: Codec<unknown> = {
  encode(value) {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (error) {
      // BigInts and values that contain themselves.
      throw new InvalidArgumentError('ERR_INVALID_VALUE', `Cannot store the value as JSON: ${(error as Error).message}`);
    }
    if (text === undefined) throw new InvalidArgumentError('ERR_INVALID_VALUE', `Cannot store ${typeof value} as JSON`);
    return { data: text, flags: FLAG_TEXT | FLAG_JSON };
  },
  decode(data, flags) {
    if ((flags & FLAG_JSON) === 0) return (flags & FLAG_TEXT) !== 0 ? utf8Text(data) : data;
    try {
      return JSON.parse(utf8Text(data)) as unknown;
    } catch (error) {
      throw new DecodeError(`A JSON item does not parse: ${(error as Error).message}`);
    }
  },
};
