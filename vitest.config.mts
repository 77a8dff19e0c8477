import { defineConfig } from 'vitest/config';

/**
 * `test/unit/` holds tests of logic that need no server: they run first, in
 * parallel, in seconds. `test/integration/` talks to real memcached servers
 * (and Python, and child processes): one file at a time.
 *
 * Every integration test runs under the ASCII protocol; the ones whose subject
 * is the same under either protocol (commands, batching, the pipeline, faults,
 * the cluster, Python interop, the stores) run again under the binary
 * protocol. Tests pick the protocol up through `testClient()` or
 * `protocolOption()`.
 *
 * The `thread` project runs the integration tests again with every batch on
 * the thread driver (MEMCACHE_NATIVE_DRIVER=thread), to show that both drivers
 * answer alike; only the tests of the event-loop driver itself are left out.
 */
const BOTH_PROTOCOLS = [
  'test/integration/10-commands.test.ts',
  'test/integration/15-distribution.test.ts',
  'test/integration/16-servers.test.ts',
  'test/integration/30-batching.test.ts',
  'test/integration/31-batch-memory.test.ts',
  'test/integration/32-pipeline.test.ts',
  'test/integration/33-adaptive-pool.test.ts',
  'test/integration/34-event-loop-batches.test.ts',
  'test/integration/40-close.test.ts',
  'test/integration/41-large-calls.test.ts',
  'test/integration/42-call-options.test.ts',
  'test/integration/50-faults.test.ts',
  'test/integration/55-cluster.test.ts',
  'test/integration/64-lz4.test.ts',
  'test/integration/70-python-interop.test.ts',
  'test/integration/72-django.test.ts',
  'test/integration/78-stores.test.ts',
  'test/integration/80-tls.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], fileParallelism: true, sequence: { groupOrder: 0 }, provide: { protocol: 'ascii' } },
      },
      // Integration files share three memcached servers and a 2-core machine: one at a time.
      {
        extends: true,
        test: {
          name: 'ascii',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          provide: { protocol: 'ascii' },
        },
      },
      {
        extends: true,
        test: { name: 'binary', include: BOTH_PROTOCOLS, fileParallelism: false, sequence: { groupOrder: 1 }, provide: { protocol: 'binary' } },
      },
      {
        extends: true,
        test: {
          name: 'thread',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/34-event-loop-batches.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          env: { MEMCACHE_NATIVE_DRIVER: 'thread' },
          provide: { protocol: 'ascii' },
        },
      },
      {
        extends: true,
        test: {
          name: 'thread-binary',
          include: BOTH_PROTOCOLS,
          exclude: ['test/integration/34-event-loop-batches.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          env: { MEMCACHE_NATIVE_DRIVER: 'thread' },
          provide: { protocol: 'binary' },
        },
      },
    ],
  },
});
