/**
 * Ensemble (issue #7, item 2): N runs of the current scenario with seeds seed, seed + 1, …, and
 * optional ranges (any parameter path, low:high, drawn by a seeded Latin hypercube), run across
 * the research workers with a progress bar and a Cancel button. Charts show the median and the
 * 5–95% band of the chosen outcomes of the mineral and stage the views show, redrawn as runs
 * finish. The same scenario and settings always give the same runs (src/research/ensemble.ts),
 * which the command line reproduces with `--runs N --range path=low:high`.
 */

import { OUTCOME_ROWS, outcomeLabel } from '../../analysis/outcomes.ts';
import { zoneOf } from '../../data/groups';
import { button, el, setText } from '../../present/dom.ts';
import { stageName, whole } from '../../present/format.ts';
import {
  type EnsembleMember,
  type EnsembleRange,
  type EnsembleSpec,
  ensembleMembers,
} from '../../research/ensemble.ts';
import { bandsOf, runEnsemble } from '../../research/jobs.ts';
import { parsePath, suggestedPaths } from '../../research/paths.ts';
import { ensembleChart } from '../../viz/ensembleChart.ts';
import { OKABE_ITO } from '../../viz/palette.ts';
import { createTimeSeries, type TimeSeriesChart } from '../../viz/timeSeries.ts';
import type { AppState } from '../store.ts';
import { dataTable } from './common.ts';
import { createJobTab, type ResearchJob } from './jobTab.ts';
import type { ResearchContext, ResearchTab } from './tab.ts';

export const MAX_ENSEMBLE_RUNS = 50;

/** Outcomes charted until the user chooses others. */
const CHARTED_FIRST = new Set(['price.world', 'hhi', 'unmet']);

/**
 * The outcomes a user can chart, relative to the mineral (and stage) the views show: every
 * outcome row, a row of every stage as "of the stage shown", a row of named stages once per stage.
 */
const OUTCOME_CHOICES: readonly { key: string; label: string; checked: boolean; perStage?: boolean }[] =
  OUTCOME_ROWS.flatMap((row) => {
    if (row.stages === 'all')
      return [
        {
          key: row.id,
          label: `${row.name} of the stage shown`,
          checked: CHARTED_FIRST.has(row.id),
          perStage: true,
        },
      ];
    if (row.stages)
      return row.stages.map((stage) => ({
        key: `${row.id}.${stage}`,
        label: `${row.name} (${stageName(stage)})`,
        checked: false,
      }));
    return [{ key: row.id, label: row.name, checked: CHARTED_FIRST.has(row.id) }];
  });

function outcomeName(choice: { key: string; perStage?: boolean }, mineral: string, stage: string): string {
  return choice.perStage ? `${mineral}.${choice.key}.${stage}` : `${mineral}.${choice.key}`;
}

/** An ensemble's plan: its spec and the members (seeds and draws) it makes. */
interface EnsemblePlan {
  spec: EnsembleSpec;
  members: EnsembleMember[];
}

/** Rounds to four significant digits, for prefilled range ends. */
const round4 = (x: number) => Number(x.toPrecision(4));

