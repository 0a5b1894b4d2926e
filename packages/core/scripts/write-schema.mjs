// Writes the JSON Schema of plan files next to the build, so it ships with the package
// (`@sasaeai/core/plan.schema.json`) and editors can check a municipality's plan file.
import { writeFileSync } from 'node:fs';
import { planJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../dist/plan.schema.json', import.meta.url), JSON.stringify(planJsonSchema(), null, 2) + '\n');
