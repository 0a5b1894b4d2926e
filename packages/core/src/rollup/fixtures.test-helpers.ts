/**
 * Test helpers: records and submissions written the way validation produces them.
 */
import type { LocatedRecord, ReturnRecord } from '../returns/types.js';
import type { Submission } from './submission.js';

/** A district-activity row, normalised as validation gives it. */
export interface ActivityRow {
  district: string;
  initiative: string;
  reportDate: string;
  status?: string | null;
  sessions?: number | null;
  participants?: number | null;
  partners?: string[];
  rating?: string | null;
  outcomes?: string | null;
  issues?: string | null;
  successCase?: boolean;
  nextSteps?: string | null;
  fiscalYear?: number;
  errors?: number;
}

export function activityRecord(r: ActivityRow, row: number, sheet = '活動状況報告', source?: string): LocatedRecord {
  const values: ReturnRecord = {
    fiscalYear: r.fiscalYear ?? 2026,
    ward: r.district.slice(0, 5),
    district: r.district,
    reportDate: r.reportDate,
    initiative: r.initiative,
    status: r.status ?? null,
    sessions: r.sessions ?? null,
    participants: r.participants ?? null,
    partners: r.partners ?? [],
    rating: r.rating ?? null,
    outcomes: r.outcomes ?? null,
    issues: r.issues ?? null,
    successCase: r.successCase ?? false,
    nextSteps: r.nextSteps ?? null,
  };
  return { ref: source === undefined ? { sheet, row } : { source, sheet, row }, values, errors: r.errors ?? 0, warnings: 0 };
}

/** A district-activity return: rows start at worksheet row 2 (row 1 is the header). */
export function activityReturn(source: string, rows: ActivityRow[], extra: { receivedOn?: string; sheet?: string } = {}): Submission {
  const sheet = extra.sheet ?? '活動状況報告';
  const sub: Submission = {
    id: `${source}#${sheet}`,
    source,
    sheet,
    templateId: 'district-activity',
    records: rows.map((r, i) => activityRecord(r, i + 2, sheet, source)),
    issues: [],
  };
  if (extra.receivedOn !== undefined) sub.receivedOn = extra.receivedOn;
  return sub;
}

/** A city-measure row. */
export interface MeasureRowInput {
  measure: string;
  department: string;
  indicator: string;
  unit?: string;
  baseline?: number | null;
  target?: number | null;
  actual?: number | null;
  rating?: string | null;
  outcomes?: string | null;
  issues?: string | null;
  nextSteps?: string | null;
}

export function measureReturn(source: string, rows: MeasureRowInput[], receivedOn?: string): Submission {
  const sheet = '施策実施状況';
  const sub: Submission = {
    id: `${source}#${sheet}`,
    source,
    sheet,
    templateId: 'city-measure',
    records: rows.map((r, i) => ({
      ref: { source, sheet, row: i + 2 },
      values: {
        fiscalYear: 2026,
        measure: r.measure,
        department: r.department,
        indicator: r.indicator,
        unit: r.unit ?? null,
        baseline: r.baseline ?? null,
        target: r.target ?? null,
        actual: r.actual ?? null,
        rating: r.rating ?? null,
        outcomes: r.outcomes ?? null,
        issues: r.issues ?? null,
        nextSteps: r.nextSteps ?? null,
      },
      errors: 0,
      warnings: 0,
    })),
    issues: [],
  };
  if (receivedOn !== undefined) sub.receivedOn = receivedOn;
  return sub;
}
