/**
 * The task pane: four tabs (create, check, roll up, plan) over the operations in app/. Japanese by
 * default, English when Office's display language is English. All text goes in as text nodes.
 */
import '../jitless.js';
import '../functions/functions.js';
import {
  fiscalYearOf,
  formatDate,
  formatFiscalYear,
  langFromLocale,
  obligations,
  receivingUnits,
  reportingLines,
  returnUnitLevels,
  todayIn,
  SEVERITY_LABEL,
  unitsAt,
  type Issue,
  type Lang,
  type Plan,
  type PlanIssue,
  type SheetModel,
  type SheetValue,
} from '@sasaeai/core';
// Operations load on first use (a chunk of their own): the pane shows itself without them.
import {
  applyPlan,
  clearMarks,
  completenessOf,
  createReturnSheet,
  listWorkbook,
  loadOperations,
  loadPlanText,
  openWorkbook,
  rollUp,
  selectCell,
  validateInPlace,
  writeIssuesSheet,
  type Step,
  type ValidationRun,
  type WorkbookListing,
} from '../app/lazy-operations.js';
import { t, type StringKey } from '../app/i18n.js';
import { activePlan } from '../app/plan-state.js';
import { layoutUnavailable } from '../excel/read.js';
import { field, h, options, replace, uid } from './dom.js';
import type { PaneKit } from './secretariat.js';

/** Issues shown in the pane; the issues sheet holds them all. */
const MAX_LISTED_ISSUES = 200;
/** Rows of a result table shown in the pane. */
const MAX_TABLE_ROWS = 300;

interface State {
  lang: Lang;
  listing: WorkbookListing | null;
  lastRun: ValidationRun | null;
  busy: boolean;
}

const state: State = { lang: 'ja', listing: null, lastRun: null, busy: false };
const tr = (key: StringKey, ...args: (string | number)[]) => t(state.lang, key, ...args);

// ---------------------------------------------------------------------------------------------
// Status, progress and the busy state

const statusEl = () => document.getElementById('status')!;
const progressEl = () => document.getElementById('progress') as HTMLProgressElement;

function setStatus(text: string, kind: 'info' | 'error' | 'ok' = 'info'): void {
  const el = statusEl();
  el.dataset.kind = kind;
  el.textContent = text;
}

const STEP_KEYS: Record<Step, StringKey> = {
  reading: 'step_reading',
  validating: 'step_validating',
  marking: 'step_marking',
  rolling: 'step_rolling',
  writing: 'step_writing',
};
const onStep = (step: Step) => setStatus(tr(STEP_KEYS[step]));

async function busy<T>(work: () => Promise<T>): Promise<T | undefined> {
  if (state.busy) return undefined;
  state.busy = true;
  const main = document.getElementById('app')!;
  main.setAttribute('aria-busy', 'true');
  progressEl().hidden = false;
  for (const b of main.querySelectorAll<HTMLButtonElement>('button[data-action]')) b.disabled = true;
  setStatus(tr('working'));
  try {
    return await work();
  } catch (e) {
    setStatus(tr('failed', e instanceof Error ? e.message : String(e)), 'error');
    return undefined;
  } finally {
    state.busy = false;
    main.setAttribute('aria-busy', 'false');
    progressEl().hidden = true;
    for (const b of main.querySelectorAll<HTMLButtonElement>('button[data-action]')) b.disabled = b.dataset.needsRun === 'true' && !state.lastRun;
  }
}

function actionButton(label: string, onclick: () => void, opts: { primary?: boolean; needsRun?: boolean } = {}): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: opts.primary ? 'btn primary' : 'btn', 'data-action': 'true', 'data-needs-run': opts.needsRun ? 'true' : undefined, disabled: opts.needsRun ? true : undefined, onclick },
    label,
  );
}

// ---------------------------------------------------------------------------------------------
// Shared pickers

// Today's fiscal year, worked out once per drawing of the pane: every panel's pickers need it, and
// each todayIn builds an Intl.DateTimeFormat (the slowest part of drawing the pane).
let fiscalYearNow: { plan: Plan; fy: number } | null = null;

function currentFiscalYear(plan: Plan): number {
  if (fiscalYearNow?.plan !== plan) fiscalYearNow = { plan, fy: fiscalYearOf(todayIn(plan.timeZone), plan.fiscalYear) };
  return fiscalYearNow.fy;
}

