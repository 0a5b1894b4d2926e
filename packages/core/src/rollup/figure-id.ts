/**
 * Figure ids: the names of a report's numbers (`12101/C01/sessions`, `12101/*\/status=done`,
 * `12101/completeness/received`), built and read in one place instead of template strings in
 * every module that makes or reads a figure.
 *
 * An id is a row id, a slash, and a measure — with `=option` for the count of one option of a
 * choice field. A row id is slash-separated parts, most often `<unit>/<subject>`, where the
 * subject `*` means every subject of the unit.
 */

/** The subject of a row over every subject of its unit (all initiatives of a ward). */
export const ALL_SUBJECTS = '*';

/** A figure id split into its row, measure and, for the count of one option, that option. */
export interface FigureIdParts {
  row: string;
  measure: string;
  option?: string;
}

/**
 * A row id from its parts: `rowId('12101', 'C01')` is `12101/C01`; with one part, that part.
 *
 * @example
 * ```ts
 * rowId('12101', ALL_SUBJECTS); // '12101/*'
 * ```
 */
export function rowId(...parts: readonly [string, ...string[]]): string {
  return parts.join('/');
}

/**
 * The id of a figure of a row: a measure (a field key, `reportedRate`, `expected` …), or the count
 * of one option of a choice field.
 *
 * @example
 * ```ts
 * figureId('12101/C01', 'sessions');       // '12101/C01/sessions'
 * figureId('12101/*', 'status', 'done');   // '12101/*\/status=done'
 * ```
 */
export function figureId(row: string, measure: string, option?: string): string {
  return option === undefined ? `${row}/${measure}` : `${row}/${measure}=${option}`;
}

/**
 * Splits a figure id into its row, measure and option; null for a text with no slash, which
 * names no figure.
 *
 * @example
 * ```ts
 * parseFigureId('12101/*\/status=done'); // { row: '12101/*', measure: 'status', option: 'done' }
 * parseFigureId('sessions');             // null
 * ```
 */
export function parseFigureId(id: string): FigureIdParts | null {
  const slash = id.lastIndexOf('/');
  if (slash <= 0 || slash === id.length - 1) return null;
  const row = id.slice(0, slash);
  const last = id.slice(slash + 1);
  const eq = last.indexOf('=');
  if (eq < 0) return { row, measure: last };
  if (eq === 0 || eq === last.length - 1) return null;
  return { row, measure: last.slice(0, eq), option: last.slice(eq + 1) };
}
