import * as z from 'zod';

/**
 * The schema of a `LocalizedText` in a plan file. Kept apart from `text.ts` so that the
 * language helpers (`lt`, `localize`) carry no zod for a bundler to keep.
 */
export const LocalizedTextSchema = z
  .object({
    ja: z.string().min(1).describe('Japanese text (日本語)'),
    en: z.string().min(1).describe('English text'),
  })
  .strict();
