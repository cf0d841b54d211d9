/**
 * Compare (issue #7, item 1): the current run beside a baseline — by default the status quo
 * with the same months, seed and agents (already run for the grey chart lines), or a run the
 * user pinned with "Pin this run as the baseline". For the mineral and stage the views show and
 * the selected zone: price differences, trade created and diverted per member, concentration
 * and self-sufficiency, and welfare in USD bn for the zone and the world.
 *
 * Computed on the main thread once per pair of finished runs and selection (a few
 * milliseconds: one pass over both runs for welfare, twelve months of flows for trade); never
 * while a run is still arriving.
 */

import { getOrMake, objectId } from '../../analysis/memo.ts';
import { type WelfareTable, welfareFor, welfareTable } from '../../analysis/welfare.ts';
import type { RunResults } from '../../engine/results.ts';
import { button, el, selectBox, setText } from '../../present/dom.ts';
import {
  monthLabel,
  percent,
  shortName,
  signedBillions,
  signedPercent,
  signedPoints,
  signedTonnes,
  signedWhole,
  stageName,
  tonnes,
  whole,
} from '../../present/format.ts';
import { type Comparison, compareRuns, comparisonNotes } from '../../research/compare.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { displayName } from '../scenarioOrigin.ts';
import { type AppState, activeZone, runName, type Store } from '../store.ts';
import { dataTable } from './common.ts';
import type { ResearchTab } from './tab.ts';

interface PinnedRun {
  results: RunResults;
  scenario: Scenario;
}

/** Welfare tables per pair of runs (both finished, so they never change). */
const welfareTables = new WeakMap<RunResults, WeakMap<RunResults, WelfareTable>>();
function welfareOf(baseline: RunResults, scenario: RunResults): WelfareTable {
  const byScenario = getOrMake(welfareTables, baseline, () => new WeakMap<RunResults, WelfareTable>());
  return getOrMake(byScenario, scenario, () => welfareTable(baseline, scenario));
}

/** A run with every month in (a finished run, or a pinned one). */
const complete = (r: RunResults | null): r is RunResults => !!r && r.monthsDone >= r.meta.months;
const missingMonths = (r: RunResults) => `${r.monthsDone} of ${r.meta.months} months`;

