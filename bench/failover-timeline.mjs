// What a caller sees while a server dies, with the default options: one get
// every 100 ms against a memcached that is killed (refuses connections) and
// against one that is frozen (accepts, never answers), until the client
// declares it dead. Prints when each kind of answer started and the
// 'server:down' moment.
//   node bench/failover-timeline.mjs
import { Client } from '../dist/esm/index.mjs';
import { startMemcached } from '../scripts/lib/memcached.mjs';

for (const [label, signal] of [
  ['killed (SIGKILL)', 'SIGKILL'],
  ['frozen (SIGSTOP)', 'SIGSTOP'],
]) {
  const server = await startMemcached();
  const client = new Client(server.address);
  await client.set('k', 'v');
  const start = performance.now();
  const since = () => Math.round(performance.now() - start);
  let down;
  client.once('server:down', ({ failures, error }) => {
    down = `${since()} ms: declared dead after ${failures} failed tries (last: ${error.code})`;
  });
  if (signal === 'SIGKILL') await server.stop('SIGKILL');
  else server.process.kill('SIGSTOP');

  const lines = [];
  let previous;
  while (down === undefined && performance.now() - start < 15_000) {
    const issued = since();
    const outcome = await client.get('k').then(
      (value) => `answered ${JSON.stringify(value)}`,
      (error) => error.code,
    );
    const kind = `${outcome} in ${Math.round(performance.now() - start - issued) < 5 ? '<5' : Math.round(performance.now() - start - issued)} ms`;
    if (kind !== previous) lines.push(`${issued} ms: ${kind}`);
    previous = kind;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`${label}:\n  ${[...lines, down ?? 'not declared dead within 15 s'].join('\n  ')}`);
  server.process.kill('SIGKILL');
  await client.close();
}
