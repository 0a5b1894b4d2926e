import { describe, expect, it } from 'vitest';
import { issueText } from './index.js';
import { rowList } from './row-list.js';

describe('rowList', () => {
  it('names runs of worksheet rows as ranges, in order', () => {
    expect(rowList([9, 5, 7, 8])).toBe('5, 7–9');
    expect(rowList([12])).toBe('12');
  });
});

describe('the period-window codes', () => {
  const field = { ja: '報告日', en: 'Report date' };
  const interim = { content: { ja: '中間報告', en: 'interim report' }, start: '2026-04-01', due: '2026-10-31' };
  const yearEnd = { content: { ja: '年度末報告', en: 'year-end report' }, start: '2026-10-01', due: '2027-05-31' };

  it('words each of the three ways a date misses its period, naming the periods from the plan', () => {
    expect(issueText('date_outside_period', { field, date: '2026-06-01', window: yearEnd, period: null, windows: [] })).toEqual({
      ja: '報告日2026-06-01は年度末報告の期間（2026-10-01〜2027-05-31）に入っていません。報告日か期を確認してください。',
      en: 'Report date 2026-06-01 is outside the year-end report period (2026-10-01 to 2027-05-31); check the date or the period.',
    });
    expect(issueText('date_outside_period', { field, date: '2026-06-01', window: null, period: 3, windows: [interim, yearEnd] })).toEqual({
      ja: '第3期の報告はこの様式の流れにありません（中間報告：2026-04-01〜2026-10-31、年度末報告：2026-10-01〜2027-05-31）。期を確認してください。',
      en: 'Period 3 is not reported with this template (interim report: 2026-04-01 to 2026-10-31; year-end report: 2026-10-01 to 2027-05-31); check the period.',
    });
    expect(issueText('date_outside_period', { field, date: '2026-06-01', window: null, period: null, windows: [interim] }).en).toBe(
      'Report date 2026-06-01 falls in no reporting period (interim report: 2026-04-01 to 2026-10-31); check the date.',
    );
  });

  it('words a late report with its period’s closing date', () => {
    expect(issueText('report_after_period_closing', { field, date: '2026-11-02', window: interim }).ja).toBe(
      '報告日2026-11-02は中間報告の締切（2026-10-31）を過ぎています。期限後の報告として扱います。',
    );
  });
});
