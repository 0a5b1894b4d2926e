/**
 * One way to declare a column of a sheet model, shared by the report workbooks and the reminders
 * sheet so that a text, date, count or rate column gets the same number format everywhere.
 */
import { lt } from '../i18n/text.js';
import type { ColumnKind, SheetColumn } from './model.js';

export const INT_FORMAT = '#,##0';
export const PCT_FORMAT = '0.0%';
export const DATE_FORMAT = 'yyyy/m/d';

/** A column with a header in both languages and the default number format of its kind (text stays text: `@`). */
export function sheetColumn(key: string, ja: string, en: string, kind: ColumnKind, width?: number, numberFormat?: string): SheetColumn {
  const c: SheetColumn = { key, header: lt(ja, en), kind };
  const fmt = numberFormat ?? (kind === 'integer' ? INT_FORMAT : kind === 'percent' ? PCT_FORMAT : kind === 'date' ? DATE_FORMAT : kind === 'text' ? '@' : undefined);
  if (fmt !== undefined) c.numberFormat = fmt;
  if (width !== undefined) c.width = width;
  return c;
}
