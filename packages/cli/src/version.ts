/**
 * The version of the CLI and the name it writes into workbooks as their generator.
 */
import { readFileSync } from 'node:fs';

/** The version of `@sasaeai/cli`, from its package.json. */
export const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

/** Recorded as `sasaeai.generator` in every workbook the CLI writes. */
export const GENERATOR = `sasaeai-cli ${VERSION}`;
