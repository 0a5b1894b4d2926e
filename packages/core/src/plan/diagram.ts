/**
 * A picture of the governance structure (推進体制のイメージ): a Mermaid flowchart of bodies and
 * flows, drawn from any plan.
 */
import type { Lang } from '../i18n/text.js';
import type { Plan } from './schema.js';

const CADENCE = {
  'any-time': { ja: '随時', en: 'any time' },
  'fiscal-year': { ja: '年度ごと', en: 'each fiscal year' },
  'half-year': { ja: '半期ごと', en: 'each half year' },
  quarter: { ja: '四半期ごと', en: 'each quarter' },
  month: { ja: '毎月', en: 'each month' },
} as const;

function nodeId(id: string): string {
  return 'b_' + id.replace(/[^A-Za-z0-9_]/g, '_');
}

// Mermaid labels are quoted strings; quotes and angle brackets must be entity-escaped.
function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/**
 * Draws a plan's bodies and reporting flows as a Mermaid flowchart: solid arrows for reports
 * (labelled with cadence and content), dotted arrows for support and for holding meetings.
 *
 * @example
 * ```ts
 * const mermaid = planDiagram(plan, { lang: 'ja' });
 * // flowchart BT
 * //   b_district_chapter["社協地区部会<br/>地区部会エリアごと"]
 * //   b_district_chapter -- "随時：第5章 地域の取組み（共助）の実施状況" --> b_ward_council
 * ```
 */
export function planDiagram(plan: Plan, opts: { lang?: Lang; support?: boolean } = {}): string {
  const lang = opts.lang ?? 'ja';
  const levels = new Map(plan.levels.map((l) => [l.id, l]));
  const lines: string[] = ['flowchart BT'];
  for (const level of plan.levels) {
    const bodies = plan.bodies.filter((b) => b.level === level.id);
    if (bodies.length === 0) continue;
    lines.push(`  subgraph lvl_${nodeId(level.id)}["${label(level.name[lang])}"]`);
    for (const b of bodies) {
      const per = b.perUnit
        ? lang === 'ja'
          ? `${(levels.get(b.level)?.unitName ?? levels.get(b.level)?.name)?.ja ?? ''}ごと`
          : `one per ${(levels.get(b.level)?.unitName ?? levels.get(b.level)?.name)?.en ?? ''}`
        : '';
      lines.push(`    ${nodeId(b.id)}["${label(b.name[lang])}${per ? '<br/>' + label(per) : ''}"]`);
    }
    lines.push('  end');
  }
  for (const f of plan.flows) {
    const sep = lang === 'ja' ? '：' : ': ';
    lines.push(`  ${nodeId(f.from)} -- "${label(CADENCE[f.cadence][lang] + sep + f.content[lang])}" --> ${nodeId(f.to)}`);
  }
  if (opts.support !== false) {
    for (const b of plan.bodies) {
      for (const t of b.holdsMeetingsOf ?? [])
        lines.push(`  ${nodeId(b.id)} -. "${lang === 'ja' ? '会議の開催' : 'holds meetings'}" .-> ${nodeId(t)}`);
      for (const t of b.coordinates ?? [])
        lines.push(`  ${nodeId(b.id)} -. "${lang === 'ja' ? '連携・調整' : 'coordinates'}" .-> ${nodeId(t)}`);
      for (const t of b.supports ?? [])
        if (!(b.holdsMeetingsOf ?? []).includes(t))
          lines.push(`  ${nodeId(b.id)} -. "${lang === 'ja' ? '支援' : 'supports'}" .-> ${nodeId(t)}`);
    }
  }
  return lines.join('\n') + '\n';
}
