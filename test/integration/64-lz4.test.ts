/** lz4 as an alternative to zlib in the Python codec: its own flag, and always readable. */
import { describe, expect, it } from 'vitest';

import { DecodeError, FLAG_COMPRESSED, FLAG_LZ4, FLAG_TEXT, pythonCodec, rawCodec } from '../../src/index.js';
import { testClient } from '../support/clients.js';

const text = 'memcached '.repeat(1000);

describe('lz4 compression', () => {
  it('stores under the lz4 flag, and both codec settings read both kinds', async () => {
    const lz4 = testClient<unknown>({ codec: pythonCodec({ compressThreshold: 100, compression: 'lz4' }) });
    const zlib = testClient<unknown>({ codec: pythonCodec({ compressThreshold: 100 }), keyPrefix: lz4.options.keyPrefix });
    const raw = testClient<Buffer>({ codec: rawCodec, keyPrefix: lz4.options.keyPrefix });

    await lz4.set('by-lz4', text);
    await zlib.set('by-zlib', text);
    const lz4Item = (await raw.gets('by-lz4'))!;
    const zlibItem = (await raw.gets('by-zlib'))!;
    expect(lz4Item.flags).toBe(FLAG_TEXT | FLAG_LZ4);
    expect(zlibItem.flags).toBe(FLAG_TEXT | FLAG_COMPRESSED);
    expect(lz4Item.value.length).toBeLessThan(text.length / 10);

    for (const client of [lz4, zlib]) {
      expect(await client.get('by-lz4')).toBe(text);
      expect(await client.get('by-zlib')).toBe(text);
    }
    // Small values stay uncompressed; pickled values compress too.
    await lz4.set('small', 'tiny');
    expect((await raw.gets('small'))!.flags).toBe(FLAG_TEXT);
    const big = { rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: 'row' })) };
    await lz4.set('pickled', big);
    expect((await raw.gets('pickled'))!.flags & FLAG_LZ4).toBe(FLAG_LZ4);
    expect(await zlib.get('pickled')).toEqual(big);
  });

  it('refuses corrupt data and sizes over maxOutputLength with a DecodeError, before decompressing', () => {
    const codec = pythonCodec({ maxOutputLength: 1000 });
    const lz4 = pythonCodec({ compressThreshold: 1, compression: 'lz4' });
    const encoded = lz4.encode(text);
    const data = Buffer.from(encoded.data as Buffer);
    expect(() => codec.decode(data, encoded.flags)).toThrow(DecodeError);
    expect(() => codec.decode(data, encoded.flags)).toThrow(/decompresses to 10000 bytes, more than 1000/);
    const truncated = data.subarray(0, data.length - 5);
    expect(() => pythonCodec().decode(truncated, encoded.flags)).toThrow(/does not decompress/);
    expect(() => pythonCodec().decode(Buffer.from([1, 2]), FLAG_LZ4)).toThrow(/too short/);
    expect(() => pythonCodec({ compression: 'snappy' as never })).toThrow(/zlib' or 'lz4/);
  });
});
