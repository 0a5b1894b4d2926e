/**
 * The two period pieces core keeps hand-written instead of calling date-fns, timed against the
 * date-fns way on the same inputs (docs/architecture.md, "Periods"): turning Excel serial numbers
 * into calendar days, and deciding whether a year/month/day is a real day. Both run once per date
 * cell during validation.
 */
import { UTCDate } from '@date-fns/utc';
import { addDays, isExists, lightFormat } from 'date-fns';
import { dateFromParts, excelSerialToDate } from '@sasaeai/core';
import { rotate } from '../lib/timing.js';
import type { CaseResult } from '../lib/types.js';

export async function periodCases(opts: { n: number; runs: number }): Promise<CaseResult[]> {
  // Serials of 2000–2054 and y/m/d triples with about one impossible day in eight (31 April…).
  const serials = Array.from({ length: opts.n }, (_, i) => 36526 + ((i * 7919) % 20000));
  const triples = Array.from({ length: opts.n }, (_, i) => [1990 + (i % 60), 1 + (i % 12), 1 + ((i * 13) % 31)] as const);
  const epoch = new UTCDate(1899, 11, 30);

  const ours = (): string[] => serials.map((s) => excelSerialToDate(s) ?? '');
  const theirs = (): string[] => serials.map((s) => lightFormat(addDays(epoch, s), 'yyyy-MM-dd'));
  if (ours().join() !== theirs().join()) throw new Error('excelSerialToDate and date-fns disagree');
  const serialT = await rotate({ ours, theirs }, { runs: opts.runs });

  const oursValid = (): number => triples.reduce((n, [y, m, d]) => n + (dateFromParts(y, m, d) === null ? 0 : 1), 0);
  // date-fns's own check; it builds a local-time Date, so it is also wrong for years 0–99 and
  // for a day the machine's zone skipped — one more reason the hand-written check stays.
  const theirsValid = (): number => triples.reduce((n, [y, m, d]) => n + (isExists(y, m - 1, d) ? 1 : 0), 0);
  if (oursValid() !== theirsValid()) throw new Error('dateFromParts and isExists disagree');
  const validT = await rotate({ ours: oursValid, theirs: theirsValid }, { runs: opts.runs });

  const row = (name: string, peer: string, t: { ours: { ms: number }; theirs: { ms: number } }): CaseResult => ({
    name,
    rows: opts.n,
    ms: t.ours.ms,
    peer: { name: peer, ms: t.theirs.ms },
    ratio: t.ours.ms / t.theirs.ms,
    rowsPerSecond: Math.round((opts.n / t.ours.ms) * 1000),
    peerRowsPerSecond: Math.round((opts.n / t.theirs.ms) * 1000),
  });
  return [
    row('period: Excel serial → calendar day (excelSerialToDate)', 'date-fns addDays on a UTCDate epoch + lightFormat', serialT),
    row('period: is y/m/d a real day (dateFromParts)', 'date-fns isExists', validT),
  ];
}
