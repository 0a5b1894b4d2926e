import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../src/xlsx/read.js';
import { tempDir } from './fixtures.js';
import { REPO, runProcess, sasaeai } from './run.js';

describe('sasaeai demo', () => {
  const cwd = tempDir();

  it('writes sample returns and reports into ./sasaeai-demo and says where they are', async () => {
    const r = await sasaeai(['demo'], { cwd });
    expect(r.code).toBe(0);
    const dir = join(cwd, 'sasaeai-demo');
    const returns = readdirSync(join(dir, 'returns'));
    const reports = readdirSync(join(dir, 'reports'));
    expect(returns.length).toBeGreaterThanOrEqual(8);
    expect(reports).toEqual(['中央区_区計画の推進状況_令和8年度.xlsx', '中央区_推進状況の確認・評価_令和8年度.xlsx', '千葉市社会福祉審議会_地域福祉専門分科会への報告_令和8年度.xlsx']);
    expect(r.stdout).toContain('sasaeai-demo/returns/');
    expect(r.stdout).toContain('sasaeai-demo/reports/中央区_区計画の推進状況_令和8年度.xlsx');
    expect(r.stdout).toContain('sasaeai-demo/reports/中央区_推進状況の確認・評価_令和8年度.xlsx');
    expect(r.stdout).toMatch(/エラー [1-9]\d* 件/);
    for (const f of returns) {
      const wb = await readWorkbook(join(dir, 'returns', f));
      expect({ f, ok: wb.ok, demo: wb.metadata.workbook['sasaeai.demo'] }).toEqual({ f, ok: true, demo: 'true' });
    }
  });

  it('names the preset, the ward, its report and the annual report\'s recipient from the plan in its help', async () => {
    const r = await sasaeai(['demo', '--help'], { cwd });
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('the Chiba City preset');
    expect(text).toContain('the Ward-plan progress of Chuo');
    expect(text).toContain('千葉市のプリセット');
    expect(text).toContain('中央区の区計画の推進状況と千葉市社会福祉審議会 地域福祉専門分科会への報告のブック');
  });

  it('runs again over its own files, refuses a folder with other files unless --force', async () => {
    expect((await sasaeai(['demo'], { cwd })).code).toBe(0);
    const foreign = join(cwd, 'sasaeai-demo', 'メモ.txt');
    writeFileSync(foreign, '残しておくメモ');
    const refused = await sasaeai(['demo'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('メモ.txt');
    const forced = await sasaeai(['demo', '--force', '--lang', 'en'], { cwd });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Returns written');
    expect(readFileSync(foreign, 'utf8')).toBe('残しておくメモ');
    // the English run replaced the Japanese-named reports it had written before
    expect(readdirSync(join(cwd, 'sasaeai-demo', 'reports')).sort()).toEqual(['annual-report-fy2026.xlsx', 'chuo-verification-fy2026.xlsx', 'chuo-ward-progress-fy2026.xlsx']);
  });

  it('writes into another folder with -o, and its returns validate to the same verdict from the CLI', async () => {
    const out = join(cwd, 'other');
    expect((await sasaeai(['demo', '-o', out])).code).toBe(0);
    const v = await sasaeai(['validate', join(out, 'returns'), '--today', '2027-05-10', '--format', 'json']);
    expect(v.code).toBe(1);
    expect(existsSync(join(out, 'reports'))).toBe(true);
  });
});

describe('pnpm sasaeai from the repository root', () => {
  it('runs the built CLI', async () => {
    const r = await runProcess('pnpm', ['--reporter', 'silent', 'sasaeai', 'plan', 'check', '--lang', 'en'], { cwd: REPO });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('is valid');
  });
});