export function createEnsembleTab(context: ResearchContext): ResearchTab {
  const { store } = context;
  let hover: number | null = null;
  const jobTab = createJobTab<EnsemblePlan>(context, {
    id: 'ensemble',
    label: 'Ensemble',
    runLabel: 'Run ensemble',
    noun: 'ensemble',
    unit: 'runs',
    offerPath: (p) => p.kind === 'number',
    plan(base) {
      const spec = readSpec();
      return { plan: { spec, members: ensembleMembers(base, spec) }, runs: spec.runs };
    },
    run: (base, plan, runner, arrived) =>
      runEnsemble(base, plan.spec, runner, (member, outcomes, done) => arrived(member.run, outcomes, done)),
    viewKey: (state) => [chosenOutcomes(state).join(), hover].join('|'),
    draw,
    started(job) {
      hover = null;
      drawMembers(job);
    },
  });
  const { controls, paths } = jobTab;

  const runsInput = el('input', {
    attrs: {
      type: 'number',
      id: 'ensemble-runs',
      min: '2',
      max: String(MAX_ENSEMBLE_RUNS),
      step: '1',
      value: '10',
    },
  });
  const rangeList = el('div', { className: 'range-list', attrs: { id: 'ensemble-ranges' } });
  let rangeCount = 0;

  function addRange(path = '', low = '', high = '') {
    const n = ++rangeCount;
    const pathInput = el('input', {
      className: 'range-path',
      attrs: {
        type: 'text',
        list: paths.id,
        id: `ensemble-range-path-${n}`,
        value: path,
        spellcheck: 'false',
      },
    });
    const lowInput = el('input', {
      className: 'range-low',
      attrs: { type: 'number', step: 'any', id: `ensemble-range-low-${n}`, value: low },
    });
    const highInput = el('input', {
      className: 'range-high',
      attrs: { type: 'number', step: 'any', id: `ensemble-range-high-${n}`, value: high },
    });
    // A known path fills in ±25% around the scenario's value when the ends are still empty.
    pathInput.addEventListener('change', () => {
      const known = suggestedPaths(store.state.scenario).find((p) => p.path === pathInput.value.trim());
      if (!known || typeof known.value !== 'number' || lowInput.value || highInput.value) return;
      const [a, b] = [known.value * 0.75, known.value * 1.25].sort((x, y) => x - y);
      lowInput.value = String(round4(a));
      highInput.value = String(round4(b));
    });
    const row = el('div', { className: 'range-row', attrs: { role: 'group', 'aria-label': `Range ${n}` } }, [
      el('label', { text: 'Path', attrs: { for: pathInput.id } }),
      pathInput,
      el('label', { text: 'from', attrs: { for: lowInput.id } }),
      lowInput,
      el('label', { text: 'to', attrs: { for: highInput.id } }),
      highInput,
    ]);
    const remove = button('Remove', () => row.remove(), 'small danger');
    remove.setAttribute('aria-label', `Remove range ${n}`);
    row.append(remove);
    rangeList.append(row);
    return row;
  }
  const addButton = button(
    'Add a range',
    () => {
      const row = addRange();
      row.querySelector<HTMLInputElement>('.range-path')?.focus();
    },
    'small',
  );
  addButton.id = 'ensemble-add-range';

  const outcomeBoxes = OUTCOME_CHOICES.map((choice) => {
    const box = el('input', {
      attrs: {
        type: 'checkbox',
        name: 'ensemble-outcome',
        value: choice.key,
        id: `ensemble-outcome-${choice.key.replace('.', '-')}`,
      },
    });
    box.checked = choice.checked;
    box.addEventListener('change', () => store.requestFrame());
    return { choice, box };
  });
  const outcomesField = el('fieldset', { className: 'outcome-choices' }, [
    el('legend', { text: 'Outcomes charted (mineral and stage as the views show)' }),
    ...outcomeBoxes.map(({ choice, box }) =>
      el('span', { className: 'outcome-choice' }, [
        box,
        el('label', { text: choice.label, attrs: { for: box.id } }),
      ]),
    ),
  ]);
  const caption = el('p', { className: 'panel-caption', attrs: { id: 'ensemble-caption' } });
  const chartGrid = el('div', { className: 'chart-grid ensemble-charts' });
  const membersBox = el('details', { className: 'ensemble-members' });
  const charts = new Map<string, TimeSeriesChart>();

  const element = el('div', { className: 'ensemble-tab' }, [
    el('p', {
      className: 'hint',
      text: 'Runs the current scenario N times with seeds seed, seed + 1, …: each run draws its own population of firms. Ranges vary parameters too (a Latin hypercube: each range cut into N equal strata, one draw in each). Same settings, same runs.',
    }),
    el('div', { className: 'research-row' }, [
      el('label', { text: 'Runs', attrs: { for: runsInput.id } }),
      runsInput,
      el('span', { className: 'hint', text: `2 to ${MAX_ENSEMBLE_RUNS}` }),
    ]),
    el('div', {
      className: 'research-subhead',
      text: 'Ranges (optional): a parameter path and its low and high values',
    }),
    rangeList,
    el('div', { className: 'research-row' }, [addButton]),
    paths,
    controls.element,
    outcomesField,
    caption,
    chartGrid,
    membersBox,
  ]);

  function readSpec(): EnsembleSpec {
    const runs = Number(runsInput.value);
    if (!(Number.isInteger(runs) && runs >= 2 && runs <= MAX_ENSEMBLE_RUNS))
      throw new Error(
        `Runs must be a whole number from 2 to ${MAX_ENSEMBLE_RUNS} (got ${runsInput.value || 'nothing'}).`,
      );
    const ranges: EnsembleRange[] = [];
    for (const row of rangeList.querySelectorAll<HTMLElement>('.range-row')) {
      const path = row.querySelector<HTMLInputElement>('.range-path')!.value.trim();
      const lowText = row.querySelector<HTMLInputElement>('.range-low')!.value;
      const highText = row.querySelector<HTMLInputElement>('.range-high')!.value;
      if (!path && !lowText && !highText) continue;
      parsePath(path);
      const low = Number(lowText);
      const high = Number(highText);
      if (lowText === '' || highText === '' || !Number.isFinite(low) || !Number.isFinite(high) || low > high)
        throw new Error(
          `${path}: give a low and a high value, low ≤ high (got ${lowText || '–'} and ${highText || '–'}).`,
        );
      ranges.push({ path, low, high });
    }
    return { runs, ranges };
  }

  function drawMembers(current: ResearchJob<EnsemblePlan>) {
    const { spec, members } = current.plan;
    const head = ['Run', 'seed', ...spec.ranges.map((r) => r.path)];
    const body = members.map((m) => [
      String(m.run + 1),
      String(m.seed),
      ...m.draws.map((d) => String(Number(d.toPrecision(6)))),
    ]);
    membersBox.replaceChildren(
      el('summary', { text: `Members: seeds and draws (${members.length} runs)` }),
      el('div', { className: 'table-scroll table-tall' }, [
        dataTable([head], body, { id: 'ensemble-members', className: 'numeric' }),
      ]),
    );
  }

  function draw(job: ResearchJob<EnsemblePlan> | null, state: AppState) {
    const { mineral, stage } = state.view;
    const chosen = chosenOutcomes(state);
    if (!job) {
      setText(caption, 'Charts appear here when an ensemble runs.');
      return;
    }
    const { base } = job;
    const { spec, members } = job.plan;
    const seeds = `seeds ${members[0].seed}–${members[members.length - 1].seed}`;
    const ranges = spec.ranges.length
      ? `; ranges: ${spec.ranges.map((r) => `${r.path} ${r.low} to ${r.high}`).join(', ')}`
      : '';
    const zone = zoneOf(base.zones).name;
    setText(
      caption,
      `Model results: median (line) and 5–95% band (shaded) of ${job.done} of ${spec.runs} runs of “${base.name}” (${whole(base.resolution)} agents, ${base.months} months, ${seeds}${ranges}); zone: ${zone}; ${context.mineralName(mineral)}, ${stageName(stage)}.${job.state === 'running' ? ' Runs still arriving.' : ''}`,
    );
    const bands = bandsOf(job.runs, chosen);
    for (const [name, chart] of charts) if (!chosen.includes(name)) chart.element.remove();
    chosen.forEach((name) => {
      let chart = charts.get(name);
      const label = outcomeLabel(name);
      if (!chart) {
        chart = createTimeSeries(chartGrid, {
          title: `${context.mineralName(label.mineral)}: ${label.label}`,
          unit: `${label.unit} (ensemble)`,
          format: label.format,
          yMin: label.kind === 'price' ? undefined : 0,
          yMaxAtLeast: label.yMaxAtLeast,
          onHover: (month) => {
            hover = month;
            store.requestFrame();
          },
          onPick: () => {},
        });
        chart.element.dataset.chart = `ensemble-${name}`;
        chart.element.classList.add('ensemble-chart');
        charts.set(name, chart);
      }
      chartGrid.append(chart.element);
      const band = bands[name];
      chart.update({
        months: base.months,
        ...(band ? ensembleChart(band, { id: name, colour: OKABE_ITO.blue }) : { lines: [], bands: [] }),
        hoverMonth: hover,
        shownMonth: null,
      });
    });
  }

  function chosenOutcomes(state: AppState): string[] {
    const { mineral, stage } = state.view;
    return outcomeBoxes.filter((o) => o.box.checked).map((o) => outcomeName(o.choice, mineral, stage));
  }

  return jobTab.tab(element);
}
