// A short tour of the API. Runs against MEMCACHED_SERVERS, or a memcached it starts.
import { Client, InvalidArgumentError } from '../dist/esm/index.mjs';
import { benchServers } from '../bench/lib/servers.mjs';

const { servers, stop } = await benchServers(1);
const client = new Client(servers, { keyPrefix: 'tour:' });
const show = (label, value) => console.log(`${label.padEnd(34)} ->`, value);

show(`set('greeting', 'hello')`, await client.set('greeting', 'hello', { ttl: 60 }));
show(`get('greeting')`, await client.get('greeting'));
show(`get('nothing-here')`, await client.get('nothing-here'));
show(`add('greeting', 'again')`, await client.add('greeting', 'again'));
show(`set('bytes', Buffer)`, await client.set('bytes', Buffer.from([0, 1, 2, 255])));
show(`getMany(['greeting', 'bytes', 'x'])`, await client.getMany(['greeting', 'bytes', 'x']));

const { value, cas } = await client.gets('greeting');
show(`gets('greeting')`, { value, cas });
show(`cas('greeting', 'hi', cas)`, await client.cas('greeting', 'hi', cas));
show(`cas('greeting', 'again', cas)`, await client.cas('greeting', 'again', cas));

// Values Python clients read as their own: dicts, lists, ints, floats, None (pickled).
const profile = { name: 'Ada', languages: ['python', 'javascript'], since: 1843, score: 9.5, manager: null };
show(`set('profile', { ... })`, await client.set('profile', profile));
show(`get('profile')`, await client.get('profile'));

show(`incr('visits', 1, { initial: 1 })`, await client.incr('visits', 1, { initial: 1 }));
show(`incr('visits', 41)`, await client.incr('visits', 41));
await client.set('huge', '18446744073709551614');
show(`incr('huge') (64-bit)`, await client.incr('huge'));

try {
  await client.get('no spaces allowed');
} catch (error) {
  show(`get('no spaces allowed')`, `${error.name} ${error.code}`);
  console.assert(error instanceof InvalidArgumentError);
}
show('version()', await client.version());
await client.deleteMany(['greeting', 'bytes', 'profile', 'visits', 'huge']);
await client.close();
await stop();
