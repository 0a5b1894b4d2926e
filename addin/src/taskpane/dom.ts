/**
 * A small DOM builder: elements from tag, attributes and children, text always through text
 * nodes. The pane never parses HTML, so nothing read from a workbook or a plan file can become
 * markup.
 */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | null | ((ev: Event) => void)>;

/**
 * Creates an element.
 *
 * @example
 * ```ts
 * h('button', { type: 'button', onclick: () => go() }, 'F12: ', message);
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

/** Appends children, strings as text nodes. */
export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** Options of a `<select>`. */
export function options(select: HTMLSelectElement, items: readonly { value: string; label: string }[], selected?: string): void {
  replace(select, ...items.map((i) => h('option', { value: i.value, selected: i.value === selected }, i.label)));
}

let idCounter = 0;
/** A unique element id for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field: `<div class="field"><label for>…</label>control</div>`. */
export function field(label: string, control: HTMLElement): HTMLDivElement {
  if (!control.id) control.id = uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}
