/**
 * The one schema of a calendar date (`LocalDate`) in a plan file or a saved review state. A
 * module of its own, not re-exported by `period/index.ts`, so that the date helpers carry no zod
 * for a bundler to keep.
 */
import * as z from 'zod';
import { isLocalDate } from './local-date.js';

/**
 * A calendar date written `YYYY-MM-DD` that names a real day: `2026-02-30` and `2026-5-1` fail,
 * so a unit valid "to 2026-02-30" is reported where it is written instead of silently comparing
 * as a string. The pattern stays in the JSON Schema for editors; the day check is zod's.
 */
export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine(isLocalDate, { message: 'a day of the calendar (YYYY-MM-DD, e.g. not 2026-02-30)' })
  .describe('Calendar date, YYYY-MM-DD');
