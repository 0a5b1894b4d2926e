import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('validates the sample returns and rolls them up, as the README of the example shows', () => {
  const out = execFileSync('node', ['--conditions=@sasaeai/source', '--import', 'tsx', 'validate-and-rollup.ts'], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    encoding: 'utf8',
  });
  const lines = out.trim().split('\n');
  expect(lines[0]).toBe('10 returns, 33 rows: 25 valid, 10 errors, 2 warnings');
  expect(out).toContain('rows left out because of errors: 中央区_新宿.xlsx 1, 中央区_本千葉.xlsx 2, 中央区_松ケ丘.xlsx 2');
  // The ward's initiative rows add up to what the annual report counts for the ward.
  const chuoSessions = [...out.matchAll(/districts, (\d+) sessions/g)].reduce((s, m) => s + Number(m[1]), 0);
  expect(out).toContain(`  all initiatives: ${chuoSessions} sessions`);
  expect(out).toMatch(/city-wide sessions: \d+, from \d+ rows/);
}, 60_000);