function fiscalYearOptions(plan: Plan): { value: string; label: string }[] {
  const years = new Set<number>();
  for (const term of plan.terms) for (let y = term.startFiscalYear; y <= term.endFiscalYear; y++) years.add(y);
  years.add(currentFiscalYear(plan));
  return [...years].sort((a, b) => a - b).map((y) => ({ value: String(y), label: formatFiscalYear(y, 'era-gregorian', state.lang) }));
}

function defaultFiscalYear(plan: Plan): string {
  return String(currentFiscalYear(plan));
}

function unitOptions(plan: Plan, level: string, within?: string, withAny = true): { value: string; label: string }[] {
  const units = unitsAt(plan, level, within ? { within } : {});
  const items = units.map((u) => ({ value: u.code, label: u.name[state.lang] }));
  return withAny ? [{ value: '', label: tr('allUnits') }, ...items] : items;
}

// ---------------------------------------------------------------------------------------------
// Tab 1: create a return sheet

function createPanel(plan: Plan): HTMLElement {
  const template = h('select', {});
  options(
    template,
    plan.templates.map((tpl) => ({ value: tpl.id, label: tpl.name[state.lang] })),
  );
  const ward = h('select', {});
  const district = h('select', {});
  const fy = h('select', {});
  options(fy, fiscalYearOptions(plan), defaultFiscalYear(plan));
  const rows = h('input', { type: 'number', min: 1, max: 5000, value: 50, inputmode: 'numeric' });
  // The units a return is made out for come from its template's unit fields (core's
  // returnUnitLevels, as the CLI's --ward and --district), labelled as the fields are.
  const wardField = field(tr('ward'), ward);
  const districtField = field(tr('district'), district);
  const fillDistricts = () => {
    const level = returnUnitLevels(plan, template.value).unit;
    options(district, level ? unitOptions(plan, level.level.id, ward.value || undefined) : []);
  };
  const fillUnits = () => {
    const levels = returnUnitLevels(plan, template.value);
    for (const [f, unit] of [
      [wardField, levels.parent],
      [districtField, levels.unit],
    ] as const) {
      f.hidden = unit === undefined;
      if (unit) f.querySelector('label')!.textContent = unit.label[state.lang];
    }
    options(ward, levels.parent ? unitOptions(plan, levels.parent.level.id) : []);
    fillDistricts();
  };
  ward.addEventListener('change', fillDistricts);
  template.addEventListener('change', fillUnits);
  fillUnits();
  const create = actionButton(
    tr('createSheet'),
    () =>
      void busy(async () => {
        const opts: { templateId: string; ward?: string; district?: string; fiscalYear?: number; rows?: number } = {
          templateId: template.value,
          fiscalYear: Number(fy.value),
          rows: Math.max(1, Math.min(5000, Number(rows.value) || 50)),
        };
        if (ward.value) opts.ward = ward.value;
        if (district.value) opts.district = district.value;
        const r = await createReturnSheet(activePlan().plan, state.lang, opts);
        setStatus(tr('created', r.sheet), 'ok');
        await refreshListing();
      }),
    { primary: true },
  );
  return h(
    'div',
    { class: 'stack' },
    h('p', { class: 'help' }, tr('createHelp')),
    field(tr('template'), template),
    wardField,
    districtField,
    field(tr('fiscalYear'), fy),
    field(tr('blankRows'), rows),
    h('div', { class: 'actions' }, create),
  );
}

// ---------------------------------------------------------------------------------------------
// Tab 2: validate in place

const validateTargetSelect = h('select', { id: 'validate-target' });
const validateResults = h('div', { id: 'validate-results', class: 'results' });

function fillValidateTargets(): void {
  const items = [{ value: '', label: tr('activeSheet') }];
  for (const tbl of state.listing?.tables ?? []) items.push({ value: tbl.name, label: tr('tablePrefix') + tbl.name });
  const current = validateTargetSelect.value;
  options(validateTargetSelect, items, current);
}

