/**
 * Benchmark (issue #7, item 5; MODEL.md §8): the GSIM partial-equilibrium model solved for the
 * scenario's border measures on the calibration flows of the good the views show, beside what
 * the agents did in the same scenario against the status quo. Solved in a research worker
 * (a solve takes 0.1–0.3 s) from a slim copy of the two runs, once per pair of runs and good.
 */

import { objectId } from '../../analysis/memo.ts';
import { welfareFor, welfareTable } from '../../analysis/welfare.ts';
import type { RunResults } from '../../engine/results.ts';
import type { ResearchPool } from '../../parallel/researchPool.ts';
import { button, el, setText } from '../../present/dom.ts';
import { monthLabel, shortName, signedMillions, signedPercent, stageName } from '../../present/format.ts';
import type { PeComparison } from '../../research/peScenario.ts';
import { PE_LIMITATIONS, peRows, peSummary, peWarnings } from '../../research/peTable.ts';
import { slimForPe } from '../../research/service.ts';
import { statusQuoFor } from '../runSession.ts';
import { type AppState, runName } from '../store.ts';
import { type Cell, dataTable } from './common.ts';
import type { ResearchContext, ResearchTab } from './tab.ts';

/** Rows shown before "Show all". */
const FIRST_ROWS = 15;
/** The agents' side covers the last year of the runs, like their price and export changes. */
const AGENT_MONTHS = 12;

const complete = (r: RunResults | null): r is RunResults => !!r && r.monthsDone >= r.meta.months;

