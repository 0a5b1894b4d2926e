/**
 * CSV returns: staff save a sheet "as CSV" from Excel, which in Japan means Shift_JIS (CP932)
 * unless they pick "CSV UTF-8" (with a byte-order mark). The text becomes one core grid of
 * strings; what each string means is core's work, as for a workbook.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Issue, RawCell, SheetGrid } from '@sasaeai/core';
import type Iconv from 'iconv-lite';
import { cliIssue } from '../messages.js';

/** Which encoding the bytes of a CSV file were read in. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'cp932';


/**
 * Decodes the bytes of a CSV file: a UTF-8 or UTF-16 byte-order mark says so; otherwise bytes that
 * are valid UTF-8 are UTF-8, and anything else is read as CP932 (Shift_JIS as Windows writes it).
 */
function decodeCsv(bytes: Buffer, iconv: typeof Iconv): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'cp932'), encoding: 'cp932' };
  }
}

function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';'].map((d) => ({ d, n: first.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

/**
 * Reads a CSV return into one grid named after the file. Never throws: a file that is not CSV
 * gives `ok: false` and a located issue.
 *
 * @example
 * ```ts
 * const { ok, grid } = await readCsv('returns/寒川.csv', 'returns/寒川.csv');
 * ```
 */
export async function readCsv(file: string, source: string): Promise<{ ok: boolean; grid: SheetGrid; issues: Issue[]; encoding?: CsvEncoding }> {
  const sheet = basename(file).replace(/\.csv$/i, '');
  const grid: SheetGrid = { sheet, origin: 'A1', cells: [], source };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, grid, issues: [cliIssue('file_unreadable', { kind: 'csv-open', detail: reason }, { source })] };
  }
  // Loaded only for a CSV file: most runs read workbooks only, and start-up counts (issue 16).
  const [{ parse }, { default: iconv }] = await Promise.all([import('csv-parse/sync'), import('iconv-lite')]);
  const { text, encoding } = decodeCsv(bytes, iconv);
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return {
      ok: false,
      grid,
      issues: [
        cliIssue('file_unreadable', { kind: 'csv-syntax', detail: reason }, { source }),
      ],
    };
  }
  const cells: RawCell[][] = rows.map((r) => {
    const out: RawCell[] = r.map((v) => (v === '' ? null : v));
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  });
  while (cells.length > 0 && (cells[cells.length - 1] as RawCell[]).length === 0) cells.pop();
  grid.cells = cells;
  return { ok: true, grid, issues: [], encoding };
}
