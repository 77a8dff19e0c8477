import { describe, expect, it } from 'vitest';

import { testClient } from './support/clients.js';

describe('storage and retrieval', () => {
  it('stores and reads strings and Buffers', async () => {
    const client = testClient();
    expect(await client.set('text', 'hello')).toBe(true);
    expect(await client.set('bytes', Buffer.from([0, 1, 254, 255]))).toBe(true);
    expect(await client.get('text')).toBe('hello');
    expect(await client.get('bytes')).toEqual(Buffer.from([0, 1, 254, 255]));
    expect(await client.get('absent')).toBeUndefined();
  });
});