function groupByRow(issues: readonly Issue[]): Map<number | null, Issue[]> {
  const groups = new Map<number | null, Issue[]>();
  for (const i of issues) {
    const key = i.row ?? null;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  return groups;
}

function renderValidation(v: ValidationRun): void {
  const s = v.result.summary;
  const summary = h(
    'dl',
    { class: 'summary' },
    h('dt', {}, tr('template_')),
    h('dd', {}, v.result.templateId ? (activePlan().plan.templates.find((x) => x.id === v.result.templateId)?.name[state.lang] ?? v.result.templateId) : tr('noTemplate')),
    h('dt', {}, tr('rowsRead')),
    h('dd', {}, String(s.rowsRead)),
    h('dt', {}, tr('rowsValid')),
    h('dd', {}, String(s.rowsValid)),
    h('dt', {}, tr('rowsWithErrors')),
    h('dd', {}, String(s.rowsWithErrors)),
    h('dt', {}, tr('errors')),
    h('dd', {}, String(s.errors)),
    h('dt', {}, tr('warnings')),
    h('dd', {}, String(s.warnings)),
  );
  const listed = v.result.issues.slice(0, MAX_LISTED_ISSUES);
  const hidden = v.result.issues.length - listed.length + v.result.omittedIssues;
  const groups = [...groupByRow(listed).entries()];
  const headingId = uid('issues');
  const list =
    v.result.issues.length === 0
      ? h('p', { class: 'ok-note' }, tr('noIssues'))
      : h(
          'ul',
          { class: 'issue-groups', 'aria-labelledby': headingId },
          ...groups.map(([row, issues]) =>
            h(
              'li',
              {},
              h('h3', {}, row === null ? tr('tableLevel') : tr('row', row)),
              h(
                'ul',
                { class: 'issues' },
                ...issues.map((i) => {
                  const sev = SEVERITY_LABEL[i.severity][state.lang];
                  const text = i.message[state.lang];
                  const body = [h('span', { class: `sev sev-${i.severity}` }, sev), ' ', h('span', { class: 'cell' }, i.cell ?? ''), ' ', text];
                  return h(
                    'li',
                    {},
                    i.cell
                      ? h(
                          'button',
                          {
                            type: 'button',
                            class: 'issue',
                            'data-cell': i.cell,
                            onclick: () => void selectCell(v.sheetId, i.cell!).catch((e: unknown) => setStatus(tr('failed', String(e)), 'error')),
                          },
                          ...body,
                        )
                      : h('p', { class: 'issue' }, ...body),
                  );
                }),
              ),
            ),
          ),
        );
  replace(
    validateResults,
    h('h2', {}, tr('summary'), ' — ', v.sheetName),
    summary,
    h('h2', { id: headingId }, tr('issuesByRow')),
    list,
    hidden > 0 ? h('p', { class: 'help' }, tr('moreIssues', hidden)) : null,
  );
}

/** What the last read could not learn from this Excel (merged cells, hidden rows, formulas, date system), for the status line. */
function layoutNote(): string {
  let note = '';
  if (layoutUnavailable.has('merges')) note += ` ${tr('layoutNoMerges')}`;
  if (layoutUnavailable.has('hiddenRows')) note += ` ${tr('layoutNoHiddenRows')}`;
  if (layoutUnavailable.has('formulas')) note += ` ${tr('layoutNoFormulas')}`;
  if (layoutUnavailable.has('dateSystem')) note += ` ${tr('layoutNoDateSystem')}`;
  return note;
}

function validatePanel(): HTMLElement {
  fillValidateTargets();
  const validate = actionButton(
    tr('validate'),
    () =>
      void busy(async () => {
        const target = validateTargetSelect.value ? { table: validateTargetSelect.value } : {};
        const v = await validateInPlace(activePlan().plan, target, onStep);
        state.lastRun = v;
        renderValidation(v);
        const status = tr('marked', v.result.issues.length, v.markedCells);
        // A user's rule Excel cannot read is left alone; say so rather than skip it silently.
        const note = v.unreadableRules > 0 ? ` ${tr('unreadableRules', v.unreadableRules)}` : '';
        setStatus(status + note + layoutNote(), v.result.summary.errors > 0 ? 'error' : 'ok');
      }),
    { primary: true },
  );
  const clear = actionButton(tr('clearMarks'), () =>
    void busy(async () => {
      const n = await clearMarks(state.lastRun?.sheetId);
      setStatus(n > 0 ? tr('cleared') : tr('nothingToClear'), 'ok');
    }),
  );
  const issues = actionButton(
    tr('issuesSheet'),
    () =>
      void busy(async () => {
        if (!state.lastRun) return;
        const name = await writeIssuesSheet(activePlan().plan, state.lang, state.lastRun);
        setStatus(tr('issuesWritten', name), 'ok');
        await refreshListing();
      }),
    { needsRun: true },
  );
  return h(
    'div',
    { class: 'stack' },
    field(tr('validateTarget'), validateTargetSelect),
    h('div', { class: 'actions' }, validate, clear, issues),
    validateResults,
  );
}

// ---------------------------------------------------------------------------------------------
// Tab 3: roll up and completeness

const sheetList = h('div', { class: 'checklist' });
const rollupResults = h('div', { class: 'results', id: 'rollup-results' });

function fillSheetList(): void {
  const sheets = (state.listing?.sheets ?? []).filter((s) => !s.ours);
  const checked = new Set([...sheetList.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value));
  const firstTime = sheetList.childElementCount === 0;
  replace(
    sheetList,
    ...(sheets.length === 0
      ? [h('p', { class: 'help' }, tr('noSheets'))]
      : sheets.map((s) => {
          const id = uid('sheet');
          return h(
            'div',
            { class: 'check' },
            h('input', { type: 'checkbox', id, value: s.id, checked: firstTime ? s.name === state.listing?.active : checked.has(s.id) }),
            h('label', { for: id }, s.name),
          );
        })),
  );
}

function chosenSheets(): string[] {
  return [...sheetList.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
}

function cellText(v: SheetValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '○' : '×';
  if ('date' in v) return formatDate(v.date, state.lang === 'ja' ? 'ja' : 'en');
  return v.link.text;
}

/** A sheet model as an accessible HTML table (text only). */
function modelTable(model: SheetModel): HTMLElement {
  const rows = model.rows.slice(0, MAX_TABLE_ROWS);
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': model.name[state.lang] },
    h(
      'table',
      {},
      h('caption', {}, model.preamble?.title[state.lang] ?? model.name[state.lang]),
      h('thead', {}, h('tr', {}, ...model.columns.map((c) => h('th', { scope: 'col' }, c.header[state.lang])))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...model.columns.map((_, i) => h('td', {}, cellText(r[i])))))),
    ),
    model.rows.length > rows.length ? h('p', { class: 'help' }, `… ${model.rows.length - rows.length}`) : null,
  );
}

