// memcache-native, the client under test. textCodec stores strings as plain
// UTF-8 (flag 16), the same bytes the peers put on the wire, so every client
// moves the same payload; the default pythonCodec would add its own framing.
import { Client, textCodec } from '../../dist/esm/index.mjs';

export function create(servers) {
  // 5 s like the peers' defaults: a slow 500 KB cell should be measured, not failed.
  const client = new Client(servers, { codec: textCodec, timeout: 5000 });
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    getMany: async (keys) => (await client.getMany(keys)).size,
    close: () => client.close(),
  };
}
