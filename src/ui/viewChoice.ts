import { selectBox } from '../present/dom.ts';
import type { Store, ViewState } from './store.ts';

/** View settings that are one of a fixed set of strings (colour mode, Sankey period, ...). */
type ChoiceKey = {
  [K in keyof ViewState]: ViewState[K] extends string ? (string extends ViewState[K] ? never : K) : never;
}[keyof ViewState];

/**
 * A <select> bound to one view setting: it opens on the store's value and writes the chosen
 * option back. Only listed values reach the store, so the setting's type holds without casts.
 */
export function viewChoice<K extends ChoiceKey>(
  store: Store,
  key: K,
  options: readonly { value: ViewState[K]; label: string }[],
  id: string,
): HTMLSelectElement {
  const select = selectBox(options, store.state.view[key], { id });
  select.addEventListener('change', () => {
    const chosen = options.find((o) => o.value === select.value);
    if (!chosen) return;
    store.update((s) => {
      s.view[key] = chosen.value;
    });
  });
  return select;
}
