/**
 * Loading a plan file: schema validation, then cross-reference checks, with every problem
 * reported at its JSON path in Japanese and English.
 */
import { PERIODS_PER_YEAR } from './periods.js';
import type { LocalizedText } from '../i18n/text.js';
import { SasaeaiError, type Result } from '../result.js';
import { PlanSchema, type Condition, type Plan, type Template } from './schema.js';
import { zodIssuesToPlanIssues } from './zod-issues.js';

/** A problem in a plan file, at a JSON path (JSON Pointer, e.g. `/flows/2/to`). */
export interface PlanIssue {
  code: PlanIssueCode;
  severity: 'error' | 'warning';
  path: string;
  message: LocalizedText;
}

/** Codes of problems in a plan file. */
export type PlanIssueCode =
  | 'plan_schema'
  | 'plan_not_json'
  | 'plan_not_object'
  | 'duplicate_code'
  | 'unknown_level'
  | 'unknown_parent'
  | 'parent_wrong_level'
  | 'missing_parent'
  | 'hierarchy_cycle'
  | 'unknown_unit'
  | 'invalid_validity'
  | 'unknown_body'
  | 'unknown_template'
  | 'unknown_flow'
  | 'unknown_vocabulary'
  | 'unknown_field'
  | 'field_missing_setting'
  | 'initiative_in_no_unit'
  | 'invalid_term'
  | 'unknown_current_term'
  | 'flow_unresolvable'
  | 'flow_unusable'
  | 'template_unread'
  | 'flows_indistinct'
  | 'invalid_time_zone';

const msg = (ja: string, en: string): LocalizedText => ({ ja, en });

/**
 * Loads and checks a plan file (already parsed from JSON). Never throws on bad input: the result
 * lists every problem with its JSON path and a message in Japanese and English.
 *
 * @example
 * ```ts
 * import { loadPlan } from '@sasaeai/core';
 * import { chibaPlan } from '@sasaeai/plan-chiba';
 * const r = loadPlan(chibaPlan);
 * if (r.ok) console.log(r.value.name.ja); // 支え合いのまち千葉 推進計画
 * else for (const i of r.issues) console.log(i.path, i.message.en);
 * ```
 */
export function loadPlan(input: unknown): Result<Plan, PlanIssue> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        {
          code: 'plan_not_object',
          severity: 'error',
          path: '',
          message: msg('計画ファイルはJSONのオブジェクトである必要があります。', 'A plan file must be a JSON object.'),
        },
      ],
    };
  }
  const parsed = PlanSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: zodIssuesToPlanIssues(parsed.error.issues) };
  const issues = checkReferences(parsed.data);
  const errors = issues.filter((i) => i.severity === 'error');
  return errors.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data, issues };
}

/**
 * Loads a plan or throws a {@link SasaeaiError} listing its problems: for code that ships a plan
 * it knows to be good (a preset, a test fixture).
 *
 * @example
 * ```ts
 * const plan = requirePlan(chibaPlan);
 * ```
 */
export function requirePlan(input: unknown): Plan {
  const r = loadPlan(input);
  if (r.ok) return r.value;
  const lines = r.issues.map((i) => `${i.path || '/'}: ${i.message.en}`).join('\n');
  throw new SasaeaiError('invalid_plan', `The plan is not valid:\n${lines}`);
}