export function createPeTab(context: ResearchContext): ResearchTab {
  const { store } = context;
  let pool: ResearchPool | null = null;
  let requested = '';
  let solved: { key: string; comparison: PeComparison; run: RunResults; baseline: RunResults } | null = null;
  let failure: { key: string; message: string } | null = null;
  let showAll = false;

  const status = el('p', { className: 'panel-caption', attrs: { id: 'pe-status', 'aria-live': 'polite' } });
  const summary = el('div', { className: 'pe-summary', attrs: { id: 'pe-summary' } });
  const tableHost = el('div', { className: 'table-scroll' });
  const more = button(
    'Show all regions',
    () => {
      showAll = !showAll;
      shownKey = '';
      store.requestFrame();
    },
    'small',
  );
  more.id = 'pe-more';
  more.hidden = true;
  const notes = el('ul', { className: 'research-notes', attrs: { id: 'pe-notes' } });
  const tableNote = el('p', { className: 'hint', attrs: { id: 'pe-table-note' } });
  const element = el('div', { className: 'pe-tab' }, [
    el('p', {
      className: 'hint',
      text: 'The textbook benchmark for a tariff experiment (GSIM, Francois and Hall): one good, an Armington model on the status quo’s first-year flows, with the scenario’s tariffs, floor levies and export controls as tariff changes. Beside it, what the agents did in the last 12 months of the run, against the status quo.',
    }),
    status,
    summary,
    tableHost,
    tableNote,
    el('div', { className: 'research-row' }, [more]),
    el('h3', { text: 'What GSIM leaves out' }),
    notes,
  ]);

  function solve(key: string, state: AppState, run: RunResults, baseline: RunResults, good: number) {
    if (!context.createPool) {
      failure = { key, message: 'The benchmark needs a research worker, which this page does not have.' };
      return;
    }
    pool ??= context.createPool(1);
    requested = key;
    const scenario = structuredClone(state.scenario);
    pool
      .run((worker) =>
        worker.peComparison({
          statusQuo: statusQuoFor(scenario),
          scenario,
          good,
          baseline: slimForPe(baseline),
          run: slimForPe(run),
        }),
      )
      .then(
        (comparison) => {
          if (requested === key) solved = { key, comparison, run, baseline };
        },
        (error: unknown) => {
          if (requested === key) failure = { key, message: (error as Error)?.message ?? String(error) };
        },
      )
      .finally(() => store.requestFrame());
  }

  function render(comparison: PeComparison, run: RunResults, baseline: RunResults) {
    const { mineral, stage } = comparison.good;
    const last = Math.min(run.monthsDone, baseline.monthsDone);
    const from = Math.max(0, last - AGENT_MONTHS);
    const table = welfareTable(baseline, run, { from });
    const agentsWelfare = (region: string) =>
      welfareFor(table, { members: [region], mineral, stage }).total / 1e6;
    const rows = peRows(comparison, agentsWelfare);
    const s = peSummary(comparison);
    const good = `${context.mineralName(mineral)}, ${stageName(stage)}`;
    setText(
      status,
      `GSIM benchmark of “${runName(store.state)}” for ${good}: ${comparison.input.regions.length} regions, tariffs after as in force at month ${comparison.policyMonth}; agents over ${monthLabel(from)}–${monthLabel(last - 1)}, against the status quo.`,
    );
    summary.replaceChildren(
      el('dl', { className: 'pe-figures' }, [
        el('dt', { text: 'World price change, GSIM' }),
        el('dd', { text: signedPercent(s.peWorldPrice, 2), attrs: { 'data-source': 'pe' } }),
        el('dt', { text: 'World price change, agents' }),
        el('dd', { text: signedPercent(s.agentsWorldPrice, 2), attrs: { 'data-source': 'agents' } }),
        el('dt', { text: 'World welfare change, GSIM' }),
        el('dd', { text: `${signedMillions(s.peWelfare)} USD M a year`, attrs: { 'data-source': 'pe' } }),
        el('dt', { text: 'World welfare change, agents' }),
        el('dd', {
          text: `${signedMillions(welfareFor(table, { mineral, stage }).total / 1e6)} USD M over 12 months`,
          attrs: { 'data-source': 'agents' },
        }),
      ]),
    );
    const pe = (text: string): Cell => ({ text, className: 'pe-col', attrs: { 'data-source': 'pe' } });
    const agents = (text: string): Cell => ({
      text,
      className: 'agents-col',
      attrs: { 'data-source': 'agents' },
    });
    const group = (text: string, span: number, source: string): Cell => ({
      text,
      attrs: { colspan: String(span), 'data-source': source },
    });
    const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
    tableHost.replaceChildren(
      dataTable(
        [
          [
            '',
            group('World price change', 2, 'both'),
            group('Exports change', 2, 'both'),
            group('GSIM welfare, USD M a year', 4, 'pe'),
            group('Agents, 12 months', 1, 'agents'),
          ],
          [
            'Region',
            pe('GSIM'),
            agents('agents'),
            pe('GSIM'),
            agents('agents'),
            pe('producers'),
            pe('consumers'),
            pe('tariffs'),
            pe('total'),
            agents('USD M'),
          ],
        ],
        shown.map((r) => [
          shortName(r.region),
          pe(signedPercent(r.price.pe)),
          agents(signedPercent(r.price.agents)),
          pe(signedPercent(r.exports.pe)),
          agents(signedPercent(r.exports.agents)),
          pe(signedMillions(r.pe.producerSurplus)),
          pe(signedMillions(r.pe.consumerSurplus)),
          pe(signedMillions(r.pe.tariffRevenue)),
          pe(signedMillions(r.pe.welfare)),
          agents(signedMillions(r.agentsWelfare)),
        ]),
        { id: 'pe-table', className: 'numeric pe-table' },
      ),
    );
    tableNote.textContent = `${good}: regions by base trade, largest first. GSIM exports are values at world prices, the agents’ are tonnes; “–”: the region sells or exports none of the good in the base. Welfare: producer and consumer surplus and tariff revenue; the agents’ is the same sum for this good (with subsidies and stockpiles) over the last 12 months.`;
    more.hidden = rows.length <= FIRST_ROWS;
    more.textContent = showAll ? `Show the first ${FIRST_ROWS}` : `Show all ${rows.length} regions`;
    const own = [...comparison.notes];
    if (!s.bordersChange)
      own.unshift(
        `The scenario changes no tariff, levy or export control on ${good}: GSIM predicts no change, so whatever the agents show comes from other levers (shocks, stockpiles, demand…).`,
      );
    for (const warning of peWarnings(comparison.pe.warnings)) own.push(`GSIM: ${warning}`);
    notes.replaceChildren(...[...own, ...PE_LIMITATIONS].map((text) => el('li', { text })));
  }

  let shownKey = '';

  return {
    id: 'pe',
    label: 'Benchmark (GSIM)',
    element,
    update(state, visible) {
      if (!visible) return;
      const run = state.results;
      const baseline = state.baseline;
      const good =
        run?.meta.goods.findIndex((g) => g.mineral === state.view.mineral && g.stage === state.view.stage) ??
        -1;
      const key = `${objectId(run)}|${objectId(baseline)}|${good}`;
      const ready = complete(run) && state.run.status === 'done' && complete(baseline);
      const drawKey = `${key}|${ready}|${solved?.key === key}|${failure?.key === key}|${showAll}|${baseline?.monthsDone}`;
      if (drawKey === shownKey) return;
      shownKey = drawKey;
      if (!ready || !run || !baseline) {
        setText(
          status,
          complete(run) && state.run.status === 'done'
            ? `Waiting for the status quo run${baseline ? ` (${baseline.monthsDone} of ${baseline.meta.months} months)` : ''}…`
            : 'Run the scenario to the end: the benchmark is solved beside the finished run.',
        );
        summary.replaceChildren();
        tableHost.replaceChildren();
        tableNote.textContent = '';
        notes.replaceChildren(...PE_LIMITATIONS.map((text) => el('li', { text })));
        more.hidden = true;
        return;
      }
      if (failure?.key === key) {
        setText(status, `The benchmark could not be solved: ${failure.message}`);
        return;
      }
      if (solved?.key !== key) {
        if (requested !== key) solve(key, state, run, baseline, good);
        setText(status, 'Solving the benchmark in a worker…');
        summary.replaceChildren();
        tableHost.replaceChildren();
        tableNote.textContent = '';
        return;
      }
      render(solved.comparison, solved.run, solved.baseline);
    },
    dispose() {
      pool?.dispose();
    },
  };
}
