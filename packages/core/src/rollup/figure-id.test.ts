import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { ALL_SUBJECTS, figureId, parseFigureId, requirePlan, rowId, wardProgress } from '../index.js';
import { activityReturn } from './fixtures.test-helpers.js';

describe('figure ids', () => {
  it('builds and reads back the ids of rows, measures and options', () => {
    expect(rowId('12101', 'C01')).toBe('12101/C01');
    expect(figureId(rowId('12101', ALL_SUBJECTS), 'sessions')).toBe('12101/*/sessions');
    expect(figureId('12101/*', 'status', 'done')).toBe('12101/*/status=done');
    expect(parseFigureId('12101/*/status=done')).toEqual({ row: '12101/*', measure: 'status', option: 'done' });
    expect(parseFigureId('12101/completeness/received')).toEqual({ row: '12101/completeness', measure: 'received' });
    for (const bad of ['sessions', '/x', '12101/', '12101/=a', '12101/a=']) expect(parseFigureId(bad), bad).toBeNull();
  });
  it('names the figures the roll-up writes', () => {
    const plan = requirePlan(chibaPlan);
    const sub = activityReturn('a.xlsx', [{ district: '12101-01', initiative: 'C01', reportDate: '2026-05-01', sessions: 3, status: '実施済み' }]);
    const p = wardProgress(plan, [sub], { fiscalYear: 2026, ward: '12101' });
    expect(p.figures[figureId(rowId('12101', ALL_SUBJECTS), 'sessions')]).toBe(3);
    expect(p.figures[figureId(rowId('12101', 'C01'), 'sessions')]).toBe(3);
    for (const id of Object.keys(p.figures)) expect(parseFigureId(id), id).not.toBeNull();
    for (const id of Object.keys(p.figures)) {
      const parts = parseFigureId(id)!;
      expect(figureId(parts.row, parts.measure, parts.option)).toBe(id);
    }
  });
});
