/**
 * Properties of a report made on first read, then kept as plain properties: most callers of a
 * roll-up read its figures, and the row refs and list items of a 100 000-row roll-up are most
 * of its objects.
 */

/**
 * @internal Gives `obj` an enumerable property `key` whose value `build` makes on first read;
 * after that read (or a write) it is an ordinary data property. Spreading, `JSON.stringify` and
 * deep comparison read it like any other property.
 * @example
 * ```ts
 * const list = lazyProperty({ id: 'x' }, 'items', () => [1, 2]);
 * list.items; // [1, 2], made now
 * ```
 */
export function lazyProperty<T extends object, K extends string, V>(obj: T, key: K, build: () => V): T & Record<K, V> {
  const settle = (value: V) => Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = build();
      settle(value);
      return value;
    },
    set: (value: V) => settle(value),
  });
  return obj as T & Record<K, V>;
}
