// A TLS server, run as a process of its own, that answers every `gets k1 k2`
// in two writes: first k1's whole reply with k2's VALUE line and the start of
// its value, then, a moment later, the rest of k2 and END. The moment varies
// from 0 to 98 us, so that k2's rest sometimes reaches the client while it is
// still reading the first write: the race a loaded server makes at random,
// made here thousands of times a second.
//   node split-reply-tls-server.mjs <certificate file> <key file>   (prints its port)
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

export const SMALL = Buffer.alloc(100, 's');
export const LARGE = Buffer.alloc(5000, 'L');

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [certificate, key] = process.argv.slice(2);
  const head = Buffer.concat([Buffer.from('VALUE k1 0 100 1\r\n'), SMALL, Buffer.from('\r\nVALUE k2 0 5000 2\r\n'), LARGE.subarray(0, 10)]);
  const rest = Buffer.concat([LARGE.subarray(10), Buffer.from('\r\nEND\r\n')]);
  let turn = 0;
  const server = tls.createServer({ cert: readFileSync(certificate), key: readFileSync(key) }, (socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (line !== 'gets k1 k2') {
          socket.write('ERROR\r\n');
          continue;
        }
        socket.write(head);
        const pause = BigInt((turn++ % 50) * 2_000);
        setImmediate(() => {
          const until = process.hrtime.bigint() + pause;
          while (process.hrtime.bigint() < until);
          socket.write(rest);
        });
      }
    });
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
}
