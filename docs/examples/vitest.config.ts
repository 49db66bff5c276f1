import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Hooks are native code: keep each test file in its own process.
    pool: 'forks',
    // Watch mode: rerun the tests when the hook library is rebuilt.
    forceRerunTriggers: [...configDefaults.forceRerunTriggers, '**/build/**/*.so'],
  },
});
