/**
 * Test fixtures for validation (used by the tests beside this file only; not exported).
 */
import { chibaPlan } from '@sasaeai/plan-chiba';
import { getTemplate, requirePlan, validateGrid, type Issue, type RawCell, type SheetGrid, type ValidateOptions } from '../index.js';

export const plan = requirePlan(chibaPlan);
export const today = '2026-06-01';

export type Key =
  | 'fiscalYear' | 'ward' | 'district' | 'reportDate' | 'initiative' | 'status' | 'sessions' | 'participants'
  | 'partners' | 'rating' | 'outcomes' | 'issues' | 'successCase' | 'nextSteps';
export const KEYS: Key[] = [
  'fiscalYear', 'ward', 'district', 'reportDate', 'initiative', 'status', 'sessions', 'participants', 'partners', 'rating', 'outcomes', 'issues', 'successCase', 'nextSteps',
];

/** The header row of the preset's activity return: its fields' Japanese labels, from the plan. */
export const HEADER: readonly string[] = KEYS.map((k) => {
  const f = getTemplate(plan, 'district-activity')?.fields.find((x) => x.key === k);
  if (f === undefined) throw new Error(`the preset's district-activity template has no field ${k}`);
  return f.label.ja;
});

/** A valid row of 寒川 (中央区), as cells in HEADER order. */
export function baseRow(): Record<Key, RawCell> {
  return {
    fiscalYear: 2026,
    ward: '中央区',
    district: '寒川',
    reportDate: '2026-05-01',
    initiative: 'C01',
    status: '実施済み',
    sessions: 12,
    participants: 240,
    partners: '町内自治会',
    rating: 'B',
    outcomes: '見守り訪問を毎月実施した。',
    issues: null,
    successCase: null,
    nextSteps: '継続',
  };
}

export function rowCells(over: Partial<Record<Key, RawCell>> = {}): RawCell[] {
  const r = { ...baseRow(), ...over };
  return KEYS.map((k) => r[k]);
}

export function grid(rows: RawCell[][], header: readonly RawCell[] = HEADER): SheetGrid {
  return { sheet: '報告', cells: [[...header], ...rows] };
}

/** Validates one row with some cells replaced. */
export function one(over: Partial<Record<Key, RawCell>>, opts: Partial<ValidateOptions> = {}) {
  const r = validateGrid(grid([rowCells(over)]), { plan, today, ...opts });
  return { values: r.records[0]?.values, issues: r.issues, result: r };
}

/** The compact form of an issue used in inline snapshots. */
export function brief(i: Issue): string {
  return `${i.cell ?? (i.row === undefined ? '-' : `row ${i.row}`)} ${i.severity} ${i.code}${i.field ? ` [${i.field}]` : ''}: ${i.message.ja} | ${i.message.en}`;
}
