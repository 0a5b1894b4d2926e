import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as XL from 'exceljs';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_HEADERS, activityWorkbook, addSheet, badFiles, goodRow, save, tempDir } from './fixtures.js';
import { BIN, json, runProcess, sasaeai } from './run.js';

const TODAY = ['--today', '2027-05-10'];
const dir = tempDir();
let good: string;
let bad: string;

beforeAll(async () => {
  good = await activityWorkbook(dir, 'good.xlsx');
  bad = await activityWorkbook(dir, 'bad.xlsx', [
    goodRow({ 実施状況: 'たぶん', 報告日: '令和8年5月1日' }),
    goodRow({ 取組み: '子育てサロン', 実施回数: '３回半' }),
  ]);
});

describe('sasaeai validate', () => {
  it('exits 0 on a valid return and reports it in JSON', async () => {
    const r = await sasaeai(['validate', good, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = json(r);
    expect(out.valid).toBe(true);
    expect(out.summary).toMatchObject({ files: 1, filesUnreadable: 0, returns: 1, rowsRead: 2, rowsValid: 2, errors: 0, exitCode: 0 });
    expect(out.files[0]).toMatchObject({ readable: true, reader: 'lean', sheets: [{ sheet: '活動状況報告', template: 'district-activity', headerRow: 1, rowsRead: 2 }] });
  });

  it('accepts what staff type: full-width digits, units, 和暦 dates, labels without 送り仮名', async () => {
    const file = await activityWorkbook(dir, 'forms.xlsx', [
      goodRow({ 年度: '令和8年度', 報告日: 'R8.6.1', 実施状況: '実施済', 実施回数: '１２回', 参加者数: '1,200人', 自己評価: 'Ｂ' }),
      goodRow({ 年度: 'R8', 報告日: '2026/7/1', 取組み: 'ふれあい・いきいきサロン', 実施回数: '３', 参加者数: '４５人' }),
    ]);
    const r = await sasaeai(['validate', file, '--format', 'json', ...TODAY]);
    const out = json(r);
    expect(out.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('exits 1 on errors and locates every issue: file, sheet, cell, worksheet row, field, value, message', async () => {
    const r = await sasaeai(['validate', bad, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(1);
    const out = json(r);
    expect(out.valid).toBe(false);
    const errors = out.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors.map((i: Record<string, unknown>) => [i.code, i.file, i.sheet, i.cell, i.row, i.field, i.value])).toEqual([
      [expect.any(String), bad, '活動状況報告', 'F2', 2, 'status', 'たぶん'],
      [expect.any(String), bad, '活動状況報告', 'G3', 3, 'sessions', '３回半'],
    ]);
    for (const i of out.issues) {
      expect(Object.keys(i)).toEqual(['code', 'severity', 'file', 'sheet', 'cell', 'row', 'field', 'value', 'message']);
      expect(i.message).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    const en = json(await sasaeai(['validate', bad, '--format', 'json', '--lang', 'en', ...TODAY]));
    expect(en.issues[0].message).toMatch(/^[A-Z][a-z]+ /);
    expect(en.issues[0].message).not.toBe(out.issues[0].message);
  });

  it('prints text grouped by file and sheet, in Japanese by default and in English with --lang en', async () => {
    const ja = await sasaeai(['validate', good, bad, ...TODAY]);
    expect(ja.code).toBe(1);
    expect(ja.stdout).toContain(`${bad}\n  シート「活動状況報告」 様式：`);
    expect(ja.stdout).toMatch(/エラー\s+F2 実施状況/);
    expect(ja.stdout).toContain('結果：エラーがあります（終了コード 1）');
    expect(ja.stdout.indexOf(good)).toBeLessThan(ja.stdout.indexOf(bad));
    const en = await sasaeai(['validate', good, bad, '--lang', 'en', ...TODAY]);
    expect(en.stdout).toContain(`${bad}\n  Sheet "活動状況報告" template:`);
    expect(en.stdout).toMatch(/error\s+F2 Status/);
    expect(en.stdout).toContain('Result: errors found (exit code 1)');
    // Not a terminal: no progress line, no colours.
    expect(ja.stderr).toBe('');
    expect(ja.stdout).not.toContain('\x1b[');
  });

  it('reports unreadable files and still checks the others; 2 beats 1', async () => {
    const b = badFiles(dir);
    const r = await sasaeai(['validate', b.corrupt, b.text, b.encrypted, b.empty, b.xls, good, bad, join(dir, 'missing.xlsx'), '--format', 'json', ...TODAY]);
    expect(r.code).toBe(2);
    const out = json(r);
    const byFile = Object.fromEntries(out.files.map((f: { file: string; readable: boolean }) => [f.file, f.readable]));
    expect(byFile).toMatchObject({ [good]: true, [bad]: true, [b.corrupt]: false, [b.text]: false, [b.encrypted]: false, [b.empty]: false });
    const fileIssues = out.issues.filter((i: { code: string }) => i.code.startsWith('file_'));
    expect(fileIssues.map((i: { file: string; code: string }) => [i.file, i.code])).toEqual(
      expect.arrayContaining([
        [b.corrupt, 'file_unreadable'],
        [b.text, 'file_not_xlsx'],
        [b.encrypted, 'file_encrypted'],
        [b.empty, 'file_empty'],
        [b.xls, 'file_not_xlsx'],
        [join(dir, 'missing.xlsx'), 'file_not_found'],
      ]),
    );
    expect(out.summary).toMatchObject({ files: 8, filesUnreadable: 6, returns: 2, rowsRead: 4 });
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    // Text output too: each file named with its problem.
    const text = await sasaeai(['validate', b.encrypted, good, ...TODAY]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('パスワード');
  });

  it('reports a workbook with no return sheet, and a return with headers but no rows', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, 'メモ', ['備考', '日付'], [['会議の記録', new Date(Date.UTC(2026, 4, 1))]]);
    const none = await save(wb, dir, 'no-return.xlsx');
    const wb2 = new ExcelJS.Workbook();
    addSheet(wb2, '活動状況報告', ACTIVITY_HEADERS, []);
    const empty = await save(wb2, dir, 'header-only.xlsx');
    const r = await sasaeai(['validate', none, empty, '--format', 'json', ...TODAY]);
    const out = json(r);
    expect(out.issues.map((i: { file: string; code: string; severity: string }) => [i.file, i.code, i.severity])).toEqual([
      [none, 'no_return_sheet', 'error'],
      [empty, 'no_data_rows', 'warning'],
      // No row anywhere: the run says it checked nothing.
      [null, 'nothing_checked', 'error'],
    ]);
    expect(r.code).toBe(1);
    // A return with headers and no row alone is no clean run either (test/nothing.test.ts).
    const onlyEmpty = await sasaeai(['validate', empty, ...TODAY]);
    expect(onlyEmpty.code).toBe(1);
    expect(onlyEmpty.stdout).toContain('何も検証していません');
  });

  it('applies merged cells to every row they cover, uses cached formula results, checks hidden sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addSheet(wb, '活動状況報告', ACTIVITY_HEADERS, [goodRow(), goodRow({ 取組み: '子育てサロン' }), goodRow({ 取組み: '多世代交流', 区: '稲毛区', 地区部会: '稲毛' })]);
    ws.mergeCells('C2:C3'); // 地区部会 merged over two rows: the second row has no district
    ws.getCell('G4').value = 12;
    // No formula of the workbook has a saved result: written by a program that does not calculate.
    ws.getCell('H4').value = { formula: 'G4*20' } as XL.CellFormulaValue;
    const hidden = addSheet(wb, '非表示の報告', ACTIVITY_HEADERS, [goodRow({ 実施状況: 'たぶん' })]);
    hidden.state = 'hidden';
    const file = await save(wb, dir, 'tricky.xlsx');
    const out = json(await sasaeai(['validate', file, '--format', 'json', ...TODAY]));
    const codes = out.issues.map((i: { code: string; sheet: string; cell: string | null; severity: string }) => [i.sheet, i.code, i.cell, i.severity]);
    expect(codes).toContainEqual(['活動状況報告', 'merged_cells_filled', 'C2', 'info']);
    expect(codes.filter((c: unknown[]) => c[2] === 'C3')).toEqual([]);
    expect(codes).toContainEqual(['活動状況報告', 'formula_no_result', 'H4', 'warning']);
    expect(codes.filter((c: unknown[]) => c[2] === 'G4')).toEqual([]);
    expect(codes).toContainEqual(['非表示の報告', 'sheet_hidden', null, 'info']);
    expect(codes.some((c: unknown[]) => c[0] === '非表示の報告' && c[2] === 'F2' && c[3] === 'error')).toBe(true);
    expect(out.files[0].sheets.map((s: { sheet: string; hidden: boolean }) => [s.sheet, s.hidden])).toEqual([
      ['活動状況報告', false],
      ['非表示の報告', true],
    ]);
  });

  it('expands folders, skips Excel lock files, reports .xls files found there', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(join(folder, 'chuo'), { recursive: true });
    copyFileSync(good, join(folder, 'chuo', 'a.xlsx'));
    copyFileSync(good, join(folder, 'b.xlsx'));
    writeFileSync(join(folder, '~$b.xlsx'), 'lock');
    writeFileSync(join(folder, 'readme.txt'), 'not a workbook');
    copyFileSync(badFiles(dir).xls, join(folder, 'old.xls'));
    const out = json(await sasaeai(['validate', folder, '--format', 'json', ...TODAY]));
    expect(out.files.map((f: { file: string }) => f.file.slice(folder.length + 1))).toEqual(['b.xlsx', 'chuo/a.xlsx', 'old.xls', '~$b.xlsx']);
    const codes = out.issues.map((i: { code: string; file: string }) => [i.file.slice(folder.length + 1), i.code]);
    expect(codes).toContainEqual(['~$b.xlsx', 'lock_file_skipped']);
    // The same rows in two files are one report sent twice: counted once, from the later file.
    expect(codes.filter((c: string[]) => c[1] === 'resubmission_superseded')).toHaveLength(1);
    expect(codes.filter((c: string[]) => c[1] === 'duplicate_row')).toEqual([]);
  });

  it('caps the issue list with --max-issues and says how many were left out', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => goodRow({ 実施状況: `？${i}`, 取組み: i % 2 ? '子育てサロン' : '多世代交流' }));
    const file = await activityWorkbook(dir, 'many.xlsx', rows);
    const out = json(await sasaeai(['validate', file, '--format', 'json', '--max-issues', '5', ...TODAY]));
    expect(out.issues).toHaveLength(5);
    expect(out.omittedIssues).toBe(out.summary.errors + out.summary.warnings + out.summary.infos - 5);
    const text = await sasaeai(['validate', file, '--max-issues', '3', ...TODAY]);
    expect(text.stdout).toMatch(/ほか \d+ 件の問題は表示していません/);
  });

  it('exits 0 for --help and --version', async () => {
    for (const args of [['--help'], ['validate', '--help'], ['--version']]) expect((await sasaeai(args)).code).toBe(0);
  });

  it('treats usage mistakes as exit code 2 with a message, never a stack trace', async () => {
    for (const args of [
      ['validate'],
      ['validate', good, '--format', 'xml'],
      ['validate', good, '--max-issues', '-1'],
      ['validate', good, '--today', '2027/05/10'],
      ['validate', good, '--plan', join(dir, 'nope.json')],
      ['nosuch'],
      [],
      ['plan'],
    ]) {
      const r = await sasaeai(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    }
  });

  it('shows progress on a terminal only, and never with --format json', async () => {
    // `script` runs the CLI on a pseudo-terminal, as a person at a shell would.
    const onTty = (args: string[]) =>
      runProcess('script', ['-qec', [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null']);
    const text = await onTty(['validate', good, bad, ...TODAY]);
    expect(text.stdout).toMatch(/読み込み中 \d\/2 ファイル/);
    expect(text.stdout).toContain('\x1b[2K');
    const machine = await onTty(['validate', good, bad, '--format', 'json', ...TODAY]);
    expect(machine.stdout).not.toContain('読み込み中');
    expect(machine.stdout).not.toContain('\x1b[2K');
  });
});