function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function checkReferences(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const add = (code: PlanIssueCode, path: string, message: LocalizedText, severity: 'error' | 'warning' = 'error') =>
    issues.push({ code, severity, path, message });

  const dupes = (list: readonly { id?: string; code?: string }[], base: string, what: LocalizedText) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const key = item.id ?? item.code ?? '';
      const prop = item.id !== undefined ? 'id' : 'code';
      if (seen.has(key))
        add(
          'duplicate_code',
          `${base}/${i}/${prop}`,
          msg(`${what.ja}のコード「${key}」が重複しています。`, `Duplicate ${what.en} code "${key}".`),
        );
      seen.add(key);
    });
  };
  // "Today" is taken in the plan's zone: a zone the runtime does not know would otherwise leave
  // every date check without a day to compare with.
  if (!knownTimeZone(plan.timeZone))
    add(
      'invalid_time_zone',
      '/timeZone',
      msg(
        `タイムゾーン「${plan.timeZone}」は不明です。Asia/Tokyo のようにIANAの名前で指定してください。`,
        `Unknown time zone "${plan.timeZone}"; give an IANA name such as Asia/Tokyo.`,
      ),
    );

  dupes(plan.levels, '/levels', msg('階層', 'level'));
  dupes(plan.units, '/units', msg('組織単位', 'unit'));
  dupes(plan.bodies, '/bodies', msg('組織', 'body'));
  dupes(plan.measures, '/measures', msg('施策', 'measure'));
  dupes(plan.initiatives, '/initiatives', msg('取組み', 'initiative'));
  dupes(plan.templates, '/templates', msg('様式', 'template'));
  dupes(plan.flows, '/flows', msg('報告の流れ', 'flow'));
  for (const [id, vocab] of Object.entries(plan.vocabularies))
    dupes(vocab.options, `/vocabularies/${id}/options`, msg('選択肢', 'option'));

  // Terms
  const termNumbers = new Set<number>();
  plan.terms.forEach((t, i) => {
    if (t.startFiscalYear > t.endFiscalYear)
      add('invalid_term', `/terms/${i}`, msg('期の開始年度が終了年度より後になっています。', 'A term starts after it ends.'));
    if (termNumbers.has(t.number))
      add('duplicate_code', `/terms/${i}/number`, msg(`第${t.number}期が重複しています。`, `Term ${t.number} is listed twice.`));
    termNumbers.add(t.number);
  });
  const sortedTerms = [...plan.terms].sort((a, b) => a.startFiscalYear - b.startFiscalYear);
  for (let i = 1; i < sortedTerms.length; i++) {
    const prev = sortedTerms[i - 1]!;
    const cur = sortedTerms[i]!;
    if (cur.startFiscalYear <= prev.endFiscalYear)
      add(
        'invalid_term',
        `/terms/${plan.terms.indexOf(cur)}/startFiscalYear`,
        msg(`第${cur.number}期が第${prev.number}期と重なっています。`, `Term ${cur.number} overlaps term ${prev.number}.`),
      );
  }
  if (!termNumbers.has(plan.currentTerm))
    add(
      'unknown_current_term',
      '/currentTerm',
      msg(`現在の期（第${plan.currentTerm}期）が terms にありません。`, `The current term ${plan.currentTerm} is not in terms.`),
    );

  // Units and the hierarchy
  const levelIndex = new Map(plan.levels.map((l, i) => [l.id, i]));
  const units = new Map(plan.units.map((u) => [u.code, u]));
  plan.units.forEach((u, i) => {
    const li = levelIndex.get(u.level);
    if (li === undefined) {
      add('unknown_level', `/units/${i}/level`, msg(`階層「${u.level}」は levels にありません。`, `Level "${u.level}" is not in levels.`));
      return;
    }
    if (u.parent === undefined) {
      if (li !== 0)
        add(
          'missing_parent',
          `/units/${i}`,
          msg(`「${u.name.ja}」に親の組織単位がありません。`, `Unit "${u.name.en}" has no parent.`),
        );
    } else {
      const parent = units.get(u.parent);
      if (!parent)
        add(
          'unknown_parent',
          `/units/${i}/parent`,
          msg(`親の組織単位「${u.parent}」が見つかりません。`, `Parent unit "${u.parent}" does not exist.`),
        );
      else if (levelIndex.get(parent.level) !== li - 1)
        add(
          'parent_wrong_level',
          `/units/${i}/parent`,
          msg(
            `「${u.name.ja}」の親「${parent.name.ja}」が一つ上の階層にありません。`,
            `The parent "${parent.name.en}" of "${u.name.en}" is not one level up.`,
          ),
        );
    }
    if (u.validFrom && u.validTo && u.validFrom > u.validTo)
      add('invalid_validity', `/units/${i}/validTo`, msg('有効期間の終了日が開始日より前です。', 'validTo is before validFrom.'));
    u.successorOf?.forEach((s, j) => {
      if (!units.has(s))
        add('unknown_unit', `/units/${i}/successorOf/${j}`, msg(`組織単位「${s}」が見つかりません。`, `Unit "${s}" does not exist.`));
    });
  });
  // Cycles: walk up from every unit; report the units that are on a loop (not those below one).
  plan.units.forEach((u, i) => {
    const seen = new Set<string>([u.code]);
    let cur = u.parent;
    while (cur !== undefined) {
      if (cur === u.code) {
        add(
          'hierarchy_cycle',
          `/units/${i}/parent`,
          msg(`組織単位「${u.code}」の親をたどると循環しています。`, `Following the parents of unit "${u.code}" loops back.`),
        );
        break;
      }
      if (seen.has(cur)) break;
      seen.add(cur);
      cur = units.get(cur)?.parent;
    }
  });

  // Bodies
  const bodies = new Map(plan.bodies.map((b) => [b.id, b]));
  plan.bodies.forEach((b, i) => {
    if (!levelIndex.has(b.level))
      add('unknown_level', `/bodies/${i}/level`, msg(`階層「${b.level}」は levels にありません。`, `Level "${b.level}" is not in levels.`));
    for (const prop of ['supports', 'holdsMeetingsOf', 'coordinates'] as const)
      b[prop]?.forEach((ref, j) => {
        if (!bodies.has(ref))
          add('unknown_body', `/bodies/${i}/${prop}/${j}`, msg(`組織「${ref}」が見つかりません。`, `Body "${ref}" does not exist.`));
      });
  });

  // Initiatives
  plan.initiatives.forEach((ini, i) => {
    if (ini.units.length === 0)
      add(
        'initiative_in_no_unit',
        `/initiatives/${i}/units`,
        msg(
          `取組み「${ini.name.ja}」がどの組織単位（区など）の計画にも属していません。`,
          `Initiative "${ini.name.en}" belongs to no unit's plan (no ward lists it).`,
        ),
      );
    ini.units.forEach((c, j) => {
      if (!units.has(c))
        add('unknown_unit', `/initiatives/${i}/units/${j}`, msg(`組織単位「${c}」が見つかりません。`, `Unit "${c}" does not exist.`));
    });
  });

  // Templates
  plan.templates.forEach((t, i) => checkTemplate(plan, t, `/templates/${i}`, levelIndex, add));

  // Flows
  const templates = new Set(plan.templates.map((t) => t.id));
  const flows = new Set(plan.flows.map((f) => f.id));
  plan.flows.forEach((f, i) => {
    for (const prop of ['from', 'to'] as const)
      if (!bodies.has(f[prop]))
        add(
          'unknown_body',
          `/flows/${i}/${prop}`,
          msg(`報告の流れ「${f.id}」の組織「${f[prop]}」が見つかりません。`, `Flow "${f.id}" names an unknown body "${f[prop]}".`),
        );
    if (f.template !== undefined && !templates.has(f.template))
      add(
        'unknown_template',
        `/flows/${i}/template`,
        msg(`様式「${f.template}」が見つかりません。`, `Template "${f.template}" does not exist.`),
      );
    f.compiles?.forEach((c, j) => {
      if (!flows.has(c))
        add('unknown_flow', `/flows/${i}/compiles/${j}`, msg(`報告の流れ「${c}」が見つかりません。`, `Flow "${c}" does not exist.`));
    });
    const from = bodies.get(f.from);
    const to = bodies.get(f.to);
    if (f.sameUnit && from && to) {
      const fl = levelIndex.get(from.level);
      const tl = levelIndex.get(to.level);
      if (fl !== undefined && tl !== undefined && tl > fl)
        add(
          'flow_unresolvable',
          `/flows/${i}/sameUnit`,
          msg(
            '同じ組織単位で結ぶ報告の流れは、受け手が送り手と同じか上の階層にある必要があります。',
            'A sameUnit flow needs the receiver at the same level as the sender or above.',
          ),
        );
    }
  });
  plan.bodies.forEach((b, i) =>
    b.verification?.fields.forEach((f, j) => {
      const path = `/bodies/${i}/verification/fields/${j}/vocabulary`;
      if (f.type === 'enum' && f.vocabulary === undefined)
        add('field_missing_setting', path, msg('選択肢の項目には vocabulary が必要です。', 'An enum field needs a vocabulary.'));
      else if (f.vocabulary !== undefined && !(f.vocabulary in plan.vocabularies))
        add('unknown_vocabulary', path, msg(`選択肢の一覧「${f.vocabulary}」が見つかりません。`, `Vocabulary "${f.vocabulary}" does not exist.`));
    }),
  );
  // Whether a roll-up can use each flow is asked of a plan whose references all resolve.
  if (!issues.some((i) => i.severity === 'error')) checkFlowUse(plan, add);
  return issues;
}

