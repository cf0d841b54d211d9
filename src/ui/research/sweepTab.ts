/**
 * Sweep (issue #7, item 3): one or two parameters of the current scenario over a grid of values
 * (numbers, node sets such as @club, JSON), one run per point on the research workers, with
 * progress and Cancel. Shows any outcome, reduced to the last month or the mean, as a heatmap
 * and as a table, and exports the CSV the command line writes for the same sweep
 * (`npm run sim -- --sweep path=v1,v2 [--sweep ...] --reduce last|mean`).
 */

import { getOrMake } from '../../analysis/memo.ts';
import { allOutcomeNames, type Outcomes, outcomeLabel, reduceOutcomes } from '../../analysis/outcomes.ts';
import { button, el, selectBox, setText } from '../../present/dom.ts';
import { runSweep, sweepCsvOf } from '../../research/jobs.ts';
import { parsePath, parseValue, splitValues, suggestedPaths, valueLabel } from '../../research/paths.ts';
import {
  pointScenario,
  type SweepParameter,
  type SweepPoint,
  type SweepSpec,
  sweepPoints,
} from '../../research/sweep.ts';
import { downloadText, fileStem } from '../../share/files.ts';
import { createHeatmap, heatmapCells } from '../../viz/heatmap.ts';
import { dataTable } from './common.ts';
import { createJobTab, type ResearchJob } from './jobTab.ts';
import type { ResearchContext, ResearchTab } from './tab.ts';

export const MAX_SWEEP_POINTS = 100;

/** A sweep's plan: its parameters and their grid points. */
interface SweepPlan {
  parameters: SweepParameter[];
  points: SweepPoint[];
}

const round3 = (x: number) => Number(x.toPrecision(3));

/** Values to start from for a path: the scenario's value and ±20% (numbers), or three node sets. */
export function defaultValues(value: unknown, kind: 'number' | 'members'): string {
  if (kind === 'members') return '@participants, @us-eu-japan, @club';
  if (typeof value !== 'number') return '';
  return [0.8, 1, 1.2].map((f) => round3(value * f)).join(', ');
}

