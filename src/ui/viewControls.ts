/**
 * What every view looks at: the mineral, its stage, and the month (the latest by default, or
 * one the user picks with the slider, a chart click or the keyboard).
 */
import { MINERALS, mineralOptions } from '../data/minerals';
import { el, selectBox, setAttr, setText } from '../present/dom.ts';
import { monthLabel, stageName } from '../present/format.ts';
import { type AppState, type Store, shownMonth } from './store.ts';

export interface ViewControls {
  update(state: AppState): void;
}

export function stagesOf(mineral: string): { id: string; traded: boolean }[] {
  const m = MINERALS.find((x) => x.id === mineral) ?? MINERALS[0];
  return m.stages.map((s) => ({ id: s.id, traded: s.traded }));
}

export function createViewControls(container: HTMLElement, store: Store): ViewControls {
  container.classList.add('view-controls');
  const mineral = selectBox(mineralOptions(), store.state.view.mineral, { id: 'view-mineral' });
  const stage = el('select', { attrs: { id: 'view-stage' } });
  const month = el('input', {
    attrs: { type: 'range', id: 'view-month', min: '0', max: '0', step: '1', value: '0' },
  });
  const monthText = el('output', { attrs: { id: 'view-month-text', for: 'view-month' } });
  const latest = el('button', { text: 'Latest', attrs: { type: 'button', id: 'view-latest' } });

  const fillStages = (selected: string) => {
    stage.replaceChildren();
    for (const s of stagesOf(mineral.value)) {
      const option = el('option', { text: s.traded ? stageName(s.id) : `${stageName(s.id)} (not traded)` });
      option.value = s.id;
      option.selected = s.id === selected;
      stage.append(option);
    }
  };
  fillStages(store.state.view.stage);

  mineral.addEventListener('change', () => {
    const stages = stagesOf(mineral.value).map((s) => s.id);
    const current = store.state.view.stage;
    const next = stages.includes(current) ? current : stages.includes('refine') ? 'refine' : stages[0];
    fillStages(next);
    store.update((s) => {
      s.view.mineral = mineral.value;
      s.view.stage = next;
    });
  });
  stage.addEventListener('change', () =>
    store.update((s) => {
      s.view.stage = stage.value;
    }),
  );
  month.addEventListener('input', () => {
    const value = Number(month.value);
    const done = store.state.results?.monthsDone ?? 0;
    store.update((s) => {
      // Back at the newest month: follow the run again.
      s.view.month = value >= done - 1 && s.run.status === 'running' ? null : value;
    });
  });
  latest.addEventListener('click', () =>
    store.update((s) => {
      s.view.month = null;
    }),
  );

  const field = (label: string, forId: string, ...controls: HTMLElement[]) =>
    el('span', { className: 'view-field' }, [
      el('label', { text: label, attrs: { for: forId } }),
      ...controls,
    ]);
  container.append(
    field('Mineral', 'view-mineral', mineral),
    field('Stage', 'view-stage', stage),
    field('Month shown', 'view-month', month, monthText, latest),
  );

  let shownMineral = store.state.view.mineral;
  let shownStage = store.state.view.stage;
  return {
    update(state) {
      if (state.view.mineral !== shownMineral || state.view.stage !== shownStage) {
        mineral.value = state.view.mineral;
        fillStages(state.view.stage);
        shownMineral = state.view.mineral;
        shownStage = state.view.stage;
      }
      const done = state.results?.monthsDone ?? 0;
      const m = shownMonth(state);
      setAttr(month, 'max', String(Math.max(0, done - 1)));
      if (month.value !== String(m)) month.value = String(m);
      if (month.disabled !== (done === 0)) month.disabled = done === 0;
      setAttr(month, 'aria-valuetext', done ? `${monthLabel(m)}, month ${m}` : 'no months yet');
      setText(
        monthText,
        done
          ? `${monthLabel(m)} (month ${m})${state.view.month === null ? ', latest' : ''}`
          : 'no months yet',
      );
      if (latest.disabled !== (state.view.month === null)) latest.disabled = state.view.month === null;
    },
  };
}