/**
 * Warnings about flows a roll-up cannot use: a template no flow reads, a flow whose template
 * does not name its senders' units, a receiver below its senders, and two flows that carry the
 * same template between the same bodies (a return could not be told to belong to one of them).
 */
function checkFlowUse(plan: Plan, add: Add): void {
  const levelIndex = new Map(plan.levels.map((l, i) => [l.id, i]));
  const bodies = new Map(plan.bodies.map((b) => [b.id, b]));
  plan.templates.forEach((t, i) => {
    if (!plan.flows.some((f) => f.template === t.id))
      add(
        'template_unread',
        `/templates/${i}`,
        msg(`様式「${t.id}」を運ぶ報告の流れがないため、この様式の報告はどの集計にも入りません。`, `No flow carries template "${t.id}", so no roll-up counts its returns.`),
        'warning',
      );
  });
  plan.flows.forEach((f, i) => {
    const t = f.template === undefined ? undefined : plan.templates.find((x) => x.id === f.template);
    const from = bodies.get(f.from);
    const to = bodies.get(f.to);
    if (!t || !from || !to) return;
    const unitField = t.fields.find((x) => x.key === t.unitField);
    if (from.perUnit && unitField?.type === 'unit' && unitField.level !== undefined && unitField.level !== from.level)
      add(
        'flow_unusable',
        `/flows/${i}/template`,
        msg(
          `報告の流れ「${f.id}」の送り手は階層「${from.level}」ごとですが、様式「${t.id}」の項目「${t.unitField}」は階層「${unitField.level}」を指しています。この流れの報告は集計できません。`,
          `Flow "${f.id}" is sent per unit of level "${from.level}", but field "${t.unitField}" of template "${t.id}" names level "${unitField.level}": no roll-up can use it.`,
        ),
        'warning',
      );
    const fl = levelIndex.get(from.level);
    const tl = levelIndex.get(to.level);
    if (from.perUnit && to.perUnit && fl !== undefined && tl !== undefined && tl > fl)
      add(
        'flow_unusable',
        `/flows/${i}/to`,
        msg(
          `報告の流れ「${f.id}」の受け手（${to.level}）は送り手（${from.level}）より下の階層にあり、どの受け手の集計にも入りません。`,
          `Flow "${f.id}" goes to a receiver (${to.level}) below its senders (${from.level}); no receiver's roll-up can hold it.`,
        ),
        'warning',
      );
    const covered = (x: typeof f) =>
      PERIODS_PER_YEAR[x.cadence] === 1 ? [1] : (x.periods ?? Array.from({ length: PERIODS_PER_YEAR[x.cadence] }, (_, k) => k + 1));
    for (let j = 0; j < i; j++) {
      const g = plan.flows[j]!;
      // Flows sharing a template between the same bodies are told apart by their periods (an
      // interim and a year-end report); flows whose periods overlap cannot be.
      const overlap = g.cadence !== f.cadence || covered(g).some((n) => covered(f).includes(n));
      if (g.template === f.template && g.from === f.from && g.to === f.to && overlap)
        add(
          'flows_indistinct',
          `/flows/${i}`,
          msg(
            `報告の流れ「${f.id}」と「${g.id}」は同じ様式を同じ送り手から同じ受け手へ運び、期間（締切の規則）が重なるため、報告がどちらのものか区別できません。`,
            `Flows "${g.id}" and "${f.id}" carry the same template from the same sender to the same receiver over overlapping periods (closing rules), so a return cannot be told to belong to one of them.`,
          ),
          'warning',
        );
    }
  });
}

