import { defineConfig } from 'vitest/config';

/**
 * Every test runs under the ASCII protocol; the ones whose subject is the same
 * under either protocol (commands, batching, the pipeline, faults, the
 * cluster, Python interop, the stores) run again under the binary protocol.
 * Tests pick the protocol up through `testClient()` or `protocolOption()`.
 *
 * The `thread` project runs the whole suite again with every batch on the
 * thread driver (MEMCACHE_NATIVE_DRIVER=thread), to show that both drivers
 * answer alike; only the tests of the event-loop driver itself are left out.
 */
const BOTH_PROTOCOLS = [
  'test/10-commands.test.ts',
  'test/15-distribution.test.ts',
  'test/16-servers.test.ts',
  'test/30-batching.test.ts',
  'test/32-pipeline.test.ts',
  'test/33-adaptive-pool.test.ts',
  'test/34-event-loop-batches.test.ts',
  'test/40-close.test.ts',
  'test/50-faults.test.ts',
  'test/55-cluster.test.ts',
  'test/64-lz4.test.ts',
  'test/70-python-interop.test.ts',
  'test/72-django.test.ts',
  'test/78-stores.test.ts',
  'test/80-tls.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests share three memcached servers and a 2-core machine: files run one at a time.
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: 'ascii', include: ['test/**/*.test.ts'], provide: { protocol: 'ascii' } } },
      { extends: true, test: { name: 'binary', include: BOTH_PROTOCOLS, provide: { protocol: 'binary' } } },
      {
        extends: true,
        test: {
          name: 'thread',
          include: ['test/**/*.test.ts'],
          exclude: ['test/34-event-loop-batches.test.ts', 'test/unit/**'],
          env: { MEMCACHE_NATIVE_DRIVER: 'thread' },
          provide: { protocol: 'ascii' },
        },
      },
    ],
  },
});
