import { defineConfig } from 'vitest/config';

// End-to-end tests: the BUILT task pane (dist/) in headless Chromium (playwright-core) with a fake
// office.js. Run after the build (`pnpm --filter addin test` builds when dist/ is stale).
export default defineConfig({
  resolve: { conditions: ['@sasaeai/source'] },
  ssr: { resolve: { conditions: ['@sasaeai/source'] } },
  test: {
    include: ['test/e2e/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
