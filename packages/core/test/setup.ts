import { afterEach, beforeEach, vi } from 'vitest';

// Library code must never write to the console: a stray console.* fails the test.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
beforeEach(() => {
  for (const m of methods) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${m} called in library code: ${args.map(String).join(' ')}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});