function rollupPanel(plan: Plan): HTMLElement {
  const fy = h('select', {});
  options(fy, fiscalYearOptions(plan), defaultFiscalYear(plan));
  const ward = h('select', {});
  // The units a compiled report is built for: core's receivingUnits, as the CLI's rollup --ward.
  const receivers = receivingUnits(plan);
  const levels = { ward: receivers.length > 0 };
  options(ward, receivers.map((u) => ({ value: u.code, label: u.name[state.lang] })));
  const kindName = uid('kind');
  const kindWard = h('input', { type: 'radio', name: kindName, value: 'ward', id: uid('k'), checked: Boolean(levels.ward) });
  const kindAnnual = h('input', { type: 'radio', name: kindName, value: 'annual', id: uid('k'), checked: !levels.ward });
  const kinds = h(
    'fieldset',
    {},
    h('legend', {}, tr('reportKind')),
    levels.ward ? h('div', { class: 'check' }, kindWard, h('label', { for: kindWard.id }, tr('kindWard'))) : null,
    h('div', { class: 'check' }, kindAnnual, h('label', { for: kindAnnual.id }, tr('kindAnnual'))),
  );
  const guard = (): string[] | null => {
    const ids = chosenSheets();
    if (ids.length === 0) {
      setStatus(tr('chooseSheets'), 'error');
      return null;
    }
    return ids;
  };
  const doRollup = actionButton(
    tr('rollUp'),
    () =>
      void busy(async () => {
        const ids = guard();
        if (!ids) return;
        const kind = kindWard.checked ? 'ward' : 'annual';
        const opts: { sheetIds: string[]; fiscalYear: number; kind: 'ward' | 'annual'; ward?: string } = { sheetIds: ids, fiscalYear: Number(fy.value), kind };
        if (kind === 'ward') opts.ward = ward.value;
        const r = await rollUp(activePlan().plan, state.lang, opts, onStep);
        if (!r.ok) {
          setStatus(r.reason[state.lang], 'error');
          return;
        }
        // What did not count, and why, is core's (the review state applied): never left unsaid.
        const subs = r.report.submissions;
        const leftOut = subs.filter((s) => s.use === 'left-out');
        replace(
          rollupResults,
          ...(leftOut.length > 0
            ? [
                h('h2', {}, tr('rollupLeftOut')),
                h('ul', { class: 'issues', id: 'rollup-left-out' }, ...leftOut.map((s) => h('li', {}, h('span', { class: 'cell' }, s.sheet), ' ', s.reason?.[state.lang] ?? ''))),
              ]
            : []),
        );
        const counted = tr('rollupCounted', subs.length - leftOut.length, leftOut.length) + (r.reviewed ? tr('rollupReviewed') : '');
        setStatus(tr('rolledUp', r.sheets.length, r.sheets.join('、')) + ' ' + counted + layoutNote(), 'ok');
        await refreshListing();
      }),
    { primary: true },
  );
  const comp = (write: boolean) => () =>
    void busy(async () => {
      const ids = guard();
      if (!ids) return;
      const opts: { sheetIds: string[]; fiscalYear: number; within?: string; write: boolean } = { sheetIds: ids, fiscalYear: Number(fy.value), write };
      if (kindWard.checked && ward.value) opts.within = ward.value;
      const r = await completenessOf(activePlan().plan, state.lang, opts, onStep);
      replace(rollupResults, h('h2', {}, tr('completenessTitle')), modelTable(r.model));
      setStatus((write ? tr('rolledUp', r.sheets.length, r.sheets.join('、')) : tr('completenessShown')) + layoutNote(), 'ok');
      if (write) await refreshListing();
    });
  return h(
    'div',
    { class: 'stack' },
    h('fieldset', {}, h('legend', {}, tr('returnSheets')), sheetList),
    field(tr('fiscalYear'), fy),
    kinds,
    levels.ward ? field(tr('ward'), ward) : null,
    h(
      'div',
      { class: 'actions' },
      doRollup,
      actionButton(tr('completeness'), comp(false)),
      actionButton(tr('writeCompleteness'), comp(true)),
      actionButton(tr('refresh'), () =>
        void busy(async () => {
          await refreshListing();
          setStatus(tr('ready'), 'ok');
        }),
      ),
    ),
    rollupResults,
  );
}

