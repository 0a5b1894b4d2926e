import { defineConfig } from 'vitest/config';

// Unit tests: pure adapter helpers, the Office.js adapter with office-addin-mock, and the
// operations against the fake workbook (test/fake-office) in Node. The browser tests live in
// vitest.e2e.config.ts.
export default defineConfig({
  resolve: { conditions: ['@sasaeai/source'] },
  ssr: { resolve: { conditions: ['@sasaeai/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 60_000,
  },
});
