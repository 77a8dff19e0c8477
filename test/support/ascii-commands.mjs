// Splits what a client sends on a socket into ASCII memcached commands, each a
// command line and, for a storage command, its data block, for fake servers.
// Plain JavaScript so that the child-process fuzzer shares it with the tests.

export const STORAGE_COMMANDS = new Set(['set', 'add', 'replace', 'append', 'prepend', 'cas']);

export function readAsciiCommands(socket, onCommand) {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    // A handler may destroy the socket: nothing after that is answered.
    while (!socket.destroyed) {
      const end = pending.indexOf('\r\n');
      if (end < 0) return;
      const line = pending.subarray(0, end).toString('latin1');
      let consumed = end + 2;
      let data;
      const parts = line.split(' ');
      if (STORAGE_COMMANDS.has(parts[0])) {
        const length = Number(parts[4]);
        if (pending.length < consumed + length + 2) return;
        data = pending.subarray(consumed, consumed + length);
        consumed += length + 2;
      }
      pending = pending.subarray(consumed);
      onCommand(line, data);
    }
  });
}