export function createSweepTab(context: ResearchContext): ResearchTab {
  const { store } = context;
  const jobTab = createJobTab<SweepPlan>(context, {
    id: 'sweep',
    label: 'Sweep',
    runLabel: 'Run sweep',
    noun: 'sweep',
    unit: 'points',
    plan(base) {
      const parameters = readParameters();
      const points = sweepPoints({ parameters, reduce: 'last' });
      // Every point's scenario is checked before any runs: a bad value is named now, not when
      // its point comes up in the middle of the sweep.
      const problems = points.flatMap((point) => {
        try {
          pointScenario(base, { parameters, reduce: 'last' }, point);
          return [];
        } catch (error) {
          return [(error as Error).message];
        }
      });
      if (problems.length)
        throw new Error(
          `${problems.length} of ${points.length} grid points are not valid scenarios: ${problems.slice(0, 3).join(' · ')}${problems.length > 3 ? ' …' : ''}`,
        );
      return { plan: { parameters, points }, runs: points.length };
    },
    run: (base, plan, runner, arrived) =>
      runSweep(base, { parameters: plan.parameters, reduce: 'last' }, runner, (point, outcomes, done) =>
        arrived(point.index, outcomes, done),
      ),
    viewKey: () => [metric.value, reduce.value].join('|'),
    draw,
    started() {
      csvButton.disabled = true;
    },
    ended(job) {
      csvButton.disabled = job.done === 0;
    },
  });
  const { controls, paths } = jobTab;

  const parameterRow = (n: 1 | 2) => {
    const path = el('input', {
      className: 'sweep-path',
      attrs: { type: 'text', id: `sweep-path-${n}`, list: paths.id, spellcheck: 'false' },
    });
    const values = el('input', {
      className: 'sweep-values',
      attrs: {
        type: 'text',
        id: `sweep-values-${n}`,
        spellcheck: 'false',
        placeholder: n === 1 ? 'e.g. 90000, 110000, 130000' : 'e.g. @club, @us-eu-japan (optional)',
      },
    });
    // The suggestion for a known path is offered, never written into the box: typing in a box
    // holding a suggestion would run the two together ("90000, 110000, 13000080000").
    const fallback = values.placeholder;
    const suggest = button(
      'Use suggested values',
      () => {
        values.value = suggest.dataset.values ?? '';
        values.focus();
      },
      'small',
    );
    suggest.id = `sweep-suggest-${n}`;
    suggest.hidden = true;
    const offer = () => {
      const known = suggestedPaths(store.state.scenario).find((p) => p.path === path.value.trim());
      const text = known ? defaultValues(known.value, known.kind) : '';
      values.placeholder = text ? `suggested: ${text}` : fallback;
      suggest.dataset.values = text;
      suggest.hidden = !text;
    };
    path.addEventListener('change', offer);
    path.addEventListener('input', offer);
    const row = el(
      'div',
      { className: 'sweep-parameter', attrs: { role: 'group', 'aria-label': `Parameter ${n}` } },
      [
        el('label', { text: n === 1 ? 'Parameter 1' : 'Parameter 2 (optional)', attrs: { for: path.id } }),
        path,
        el('label', { text: 'values', attrs: { for: values.id } }),
        values,
        suggest,
      ],
    );
    return { row, path, values };
  };
  const first = parameterRow(1);
  const second = parameterRow(2);

  const metric = selectBox(
    allOutcomeNames().map((name) => {
      const l = outcomeLabel(name);
      return { value: name, label: `${context.mineralName(l.mineral)}: ${l.label}` };
    }),
    `${store.state.view.mineral}.price.world`,
    { id: 'sweep-metric' },
  );
  const reduce = selectBox(
    [
      { value: 'last', label: 'last month' },
      { value: 'mean', label: 'mean over the run' },
    ],
    'last',
    { id: 'sweep-reduce' },
  );
  metric.addEventListener('change', () => store.requestFrame());
  reduce.addEventListener('change', () => store.requestFrame());

  const csvButton = button('Export CSV', () => exportCsv(), 'small');
  csvButton.id = 'sweep-csv';
  csvButton.disabled = true;
  const caption = el('p', { className: 'panel-caption', attrs: { id: 'sweep-caption' } });
  const heatmapHost = el('div', { className: 'heatmap-host' });
  const heatmap = createHeatmap(heatmapHost);
  heatmapHost.hidden = true;
  const tableHost = el('div', { className: 'table-scroll table-tall' });

  const element = el('div', { className: 'sweep-tab' }, [
    el('p', {
      className: 'hint',
      text: 'Runs the current scenario once per grid point. A path names a parameter (priceFloors[0].floor, elasticities.demand, zones[0].members); values are separated by commas: numbers, node sets (@participants, @mou, @club, @us-eu-japan, @us-mexico, @eu) or JSON (["USA","MEX"]).',
    }),
    first.row,
    second.row,
    paths,
    el('div', { className: 'research-row' }, [
      el('label', { text: 'Show', attrs: { for: metric.id } }),
      metric,
      el('label', { text: 'reduced to', attrs: { for: reduce.id } }),
      reduce,
    ]),
    controls.element,
    caption,
    heatmapHost,
    el('div', { className: 'research-row' }, [csvButton]),
    tableHost,
  ]);

  function readParameters(): SweepParameter[] {
    const parameters: SweepParameter[] = [];
    for (const [n, row] of [first, second].entries()) {
      const path = row.path.value.trim();
      const text = row.values.value.trim();
      if (!path && !text && n === 1) continue;
      if (!path) throw new Error(`Parameter ${n + 1}: give a path, e.g. priceFloors[0].floor.`);
      parsePath(path);
      const values = splitValues(text).map((v) => {
        try {
          return parseValue(v);
        } catch (error) {
          throw new Error(`${path}: ${(error as Error).message}`);
        }
      });
      if (values.length === 0) throw new Error(`${path}: give at least one value.`);
      const seen = new Map<string, number>();
      values.forEach((v, i) => {
        const key = JSON.stringify(v);
        const first = seen.get(key);
        if (first !== undefined)
          throw new Error(
            `${path}: value ${i + 1} (${valueLabel(v)}) repeats value ${first + 1}; each grid value must differ.`,
          );
        seen.set(key, i);
      });
      parameters.push({ path, values });
    }
    const points = parameters.reduce((a, p) => a * p.values.length, 1);
    if (points > MAX_SWEEP_POINTS)
      throw new Error(
        `${points} grid points is more than the app runs (${MAX_SWEEP_POINTS}); use the command line with --shard for large sweeps.`,
      );
    return parameters;
  }

  function exportCsv() {
    const job = jobTab.job();
    if (!job) return;
    const spec: SweepSpec = {
      parameters: job.plan.parameters,
      reduce: reduce.value === 'mean' ? 'mean' : 'last',
    };
    downloadText(sweepCsvOf(spec, job.runs), `${fileStem(job.base.name)}.sweep.csv`, 'text/csv');
    setText(
      caption,
      `${caption.textContent?.replace(/ Exported .*$/, '') ?? ''} Exported the CSV (${spec.reduce}).`,
    );
  }

  /** Reduced outcomes per run and reduction, computed once. */
  const reduced = new WeakMap<Outcomes, Map<string, Record<string, number>>>();
  function metricOf(run: Outcomes | undefined, how: 'last' | 'mean', name: string): number | undefined {
    if (!run) return undefined;
    const byHow = getOrMake(reduced, run, () => new Map<string, Record<string, number>>());
    const values = getOrMake(byHow, how, () => reduceOutcomes(run, how));
    return values[name];
  }

  function draw(job: ResearchJob<SweepPlan> | null) {
    if (!job) {
      setText(caption, 'The heatmap and the table appear here when a sweep runs.');
      return;
    }
    const how = reduce.value === 'mean' ? 'mean' : 'last';
    const label = outcomeLabel(metric.value);
    const { parameters, points } = job.plan;
    const [p1, p2] = parameters;
    const values = points.map((p) => metricOf(job.runs[p.index], how, metric.value));
    const metricText = `${context.mineralName(label.mineral)}: ${label.label} (${label.unit}, ${how === 'last' ? 'last month' : 'mean over the run'})`;
    setText(
      caption,
      `Model results: ${job.done} of ${points.length} points of “${job.base.name}” (${job.base.months} months, seed ${job.base.seed}); ${metricText}.${job.state === 'running' ? ' Points still arriving.' : ''}`,
    );
    heatmapHost.hidden = false;
    heatmap.update({
      rowTitle: p1.path,
      colTitle: p2?.path ?? '',
      rows: p1.values.map(valueLabel),
      cols: p2 ? p2.values.map(valueLabel) : [''],
      cells: heatmapCells(p1.values.length, p2?.values.length ?? 1, values),
      metric: metricText,
      format: label.format,
    });
    tableHost.replaceChildren(
      dataTable(
        [['Point', ...parameters.map((p) => p.path), `${label.label}, ${label.unit}`]],
        points.map((p, i) => [
          String(p.index + 1),
          ...p.values.map(valueLabel),
          values[i] === undefined ? 'not run yet' : label.format(values[i] as number),
        ]),
        { id: 'sweep-table', className: 'numeric' },
      ),
    );
  }

  return jobTab.tab(element);
}
