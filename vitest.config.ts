import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Native code: a crash must cost one file, not the run (forks, not threads).
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
