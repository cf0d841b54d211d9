/**
 * The research panel: four tabs — Compare, Ensemble, Sweep, Benchmark (GSIM) — under the time
 * series. A tab list in the ARIA pattern (one Tab stop; arrow keys, Home and End switch tabs).
 * Only the visible tab draws; jobs keep running in their workers while another tab is shown.
 */
import { el } from '../../present/dom.ts';
import type { AppState } from '../store.ts';
import { createCompareTab } from './compareTab.ts';
import { createEnsembleTab } from './ensembleTab.ts';
import { createPeTab } from './peTab.ts';
import { createSweepTab } from './sweepTab.ts';
import type { ResearchContext, ResearchTab } from './tab.ts';
import './research.css';

export interface ResearchSection {
  element: HTMLElement;
  update(state: AppState): void;
  /** Shows a tab by id (compare, ensemble, sweep, pe). */
  show(id: string): void;
  dispose(): void;
}

export function createResearchSection(context: ResearchContext): ResearchSection {
  const element = el('section', {
    className: 'panel panel-research',
    attrs: { 'aria-labelledby': 'research-title', id: 'research' },
  });
  element.append(
    el('h2', { text: 'Research: compare, ensembles, sweeps, benchmark', attrs: { id: 'research-title' } }),
  );
  const tabs: ResearchTab[] = [
    createCompareTab(context.store, context.mineralName),
    createEnsembleTab(context),
    createSweepTab(context),
    createPeTab(context),
  ];
  const list = el('div', {
    className: 'research-tabs',
    attrs: { role: 'tablist', 'aria-label': 'Research tools' },
  });
  let active = 0;
  const buttons = tabs.map((tab, i) => {
    const b = el('button', {
      text: tab.label,
      className: 'research-tab',
      attrs: {
        type: 'button',
        role: 'tab',
        id: `research-tab-${tab.id}`,
        'aria-controls': `research-panel-${tab.id}`,
      },
    });
    b.addEventListener('click', () => select(i));
    return b;
  });
  list.append(...buttons);
  list.addEventListener('keydown', (event) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (active + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (active + last) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    select(next);
    buttons[next].focus();
  });
  const panels = tabs.map((tab) => {
    const p = el('div', {
      className: 'research-tabpanel',
      attrs: {
        role: 'tabpanel',
        id: `research-panel-${tab.id}`,
        'aria-labelledby': `research-tab-${tab.id}`,
        'data-tab': tab.id,
      },
    });
    p.append(tab.element);
    return p;
  });
  element.append(list, ...panels);

  function select(index: number) {
    active = index;
    buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', String(i === index));
      b.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    context.store.requestFrame();
  }
  select(0);

  return {
    element,
    update(state) {
      // The embedded view hides the panel: nothing to draw then.
      const shown = !element.closest('.embed');
      tabs.forEach((tab, i) => {
        tab.update(state, shown && i === active);
      });
    },
    show(id) {
      const index = tabs.findIndex((t) => t.id === id);
      if (index >= 0) select(index);
    },
    dispose() {
      for (const tab of tabs) tab.dispose?.();
    },
  };
}