export function createCompareTab(store: Store, mineralName: (id: string) => string): ResearchTab {
  let pinned: PinnedRun | null = null;
  let usePinned = false;

  const pin = button(
    'Pin this run as the baseline',
    () => {
      const { results, scenario, resultsScenario } = store.state;
      if (!complete(results)) return;
      pinned = { results, scenario: structuredClone(resultsScenario ?? scenario) };
      usePinned = true;
      store.requestFrame();
    },
    'small',
  );
  pin.id = 'compare-pin';
  const unpin = button(
    'Unpin',
    () => {
      pinned = null;
      usePinned = false;
      store.requestFrame();
    },
    'small',
  );
  unpin.id = 'compare-unpin';
  const choice = selectBox(
    [
      { value: 'status-quo', label: 'the status quo (same months, seed and agents)' },
      { value: 'pinned', label: 'the pinned run' },
    ],
    'status-quo',
    { id: 'compare-baseline' },
  );
  choice.addEventListener('change', () => {
    usePinned = choice.value === 'pinned' && pinned !== null;
    store.requestFrame();
  });
  const pinnedText = el('span', { className: 'hint', attrs: { id: 'compare-pinned' } });
  const status = el('p', {
    className: 'panel-caption',
    attrs: { id: 'compare-status', 'aria-live': 'polite' },
  });
  const notes = el('ul', { className: 'research-notes', attrs: { id: 'compare-notes' } });
  const results = el('div', { className: 'compare-results' });

  const element = el('div', { className: 'compare-tab' }, [
    el('p', {
      className: 'hint',
      text: 'Compares the current run with a baseline: by default the status quo with the same months, seed and agents; or pin a finished run, change the scenario, run it, and compare the two. Mineral, stage and zone are the ones the views show.',
    }),
    el('div', { className: 'research-row' }, [
      el('label', { text: 'Baseline', attrs: { for: choice.id } }),
      choice,
      pin,
      unpin,
      pinnedText,
    ]),
    status,
    notes,
    results,
  ]);

  let shownKey = '';

  function baselineOf(state: AppState): {
    results: RunResults | null;
    scenario: Scenario | null;
    name: string;
  } {
    if (usePinned && pinned)
      return { results: pinned.results, scenario: pinned.scenario, name: displayName(pinned.scenario) };
    return { results: state.baseline, scenario: null, name: 'Status quo' };
  }

  function render(state: AppState, comparison: Comparison, baseline: RunResults, scenario: RunResults) {
    const zone = activeZone(state);
    const mineral = mineralName(state.view.mineral);
    const good = `${mineral}, ${stageName(state.view.stage)}`;
    const { from, to } = comparison.window;
    const span = `${monthLabel(from)}–${monthLabel(to - 1)}`;
    setText(
      status,
      `Model results: “${runName(state)}” against “${baselineOf(state).name}” over ${comparison.months} months; zone: ${zone.name}. Prices, trade, concentration and self-sufficiency of ${good} are monthly averages over ${span}; welfare adds up the whole run.`,
    );

    const change = (p: { baseline: number; scenario: number }) => [
      whole(p.baseline),
      whole(p.scenario),
      signedWhole(p.scenario - p.baseline),
      signedPercent(p.scenario / p.baseline - 1),
    ];
    const prices = dataTable(
      [['USD/t', 'baseline', 'scenario', 'change', '%']],
      [
        ['inside the zone', ...change(comparison.prices.zone)],
        ['outside the zone', ...change(comparison.prices.outside)],
        ['world (producers)', ...change(comparison.prices.world)],
      ],
      { id: 'compare-prices', className: 'numeric' },
    );

    const concentrationTable = dataTable(
      [['', 'baseline', 'scenario', 'change']],
      [
        [
          'HHI',
          whole(comparison.hhi.baseline),
          whole(comparison.hhi.scenario),
          signedWhole(comparison.hhi.scenario - comparison.hhi.baseline),
        ],
        [
          'top-3 share',
          percent(comparison.top3.baseline),
          percent(comparison.top3.scenario),
          signedPoints(comparison.top3.scenario - comparison.top3.baseline),
        ],
        [
          'top 3, last month',
          comparison.top3Nodes.baseline.map(shortName).join(', ') || '–',
          comparison.top3Nodes.scenario.map(shortName).join(', ') || '–',
          '',
        ],
        [
          'zone self-sufficiency',
          percent(comparison.selfSufficiency.baseline),
          percent(comparison.selfSufficiency.scenario),
          signedPoints(comparison.selfSufficiency.scenario - comparison.selfSufficiency.baseline),
        ],
      ],
      { id: 'compare-concentration', className: 'numeric' },
    );

    const cut = (name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name);
    const tradeRow = (r: Comparison['trade'][number], name: string) => [
      name,
      `${tonnes(r.fromMembers.baseline)} → ${tonnes(r.fromMembers.scenario)}`,
      signedTonnes(r.created),
      `${tonnes(r.fromOutside.baseline)} → ${tonnes(r.fromOutside.scenario)}`,
      signedTonnes(r.diverted),
    ];
    const trade = dataTable(
      [
        [
          '',
          { text: 'Imports from members, t/month', attrs: { colspan: '2' } },
          { text: 'Imports from non-members, t/month', attrs: { colspan: '2' } },
        ],
        ['Zone member', 'baseline → scenario', 'trade created', 'baseline → scenario', 'trade diverted'],
      ],
      comparison.trade.map((r) => tradeRow(r, shortName(r.node))),
      {
        id: 'compare-trade',
        className: 'numeric',
        foot: [tradeRow(comparison.tradeTotal, `${cut(zone.name)}, total`)],
      },
    );

    const table = welfareOf(baseline, scenario);
    const columns = [
      welfareFor(table, { members: zone.members, mineral: state.view.mineral }),
      welfareFor(table, { mineral: state.view.mineral }),
      welfareFor(table, { members: zone.members }),
      welfareFor(table),
    ];
    type Component = 'consumerSurplus' | 'producerSurplus' | 'revenue' | 'fiscalCost' | 'total';
    const welfareRow = (label: string, key: Component) => [
      label,
      ...columns.map((w) => signedBillions(w[key])),
    ];
    const welfare = dataTable(
      [
        ['', { text: mineral, attrs: { colspan: '2' } }, { text: 'all minerals', attrs: { colspan: '2' } }],
        ['USD bn', cut(zone.name), 'world', cut(zone.name), 'world'],
      ],
      [
        welfareRow('consumer surplus', 'consumerSurplus'),
        welfareRow('producer surplus', 'producerSurplus'),
        welfareRow('revenue', 'revenue'),
        welfareRow('fiscal cost', 'fiscalCost'),
      ],
      { id: 'compare-welfare', className: 'numeric', foot: [welfareRow('total', 'total')] },
    );

    results.replaceChildren(
      el('div', { className: 'compare-grid' }, [
        el('section', { attrs: { 'aria-label': 'Prices' } }, [
          el('h3', { text: `Prices: ${good}` }),
          el('div', { className: 'table-scroll' }, [prices]),
        ]),
        el('section', { attrs: { 'aria-label': 'Concentration and self-sufficiency' } }, [
          el('h3', { text: `Concentration and self-sufficiency: ${good}` }),
          el('div', { className: 'table-scroll' }, [concentrationTable]),
        ]),
      ]),
      el('section', { attrs: { 'aria-label': 'Welfare' } }, [
        el('h3', { text: 'Welfare against the baseline' }),
        el('p', {
          className: 'hint',
          text: 'Over the whole run; positive is a gain. Consumer surplus from the landed prices final consumers paid; producer surplus: the change in profits; revenue: tariffs, levies and licence fees; fiscal cost: subsidies, investment support and net stockpile purchases; total = consumers + producers + revenue − fiscal cost. Money spent elsewhere in the economy is not counted (partial equilibrium).',
        }),
        el('div', { className: 'table-scroll' }, [welfare]),
      ]),
      el('section', { attrs: { 'aria-label': 'Trade created and diverted' } }, [
        el('h3', { text: `Trade created and diverted: ${good}` }),
        el('p', {
          className: 'hint',
          text: 'Per zone member, largest change first. Trade created: more imports from other members; trade diverted: imports from non-members that fell (negative: they rose).',
        }),
        el('div', { className: 'table-scroll table-tall' }, [trade]),
      ]),
    );
  }

  return {
    id: 'compare',
    label: 'Compare',
    element,
    update(state, visible) {
      pin.disabled =
        !complete(state.results) || state.run.status !== 'done' || pinned?.results === state.results;
      unpin.disabled = pinned === null;
      const pinnedOption = choice.options[1];
      pinnedOption.disabled = pinned === null;
      pinnedOption.textContent = pinned
        ? `the pinned run: “${displayName(pinned.scenario)}”`
        : 'the pinned run (none yet)';
      const wanted = usePinned && pinned ? 'pinned' : 'status-quo';
      if (choice.value !== wanted) choice.value = wanted;
      setText(
        pinnedText,
        pinned
          ? `Pinned: “${displayName(pinned.scenario)}”, seed ${pinned.results.meta.seed}, ${whole(pinned.results.meta.agentCount)} agents, ${pinned.results.monthsDone} months.`
          : '',
      );
      if (!visible) return;

      const scenario = state.results;
      const baseline = baselineOf(state);
      const zone = activeZone(state);
      const key = [
        objectId(scenario),
        scenario?.monthsDone,
        state.run.status,
        objectId(baseline.results),
        baseline.results?.monthsDone,
        state.view.mineral,
        state.view.stage,
        zone.members.join(),
        zone.name,
      ].join('|');
      if (key === shownKey) return;
      shownKey = key;

      notes.replaceChildren();
      if (!complete(scenario) || state.run.status !== 'done') {
        setText(status, 'Run the scenario to the end to compare it with the baseline.');
        results.replaceChildren();
        return;
      }
      const b = baseline.results;
      if (!complete(b)) {
        setText(
          status,
          baseline.results
            ? `Waiting for the status quo run (${missingMonths(baseline.results)})…`
            : 'Waiting for the status quo run…',
        );
        results.replaceChildren();
        return;
      }
      const good = scenario.meta.goods.findIndex(
        (g) => g.mineral === state.view.mineral && g.stage === state.view.stage,
      );
      const comparison = compareRuns(b, scenario, { good, members: zone.members });
      const describe = (r: RunResults) => ({
        months: r.meta.months,
        seed: r.meta.seed,
        resolution: r.meta.agentCount,
        monthsDone: r.monthsDone,
      });
      for (const note of comparisonNotes(describe(b), describe(scenario)))
        notes.append(el('li', { text: note }));
      if (b === scenario)
        notes.append(el('li', { text: 'The baseline is this very run: every difference is zero.' }));
      render(state, comparison, b, scenario);
    },
  };
}
