/**
 * A run that reads nothing or counts nothing says why and does not exit 0 — for every command
 * that reads returns (validate, rollup, compile, verify), on an empty folder, a folder of files
 * that are no workbooks, a workbook holding only the example sheet (記入例) and a blank return
 * nobody filled in. Two plans: the Chiba preset (with example rows) and the town plan of
 * examples/custom-plan.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { tempDir } from './fixtures.js';
import { REPO, json, sasaeai } from './run.js';

const TODAY = ['--today', '2026-07-01'];
const TOWN = join(REPO, 'examples/custom-plan/town.plan.json');

let dir: string;
let chiba: string;
let empty: string;
let notWorkbooks: string;
let exampleOnly: string;
let blankTown: string;

beforeAll(async () => {
  dir = tempDir('sasaeai-nothing-');
  const plan = structuredClone(chibaPlan) as unknown as { templates: { id: string; examples?: unknown }[] };
  plan.templates.find((t) => t.id === 'district-activity')!.examples = [
    { fiscalYear: '令和8年度', ward: '中央区', district: '寒川', reportDate: '2026-05-01', initiative: '見守り・声かけ活動', status: '実施済み', sessions: 12, participants: 240 },
  ];
  chiba = join(dir, 'chiba-examples.plan.json');
  writeFileSync(chiba, JSON.stringify(plan));
  empty = join(dir, 'empty');
  mkdirSync(empty);
  notWorkbooks = join(dir, 'not-workbooks');
  mkdirSync(notWorkbooks);
  writeFileSync(join(notWorkbooks, 'notes.txt'), '報告は来週送ります');
  writeFileSync(join(notWorkbooks, 'scan.pdf'), '%PDF-1.4\n');

  // The blank return with its 記入例 sheet, then the same file with only the 記入例 sheet left.
  const blank = join(dir, 'blank.xlsx');
  const t = await sasaeai(['--plan', chiba, 'template', '--ward', '中央区', '--district', '松ケ丘', '--fiscal-year', '2026', '-o', blank]);
  expect(t.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(blank);
  for (const ws of [...wb.worksheets]) if (ws.name !== '記入例' && ws.state === 'visible') wb.removeWorksheet(ws.id);
  expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['記入例']);
  exampleOnly = join(dir, 'example-only');
  mkdirSync(exampleOnly);
  await wb.xlsx.writeFile(join(exampleOnly, '松ケ丘.xlsx'));

  blankTown = join(dir, 'blank-town');
  mkdirSync(blankTown);
  const b = await sasaeai(['--plan', TOWN, 'template', '--district', '北地区', '-o', join(blankTown, '北地区.xlsx')]);
  expect(b.code).toBe(0);
}, 120_000);

describe('a run that reads nothing', () => {
  it.each([
    ['an empty folder', () => empty],
    ['a folder of files that are no workbooks', () => notWorkbooks],
  ])('%s: every command stops with exit 2 and names the folder', async (_, folder) => {
    const commands = [
      ['validate', folder(), ...TODAY],
      ['rollup', folder(), '--fiscal-year', '2026', ...TODAY],
      ['compile', folder(), '--fiscal-year', '2026'],
      ['verify', folder(), '--fiscal-year', '2026', '--ward', '中央区', '--write', join(dir, 'never.xlsx'), ...TODAY],
    ];
    for (const args of commands) {
      const r = await sasaeai(['--lang', 'en', ...args]);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toContain(`The folder "${folder()}" holds no Excel workbook (.xlsx).`);
    }
  }, 180_000);
});

describe('a run that counts nothing', () => {
  it('validate: a workbook holding only the example sheet is no clean run (Chiba plan)', async () => {
    const r = await sasaeai(['--plan', chiba, 'validate', exampleOnly, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(1);
    const out = json(r);
    expect(out.valid).toBe(false);
    expect(out.summary).toMatchObject({ returns: 0, rowsRead: 0, errors: 1, exitCode: 1 });
    const codes = out.issues.map((i: { code: string }) => i.code);
    // Why, file by file (the example sheet), then for the run.
    expect(codes).toEqual(['sheet_not_a_return', 'nothing_checked']);
    expect(out.issues[1]).toMatchObject({ severity: 'error', file: null, sheet: null });
    expect(out.issues[1].message).toContain('報告のシートがないため、何も検証していません');

    const text = await sasaeai(['--plan', chiba, '--lang', 'en', 'validate', exampleOnly, ...TODAY]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('None of the 1 file holds a return sheet, so nothing was checked.');
    expect(text.stdout).toContain('Result: errors found (exit code 1)');
  }, 60_000);

  it('validate: a blank return nobody filled in is no clean run (town plan)', async () => {
    const r = await sasaeai(['--plan', TOWN, '--lang', 'en', 'validate', blankTown, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(1);
    const out = json(r);
    expect(out.summary).toMatchObject({ returns: 1, rowsRead: 0, exitCode: 1 });
    const last = out.issues[out.issues.length - 1];
    expect(last).toMatchObject({ code: 'nothing_checked', severity: 'error' });
    expect(last.message).toBe('None of the 1 return sheet holds a data row, so nothing was checked. Give the filled-in returns.');
  }, 60_000);

  it('rollup, compile and verify on the example sheet alone exit 1 and say why; rollup and compile print one report header', async () => {
    const rollup = await sasaeai(['--plan', chiba, 'rollup', exampleOnly, '--fiscal-year', '2026', '--format', 'json', ...TODAY]);
    const compile = await sasaeai(['--plan', chiba, 'compile', exampleOnly, '--fiscal-year', '2026', '--format', 'json']);
    const verify = await sasaeai(['--plan', chiba, 'verify', exampleOnly, '--fiscal-year', '2026', '--ward', '中央区', '--write', join(dir, 'v.xlsx'), '--format', 'json', ...TODAY]);
    for (const r of [rollup, compile, verify]) expect(r.code).toBe(1);
    const [a, b, v] = [json(rollup), json(compile), json(verify)];
    // One header (reportJson): the same first keys and the same shape of notices.
    expect(Object.keys(a).slice(0, 4)).toEqual(['kind', 'fiscalYear', 'title', 'output']);
    expect(Object.keys(b).slice(0, 4)).toEqual(['kind', 'fiscalYear', 'title', 'output']);
    expect(Object.keys(a).slice(-2)).toEqual(['notices', 'figures']);
    expect(Object.keys(b).slice(-2)).toEqual(['notices', 'figures']);
    expect(a).toMatchObject({ kind: b.kind, fiscalYear: 2026, title: b.title, output: null });
    for (const n of [...a.notices, ...b.notices]) expect(Object.keys(n)).toEqual(['code', 'severity', 'message', 'submissions']);
    expect(a.notices.map((n: { code: string }) => n.code)).toContain('rollup_nothing_counted');
    expect(b.notices.map((n: { code: string }) => n.code)).toContain('rollup_nothing_counted');
    // The verification sheet is still written (the body may fill it in), with the reason beside it.
    expect(v.notices.map((n: { code: string }) => n.code)).toEqual(['rollup_nothing_counted']);
    const vt = await sasaeai(['--plan', chiba, 'verify', exampleOnly, '--fiscal-year', '2026', '--ward', '中央区', '--write', join(dir, 'v.xlsx'), '--force', ...TODAY]);
    expect(vt.code).toBe(1);
    expect(vt.stdout).toMatch(/ {2}✖ .*数えた報告はありません/);
  }, 120_000);
});
