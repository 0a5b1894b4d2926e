// Other municipalities' chains on real .xlsx files: a town whose areas report straight to one
// council, and a designated city whose ward councils report to one city committee.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { addSheet, save, tempDir } from './fixtures.js';
import { REPO, json, sasaeai } from './run.js';

const TOWN = join(REPO, 'examples', 'custom-plan', 'town.plan.json');
const CITY = join(REPO, 'examples', 'designated-city', 'minato.plan.json');
const dir = tempDir('sasaeai-flows-');
const TODAY = ['--today', '2027-06-30'];

async function book(name: string, sheet: string, headers: string[], rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  addSheet(wb, sheet, headers, rows);
  return save(wb, dir, name);
}

const TOWN_HEADERS = ['年度', '地区', '取組み', '開催回数', '協力者数', '進み具合', 'ひとこと'];
const CITY_HEADERS = ['年度', '区', '取組み', '報告日', '実施回数', '見守り世帯数（累計）', '評価', '成果', '課題'];

describe('a town: areas report straight to the town council', () => {
  it('templates, validates and rolls up into a non-empty report, exit 0', async () => {
    expect((await sasaeai(['template', '--plan', TOWN, '--district', '北地区', '-o', join(dir, 'blank-kita.xlsx')])).code).toBe(0);
    const kita = await book('kita.xlsx', '地区活動報告', TOWN_HEADERS, [
      ['FY2026', '北', '見守りネットワーク', '4回', '10人', '順調', null],
      ['FY2026', '北', '買い物バス', 2, 5, '△', '運転手が足りない'],
    ]);
    const minami = await book('minami.xlsx', '地区活動報告', TOWN_HEADERS, [['FY2026', '南', 'ごみ出し支援', 1, 2, '○', null]]);
    const v = await sasaeai(['validate', kita, minami, '--plan', TOWN, ...TODAY]);
    expect(v.code).toBe(0);
    const out = join(dir, 'town-report.xlsx');
    const r = await sasaeai(['rollup', kita, minami, '--plan', TOWN, '--fiscal-year', '2026', '-o', out, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    const o = json(r);
    // Hand totals: 4 + 2 + 1 meetings, 10 + 5 + 2 volunteers.
    expect(o.figures['T/*/meetings']).toBe(7);
    expect(o.figures['T/*/volunteers']).toBe(17);
    expect(o.submissions.map((u: { use: string }) => u.use)).toEqual(['counted', 'counted']);
    expect(o.notices).toEqual([]);
    const byName = json(await sasaeai(['rollup', kita, minami, '--plan', TOWN, '--fiscal-year', '2026', '--ward', 'さくら町', '--format', 'json', ...TODAY]));
    expect(byName.figures['T/W1/meetings']).toBe(4);
    const text = await sasaeai(['rollup', kita, minami, '--plan', TOWN, '--fiscal-year', '2026', '--ward', 'T', ...TODAY]);
    expect(text.stdout).toContain('2/5 地区福祉委員会');
    expect(text.stdout).not.toContain('地区部会');
  });

  it('a roll-up that counts nothing says why and does not exit 0', async () => {
    const old = await book('old.xlsx', '地区活動報告', TOWN_HEADERS, [['FY2025', '北', '見守りネットワーク', 4, 10, '順調', null]]);
    const r = await sasaeai(['rollup', old, '--plan', TOWN, '--fiscal-year', '2026', ...TODAY]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('数えた報告はありません');
    expect(r.stdout).toContain('この年度の行がありません');
  });

  it('a unit that compiles nothing is a usage error', async () => {
    const r = await sasaeai(['rollup', dir, '--plan', TOWN, '--fiscal-year', '2026', '--ward', '北地区']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('集約する単位ではありません');
  });
});

describe('a designated city: ward councils report twice a year to the city committee', () => {
  it('counts every return, and never doubles the stock field', async () => {
    const interim = await book('minato-interim.xlsx', '区推進状況', CITY_HEADERS, [
      [2026, '港区', '見守り活動', new Date(Date.UTC(2026, 8, 30)), 5, 100, '4', null, null],
      [2026, '山手区', '見守り活動', new Date(Date.UTC(2026, 8, 30)), 2, 40, '3', null, null],
    ]);
    const yearEnd = await book('minato-year-end.xlsx', '区推進状況', CITY_HEADERS, [
      [2026, '港区', '見守り活動', new Date(Date.UTC(2027, 2, 31)), 7, 120, '5', '見守りの輪が広がった', null],
      [2026, '山手区', '子ども食堂', new Date(Date.UTC(2027, 2, 31)), 3, 0, '2', null, '担い手不足'],
    ]);
    expect((await sasaeai(['validate', interim, yearEnd, '--plan', CITY, ...TODAY])).code).toBe(0);
    const r = await sasaeai(['rollup', interim, yearEnd, '--plan', CITY, '--fiscal-year', '2026', '--ward', 'みなと市', '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    const o = json(r);
    expect(o.submissions).toHaveLength(2);
    expect(o.figures['M/K1/sessions']).toBe(14);
    // 港区's latest 120 households (not 100 + 120) + 山手区's 40.
    expect(o.figures['M/K1/households']).toBe(160);
    expect(o.figures['M/*/households']).toBe(160);
    expect(o.title).toBe('令和8年度 みなと市 市の推進状況');
  });
});

describe('plan check', () => {
  it('warns about a template no flow reads (exit 0: warnings only)', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const plan = JSON.parse(readFileSync(TOWN, 'utf8'));
    plan.flows = [{ ...plan.flows[0], template: undefined }];
    const file = join(dir, 'town-no-flow.plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const r = await sasaeai(['plan', 'check', file, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r).issues.map((i: { code: string; severity: string }) => [i.code, i.severity])).toEqual([['template_unread', 'warning']]);
  });
});

describe('template --period: the blank return of one period of a twice-yearly flow', () => {
  /** The data validation of the report date (報告日, column D) of a blank return, read back with exceljs. */
  async function reportDateRule(file: string): Promise<{ title: string; rule: { type?: string; operator?: string; formulae?: unknown[] } | undefined }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    let h = 0;
    let col = 0;
    ws.eachRow((row, n) => {
      const values = (row.values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      // The header row, in either language (`--lang en` writes English headers).
      const at = Math.max(values.indexOf('報告日'), values.indexOf('Report date'));
      if (!h && at > 0 && (values.includes('年度') || values.includes('Fiscal year'))) {
        h = n;
        col = at;
      }
    });
    expect(h).toBeGreaterThan(0);
    const letter = String.fromCharCode(64 + col);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type?: string; operator?: string; formulae?: unknown[] }> } }).dataValidations.model;
    const rule = Object.entries(dv).find(([k]) => k === `${letter}${h + 1}` || k.startsWith(`${letter}${h + 1}:`))?.[1];
    return { title: String(ws.getCell(1, 1).value), rule };
  }
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

  it('bounds the report date by the period asked for (by name, number or flow id), and prints it', async () => {
    const interim = join(dir, 'blank-period-interim.xlsx');
    const a = await sasaeai(['template', '--plan', CITY, '--ward', '港区', '--fiscal-year', '2026', '--period', '中間報告', '-o', interim]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('区の推進状況（中間報告）（報告日 2026-04-01〜2026-10-31）');
    const i = await reportDateRule(interim);
    expect(i.title).toContain('中間報告');
    expect(i.rule).toMatchObject({ type: 'date', operator: 'between' });
    expect(i.rule!.formulae!.map(day)).toEqual(['2026-04-01', '2026-10-31']);

    const yearEnd = join(dir, 'blank-period-year-end.xlsx');
    const b = await sasaeai(['template', '--plan', CITY, '--ward', 'M01', '--fiscal-year', '2026', '--period', '2', '-o', yearEnd, '--lang', 'en']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('Ward progress (year-end) (report date 2026-10-01 to 2027-05-31)');
    const y = await reportDateRule(yearEnd);
    expect(y.rule!.formulae!.map(day)).toEqual(['2026-10-01', '2027-05-31']);

    // The flow's id names the same period; without --period the date runs to the latest closing.
    const byId = join(dir, 'blank-period-by-id.xlsx');
    expect((await sasaeai(['template', '--plan', CITY, '--ward', 'M01', '--fiscal-year', '2026', '--period', 'ward-interim', '-o', byId])).code).toBe(0);
    expect((await reportDateRule(byId)).rule!.formulae!.map(day)).toEqual(['2026-04-01', '2026-10-31']);
    const whole = join(dir, 'blank-period-whole.xlsx');
    expect((await sasaeai(['template', '--plan', CITY, '--ward', 'M01', '--fiscal-year', '2026', '-o', whole])).code).toBe(0);
    expect((await reportDateRule(whole)).rule!.formulae!.map(day)).toEqual(['2026-04-01', '2027-05-31']);
  });

  it('a period that is not one, a period without a fiscal year, or a period of a yearly template: a usage error, exit 2, ja and en', async () => {
    const out = join(dir, 'never.xlsx');
    const bad = await sasaeai(['template', '--plan', CITY, '--ward', 'M01', '--fiscal-year', '2026', '--period', '3', '-o', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('期間「3」は様式「区の推進状況報告」の期間ではありません');
    expect(bad.stderr).toContain('1＝区の推進状況（中間報告）（ward-interim、2026-04-01〜2026-10-31）');
    const badEn = await sasaeai(['template', '--plan', CITY, '--ward', 'M01', '--fiscal-year', '2026', '--period', 'spring', '-o', out, '--lang', 'en']);
    expect(badEn.code).toBe(2);
    expect(badEn.stderr).toContain('"spring" is not a period of template');
    expect(badEn.stderr).toContain('2 = Ward progress (year-end) (ward-year-end, 2026-10-01 to 2027-05-31)');
    const noYear = await sasaeai(['template', '--plan', CITY, '--ward', 'M01', '--period', '1', '-o', out]);
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain('--period には --fiscal-year');
    const yearly = await sasaeai(['template', '--plan', TOWN, '--fiscal-year', '2026', '--period', '1', '-o', out, '--lang', 'en']);
    expect(yearly.code).toBe(2);
    expect(yearly.stderr).toContain('is reported once a year or at any time: it has no periods');
    expect(existsSync(out)).toBe(false);
  });
});
