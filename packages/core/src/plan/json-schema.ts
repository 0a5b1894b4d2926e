import * as z from 'zod';
import { PlanSchema } from './schema.js';

/**
 * The JSON Schema of plan files, generated from the zod schemas, for editor completion and
 * checking. Published with the package as `@sasaeai/core/plan.schema.json`.
 *
 * @example
 * ```ts
 * const schema = planJsonSchema();
 * schema.title; // 'Sasaeai plan file'
 * ```
 */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://sasaeai.github.io/schema/plan.schema.json',
    title: 'Sasaeai plan file',
    description:
      'A community-welfare plan (地域福祉計画) as data: levels, units, bodies, flows, return templates. See docs/municipalities.md.',
  };
}
