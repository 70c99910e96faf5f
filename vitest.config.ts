import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // dawn.node owns native threads; one fork per file keeps a crash contained.
    pool: 'forks',
  },
});
