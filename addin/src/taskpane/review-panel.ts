/**
 * The 審査 (review) panel: who acts, the returns taken in with their status, history and the acts
 * core allows (check, accept, send back with a reason and the e-mail text), a meeting, the year's
 * confirmation, the log of confirmations and changes, and the receiving body's verification. Every
 * act goes through app/review.ts, i.e. core's workflow; a refusal shows core's reason.
 */
import { fiscalYearOf, formatFiscalYear, sendBackNotice, STATUS_LABEL, todayIn, unitsAt, type ActionContext, type Actor, type Plan, type ReviewState } from '@sasaeai/core';
import {
  createVerificationSheet,
  hasVerification,
  missingReports,
  openReview,
  readVerificationSheet,
  reviewAct,
  writeUnitReport,
  type ReviewAct,
  type ReviewOutcome,
  type ReviewView,
} from '../app/review.js';
import { field, h, options, replace, uid } from './dom.js';
import type { PaneKit } from './secretariat.js';

/** Bodies that receive returns or hold a receiver's meetings: who reviews. */
function reviewingBodies(plan: Plan) {
  const receivers = new Set(plan.flows.filter((f) => f.template !== undefined).map((f) => f.to));
  return plan.bodies.filter((b) => receivers.has(b.id) || (b.holdsMeetingsOf ?? []).some((x) => receivers.has(x)));
}

function defaultBody(plan: Plan): string {
  const bodies = reviewingBodies(plan);
  return (bodies.find((b) => (b.holdsMeetingsOf ?? []).length > 0) ?? bodies[0] ?? plan.bodies[0]!).id;
}

/**
 * The review panel.
 *
 * @example
 * ```ts
 * panel('review', reviewPanel(kit));
 * ```
 */
