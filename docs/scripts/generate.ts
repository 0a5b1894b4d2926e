// Writes the generated pages (see pages.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedPages } from './pages.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const [path, content] of Object.entries(generatedPages())) {
  writeFileSync(join(root, path), content);
  process.stdout.write(`wrote ${path}\n`);
}
