// What an npm user writes under ESM.
import { formatFiscalYear, obligations, requirePlan } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';

const plan = requirePlan(chibaPlan);
console.log(`${formatFiscalYear(2026, 'era-gregorian')} 中央区の報告義務 / obligations of Chuo ward`);
for (const o of obligations(plan, 2026, { within: '12101' }))
  console.log(`${o.from.name.ja} → ${o.to.name.ja}\t${o.due}\t${o.content.ja}`);
const sample = generateReturns(plan, { seed: 1, rows: 12, badShare: 0.25 });
console.log(`samples: ${sample.grids.length} sheet(s), ${sample.expected.badRows} bad rows of 12`);
