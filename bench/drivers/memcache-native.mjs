// memcache-native, the client under test. textCodec stores strings as plain
// UTF-8 (flag 16), the same bytes the peers put on the wire, so every client
// moves the same payload; the default pythonCodec would add its own framing.
// Buffers go out as they are (flag 0) and come back as Buffers, so the one
// client serves the string and the Buffer cells alike.
import { Client, textCodec } from '../../dist/esm/index.mjs';

// bench/run.mjs checks the value and records it with the run.
const protocol = process.env.BENCH_PROTOCOL ?? 'ascii';

/** `tls`: the TLS options (the bench's throwaway CA) in the TLS cells. */
export function create(servers, { tls } = {}) {
  // 5 s like the peers' defaults: a slow 500 KB cell should be measured, not failed.
  const client = new Client(servers, { codec: textCodec, timeout: 5000, protocol, ...(tls ? { tls } : {}) });
  const get = (key) => client.get(key);
  return {
    get,
    getBuffer: get,
    set: (key, value) => client.set(key, value),
    getMany: async (keys) => (await client.getMany(keys)).size,
    close: () => client.close(),
  };
}
