// Loads a municipality's own plan file and asks it the same questions as the Chiba preset:
// no code changes, only data. Run: pnpm --filter example-custom-plan start
import { readFileSync } from 'node:fs';
import { bodiesOf, bodyNameInTerm, formatFiscalYear, loadPlan, obligations, planDiagram } from '@sasaeai/core';

const result = loadPlan(JSON.parse(readFileSync(new URL('./town.plan.json', import.meta.url), 'utf8')));
if (!result.ok) {
  for (const issue of result.issues) console.error(`${issue.path}: ${issue.message.ja} / ${issue.message.en}`);
  process.exit(1);
}
const plan = result.value;
const fy = 2026;
console.log(`${plan.name.ja} — ${formatFiscalYear(fy, plan.fiscalYear.labelStyle)}`);
console.log('\nBodies:');
for (const b of bodiesOf(plan, 'T')) console.log(`  ${b.name.ja} (${b.name.en})`);
console.log(`\nThe council in the 1st plan was called: ${bodyNameInTerm(plan, 'town-council', 1).ja}`);
console.log(`\nReports owed for ${formatFiscalYear(fy, plan.fiscalYear.labelStyle)}:`);
for (const o of obligations(plan, fy))
  console.log(`  ${o.from.name.ja} → ${o.to.name.ja}  due ${o.due}  covering ${o.expectedSubjects.join(', ')}`);
if (process.argv.includes('--diagram')) console.log('\n' + planDiagram(plan, { lang: 'en' }));
