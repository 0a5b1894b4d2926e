/**
 * How staff actually type values into a return (docs/staff.md §3, "Fill it in"): the same fact arrives as a
 * number cell, a full-width string, a string with a unit, an Excel serial, a Date cell or an era
 * date. Each writer takes a normalised value and returns one plausible raw cell.
 */
import { eraOfDate, eraOfFiscalYear } from '../period/era.js';
import { dateToExcelSerial } from '../period/excel.js';
import { formatDate, formatFiscalYear } from '../period/format.js';
import { toDateParts, type LocalDate } from '../period/local-date.js';
import type { Field, Unit, VocabularyOption } from '../plan/schema.js';
import type { RawCell } from '../returns/types.js';
import type { Rng } from './rng.js';

const HALF_TO_FULL = 0xfee0;

/**
 * Widens ASCII letters, digits and punctuation to full width (the IME left on): `12` → `１２`.
 *
 * @internal
 * @example
 * ```ts
 * toFullWidth('R8.5.1'); // 'Ｒ８．５．１'
 * ```
 */
function toFullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + HALF_TO_FULL));
}

/** @internal Adds a stray half- or full-width space before or after, now and then. */
export function stray(rng: Rng, s: string, p = 0.04): string {
  if (!rng.chance(p)) return s;
  return rng.pick([` ${s}`, `${s} `, `\u3000${s}`, `${s}\u3000`, ` ${s} `]);
}

/** @internal A blank cell as readers give it: `null` (xlsx readers) or `''` (Office.js). */
export function blankCell(rng: Rng): RawCell {
  return rng.chance(0.8) ? null : '';
}

/** @internal A fiscal year as staff write it: 2026, 2026年度, 令和8年度, R8, FY2026 … */
export function writeFiscalYear(rng: Rng, fy: number): RawCell {
  const form = rng.weighted([
    ['number', 35],
    ['gregorian', 15],
    ['era', 20],
    ['abbr', 10],
    ['era-gregorian', 8],
    ['full', 5],
    ['fy', 4],
    ['string', 3],
  ] as const);
  switch (form) {
    case 'number': return fy;
    case 'gregorian': return formatFiscalYear(fy, 'gregorian');
    case 'era': return formatFiscalYear(fy, 'era');
    case 'abbr': {
      const e = eraOfFiscalYear(fy);
      return `${e.era.abbr}${e.year}`;
    }
    case 'era-gregorian': return formatFiscalYear(fy, 'era-gregorian');
    case 'full': return toFullWidth(`${fy}`) + (rng.chance(0.5) ? '年度' : '');
    case 'fy': return formatFiscalYear(fy, 'fy');
    case 'string': return stray(rng, String(fy), 0.5);
  }
}

/** @internal A date as staff type it: serial, Date cell, 2026/5/1, 令和8年5月1日, R8.5.1 … */
export function writeDate(rng: Rng, date: LocalDate): RawCell {
  const { year, month, day } = toDateParts(date);
  const form = rng.weighted([
    ['serial', 25],
    ['date', 25],
    ['slash', 15],
    ['iso', 8],
    ['era', 10],
    ['abbr-dot', 7],
    ['abbr-slash', 4],
    ['ja', 3],
    ['full', 3],
  ] as const);
  switch (form) {
    case 'serial': return dateToExcelSerial(date);
    case 'date': return new Date(Date.UTC(year, month - 1, day));
    case 'slash': return `${year}/${month}/${day}`;
    case 'iso': return date;
    case 'era': return formatDate(date, 'era');
    case 'abbr-dot':
    case 'abbr-slash': {
      const e = eraOfDate(date);
      const sep = form === 'abbr-dot' ? '.' : '/';
      return `${e.era.abbr}${e.year}${sep}${month}${sep}${day}`;
    }
    case 'ja': return formatDate(date, 'ja');
    case 'full': return toFullWidth(`${year}/${month}/${day}`);
  }
}

/** @internal A unit (ward, district) as staff name it. */
export function writeUnit(rng: Rng, unit: Unit): RawCell {
  const aliases = unit.aliases ?? [];
  const form = rng.weighted([
    ['ja', 65],
    ['alias', aliases.length > 0 ? 22 : 0],
    ['en', 5],
    ['code', 3],
  ] as const);
  switch (form) {
    case 'ja': return stray(rng, unit.name.ja);
    case 'alias': return stray(rng, rng.pick(aliases));
    case 'en': return unit.name.en;
    case 'code': return unit.code;
  }
}

