/**
 * Names the xlsx adapter reserves inside the workbooks it writes, shared by the reader and the
 * writer so that one recognises what the other wrote.
 */

/** Hidden sheet holding Sasaeai metadata: one row per key (sheet, key, value). */
export const META_SHEET = '_sasaeai';

/** Hidden sheet holding the values of dropdown lists (Excel's inline lists stop at 255 characters). */
export const LISTS_SHEET = '_sasaeai_lists';

/** Every sheet whose name starts with this is the adapter's own, never a return. */
export const RESERVED_PREFIX = '_sasaeai';

/** Header of the metadata sheet. */
export const META_HEADER = ['sheet', 'key', 'value'] as const;

/** Metadata key naming the program that wrote a workbook. */
export const GENERATOR_KEY = 'sasaeai.generator';

/**
 * Whether a sheet is one the adapter wrote for itself.
 *
 * @example
 * ```ts
 * isReservedSheet('_sasaeai'); // true
 * isReservedSheet('活動状況報告'); // false
 * ```
 */
export function isReservedSheet(name: string): boolean {
  return name.startsWith(RESERVED_PREFIX);
}
