/**
 * The secretariat's 事務局 panels of the task pane: taking returned files in (取り込み) and the
 * review (審査). They get what they need from the pane through {@link PaneKit}, so taskpane.ts
 * wires them in with a few lines; the work itself is in app/.
 */
import type { Lang, Plan } from '@sasaeai/core';
import { canImport, importMessages, importReturns, type PickedFile } from '../app/import-returns.js';
import type { StringKey } from '../app/i18n.js';
import { field, h, replace } from './dom.js';

/** What a panel borrows from the pane. */
export interface PaneKit {
  lang: Lang;
  plan: () => Plan;
  tr: (key: StringKey, ...args: (string | number)[]) => string;
  busy: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  setStatus: (text: string, kind?: 'info' | 'error' | 'ok') => void;
  button: (label: string, onclick: () => void, opts?: { primary?: boolean }) => HTMLButtonElement;
  /** Refreshes the pane's sheet lists after sheets were added or removed. */
  refresh: () => Promise<void>;
}

async function picked(files: FileList): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  for (const f of Array.from(files)) {
    const p: PickedFile = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
    if (f.lastModified > 0) p.fileTime = new Date(f.lastModified).toISOString();
    out.push(p);
  }
  return out;
}

/**
 * The 取り込み panel: a multiple file picker, a button, and one line per file as it goes.
 *
 * @example
 * ```ts
 * panel('import', importPanel(kit));
 * ```
 */
export function importPanel(kit: PaneKit): HTMLElement {
  const input = h('input', { type: 'file', multiple: true, accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', id: 'import-files' });
  const log = h('ul', { class: 'import-log', id: 'import-log', 'aria-live': 'polite' });
  const unsupported = canImport() ? null : h('p', { class: 'help', role: 'note' }, kit.tr('importNeedsApi'));
  const go = kit.button(
    kit.tr('importRun'),
    () =>
      void kit.busy(async () => {
        if (!input.files || input.files.length === 0) {
          kit.setStatus(kit.tr('importChoose'), 'error');
          return;
        }
        if (!canImport()) {
          kit.setStatus(kit.tr('importNeedsApi'), 'error');
          return;
        }
        replace(log);
        const files = await picked(input.files);
        const items = new Map<number, HTMLLIElement>();
        const outcomes = await importReturns(kit.plan(), kit.lang, files, (i, n, name, o) => {
          if (!o) {
            kit.setStatus(kit.tr('importProgress', i, n, name));
            const li = h('li', { 'data-state': 'working' }, kit.tr('importProgress', i, n, name));
            items.set(i, li);
            log.appendChild(li);
            return;
          }
          const li = items.get(i)!;
          li.dataset.state = o.kind;
          replace(li, ...importMessages(o, kit.lang).flatMap((line, k) => (k === 0 ? [line] : [h('br', {}), line])));
        });
        const taken = outcomes.filter((o) => o.kind === 'taken').length;
        const bad = outcomes.some((o) => o.kind === 'failed' || o.kind === 'no-return');
        kit.setStatus(kit.tr('importDone', outcomes.length, taken), bad ? 'error' : 'ok');
        await kit.refresh();
      }),
    { primary: true },
  );
  return h('div', { class: 'stack' }, h('p', { class: 'help' }, kit.tr('importHelp')), unsupported, field(kit.tr('importFiles'), input), h('div', { class: 'actions' }, go), log);
}