type Add = (code: PlanIssueCode, path: string, message: LocalizedText, severity?: 'error' | 'warning') => void;

function checkTemplate(plan: Plan, t: Template, base: string, levelIndex: Map<string, number>, add: Add): void {
  const keys = new Set<string>();
  t.fields.forEach((f, j) => {
    if (keys.has(f.key))
      add('duplicate_code', `${base}/fields/${j}/key`, msg(`項目キー「${f.key}」が重複しています。`, `Duplicate field key "${f.key}".`));
    keys.add(f.key);
  });
  const derived = new Set((t.derived ?? []).map((d) => d.key));
  const known = (k: string) => keys.has(k) || derived.has(k);
  const unknownField = (path: string, k: string) =>
    add('unknown_field', path, msg(`項目「${k}」は様式「${t.id}」にありません。`, `Field "${k}" is not in template "${t.id}".`));

  t.fields.forEach((f, j) => {
    const p = `${base}/fields/${j}`;
    // The schema already demands each type's own settings (a vocabulary, a level); what is left
    // is whether they point somewhere.
    switch (f.type) {
      case 'enum':
      case 'multiEnum':
        if (!(f.vocabulary in plan.vocabularies))
          add(
            'unknown_vocabulary',
            `${p}/vocabulary`,
            msg(`選択肢の一覧「${f.vocabulary}」が見つかりません。`, `Vocabulary "${f.vocabulary}" does not exist.`),
          );
        break;
      case 'unit':
        if (!levelIndex.has(f.level))
          add('unknown_level', `${p}/level`, msg(`階層「${f.level}」は levels にありません。`, `Level "${f.level}" is not in levels.`));
        if (f.parentField !== undefined && !keys.has(f.parentField)) unknownField(`${p}/parentField`, f.parentField);
        break;
      case 'initiative':
        if (f.unitField !== undefined && !keys.has(f.unitField)) unknownField(`${p}/unitField`, f.unitField);
        break;
      case 'integer':
      case 'number':
        if (f.min !== undefined && f.max !== undefined && f.min > f.max)
          add('field_missing_setting', `${p}/max`, msg('max が min より小さくなっています。', 'max is below min.'));
        break;
    }
  });
  for (const prop of ['fiscalYearField', 'reportDateField', 'unitField', 'subjectField'] as const) {
    const k = t[prop];
    if (k !== undefined && !keys.has(k)) unknownField(`${base}/${prop}`, k);
  }
  t.derived?.forEach((d, j) => {
    if (!keys.has(d.numerator)) unknownField(`${base}/derived/${j}/numerator`, d.numerator);
    if (!keys.has(d.denominator)) unknownField(`${base}/derived/${j}/denominator`, d.denominator);
  });
  t.tableRules?.unique?.forEach((k, j) => {
    if (!keys.has(k)) unknownField(`${base}/tableRules/unique/${j}`, k);
  });
  t.examples?.forEach((row, j) => {
    for (const k of Object.keys(row)) if (!keys.has(k)) unknownField(`${base}/examples/${j}/${k}`, k);
  });
  const seenRules = new Set<string>();
  t.rules?.forEach((r, j) => {
    const p = `${base}/rules/${j}`;
    if (seenRules.has(r.id))
      add('duplicate_code', `${p}/id`, msg(`ルール「${r.id}」が重複しています。`, `Duplicate rule id "${r.id}".`));
    seenRules.add(r.id);
    if (!known(r.field)) unknownField(`${p}/field`, r.field);
    if (r.when) walkCondition(r.when, `${p}/when`, known, unknownField);
    walkCondition(r.assert, `${p}/assert`, known, unknownField);
  });
}

function walkCondition(
  c: Condition,
  path: string,
  known: (k: string) => boolean,
  unknownField: (path: string, k: string) => void,
): void {
  if ('all' in c) c.all.forEach((x, i) => walkCondition(x, `${path}/all/${i}`, known, unknownField));
  else if ('any' in c) c.any.forEach((x, i) => walkCondition(x, `${path}/any/${i}`, known, unknownField));
  else if ('not' in c) walkCondition(c.not, `${path}/not`, known, unknownField);
  else {
    if (!known(c.field)) unknownField(`${path}/field`, c.field);
    if ('otherField' in c && c.otherField !== undefined && !known(c.otherField))
      unknownField(`${path}/otherField`, c.otherField);
  }
}
