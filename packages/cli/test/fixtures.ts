/**
 * Real .xlsx files for the tests, made with exceljs the way staff and other programs make them,
 * and a few files that are not workbooks at all.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTemplate, requirePlan } from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';
import type * as XL from 'exceljs';
import { ExcelJS } from '../src/xlsx/exceljs.js';

/** A fresh temporary directory. */
export function tempDir(prefix = 'sasaeai-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Headers of the district activity return as staff see them (docs/staff.md §3), from the plan itself. */
export const ACTIVITY_HEADERS: string[] = getTemplate(requirePlan(chibaPlan), 'district-activity')!.fields.map((f) => f.label.ja);

/** A good row of a district activity return (中央区 寒川, FY2026). */
export function goodRow(overrides: Partial<Record<string, unknown>> = {}): unknown[] {
  const row: Record<string, unknown> = {
    年度: 2026,
    区: '中央区',
    地区部会: '寒川',
    報告日: new Date(Date.UTC(2026, 5, 15)),
    取組み: '見守り・声かけ活動',
    実施状況: '実施済み',
    実施回数: 12,
    参加者数: 240,
    連携団体: '町内自治会、民生委員・児童委員',
    自己評価: 'B',
    成果: '見守り対象世帯への訪問を月1回行った。',
    課題: '',
    成果事例: '',
    今後の方向性: '継続',
    ...overrides,
  };
  return ACTIVITY_HEADERS.map((h) => row[h] ?? null);
}

/** Adds a sheet with a header row and rows; date cells get a date format. */
export function addSheet(wb: XL.Workbook, name: string, headers: string[], rows: unknown[][]): XL.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(headers);
  for (const r of rows) {
    const row = ws.addRow(r);
    row.eachCell((c) => {
      if (c.value instanceof Date) c.numFmt = 'yyyy/m/d';
    });
  }
  return ws;
}

/** Writes a workbook to a file and returns its path. */
export async function save(wb: XL.Workbook, dir: string, name: string): Promise<string> {
  const p = join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

/** A valid return with the given rows (default: two good rows). */
export async function activityWorkbook(dir: string, name: string, rows?: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  addSheet(wb, '活動状況報告', ACTIVITY_HEADERS, rows ?? [goodRow(), goodRow({ 取組み: 'ふれあい・いきいきサロン', 実施回数: 10, 参加者数: 180 })]);
  return save(wb, dir, name);
}

/** Files that are not workbooks. */
export function badFiles(dir: string): Record<'empty' | 'text' | 'corrupt' | 'encrypted' | 'xls', string> {
  const p = (n: string) => join(dir, n);
  writeFileSync(p('empty.xlsx'), '');
  writeFileSync(p('notes.xlsx'), '年度,区\n2026,中央区\n');
  // A zip that stops in the middle: the local header of an xlsx and nothing after it.
  writeFileSync(p('corrupt.xlsx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  writeFileSync(
    p('locked.xlsx'),
    Buffer.concat([ole, Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(64), Buffer.from('EncryptedPackage', 'utf16le')]),
  );
  writeFileSync(p('old.xls'), Buffer.concat([ole, Buffer.alloc(504), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(64)]));
  return { empty: p('empty.xlsx'), text: p('notes.xlsx'), corrupt: p('corrupt.xlsx'), encrypted: p('locked.xlsx'), xls: p('old.xls') };
}
