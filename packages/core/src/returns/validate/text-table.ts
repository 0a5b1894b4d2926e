/**
 * A table keyed by text, for the memos that the texts of a grid's cells are looked up in: the
 * outcome tables (validate/outcomes.ts) and the layout's memos.
 *
 * Speed: V8 keeps the keys of a dictionary object as its one shared (internalised) copy of each
 * text. The first look-up of a cell's text makes that cell's string point to the shared copy, and
 * every later look-up compares pointers. A `Map` compares the characters of two equal texts made
 * separately, which readers and Office.js hand over, on every look-up (the bench's 1.4M cells:
 * 50–56 ms of look-ups in `Map`s, 34 ms here).
 */
export class TextTable<V> {
  // No prototype: a text such as `constructor` or `__proto__` is a key like any other.
  private readonly byText = Object.create(null) as Record<string, V | undefined>;
  /** The number of texts in the table. */
  size = 0;

  /** The value kept for `text`; undefined for none. */
  get(text: string): V | undefined {
    return this.byText[text];
  }

  /** Keeps `value` (never undefined) for `text`. */
  set(text: string, value: V): void {
    if (this.byText[text] === undefined) this.size++;
    this.byText[text] = value;
  }
}
