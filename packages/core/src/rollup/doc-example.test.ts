/**
 * The worked example of docs/rollup.md: its returns table is read from the page, rolled up, and
 * the result tables on the page must be exactly what the roll-up gives. `UPDATE_DOCS=1` rewrites
 * the result tables from the code (then review the diff).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { requirePlan, traceFigure, wardProgress, type Submission, type WardProgress } from '../index.js';
import { activityReturn, type ActivityRow } from './fixtures.test-helpers.js';

const plan = requirePlan(chibaPlan);
const DOC = fileURLToPath(new URL('../../../../docs/rollup.md', import.meta.url));

function section(doc: string, name: string): string {
  const m = new RegExp(`<!-- ${name} -->\\n([\\s\\S]*?)<!-- /${name} -->`).exec(doc);
  if (!m) throw new Error(`docs/rollup.md has no section ${name}`);
  return m[1]!;
}

function tableRows(md: string): string[][] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

const vocabCode = (vocab: string, label: string) => plan.vocabularies[vocab]!.options.find((o) => o.label.ja === label || o.code === label)?.code ?? label;

/** Reads the returns table of the page into submissions, one per file. */
function returnsFromDoc(doc: string): Submission[] {
  const byFile = new Map<string, { rows: (ActivityRow & { row: number })[] }>();
  for (const [file, row, district, initiative, date, status, sessions, participants, partners, rating, success, outcomes, issues, errors] of tableRows(section(doc, 'example:returns'))) {
    const r: ActivityRow & { row: number } = {
      row: Number(row),
      district: district!.split(' ')[0]!,
      initiative: initiative!.split(' ')[0]!,
      reportDate: date!,
      status: vocabCode('status', status!),
      sessions: sessions === '' ? null : Number(sessions),
      participants: participants === '' ? null : Number(participants),
      partners: partners === '' ? [] : partners!.split('、').map((p) => vocabCode('partnerGroups', p)),
      rating: rating === '' ? null : rating!,
      successCase: success === '○',
      outcomes: outcomes === '' ? null : outcomes!,
      issues: issues === '' ? null : issues!,
      errors: Number(errors || '0'),
    };
    const f = byFile.get(file!) ?? byFile.set(file!, { rows: [] }).get(file!)!;
    f.rows.push(r);
  }
  return [...byFile.entries()].map(([file, { rows }]) => {
    const sub = activityReturn(file, rows);
    sub.records.forEach((rec, i) => (rec.ref = { source: file, sheet: sub.sheet, row: rows[i]!.row }));
    return sub;
  });
}

function mdTable(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function renderResults(p: WardProgress): Record<string, string> {
  const f = p.figures;
  const n = (id: string) => String(f[id] ?? '');
  const bySubject = mdTable(
    ['取組み', '報告地区 / 予定', '実施済み', '実施中', '未着手', '中止', '実施回数', '参加者数', 'A', 'B', 'C', 'D', '成果事例'],
    [...p.subjects, p.total].map((s) => [
      s.subject.code === '*' ? '**合計**' : `${s.subject.code} ${s.subject.name.ja}`,
      `${s.reported} / ${s.expected}`,
      ...['done', 'in_progress', 'not_started', 'stopped'].map((c) => n(`${s.id}/status=${c}`)),
      n(`${s.id}/sessions`),
      n(`${s.id}/participants`),
      ...['A', 'B', 'C', 'D'].map((c) => n(`${s.id}/rating=${c}`)),
      n(`${s.id}/successCase`),
    ]),
  );
  const TL = { 'on-time': '期限内', late: '期限後', missing: '未提出' } as const;
  const byDistrict = mdTable(
    ['地区部会', '受け付けた報告', '最新の報告日', '取組み（報告 / 予定）', '提出状況', '未解決のエラー'],
    p.districts.map((d) => [`${d.unit.code} ${d.unit.name.ja}`, d.returns, d.lastReport ?? '—', `${d.covered} / ${d.expectedSubjects}`, TL[d.timeliness], d.errors]),
  );
  const c = p.completeness;
  const comp = mdTable(['予定', '提出', '提出率', '期限内', '期限内提出率', '期限後', '未提出'], [[c.expected, c.received, pct(c.rate), c.onTime, pct(c.onTimeRate), c.late, c.missing]]);
  const lists = mdTable(
    ['一覧', '地区部会', '取組み', '報告日', '内容'],
    p.lists
      .filter((l) => l.id !== 'text:outcomes')
      .flatMap((l) => l.items.map((i) => [l.label.ja, i.unit.name.ja, i.subject.code, i.reportDate ?? '', i.text])),
  );
  const trace = mdTable(
    ['図表ID', '値', '元の行（ファイル / 行）'],
    ['12101/C01/sessions', '12101/C01/status=done', '12101/C02/rating=B', '12101-03/*/errors', '12101/completeness/onTime'].map((id) => [
      `\`${id}\``,
      n(id) === '' ? '—' : typeof f[id] === 'number' && !Number.isInteger(f[id]) ? pct(f[id] as number) : n(id),
      traceFigure(p, id)
        .map((r) => `${r.source} / ${r.row}`)
        .join('、') || '—',
    ]),
  );
  return { 'example:by-initiative': bySubject, 'example:by-district': byDistrict, 'example:completeness': comp, 'example:lists': lists, 'example:trace': trace };
}

describe('docs/rollup.md worked example', () => {
  it('shows exactly what the roll-up computes', () => {
    let doc = readFileSync(DOC, 'utf8');
    const subs = returnsFromDoc(doc);
    expect(subs.length).toBeGreaterThan(1);
    const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' });
    const results = renderResults(p);
    if (process.env.UPDATE_DOCS === '1') {
      for (const [name, text] of Object.entries(results)) doc = doc.replace(new RegExp(`(<!-- ${name} -->\\n)[\\s\\S]*?(<!-- /${name} -->)`), `$1${text}$2`);
      writeFileSync(DOC, doc);
    }
    for (const [name, text] of Object.entries(results)) expect(section(doc, name), name).toBe(text);
    // A few numbers checked by hand, so that the page cannot drift together with a bug.
    expect(p.figures['12101/C01/sessions']).toBe(17);
    expect(p.figures['12101/C01/status=done']).toBe(2);
  });
});
