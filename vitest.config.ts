import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'fixtures/**/*.test.ts'],
    // 2-core machines: child-process servers and worker pools inside tests need headroom.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
