/**
 * The lean reader checked against exceljs's whole-workbook reader, cell by cell, on every workbook
 * the CLI's tests read: test/global-setup.ts sets `SASAEAI_READ_CHECK` to a log file for the whole
 * run (the CLI run as a child process inherits it), and read.ts then reads each workbook with both
 * readers. A difference is written to the log and thrown, so the test that read the file fails;
 * the global teardown fails the run if the log holds any.
 *
 * Never active in normal use (the variable is unset).
 */
import { appendFileSync } from 'node:fs';
import type { RawCell } from '@sasaeai/core';
import type { RawSheet, RawWorkbook } from './grid.js';

const CHECK_MAX_BYTES = 4 * 1024 * 1024;

/** Where the lean reader is right and exceljs 4.4 is not (lean.ts), so a difference is expected. */
function excused(lean: RawCell, excel: RawCell): boolean {
  // A number exceljs did not recognise as a date (a built-in East Asian date format, id 27–36 or 50–58).
  return lean instanceof Date && typeof excel === 'number';
}

function show(c: RawCell): string {
  return c instanceof Date ? `Date(${c.toISOString()})` : JSON.stringify(c ?? null);
}

function sameCell(a: RawCell, b: RawCell): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x instanceof Date || y instanceof Date) return x instanceof Date && y instanceof Date && x.getTime() === y.getTime();
  if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) return x.error === y.error;
  return Object.is(x, y);
}

/** Every difference between two readings of one workbook, in words. */
export function compareWorkbooks(lean: RawWorkbook, excel: RawWorkbook): string[] {
  const out: string[] = [];
  if (lean.savedAt !== excel.savedAt) out.push(`savedAt: lean ${lean.savedAt} / exceljs ${excel.savedAt}`);
  if ((lean.date1904 ?? false) !== (excel.date1904 ?? false)) out.push(`date1904: lean ${lean.date1904} / exceljs ${excel.date1904}`);
  const names = (w: RawWorkbook) => w.sheets.map((s) => `${s.name}(${s.state},${s.index})`).join(' ');
  if (names(lean) !== names(excel)) {
    out.push(`sheets: lean ${names(lean)} / exceljs ${names(excel)}`);
    return out;
  }
  lean.sheets.forEach((ls, k) => out.push(...compareSheets(ls, excel.sheets[k]!)));
  return out;
}

function compareSheets(a: RawSheet, b: RawSheet): string[] {
  const out: string[] = [];
  const at = (what: string) => `sheet "${a.name}" ${what}`;
  const rows = Math.max(a.cells.length, b.cells.length);
  for (let r = 0; r < rows && out.length < 20; r++) {
    const ra = a.cells[r] ?? [];
    const rb = b.cells[r] ?? [];
    for (let c = 0; c < Math.max(ra.length, rb.length); c++) {
      if (sameCell(ra[c] ?? null, rb[c] ?? null) || excused(ra[c] ?? null, rb[c] ?? null)) continue;
      out.push(at(`row ${r + 1} column ${c + 1}: lean ${show(ra[c] ?? null)} / exceljs ${show(rb[c] ?? null)}`));
    }
  }
  if (a.cells.length !== b.cells.length) out.push(at(`rows: lean ${a.cells.length} / exceljs ${b.cells.length}`));
  const json = (v: unknown) => JSON.stringify(v);
  if (json(a.merges) !== json(b.merges)) out.push(at(`merges: lean ${json(a.merges)} / exceljs ${json(b.merges)}`));
  if (json(a.hiddenRows) !== json(b.hiddenRows)) out.push(at(`hidden rows: lean ${json(a.hiddenRows)} / exceljs ${json(b.hiddenRows)}`));
  const sorted = (o: Record<string, string>) => json(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1)));
  if (sorted(a.formulas) !== sorted(b.formulas)) out.push(at(`formulas: lean ${sorted(a.formulas)} / exceljs ${sorted(b.formulas)}`));
  const noResult = (s: RawSheet) => json([...s.formulasWithoutResult].sort());
  if (noResult(a) !== noResult(b)) out.push(at(`formulas without a result: lean ${noResult(a)} / exceljs ${noResult(b)}`));
  if (a.formulasWithResult !== b.formulasWithResult)
    out.push(at(`formulas with a result: lean ${a.formulasWithResult} / exceljs ${b.formulasWithResult}`));
  return out;
}

/**
 * Reads `file` with exceljs's whole-workbook reader and compares it with the lean reading; logs to
 * the file named by `SASAEAI_READ_CHECK` and throws on a difference. A file exceljs cannot read is
 * logged and passes (the lean reader read it).
 */
export async function checkAgainstExcelJs(file: string, bytes: number, lean: RawWorkbook): Promise<void> {
  const log = process.env['SASAEAI_READ_CHECK'];
  if (!log) return;
  // exceljs's whole-workbook reader needs about 100 times a file's size in memory: the 100 000-row
  // workbook of big.test.ts (its every row checked there) is left out on a machine shared by many.
  if (bytes > CHECK_MAX_BYTES) {
    appendFileSync(log, `too-big\t${file}\n`);
    return;
  }
  const { readWhole } = await import('./exceljs-read.js');
  let excel: RawWorkbook;
  try {
    excel = await readWhole(file);
  } catch (e) {
    appendFileSync(log, `exceljs-failed\t${file}\t${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    return;
  }
  const diff = compareWorkbooks(lean, excel);
  if (diff.length === 0) {
    appendFileSync(log, `same\t${file}\n`);
    return;
  }
  appendFileSync(log, `DIFFERENT\t${file}\n${diff.map((d) => `\t${d}\n`).join('')}`);
  throw new Error(`the lean reader and exceljs read ${file} differently:\n${diff.join('\n')}`);
}