// ---------------------------------------------------------------------------------------------
// Tab 4: the plan

const planIssuesEl = h('div', { class: 'results', id: 'plan-issues' });

function governance(plan: Plan): HTMLElement {
  const lines = reportingLines(plan);
  const byLevel = plan.levels.map((level) => ({ level, bodies: plan.bodies.filter((b) => b.level === level.id) })).filter((x) => x.bodies.length > 0);
  const cadence = (c: string) => (c === 'any-time' ? (state.lang === 'ja' ? '随時' : 'any time') : state.lang === 'ja' ? '年度ごと' : 'each fiscal year');
  return h(
    'ol',
    { class: 'governance' },
    ...byLevel.map(({ level, bodies }) =>
      h(
        'li',
        {},
        h('h3', {}, level.name[state.lang]),
        h(
          'ul',
          {},
          ...bodies.map((b) => {
            const out = lines.filter((l) => l.from.id === b.id);
            return h(
              'li',
              {},
              h('span', { class: 'body-name' }, b.name[state.lang]),
              out.length > 0
                ? h(
                    'ul',
                    { class: 'flows' },
                    ...out.map((l) => h('li', {}, '→ ', l.to.name[state.lang], `（${cadence(l.flow.cadence)}）`, ' ', l.flow.content[state.lang])),
                  )
                : null,
            );
          }),
        ),
      ),
    ),
  );
}

function calendar(plan: Plan, fiscalYear: number): HTMLElement {
  const owed = obligations(plan, fiscalYear);
  const byFlow = new Map<string, typeof owed>();
  for (const o of owed) byFlow.set(o.flowId, [...(byFlow.get(o.flowId) ?? []), o]);
  return h(
    'div',
    { class: 'table-wrap calendar', tabindex: 0, role: 'region', 'aria-label': tr('calendar') },
    h(
      'table',
      {},
      h('caption', {}, `${tr('calendar')}：${formatFiscalYear(fiscalYear, 'era-gregorian', state.lang)}`),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, tr('due')), h('th', { scope: 'col' }, state.lang === 'ja' ? '報告' : 'Report'), h('th', { scope: 'col' }, tr('senders'))),
      ),
      h(
        'tbody',
        {},
        ...[...byFlow.values()]
          .sort((a, b) => (a[0]!.due < b[0]!.due ? -1 : 1))
          .map((list) => {
            const o = list[0]!;
            return h(
              'tr',
              {},
              h('td', {}, formatDate(o.due, state.lang === 'ja' ? 'ja' : 'en')),
              h('td', {}, tr('reportsTo', o.from.body.name[state.lang], o.to.body.name[state.lang]), h('br', {}), o.content[state.lang]),
              h('td', {}, String(list.length)),
            );
          }),
      ),
    ),
  );
}

