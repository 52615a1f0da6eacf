import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The tests' Redis (6379, or a private redis-server for the run) and the dashboard bundle they serve.
    globalSetup: ['tests/support/redis.global-setup.ts', 'tests/support/bundle.global-setup.ts'],
    // Integration tests use real Redis and real workers; each test owns a unique key prefix and queue name.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
