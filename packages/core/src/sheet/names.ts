/**
 * Sheet and table names a workbook accepts, unique in it: one rule for both writers, so that a
 * report has the same sheet names from the CLI and from the add-in.
 */

/** Excel's limit on a worksheet name. */
export const SHEET_NAME_MAX = 31;
/** Excel's limit on a table name. */
export const TABLE_NAME_MAX = 255;
/** Sheet names Sasaeai keeps for itself (metadata, dropdown lists). */
export const RESERVED_SHEET_PREFIX = '_sasaeai';

/**
 * A worksheet name Excel accepts (≤ 31 characters, none of `[]:*?/\`, not starting or ending
 * with `'`, not `History`, not Sasaeai's own `_sasaeai…`) that none of `taken` has, compared
 * ignoring case as Excel does; a taken name gets ` (2)`, ` (3)` …
 *
 * @example
 * ```ts
 * uniqueSheetName('Issues', ['issues']); // 'Issues (2)'
 * uniqueSheetName('a/b:c', []);          // 'a_b_c'
 * ```
 */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  let base = wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  // Excel keeps "History" for change tracking; `_sasaeai…` sheets are read as metadata.
  if (base.toLowerCase() === 'history' || base.toLowerCase().startsWith(RESERVED_SHEET_PREFIX)) base = `${base}_`;
  base = base.slice(0, SHEET_NAME_MAX);
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * The names of a workbook's sheets, in order, each unique among the others and `taken`.
 *
 * @example
 * ```ts
 * uniqueSheetNames(['概要', '概要']); // ['概要', '概要 (2)']
 * ```
 */
export function uniqueSheetNames(wanted: readonly string[], taken: Iterable<string> = []): string[] {
  const used = [...taken];
  return wanted.map((w) => {
    const name = uniqueSheetName(w, used);
    used.push(name);
    return name;
  });
}

/**
 * A table name Excel accepts (letters, digits, `_` and `.`; starts with a letter or `_`; not a
 * cell reference such as `A1` or `R1C1`) that none of `taken` has, ignoring case; a taken name
 * gets `_2`, `_3` …
 *
 * @example
 * ```ts
 * uniqueTableName('District returns', []); // 'District_returns'
 * uniqueTableName('報告', ['報告']);        // '報告_2'
 * ```
 */
export function uniqueTableName(wanted: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  let base = wanted.replace(/[^\p{L}\p{N}_.]/gu, '_');
  if (!/^[\p{L}_]/u.test(base)) base = `_${base}`;
  // Names that read as a cell address (R1C1, A1) are refused by Excel.
  if (/^[A-Za-z]{1,3}\d+$/.test(base) || /^[Rr]\d*([Cc]\d*)?$/.test(base) || /^[Cc]\d*$/.test(base)) base = `${base}_`;
  base = base.slice(0, TABLE_NAME_MAX - 4);
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base}_${i}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
