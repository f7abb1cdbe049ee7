import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/unit/**/*.test.ts', 'test/engine/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/smoke/**/*.test.ts', 'test/team/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', './test/summary-reporter.ts'],
    // One fixed zone so that calendar-day rules and calling windows read the same everywhere.
    env: { TZ: 'Australia/Sydney' },
    testTimeout: 20_000,
  },
});