/** @internal Something with a code, a name and aliases (an initiative 取組み, a measure 施策). */
export function writeNamed(
  rng: Rng,
  item: { code: string; name: { ja: string; en: string }; aliases?: string[] | undefined },
  preferCode: boolean,
): RawCell {
  const aliases = item.aliases ?? [];
  const form = preferCode
    ? rng.weighted([['code', 85], ['fullCode', 10], ['ja', 5]] as const)
    : rng.weighted([['ja', 60], ['alias', aliases.length > 0 ? 25 : 0], ['code', 10], ['en', 5]] as const);
  switch (form) {
    case 'code': return stray(rng, item.code);
    case 'fullCode': return toFullWidth(item.code);
    case 'ja': return stray(rng, item.name.ja);
    case 'alias': return stray(rng, rng.pick(aliases));
    case 'en': return item.name.en;
  }
}

/** @internal An option of a vocabulary as typed: label, a label without 送り仮名, English … */
export function writeOption(rng: Rng, option: VocabularyOption): string {
  const aliases = option.aliases ?? [];
  const ascii = aliases.filter((a) => /^[!-~]+$/.test(a));
  const form = rng.weighted([
    ['ja', 55],
    ['alias', aliases.length > 0 ? 30 : 0],
    ['en', 10],
    ['full', ascii.length > 0 ? 5 : 0],
  ] as const);
  switch (form) {
    case 'ja': return stray(rng, option.label.ja);
    case 'alias': return stray(rng, rng.pick(aliases));
    case 'en': return option.label.en;
    case 'full': return toFullWidth(rng.pick(ascii));
  }
}

/** @internal Several options in one cell, separated the ways staff separate them. */
export function writeOptions(rng: Rng, options: readonly VocabularyOption[]): string {
  const sep = rng.weighted([
    ['、', 45],
    ['・', 12],
    [',', 10],
    ['，', 5],
    ['/', 5],
    ['\n', 13],
    [', ', 5],
    ['、 ', 5],
  ] as const);
  const parts = options.map((o) => {
    const aliases = o.aliases ?? [];
    // With ・ as separator, staff write labels that do not themselves contain ・.
    const form = rng.weighted([['ja', 70], ['alias', aliases.length > 0 ? 20 : 0], ['en', 10]] as const);
    return form === 'ja' ? o.label.ja : form === 'alias' ? rng.pick(aliases) : o.label.en;
  });
  return stray(rng, parts.join(sep));
}

/** @internal An integer as typed: number cell, '12', '１２', '1,200', '１，２００', '12人' … */
export function writeInteger(rng: Rng, n: number, field: Field): RawCell {
  const suffixes = (field.type === 'integer' || field.type === 'number' ? field.unitSuffixes : undefined) ?? [];
  const big = Math.abs(n) >= 1000;
  const form = rng.weighted([
    ['number', 60],
    ['string', 9],
    ['full', 7],
    ['sep', big ? 6 : 0],
    ['fullSep', big ? 3 : 0],
    ['suffix', suffixes.length > 0 ? 10 : 0],
    ['fullSuffix', suffixes.length > 0 ? 2 : 0],
    ['spaced', 3],
  ] as const);
  switch (form) {
    case 'number': return n;
    case 'string': return String(n);
    case 'full': return toFullWidth(String(n));
    case 'sep': return n.toLocaleString('en-US');
    case 'fullSep': return toFullWidth(n.toLocaleString('en-US'));
    case 'suffix': return `${n}${rng.pick(suffixes)}`;
    case 'fullSuffix': return `${toFullWidth(String(n))}${rng.pick(suffixes)}`;
    case 'spaced': return stray(rng, String(n), 1);
  }
}

/** @internal A decimal number as typed. */
export function writeNumber(rng: Rng, n: number): RawCell {
  const form = rng.weighted([['number', 80], ['string', 10], ['full', 5], ['sep', Math.abs(n) >= 1000 ? 5 : 0]] as const);
  switch (form) {
    case 'number': return n;
    case 'string': return String(n);
    case 'full': return toFullWidth(String(n));
    case 'sep': return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
  }
}

/** @internal A yes/no as typed: ○ / × / はい / 有 / yes / TRUE / 1 … (blank means no). */
export function writeBoolean(rng: Rng, b: boolean): RawCell {
  return b
    ? rng.pick<RawCell>(['○', '○', '○', 'はい', '有', 'yes', true, 1, '1', 'TRUE'])
    : rng.pick<RawCell>(['×', '×', 'いいえ', '無', 'no', false, 0, null, null]);
}
