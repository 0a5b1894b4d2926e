/**
 * Validates every sample return and rolls the valid ones up into 中央区's ward progress and the
 * FY2026 annual report — the whole path of a return, from a cell to the annual report, in a script.
 * Run: pnpm --filter example-validate-and-rollup start
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_SUBJECTS,
  annualReport,
  figureId,
  requirePlan,
  rowId,
  submissionFromValidation,
  traceFigure,
  validateGrids,
  wardProgress,
  type SheetGrid,
} from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { readGrids } from './adapter.js';

const dir = new URL('../sample-returns/', import.meta.url).pathname;
const plan = requirePlan(chibaPlan);

const grids: SheetGrid[] = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort())
  grids.push(...(await readGrids(join(dir, name), name)));

// "today" is fixed so that the example gives the same answer every day.
const checked = validateGrids(grids.filter((g) => !g.sheet.startsWith('_')), { plan, today: '2027-05-10' });
const returns = checked.results.filter((r) => r.templateId !== null);
console.log(`${returns.length} returns, ${checked.summary.rowsRead} rows: ${checked.summary.rowsValid} valid, ${checked.summary.errors} errors, ${checked.summary.warnings} warnings`);
for (const i of checked.issues.filter((x) => x.severity === 'error').slice(0, 3))
  console.log(`  ${i.source} ${i.sheet}!${i.cell} ${i.code}: ${i.message.en}`);

const submissions = returns.map((r) => submissionFromValidation(r));
const chuo = wardProgress(plan, submissions, { fiscalYear: 2026, ward: '12101' });
console.log(`\n${chuo.title.en}`);
for (const s of chuo.subjects.filter((x) => x.reported > 0))
  console.log(`  ${s.subject.code} ${s.subject.name.en}: ${s.reported}/${s.expected} districts, ${s.agg.sum['sessions'] ?? 0} sessions, ${s.agg.sum['participants'] ?? 0} participants`);
console.log(`  all initiatives: ${chuo.total.agg.sum['sessions'] ?? 0} sessions`);
const leftOut = chuo.submissions.filter((u) => u.rowsWithErrors > 0);
console.log(`  rows left out because of errors: ${leftOut.map((u) => `${u.source} ${u.rowsWithErrors}`).join(", ")}`);

const report = annualReport(plan, submissions, { fiscalYear: 2026 });
console.log(`\n${report.title.en}`);
const district = report.completeness.byFlow.find((f) => f.flowId === 'district-activity')!;
console.log(`  district returns received: ${district.received}/${district.expected} (${Math.round((district.rate ?? 0) * 100)}%), on time ${district.onTime}`);
// The city's row over every initiative: 12100/*/sessions.
const citySessions = figureId(rowId('12100', ALL_SUBJECTS), 'sessions');
const sessions = report.figures[citySessions];
console.log(`  city-wide sessions: ${sessions}, from ${traceFigure(report, citySessions).length} rows`);
