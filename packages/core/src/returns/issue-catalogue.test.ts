import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CATALOGUE_PATH, renderIssueCatalogue } from '../../scripts/issue-catalogue.js';
import { issueCatalogue } from '../index.js';
import { plan } from './test-fixtures.js';

describe('issue catalogue', () => {
  it('docs/issue-codes.md is up to date with the code', () => {
    const page = renderIssueCatalogue(plan);
    if (process.env['UPDATE_ISSUE_CATALOGUE'] === '1') writeFileSync(ISSUE_CATALOGUE_PATH, page);
    let onDisk = '';
    try {
      onDisk = readFileSync(ISSUE_CATALOGUE_PATH, 'utf8');
    } catch {
      // missing: reported by the assertion below
    }
    // Regenerate with: UPDATE_ISSUE_CATALOGUE=1 npx vitest run src/returns/issue-catalogue.test.ts
    expect(onDisk).toBe(page);
  });

  it('codes are snake_case, unique, with messages in both languages', () => {
    const codes = issueCatalogue().map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of issueCatalogue()) {
      expect(e.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(e.message.ja).toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/);
      expect(e.message.en).toMatch(/^[A-Z"]/);
      expect(e.example.length).toBeGreaterThan(0);
    }
  });
});
