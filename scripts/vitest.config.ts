import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['engine/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'fixtures/**/*.test.ts'],
    // 2-core machines: child-process servers and worker pools inside tests need headroom.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
