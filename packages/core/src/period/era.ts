import { addDays, compareDates, toDateParts, type LocalDate } from './local-date.js';

/** Identifier of a modern Japanese era (元号). */
export type EraId = 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';

/** A Japanese era with its names and its first and last day in the Gregorian calendar. */
export interface EraInfo {
  id: EraId;
  /** Japanese name, e.g. `令和`. */
  ja: string;
  /** Romanised name without macrons, e.g. `Showa`. */
  en: string;
  /** One-letter abbreviation used in forms, e.g. `R`. */
  abbr: string;
  /** First day. */
  start: LocalDate;
  /** Last day; absent for the current era. */
  end?: LocalDate;
}

/**
 * The modern eras, oldest first.
 *
 * 明治 starts on 1868-10-23, the Gregorian date of the proclamation (慶応4年9月8日). The edict
 * made Meiji retroactive to 慶応4年1月1日 (1868-01-25), but Japan used the lunisolar calendar
 * until 1872, so no Gregorian reading of early Meiji dates is exact; the parsers reject dates
 * before 1900 anyway. Each era's `end` is the day before the next era's start
 * (大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01).
 */
export const ERAS: readonly EraInfo[] = Object.freeze(
  (
    [
      { id: 'meiji', ja: '明治', en: 'Meiji', abbr: 'M', start: '1868-10-23' },
      { id: 'taisho', ja: '大正', en: 'Taisho', abbr: 'T', start: '1912-07-30' },
      { id: 'showa', ja: '昭和', en: 'Showa', abbr: 'S', start: '1926-12-25' },
      { id: 'heisei', ja: '平成', en: 'Heisei', abbr: 'H', start: '1989-01-08' },
      { id: 'reiwa', ja: '令和', en: 'Reiwa', abbr: 'R', start: '2019-05-01' },
    ] as const
  ).map((e, i, all): EraInfo => {
    const next = all[i + 1];
    return Object.freeze(next ? { ...e, end: addDays(next.start, -1) } : { ...e });
  }),
);

/**
 * @internal Calendar year in which the era starts (its year 1).
 * @example
 * ```ts
 * eraStartYear(eraById('reiwa')); // 2019
 * ```
 */
export function eraStartYear(era: EraInfo): number {
  return Number(era.start.slice(0, 4));
}

/**
 * @internal
 * @example
 * ```ts
 * eraById('heisei').ja; // '平成'
 * ```
 */
export function eraById(id: EraId): EraInfo {
  const era = ERAS.find((e) => e.id === id);
  if (!era) throw new Error(`unknown era ${id}`);
  return era;
}

/**
 * The era in force on `date` and the era year (1 = 元年): the year counts up on 1 January,
 * so 2019-04-30 is 平成31年 and 2019-05-01 is 令和元年.
 *
 * @throws RangeError for an invalid date or one before 明治 (1868-10-23).
 * @example
 * ```ts
 * eraOfDate('2019-04-30'); // { era: <平成>, year: 31 }
 * eraOfDate('2019-05-01'); // { era: <令和>, year: 1 }
 * eraOfDate('2026-05-01'); // { era: <令和>, year: 8 }
 * ```
 */
export function eraOfDate(date: LocalDate): { era: EraInfo; year: number } {
  const { year } = toDateParts(date);
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const era = ERAS[i];
    if (era && compareDates(era.start, date) <= 0) return { era, year: year - eraStartYear(era) + 1 };
  }
  throw new RangeError(`No Japanese era before 1868-10-23: ${date}`);
}

/**
 * The era a fiscal year is labelled with, and its era year.
 *
 * Rule: the latest era that began in or before the calendar year in which the FY starts — the
 * same convention the government used for 令和元年度 (FY2019), although April 2019 was still
 * 平成31年. Applied uniformly it also gives 平成元年度 = FY1989, 昭和元年度 = FY1926 and
 * 大正元年度 = FY1912 (contemporary documents sometimes wrote 大正15年度 / 明治45年度 for the
 * latter two; the parsers accept both).
 *
 * @throws RangeError for a non-integer year or one before 1868.
 * @example
 * ```ts
 * eraOfFiscalYear(2019); // { era: <令和>, year: 1 }   → 令和元年度
 * eraOfFiscalYear(2018); // { era: <平成>, year: 30 }
 * eraOfFiscalYear(2026); // { era: <令和>, year: 8 }
 * ```
 */
export function eraOfFiscalYear(fy: number): { era: EraInfo; year: number } {
  if (!Number.isInteger(fy)) throw new RangeError(`Fiscal year must be an integer, got ${fy}`);
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const era = ERAS[i];
    if (era && eraStartYear(era) <= fy) return { era, year: fy - eraStartYear(era) + 1 };
  }
  throw new RangeError(`No Japanese era for fiscal year ${fy}`);
}
