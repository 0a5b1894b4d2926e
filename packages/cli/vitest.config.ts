import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@sasaeai/source'] },
  ssr: { resolve: { conditions: ['@sasaeai/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // The tests run the built CLI as a child process on real workbooks: give them time.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
