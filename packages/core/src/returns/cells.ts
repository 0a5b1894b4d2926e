/**
 * Raw-cell helpers shared by validation and header detection: blanks, Excel error values, A1
 * addresses and how a typed value is quoted back to the user.
 */
import { dateCellToLocalDate } from '../period/index.js';

// Every error value Excel shows in a cell; Office.js returns them as plain strings.
const EXCEL_ERRORS = new Set([
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
]);

const BLANK_TEXT = /^[\s\u200B-\u200D\u2060\uFEFF\u3000]*$/;

/** Whether a raw cell is blank: null, undefined, or white space only (half or full width). */
export function isBlankCell(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') {
    if (v.length === 0) return true;
    const c = v.charCodeAt(0);
    // Most cells start with a visible character: no need for the regular expression.
    if (c > 32 && c !== 0x3000 && c !== 0xa0 && c !== 0xfeff && (c < 0x2000 || c > 0x2060)) return false;
    return BLANK_TEXT.test(v);
  }
  return false;
}

/**
 * The Excel error value a cell holds (`{ error: '#N/A' }` from a reader, or the string `'#N/A'`
 * from Office.js), or `null`.
 */
export function excelErrorOf(v: unknown): string | null {
  if (typeof v === 'string') {
    if (v.charCodeAt(0) !== 35 /* # */) return null;
    const t = v.trim().toUpperCase();
    return EXCEL_ERRORS.has(t) ? t : null;
  }
  if (typeof v === 'object' && v !== null && !(v instanceof Date) && !Array.isArray(v)) {
    const e = (v as { error?: unknown }).error;
    if (typeof e === 'string') return e;
    if (e !== undefined) return '#ERROR';
  }
  return null;
}

const letterCache: string[] = [];

/** Column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnLetters(col: number): string {
  const cached = letterCache[col];
  if (cached !== undefined) return cached;
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 20000) letterCache[col] = s;
  return s;
}

/** Parses an A1 origin (`B3`, `$B$3`, `Sheet1!B3`) into 1-based row and column; `A1` when unreadable. */
export function parseOrigin(origin: unknown): { row: number; col: number } {
  if (typeof origin !== 'string') return { row: 1, col: 1 };
  const bang = origin.lastIndexOf('!');
  const ref = (bang >= 0 ? origin.slice(bang + 1) : origin).trim().toUpperCase();
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::.*)?$/.exec(ref);
  if (!m) return { row: 1, col: 1 };
  let col = 0;
  for (const ch of m[1] ?? 'A') col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (!(row >= 1) || col < 1) return { row: 1, col: 1 };
  return { row, col };
}

/** How a typed value is quoted back in a message: short, on one line. */
export function displayValue(v: unknown): string {
  if (typeof v === 'string') {
    const one = v.replace(/\r\n?|\n/g, '⏎');
    return one.length > 40 ? one.slice(0, 39) + '…' : one;
  }
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateCellToLocalDate(v) ?? serialOfDate(v);
  if (v === null || v === undefined) return '';
  const err = excelErrorOf(v);
  if (err !== null) return err;
  try {
    return String(v).slice(0, 40);
  } catch {
    return '?';
  }
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * The number a date cell holds, as typed: a reader turns 20260615 typed into a date-formatted
 * cell into a Date tens of thousands of years away, which no one would recognise.
 */
export function serialOfDate(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return '?';
  return String(Math.round((t - EXCEL_EPOCH_MS) / 86_400_000));
}

/**
 * The date a run of eight digits (20260615, typed as a number, as text or into a date cell)
 * stands for, as `2026/6/15`, or null when the digits are no day.
 */
export function eightDigitDate(v: unknown): string | null {
  const s = v instanceof Date ? serialOfDate(v) : typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}/${mo}/${d}`;
}
