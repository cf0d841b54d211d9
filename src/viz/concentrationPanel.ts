/**
 * The concentration panel, the view a teacher projects: for every mineral and stage, this
 * month's HHI (a bar with the 1,800 "highly concentrated" mark), the top-3 share and who holds
 * it, and the change since month 0. A row is a button that selects its mineral and stage for
 * the other views. With fourteen minerals (29 rows) the rows are grouped by use (batteries,
 * magnets, electronics, alloys, catalysts), each group under a heading row, as the mineral
 * picker is.
 */
import { MINERAL_USES, MINERALS } from '../data/minerals';
import { concentration, HIGHLY_CONCENTRATED } from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';
import { setText } from '../present/dom.ts';
import { percent, pointsChange, shortName, signedInt, stageName, whole } from '../present/format.ts';

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

/** Position of each mineral's use group (MINERAL_USES order); unknown minerals sort last. */
const USE_RANK = new Map(
  MINERALS.map((m) => [m.id as string, MINERAL_USES.findIndex((u) => u.id === m.use)] as const),
);
const USE_LABEL = new Map(
  MINERALS.map((m) => [m.id as string, MINERAL_USES.find((u) => u.id === m.use)?.label ?? '']),
);

/** The use-group heading a mineral's rows sit under ('' for a mineral the data do not list). */
export function useGroupOf(mineral: string): string {
  return USE_LABEL.get(mineral) ?? '';
}

/**
 * One row per good: concentration in `month` and its change since month 0. Rows are in use
 * order (batteries first), the goods' own order within a use, so each mineral's stages stay
 * together.
 */
export function concentrationRows(results: RunResults, month: number): ConcentrationRow[] {
  const rank = (mineral: string) => USE_RANK.get(mineral) ?? MINERAL_USES.length;
  const order = results.meta.goods
    .map((g, good) => ({ g, good }))
    .sort((a, b) => rank(a.g.mineral) - rank(b.g.mineral) || a.good - b.good);
  return order.map(({ g, good }) => {
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
  let builtFor = '';
  const cells: {
    tr: HTMLTableRowElement;
    hhi: HTMLElement;
    fill: HTMLElement;
    value: HTMLElement;
    hhiChange: HTMLElement;
    top3: HTMLElement;
    top3Change: HTMLElement;
    holders: HTMLElement;
  }[] = [];
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
      // The rows (one per good) are built once and then only their texts change, so a redraw
      // during a run costs no new elements.
      const goodsKey = results.meta.goods.map((g) => `${g.mineral}/${g.stage}`).join();
      if (goodsKey !== builtFor) {
        builtFor = goodsKey;
        body.replaceChildren();
        cells.length = 0;
        rows.forEach((r, i) => {
          const group = useGroupOf(r.mineral);
          if (group && (i === 0 || useGroupOf(rows[i - 1].mineral) !== group)) {
            const tr = body.insertRow();
            tr.className = 'use-group';
            const th = document.createElement('th');
            th.scope = 'colgroup';
            th.colSpan = 6;
            th.textContent = group;
            tr.append(th);
          }
          cells.push(buildRow(r, i === 0 || rows[i - 1].mineral !== r.mineral));
        });
      }
      rows.forEach((r, i) => {
        const c = cells[i];
        c.tr.classList.toggle('is-mineral', r.mineral === input.mineral);
        c.tr.classList.toggle('is-selected', r.mineral === input.mineral && r.stage === input.stage);
        setText(c.value, whole(r.hhi));
        c.fill.className = r.hhi >= HIGHLY_CONCENTRATED ? 'hhi-fill high' : 'hhi-fill';
        c.fill.style.width = `${Math.min(100, r.hhi / 100)}%`;
        c.hhi.title = r.hhi >= HIGHLY_CONCENTRATED ? 'Highly concentrated (HHI ≥ 1,800)' : 'Below 1,800';
        setText(c.hhiChange, signedInt(r.hhiChange));
        setText(c.top3, percent(r.top3Share, 0));
        setText(c.top3Change, pointsChange(r.top3Change));
        setText(
          c.holders,
          r.top3
            .map((code, k) => (k === 0 ? `${shortName(code)} ${percent(r.top1Share, 0)}` : shortName(code)))
            .join(', '),
        );
      });

      function buildRow(r: ConcentrationRow, first: boolean) {
        const tr = body.insertRow();
        tr.dataset.good = String(r.good);
        tr.dataset.mineral = r.mineral;
        tr.dataset.stage = r.stage;
        if (first) tr.className = 'first-of-mineral';
        const name = tr.insertCell();
        const pick = document.createElement('button');
        pick.type = 'button';
        pick.className = 'link';
        const full = `${input.mineralNames.get(r.mineral) ?? r.mineral}, ${stageName(r.stage)}`;
        // The mineral's name once, on its first stage; later stages are indented.
        pick.textContent = first ? full : stageName(r.stage);
        if (!first) name.className = 'later-stage';
        pick.setAttribute('aria-label', `${full}: show in the map, Sankey and charts`);
        pick.addEventListener('click', () => onPick(r.mineral, r.stage));
        name.append(pick);

        const hhi = tr.insertCell();
        hhi.className = 'num hhi';
        const bar = document.createElement('span');
        bar.className = 'hhi-bar';
        const fill = document.createElement('span');
        const mark = document.createElement('span');
        mark.className = 'hhi-mark';
        mark.style.left = `${HIGHLY_CONCENTRATED / 100}%`;
        bar.append(fill, mark);
        const value = document.createElement('span');
        value.className = 'hhi-value';
        hhi.append(bar, value);
        const cell = (className: string) => {
          const td = tr.insertCell();
          td.className = className;
          return td;
        };
        return {
          tr,
          hhi,
          fill,
          value,
          hhiChange: cell('num change'),
          top3: cell('num'),
          top3Change: cell('num change'),
          holders: cell('holders'),
        };
      }
    },
  };
}