function renderPlanIssues(issues: readonly PlanIssue[]): void {
  if (issues.length === 0) {
    replace(planIssuesEl);
    return;
  }
  replace(
    planIssuesEl,
    h(
      'ul',
      { class: 'issues' },
      ...issues.slice(0, MAX_LISTED_ISSUES).map((i) =>
        h('li', {}, h('span', { class: `sev sev-${i.severity}` }, SEVERITY_LABEL[i.severity][state.lang]), ' ', h('code', {}, i.path || '/'), ' ', i.message[state.lang]),
      ),
    ),
  );
}

async function loadPlanFile(file: File): Promise<void> {
  await busy(async () => {
    const text = await file.text();
    // Core reads the text (a byte-order mark, JSON that does not parse) as the CLI does.
    const r = await loadPlanText(text);
    renderPlanIssues(r.issues);
    const notJson = r.issues.find((i) => i.code === 'plan_not_json');
    if (notJson) {
      setStatus(notJson.message[state.lang], 'error');
      return;
    }
    if (!r.ok) {
      setStatus(tr('planInvalid', r.issues.length), 'error');
      return;
    }
    await applyPlan({ plan: r.value, json: text });
    render();
    renderPlanIssues(r.issues);
    setStatus(tr('planLoaded', r.value.name[state.lang]), 'ok');
  });
}

function planPanel(plan: Plan, source: 'preset' | 'workbook'): HTMLElement {
  const fy = h('select', {});
  options(fy, fiscalYearOptions(plan), defaultFiscalYear(plan));
  const cal = h('div', {}, calendar(plan, Number(fy.value)));
  fy.addEventListener('change', () => replace(cal, calendar(plan, Number(fy.value))));
  const file = h('input', { type: 'file', accept: '.json,application/json' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void loadPlanFile(f);
  });
  const reset = actionButton(tr('resetPlan'), () =>
    void busy(async () => {
      await applyPlan(null);
      render();
      setStatus(tr('planReset'), 'ok');
    }),
  );
  return h(
    'div',
    { class: 'stack' },
    h(
      'dl',
      { class: 'summary' },
      h('dt', {}, tr('planTitle')),
      h('dd', {}, plan.name[state.lang], ` (${plan.version})`),
      h('dt', {}, state.lang === 'ja' ? '出典' : 'Source'),
      h('dd', {}, source === 'preset' ? tr('planSourcePreset') : tr('planSourceWorkbook')),
    ),
    h('h2', {}, tr('governance')),
    governance(plan),
    h('h2', {}, tr('calendar')),
    field(tr('fiscalYear'), fy),
    cal,
    h('h2', {}, tr('loadPlan')),
    field(tr('loadPlan'), file),
    planIssuesEl,
    h('div', { class: 'actions' }, reset),
  );
}

// ---------------------------------------------------------------------------------------------
// Tabs and the page

const TABS: { id: string; label: StringKey }[] = [
  { id: 'create', label: 'tabCreate' },
  { id: 'validate', label: 'tabValidate' },
  { id: 'rollup', label: 'tabRollup' },
  { id: 'plan', label: 'tabPlan' },
  { id: 'import', label: 'tabImport' },
  { id: 'review', label: 'tabReview' },
];
let activeTab = 'create';

function selectTab(id: string, focus: boolean): void {
  activeTab = id;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    const on = tab.dataset.tab === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const panel of document.querySelectorAll<HTMLElement>('[role="tabpanel"]')) {
    panel.hidden = panel.dataset.tab !== id;
    const draw = panel.hidden ? undefined : undrawn.get(panel);
    if (draw) {
      undrawn.delete(panel);
      panel.appendChild(draw());
    }
  }
  // A message belongs to the tab that produced it; a new tab starts with a clean status line.
  if (!state.busy) setStatus('');
  // Sheets may have been added or renamed in Excel meanwhile: refresh the pickers (one sync).
  if ((id === 'validate' || id === 'rollup') && !state.busy && state.listing) void refreshListing().catch(() => undefined);
}

