import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@sasaeai/source'] },
  ssr: { resolve: { conditions: ['@sasaeai/source'] } },
  test: { include: ['src/**/*.test.ts'] },
});
