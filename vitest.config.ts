import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { mongodbTestBundle, pgTestBundle } from './scripts/lib/test-bundles.ts'
import { oneModulePerFetch } from './test/support/one-module-per-fetch.ts'

/** Integration tests run inside workerd against the stack their globalSetup starts. */
const integration = (name: string, setup: string) => ({
  resolve: {
    alias: {
      mongodb: mongodbTestBundle(),
      pg: pgTestBundle(),
    },
  },
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: './wrangler.toml' },
      remoteBindings: false,
      miniflare: { bindings: inject('workerBindings') },
    })),
    oneModulePerFetch(),
  ],
  test: {
    name,
    include: ['test/integration/**/*.test.ts'],
    globalSetup: [setup],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // What the queues apply after a job ends (the DCL's records, replays) can take seconds under CI load.
    expect: { poll: { timeout: 20_000 } },
    silent: 'passed-only' as const,
  },
})

// The machine's real PostgreSQL and Redis join in when both URLs are given (.ci/run sets them).
const withServices = Boolean(process.env.AOS_TEST_DATABASE_URL && process.env.AOS_TEST_REDIS_URL)

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-line-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      integration('integration', './test/support/setup-embedded.ts'),
      ...(withServices ? [integration('integration-services', './test/support/setup-services.ts')] : []),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/support/setup-e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The browser waits on queues and live events; on a busy 2-core machine that is seconds.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
})
