/**
 * Values computed once and kept beside what they were computed from (a run's results, a pair of
 * runs, a run's outcomes): views redraw every frame and must not recompute what cannot change.
 */

/** A Map or WeakMap. */
interface Store<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value at `key`, made by `make` and kept the first time it is asked for. */
export function getOrMake<K, V>(store: Store<K, V>, key: K, make: () => V): V {
  let value = store.get(key);
  if (value === undefined) {
    value = make();
    store.set(key, value);
  }
  return value;
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/**
 * A number per object, for the keys views compare to know whether to redraw: a new run with as
 * many months as the last still has a new number. 0 for none.
 */
export function objectId(value: object | null | undefined): number {
  return value ? getOrMake(ids, value, () => nextId++) : 0;
}
