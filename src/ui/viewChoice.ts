import { selectBox } from '../present/dom.ts';
import type { Store, ViewState } from './store.ts';

/** View settings that are one of a fixed set of strings (colour mode, Sankey period, ...). */
type ChoiceKey = {
  [K in keyof ViewState]: ViewState[K] extends string ? (string extends ViewState[K] ? never : K) : never;
}[keyof ViewState];

/** The options of each such setting, in menu order, with the words the menus show. */
const CHOICES: { readonly [K in ChoiceKey]: readonly { value: ViewState[K]; label: string }[] } = {
  colourMode: [
    { value: 'zone', label: 'zone membership' },
    { value: 'role', label: 'role at the Ministerial' },
    { value: 'share', label: 'share of output' },
  ],
  clickMode: [
    { value: 'details', label: 'shows details' },
    { value: 'zone', label: 'adds or removes it in the zone' },
  ],
  sankeyPeriod: [
    { value: 'month', label: 'the month shown' },
    { value: 'year', label: 'the 12 months to the month shown' },
    { value: 'run', label: 'the whole run to the month shown' },
  ],
  sankeyUsers: [
    { value: 'countries', label: 'each country' },
    { value: 'zone', label: 'the zone and the rest' },
  ],
};

/**
 * A <select> (with the given element id) bound to one view setting: it opens on the store's
 * value and writes the chosen option back. Only listed values reach the store, so the
 * setting's type holds without casts.
 */
export function viewChoice<K extends ChoiceKey>(store: Store, key: K, id: string): HTMLSelectElement {
  const options: readonly { value: ViewState[K]; label: string }[] = CHOICES[key];
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