export function reviewPanel(kit: PaneKit): HTMLElement {
  const plan = kit.plan();
  const lang = kit.lang;
  const who = h('input', { type: 'text', id: 'review-who', autocomplete: 'off', value: '' });
  const body = h('select', { id: 'review-body' });
  options(
    body,
    reviewingBodies(plan).map((b) => ({ value: b.id, label: b.name[lang] })),
    defaultBody(plan),
  );
  const unit = h('select', { id: 'review-unit' });
  const fillUnits = () => {
    const b = plan.bodies.find((x) => x.id === body.value);
    const units = b?.perUnit ? unitsAt(plan, b.level) : [];
    options(unit, units.length > 0 ? units.map((u) => ({ value: u.code, label: u.name[lang] })) : [{ value: '', label: kit.tr('reviewNoUnit') }]);
  };
  body.addEventListener('change', fillUnits);
  fillUnits();
  const fy = h('select', { id: 'review-fy' });
  const thisYear = fiscalYearOf(todayIn(plan.timeZone), plan.fiscalYear);
  const years: number[] = [];
  for (const term of plan.terms) for (let y = term.startFiscalYear; y <= term.endFiscalYear; y++) years.push(y);
  if (!years.includes(thisYear)) years.push(thisYear);
  options(
    fy,
    years.sort((a, b) => a - b).map((y) => ({ value: String(y), label: formatFiscalYear(y, 'era-gregorian', lang) })),
    String(thisYear - 1 >= (years[0] ?? thisYear) ? thisYear - 1 : thisYear),
  );
  const why = h('input', { type: 'text', id: 'review-why', autocomplete: 'off' });
  const content = h('div', { class: 'stack', id: 'review-content' });
  // When something was recorded, in the plan's time zone (the record keeps the instant in UTC).
  const when = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: plan.timeZone, dateStyle: 'short', timeStyle: 'short' });
  const at = (iso: string) => when.format(new Date(iso));

  let view: ReviewView | null = null;
  const actor = (): Actor => {
    const a: Actor = { id: who.value.trim() || 'staff', body: body.value };
    if (unit.value) a.unit = unit.value;
    return a;
  };
  const ctx = (): ActionContext => {
    const c: ActionContext = { actor: actor(), now: () => new Date() };
    if (why.value.trim()) c.reason = why.value.trim();
    return c;
  };
  /** The unit whose year is confirmed: the acting unit, else the only receiving unit. */
  const scopeUnit = (): string => unit.value || plan.units.find((u) => u.parent === undefined)?.code || '';

  const shown = (r: ReviewOutcome, what: string): boolean => {
    if (!r.ok) {
      kit.setStatus(kit.tr('reviewRefused', what, r.reason[lang]), 'error');
      return false;
    }
    view = r.view;
    kit.setStatus(kit.tr('reviewDone', what), 'ok');
    draw();
    return true;
  };
  const act = (a: ReviewAct, what: string, then?: () => void) =>
    void kit.busy(async () => {
      if (shown(await reviewAct(plan, a, ctx()), what)) then?.();
    });

  const notice = h('textarea', { id: 'review-notice', readonly: true, rows: 8, 'aria-label': kit.tr('reviewNotice') });
  const noticeBox = h(
    'div',
    { class: 'notice', hidden: true },
    h('h3', {}, kit.tr('reviewNotice')),
    notice,
    h('div', { class: 'actions' }, kit.button(kit.tr('reviewCopy'), () => {
      notice.select();
      void navigator.clipboard?.writeText(notice.value).then(() => kit.setStatus(kit.tr('reviewCopied'), 'ok'), () => undefined);
    })),
  );

  function returnItem(state: ReviewState, r: ReviewView['returns'][number]): HTMLElement {
    const e = state.returns[r.submissionId];
    const status = e ? STATUS_LABEL[e.status][lang] : kit.tr('reviewStatusNone');
    const reason = h('input', { type: 'text', 'aria-label': `${kit.tr('reviewReason')}：${r.name}`, class: 'send-back-reason' });
    const withErrors = h('input', { type: 'checkbox', id: uid('we') });
    const history = (e?.history ?? []).map((ev) =>
      h('li', {}, `${at(ev.at)} ${ev.by.name ?? ev.by.id}：${ev.from ? STATUS_LABEL[ev.from][lang] : '—'} → ${STATUS_LABEL[ev.to][lang]}${ev.reason ? `（${ev.reason}）` : ''}`),
    );
    return h(
      'li',
      { class: 'review-return', 'data-id': r.submissionId, 'data-status': e?.status ?? 'none' },
      h('h3', {}, r.name, ' ', h('span', { class: 'status' }, status)),
      h('p', { class: 'help' }, r.tag.source, ' · ', kit.tr('reviewErrors', r.result.summary.errors)),
      h(
        'div',
        { class: 'actions' },
        kit.button(kit.tr('reviewCheck'), () => act({ kind: 'check', id: r.submissionId }, `${kit.tr('reviewCheck')} ${r.name}`)),
        kit.button(kit.tr('reviewAccept'), () => act({ kind: 'accept', id: r.submissionId, withErrors: withErrors.checked }, `${kit.tr('reviewAccept')} ${r.name}`)),
      ),
      h('div', { class: 'check' }, withErrors, h('label', { for: withErrors.id }, kit.tr('reviewAcceptErrors'))),
      field(kit.tr('reviewReason'), reason),
      h(
        'div',
        { class: 'actions' },
        kit.button(kit.tr('reviewSendBack'), () =>
          act({ kind: 'send-back', id: r.submissionId, reason: reason.value }, `${kit.tr('reviewSendBack')} ${r.name}`, () => {
            const entry = view?.state.returns[r.submissionId];
            if (!entry) return;
            const n = sendBackNotice(plan, entry, lang);
            notice.value = `${n.subject}\n\n${n.body}`;
            noticeBox.hidden = false;
          }),
        ),
      ),
      history.length > 0 ? h('details', {}, h('summary', {}, kit.tr('reviewHistory')), h('ul', { class: 'history' }, ...history)) : null,
    );
  }

  function meetingSection(): HTMLElement {
    const date = h('input', { type: 'date', id: 'meeting-date' });
    const agenda = h('input', { type: 'text', id: 'meeting-agenda' });
    return h(
      'section',
      { class: 'stack' },
      h('h2', {}, kit.tr('reviewMeeting')),
      field(kit.tr('reviewMeetingDate'), date),
      field(kit.tr('reviewAgenda'), agenda),
      h(
        'div',
        { class: 'actions' },
        kit.button(kit.tr('reviewRecordMeeting'), () =>
          act({ kind: 'meeting', ward: scopeUnit(), fiscalYear: Number(fy.value), date: date.value, agenda: agenda.value ? [agenda.value] : [] }, kit.tr('reviewRecordMeeting')),
        ),
      ),
    );
  }

  function confirmSection(v: ReviewView): HTMLElement {
    const ward = scopeUnit();
    const year = Number(fy.value);
    const meetings = v.state.meetings.filter((m) => m.ward === ward && m.fiscalYear === year);
    const pick = h('select', { id: 'confirm-meeting' });
    options(pick, meetings.length > 0 ? meetings.map((m) => ({ value: m.id, label: `${m.date} ${m.agenda.join('・')}` })) : [{ value: '', label: kit.tr('reviewNoMeeting') }]);
    let missing: { id: string; from: { ja: string; en: string } }[] = [];
    try {
      missing = ward ? missingReports(plan, v, ward, year) : [];
    } catch {
      missing = [];
    }
    const ack = h('input', { type: 'checkbox', id: uid('ack') });
    return h(
      'section',
      { class: 'stack' },
      h('h2', {}, kit.tr('reviewConfirmTitle')),
      field(kit.tr('reviewMeetingPick'), pick),
      missing.length > 0 ? h('div', { class: 'check' }, ack, h('label', { for: ack.id }, kit.tr('reviewAckMissing', missing.map((m) => m.from[lang]).join('、')))) : null,
      h(
        'div',
        { class: 'actions' },
        kit.button(kit.tr('reviewConfirm'), () =>
          act({ kind: 'confirm', ward, fiscalYear: year, meetingId: pick.value, acknowledgeMissing: ack.checked ? missing.map((m) => m.id) : [] }, kit.tr('reviewConfirm')),
        ),
      ),
    );
  }

  function logSection(state: ReviewState): HTMLElement {
    const items = [
      ...state.confirmations.map((c) => h('li', { class: 'confirmation' }, kit.tr('reviewConfirmed', c.meetingDate, c.by.name ?? c.by.id, at(c.at)))),
      ...state.changes.map((c) =>
        h('li', { class: 'change' }, kit.tr('reviewChange', at(c.at), c.by.name ?? c.by.id, c.from ? STATUS_LABEL[c.from][lang] : '—', STATUS_LABEL[c.to][lang], c.reason), ` [${c.submissionId}]`),
      ),
    ];
    return h('section', { class: 'stack', id: 'review-log' }, h('h2', {}, kit.tr('reviewLog')), items.length > 0 ? h('ul', {}, ...items) : h('p', { class: 'help' }, kit.tr('reviewNoLog')));
  }

  function verificationSection(v: ReviewView): HTMLElement | null {
    const ward = scopeUnit();
    const year = Number(fy.value);
    let declared = false;
    try {
      declared = ward !== '' && hasVerification(plan, ward, year, v);
    } catch {
      declared = false;
    }
    const out = h('div', { id: 'verification-result', 'aria-live': 'polite' });
    return h(
      'section',
      { class: 'stack' },
      h('h2', {}, kit.tr('verificationTitle')),
      h(
        'div',
        { class: 'actions' },
        declared
          ? kit.button(kit.tr('verificationCreate'), () =>
              void kit.busy(async () => {
                const r = await createVerificationSheet(plan, lang, { ward, fiscalYear: year });
                if ('refused' in r) kit.setStatus(r.refused[lang], 'error');
                else kit.setStatus(kit.tr(r.existed ? 'verificationExists' : 'verificationCreated', r.sheet), 'ok');
                await kit.refresh();
              }),
            )
          : null,
        declared
          ? kit.button(kit.tr('verificationRead'), () =>
              void kit.busy(async () => {
                const r = await readVerificationSheet(plan, { ward, fiscalYear: year });
                if (!r) {
                  kit.setStatus(kit.tr('verificationNone'), 'error');
                  return;
                }
                const subjects = new Set(r.result.records.filter((x) => Object.values(x.values).some((y) => y !== null)).map((x) => x.subject)).size;
                replace(out, h('ul', { class: 'issues' }, ...r.result.issues.map((i) => h('li', {}, h('span', { class: 'cell' }, i.cell ?? ''), ' ', i.message[lang]))));
                kit.setStatus(kit.tr('verificationResult', subjects, r.result.issues.length), r.result.issues.some((i) => i.severity === 'error') ? 'error' : 'ok');
              }),
            )
          : null,
        kit.button(
          kit.tr('unitReport'),
          () =>
            void kit.busy(async () => {
              const r = await writeUnitReport(plan, lang, { ward, fiscalYear: year });
              if (!r.ok) {
                kit.setStatus(r.reason[lang], 'error');
                return;
              }
              kit.setStatus(kit.tr('unitReportWritten', r.sheets.length, r.verificationIssues.length, r.sheets.join('、')), 'ok');
              await kit.refresh();
            }),
          { primary: true },
        ),
      ),
      out,
    );
  }

  function draw(): void {
    if (!view) {
      replace(content);
      return;
    }
    const v = view;
    replace(
      content,
      h('h2', {}, kit.tr('reviewReturns')),
      v.returns.length === 0 ? h('p', { class: 'help' }, kit.tr('reviewNoReturns')) : h('ul', { class: 'review-returns' }, ...v.returns.map((r) => returnItem(v.state, r))),
      noticeBox,
      meetingSection(),
      confirmSection(v),
      verificationSection(v),
      logSection(v.state),
    );
  }

  const load = kit.button(
    kit.tr('reviewLoad'),
    () =>
      void kit.busy(async () => {
        const r = await openReview(plan);
        if (!r.ok) {
          kit.setStatus(r.reason[lang], 'error');
          return;
        }
        view = r.view;
        draw();
        kit.setStatus(kit.tr('ready'), 'ok');
      }),
    { primary: true },
  );
  fy.addEventListener('change', draw);
  unit.addEventListener('change', draw);
  return h(
    'div',
    { class: 'stack' },
    h('p', { class: 'help' }, kit.tr('reviewHelp')),
    field(kit.tr('reviewWho'), who),
    field(kit.tr('reviewBody'), body),
    field(kit.tr('reviewUnit'), unit),
    field(kit.tr('fiscalYear'), fy),
    field(kit.tr('reviewWhy'), why),
    h('div', { class: 'actions' }, load),
    content,
  );
}
