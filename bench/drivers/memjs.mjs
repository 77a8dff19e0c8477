// memjs (binary protocol, runs on the event loop). It has no multi-get, so
// getMany is emulated with one get per key in parallel, which memjs pipelines
// on its connection: that is what a memjs user would write. It stores a
// Buffer as its bytes (flags 0, as for a string) and reads every value as a
// Buffer.
import memjs from 'memjs';

export function create(servers) {
  const client = memjs.Client.create(servers.join(','), { logger: { log() {} } });
  // A string back, as from every other client here (memjs alone hands back
  // the Buffer): a caller that stored a string reads a string.
  const get = async (key) => (await client.get(key)).value?.toString() ?? undefined;
  return {
    get,
    // For the Buffer cells: the Buffer memjs returns is what was stored.
    getBuffer: async (key) => (await client.get(key)).value ?? undefined,
    set: (key, value) => client.set(key, value, { expires: 0 }),
    getMany: async (keys) => {
      const values = await Promise.all(keys.map(get));
      return values.filter((value) => value !== undefined).length;
    },
    close: async () => client.close(),
  };
}