function tabs(): HTMLElement {
  const list = h('div', { role: 'tablist', 'aria-label': tr('tabsLabel'), class: 'tabs' });
  for (const tab of TABS)
    list.appendChild(
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${tab.id}`,
          'aria-controls': `panel-${tab.id}`,
          'data-tab': tab.id,
          onclick: () => selectTab(tab.id, false),
        },
        tr(tab.label),
      ),
    );
  list.addEventListener('keydown', (ev) => {
    const e = ev as KeyboardEvent;
    const i = TABS.findIndex((x) => x.id === activeTab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next >= 0) {
      e.preventDefault();
      selectTab(TABS[next]!.id, true);
    }
  });
  return list;
}

/** Panels whose content is drawn when their tab is first shown (the pane opens on one tab). */
const undrawn = new WeakMap<HTMLElement, () => HTMLElement>();

function panel(id: string, content: HTMLElement | (() => HTMLElement)): HTMLElement {
  const section = h('section', { role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, 'data-tab': id, tabindex: 0 });
  if (typeof content === 'function') undrawn.set(section, content);
  else section.appendChild(content);
  return section;
}

/** A panel drawn from a chunk loaded on first show: a busy placeholder until the chunk arrives. */
function lazyPanel(load: () => Promise<HTMLElement>): () => HTMLElement {
  return () => {
    const host = h('div', { 'aria-busy': 'true' }, h('p', { class: 'help' }, tr('working')));
    load()
      .then((el) => {
        host.removeAttribute('aria-busy');
        replace(host, el);
      })
      .catch((e: unknown) => setStatus(tr('failed', e instanceof Error ? e.message : String(e)), 'error'));
    return host;
  };
}

function render(): void {
  fiscalYearNow = null;
  const { plan, source } = activePlan();
  document.documentElement.lang = state.lang;
  document.title = tr('appTitle');
  replace(document.getElementById('app-title')!, tr('appTitle'));
  replace(document.getElementById('app-subtitle')!, tr('appSubtitle'));
  replace(
    document.getElementById('app')!,
    tabs(),
    panel('create', () => createPanel(plan)),
    panel('validate', validatePanel),
    panel('rollup', () => rollupPanel(plan)),
    panel('plan', () => planPanel(plan, source)),
    // The secretariat's panels use validation and the review state's schema: they load as a chunk
    // of their own when their tab is first shown, so the pane stays interactive without them.
    panel('import', lazyPanel(async () => (await import(/* webpackChunkName: "secretariat" */ './secretariat.js')).importPanel(kit()))),
    panel('review', lazyPanel(async () => (await import(/* webpackChunkName: "secretariat" */ './review-panel.js')).reviewPanel(kit()))),
  );
  fillSheetList();
  selectTab(activeTab, false);
}

/** What the secretariat's panels (secretariat.ts) borrow from the pane. */
function kit(): PaneKit {
  return { lang: state.lang, plan: () => activePlan().plan, tr, busy, setStatus, button: actionButton, refresh: refreshListing };
}

async function refreshListing(): Promise<void> {
  state.listing = await listWorkbook();
  fillValidateTargets();
  fillSheetList();
}

async function start(): Promise<void> {
  state.lang = langFromLocale(Office.context?.displayLanguage);
  // The preset's pane first; the workbook's reads follow (one Excel.run), and the pane is drawn
  // again only when the workbook carries a plan of its own.
  render();
  await busy(async () => {
    const { listing, planIssues, planChanged } = await openWorkbook();
    if (planChanged) render();
    if (planIssues.some((i) => i.severity === 'error')) renderPlanIssues(planIssues);
    state.listing = listing;
    fillValidateTargets();
    fillSheetList();
    setStatus(tr('ready'), 'ok');
  });
  // Fetch the operations while the user reads the pane, so that a first click rarely waits.
  void loadOperations().catch(() => undefined);
}

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    setStatus(tr('noExcel'), 'error');
    return;
  }
  void start();
});
