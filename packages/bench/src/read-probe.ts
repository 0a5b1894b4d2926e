/**
 * The CLI case's peer: exceljs reading the same files and nothing else — the whole-workbook
 * reader for small files, the streaming reader for big ones, as the CLI chooses — collecting
 * every cell value into arrays.
 *
 * Usage: node read-probe.js <full|stream> <file or folder>…
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

const [mode, ...inputs] = process.argv.slice(2);
const files = inputs.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith('.xlsx'))
        .sort()
        .map((f) => path.join(p, f))
    : [p],
);
let cells = 0;
for (const file of files) {
  if (mode === 'stream') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader) {
      const rows: unknown[][] = [];
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        rows.push((row.values as unknown[]).slice(1));
        cells += (row.values as unknown[]).length - 1;
      }
    }
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.eachSheet((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow({ includeEmpty: true }, (row) => {
        rows.push((row.values as unknown[]).slice(1));
        cells += (row.values as unknown[]).length - 1;
      });
    });
  }
}
process.stdout.write(JSON.stringify({ files: files.length, cells }) + '\n');
