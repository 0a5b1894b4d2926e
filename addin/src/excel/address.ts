/**
 * A1 addresses: pure helpers for the Office.js adapter (no Office APIs here, so they are tested
 * without a mock).
 */

/** Excel's limit on an address string passed to `getRange`/`getRanges`; longer ones are cut. */
export const MAX_ADDRESS_CHARS = 8192;

/**
 * Column letters of a 0-based column index.
 *
 * @example
 * ```ts
 * columnLetters(0); // 'A'
 * columnLetters(27); // 'AB'
 * ```
 */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A1 address of a 0-based row and column.
 *
 * @example
 * ```ts
 * cellAddress(0, 0); // 'A1'
 * ```
 */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/**
 * A1 address of a block given its 0-based top-left cell and size.
 *
 * @example
 * ```ts
 * blockAddress(1, 0, 3, 2); // 'A2:B4'
 * ```
 */
export function blockAddress(row: number, col: number, rows: number, cols: number): string {
  const tl = cellAddress(row, col);
  if (rows === 1 && cols === 1) return tl;
  return `${tl}:${cellAddress(row + rows - 1, col + cols - 1)}`;
}

/**
 * Parses `A1` (optionally `$A$1`) into 0-based row and column; null when it is not a cell.
 *
 * @example
 * ```ts
 * parseCell('C12'); // { row: 11, col: 2 }
 * ```
 */
export function parseCell(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a1.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

/**
 * Splits an address as Office.js returns it (`'Sheet 1'!A1:N20`) into sheet and local parts.
 *
 * @example
 * ```ts
 * splitAddress("'My sheet'!B2:C3"); // { sheet: 'My sheet', range: 'B2:C3', start: { row: 1, col: 1 } }
 * ```
 */
export function splitAddress(address: string): { sheet: string | null; range: string; start: { row: number; col: number } } {
  const bang = address.lastIndexOf('!');
  let sheet: string | null = null;
  let range = address;
  if (bang >= 0) {
    sheet = address.slice(0, bang);
    range = address.slice(bang + 1);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  }
  const first = range.split(':')[0] ?? 'A1';
  return { sheet, range, start: parseCell(first) ?? { row: 0, col: 0 } };
}

/**
 * Quotes a sheet name for use in a reference (`'Sheet 1'!A1`, `'O''Brien'!A1`).
 *
 * @example
 * ```ts
 * sheetRef("区の進捗"); // "'区の進捗'"
 * ```
 */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Packs cell addresses into as few `getRanges` address strings as the 8,192-character limit
 * allows: cells are sorted by column and row and vertical runs are merged (`F3:F9`), so a column
 * of bad values costs one area.
 *
 * @example
 * ```ts
 * packAddresses(['B2', 'B3', 'B4', 'D7']); // ['B2:B4,D7']
 * ```
 */
export function packAddresses(cells: Iterable<string>, limit: number = MAX_ADDRESS_CHARS): string[] {
  const parsed: { row: number; col: number }[] = [];
  const seen = new Set<string>();
  for (const c of cells) {
    const p = parseCell(c);
    if (!p) continue;
    const key = `${p.col}:${p.row}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parsed.push(p);
  }
  parsed.sort((a, b) => a.col - b.col || a.row - b.row);
  const areas: string[] = [];
  for (let i = 0; i < parsed.length; ) {
    const start = parsed[i]!;
    let end = start;
    let j = i + 1;
    while (j < parsed.length && parsed[j]!.col === start.col && parsed[j]!.row === end.row + 1) end = parsed[j++]!;
    areas.push(blockAddress(start.row, start.col, end.row - start.row + 1, 1));
    i = j;
  }
  const out: string[] = [];
  let cur = '';
  for (const a of areas) {
    if (cur.length === 0) cur = a;
    else if (cur.length + 1 + a.length <= limit) cur += ',' + a;
    else {
      out.push(cur);
      cur = a;
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/**
 * Row blocks for reading or writing a large range in pieces that stay under Excel on the web's
 * 5 MB payload: `rowsPerChunk ≈ budget / (columns × bytes per cell)`, at most 20,000 rows. One
 * block (one round trip) whenever the whole range fits the budget.
 *
 * @example
 * ```ts
 * rowChunks(10_000, 14); // [{ start: 0, count: 10000 }]
 * ```
 */
export function rowChunks(
  rows: number,
  cols: number,
  opts: { budgetBytes?: number; bytesPerCell?: number; maxRows?: number } = {},
): { start: number; count: number }[] {
  const budget = opts.budgetBytes ?? 4_000_000;
  const perCell = opts.bytesPerCell ?? 24;
  const maxRows = opts.maxRows ?? 20_000;
  const per = Math.max(1, Math.min(maxRows, Math.floor(budget / (Math.max(1, cols) * perCell))));
  const out: { start: number; count: number }[] = [];
  for (let start = 0; start < rows; start += per) out.push({ start, count: Math.min(per, rows - start) });
  return out;
}
