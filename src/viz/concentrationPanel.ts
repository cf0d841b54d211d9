/**
 * The concentration panel, the view a teacher projects: for every mineral and stage, this
 * month's HHI (a bar with the 1,800 "highly concentrated" mark), the top-3 share and who holds
 * it, and the change since month 0. A row is a button that selects its mineral and stage for
 * the other views.
 */
import { concentration, HIGHLY_CONCENTRATED } from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';
import { percent, pointsChange, shortName, signedInt, stageName, whole } from '../ui/format.ts';

export interface ConcentrationInput {
  results: RunResults | null;
  month: number;
  mineral: string;
  stage: string;
  /** Display names per mineral id. */
  mineralNames: ReadonlyMap<string, string>;
}

export interface ConcentrationPanel {
  update(input: ConcentrationInput): void;
}

export interface ConcentrationRow {
  good: number;
  mineral: string;
  stage: string;
  hhi: number;
  hhiChange: number;
  top3: string[];
  top3Share: number;
  top3Change: number;
  top1: string;
  top1Share: number;
}

/** One row per good: concentration in `month` and its change since month 0. */
export function concentrationRows(results: RunResults, month: number): ConcentrationRow[] {
  return results.meta.goods.map((g, good) => {
    const now = concentration(results, month, good);
    const start = concentration(results, 0, good);
    return {
      good,
      mineral: g.mineral,
      stage: g.stage,
      hhi: now.hhi,
      hhiChange: now.hhi - start.hhi,
      top3: now.top3.nodes,
      top3Share: now.top3.share,
      top3Change: now.top3.share - start.top3.share,
      top1: now.top1.node,
      top1Share: now.top1.share,
    };
  });
}

export function createConcentrationPanel(
  container: HTMLElement,
  onPick: (mineral: string, stage: string) => void,
): ConcentrationPanel {
  const table = document.createElement('table');
  table.className = 'concentration-table';
  const head = table.createTHead().insertRow();
  for (const [text, cls] of [
    ['Mineral, stage', ''],
    ['HHI', 'num'],
    ['Δ HHI', 'num'],
    ['Top 3', 'num'],
    ['Δ top 3', 'num'],
    ['Largest producers', ''],
  ]) {
    const th = document.createElement('th');
    th.textContent = text;
    th.scope = 'col';
    if (cls) th.className = cls;
    head.append(th);
  }
  const body = table.createTBody();
  const empty = document.createElement('p');
  empty.className = 'hint';
  empty.textContent = 'Run the scenario to see how concentrated each stage is.';
  container.append(empty, table);
  let lastKey = '';
  const ids = new WeakMap<RunResults, number>();
  let nextId = 1;

  return {
    update(input) {
      const results = input.results;
      let id = 0;
      if (results) {
        id = ids.get(results) ?? nextId++;
        ids.set(results, id);
      }
      // A completed month never changes: redraw only for another month, run or selection.
      const key = `${id}|${results?.monthsDone ? input.month : -1}|${input.mineral}|${input.stage}`;
      if (key === lastKey) return;
      lastKey = key;
      if (!results || results.monthsDone === 0) {
        empty.hidden = false;
        table.hidden = true;
        return;
      }
      empty.hidden = true;
      table.hidden = false;
      const rows = concentrationRows(results, Math.min(input.month, results.monthsDone - 1));
      const focused = document.activeElement as HTMLElement | null;
      const focusedGood = focused?.closest('tr')?.dataset.good;
      body.replaceChildren();
      let previousMineral = '';
      for (const r of rows) {
        const tr = body.insertRow();
        tr.dataset.good = String(r.good);
        tr.dataset.mineral = r.mineral;
        tr.dataset.stage = r.stage;
        if (r.mineral !== previousMineral) tr.className = 'first-of-mineral';
        if (r.mineral === input.mineral) tr.classList.add('is-mineral');
        if (r.mineral === input.mineral && r.stage === input.stage) tr.classList.add('is-selected');
        previousMineral = r.mineral;

        const name = tr.insertCell();
        const pick = document.createElement('button');
        pick.type = 'button';
        pick.className = 'link';
        const full = `${input.mineralNames.get(r.mineral) ?? r.mineral}, ${stageName(r.stage)}`;
        // The mineral's name once, on its first stage; later stages are indented.
        pick.textContent = tr.classList.contains('first-of-mineral') ? full : stageName(r.stage);
        if (!tr.classList.contains('first-of-mineral')) name.className = 'later-stage';
        pick.setAttribute('aria-label', `${full}: show in the map, Sankey and charts`);
        pick.addEventListener('click', () => onPick(r.mineral, r.stage));
        name.append(pick);

        const hhi = tr.insertCell();
        hhi.className = 'num hhi';
        const value = document.createElement('span');
        value.className = 'hhi-value';
        value.textContent = whole(r.hhi);
        const bar = document.createElement('span');
        bar.className = 'hhi-bar';
        const fill = document.createElement('span');
        fill.className = r.hhi >= HIGHLY_CONCENTRATED ? 'hhi-fill high' : 'hhi-fill';
        fill.style.width = `${Math.min(100, r.hhi / 100)}%`;
        const mark = document.createElement('span');
        mark.className = 'hhi-mark';
        mark.style.left = `${HIGHLY_CONCENTRATED / 100}%`;
        bar.append(fill, mark);
        hhi.append(bar, value);
        hhi.title = r.hhi >= HIGHLY_CONCENTRATED ? 'Highly concentrated (HHI ≥ 1,800)' : 'Below 1,800';

        const cell = (text: string, className: string) => {
          const td = tr.insertCell();
          td.className = className;
          td.textContent = text;
          return td;
        };
        cell(signedInt(r.hhiChange), 'num change');
        cell(percent(r.top3Share, 0), 'num');
        cell(pointsChange(r.top3Change), 'num change');
        cell(
          r.top3
            .map((code, i) => (i === 0 ? `${shortName(code)} ${percent(r.top1Share, 0)}` : shortName(code)))
            .join(', '),
          'holders',
        );
        if (String(r.good) === focusedGood) pick.focus();
      }
    },
  };
}
