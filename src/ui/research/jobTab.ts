/**
 * What the Ensemble and Sweep tabs share: a job of many runs of the current scenario on a pool
 * of research workers. The component keeps the job (its plan, the outcomes of each run as they
 * arrive, how it ended), the Run/Cancel/progress controls, the datalist of parameter paths the
 * form offers, and redraws the tab only when it is visible and the job or the view changed. A tab
 * gives it how to read its form into a plan, how to run the plan, and how to draw.
 */
import { objectId } from '../../analysis/memo.ts';
import type { Outcomes } from '../../analysis/outcomes.ts';
import type { ResearchWorkerApi } from '../../parallel/researchPool.ts';
import { el } from '../../present/dom.ts';
import type { OutcomesRunner } from '../../research/jobs.ts';
import { type PathSuggestion, suggestedPaths } from '../../research/paths.ts';
import type { TaskPool } from '../../research/taskPool.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { AppState } from '../store.ts';
import { type JobControls, jobControls, runPooledJob } from './common.ts';
import type { ResearchContext, ResearchTab } from './tab.ts';

export interface ResearchJob<Plan> {
  /** The scenario as it was when the job started. */
  base: Scenario;
  plan: Plan;
  /** Outcomes of each run (an ensemble member, a sweep point), undefined until it arrives. */
  runs: (Outcomes | undefined)[];
  done: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  pool: TaskPool<ResearchWorkerApi>;
}

export interface JobTabOptions<Plan> {
  id: 'ensemble' | 'sweep';
  label: string;
  runLabel: string;
  /** The job in messages ("ensemble") and its items ("runs"). */
  noun: string;
  unit: string;
  /** Which of the scenario's parameter paths the form offers (default: all). */
  offerPath?: (path: PathSuggestion) => boolean;
  /** Reads the form into a plan for `base` and its number of runs; throws with a message naming the problem. */
  plan(base: Scenario): { plan: Plan; runs: number };
  /** Runs the plan with `runner`, calling `arrived(run index, outcomes, runs done)` as runs finish. */
  run(
    base: Scenario,
    plan: Plan,
    runner: OutcomesRunner,
    arrived: (index: number, outcomes: Outcomes, done: number) => void,
  ): Promise<unknown>;
  /** What else the drawing depends on (form choices, the month pointed at), as a string. */
  viewKey(state: AppState): string;
  draw(job: ResearchJob<Plan> | null, state: AppState): void;
  started?(job: ResearchJob<Plan>): void;
  ended?(job: ResearchJob<Plan>): void;
}

export interface JobTab<Plan> {
  controls: JobControls;
  /** The datalist of parameter paths, for the form's path inputs (`list` attribute). */
  paths: HTMLDataListElement;
  job(): ResearchJob<Plan> | null;
  /** The tab, once its element is built around `controls.element` and `paths`. */
  tab(element: HTMLElement): ResearchTab;
}

export function createJobTab<Plan>(context: ResearchContext, options: JobTabOptions<Plan>): JobTab<Plan> {
  const { store } = context;
  const { noun, unit } = options;
  let job: ResearchJob<Plan> | null = null;
  const paths = el('datalist', { attrs: { id: `${options.id}-paths` } });
  const controls = jobControls(
    options.id,
    options.runLabel,
    () => void start(),
    () => job?.pool.cancel(),
  );

  async function start() {
    if (job?.state === 'running') return;
    if (!context.createPool) {
      controls.showError(
        `${noun[0].toUpperCase()}${noun.slice(1)}s need the research workers, which this page does not have.`,
      );
      return;
    }
    const base = structuredClone(store.state.scenario);
    let planned: { plan: Plan; runs: number };
    try {
      planned = options.plan(base);
    } catch (error) {
      controls.showError(`The ${noun} cannot run.`, (error as Error).message);
      return;
    }
    const pool = context.createPool(store.state.run.workers);
    const current: ResearchJob<Plan> = {
      base,
      plan: planned.plan,
      runs: new Array(planned.runs).fill(undefined),
      done: 0,
      state: 'running',
      pool,
    };
    job = current;
    controls.started(planned.runs, unit);
    options.started?.(current);
    store.requestFrame();
    await runPooledJob(current, controls, noun, planned.runs, unit, () =>
      options.run(
        base,
        planned.plan,
        (input) => pool.run((worker) => worker.outcomesOf(input)),
        (index, outcomes, done) => {
          current.runs[index] = outcomes;
          current.done = done;
          controls.progress(done, planned.runs, unit);
          store.requestFrame();
        },
      ),
    );
    options.ended?.(current);
    store.requestFrame();
  }

  let shownKey = '';
  let pathsFor: Scenario | null = null;
  return {
    controls,
    paths,
    job: () => job,
    tab(element) {
      return {
        id: options.id,
        label: options.label,
        element,
        update(state, visible) {
          if (!visible) return;
          if (pathsFor !== state.scenario) {
            pathsFor = state.scenario;
            const offered = suggestedPaths(state.scenario).filter(options.offerPath ?? (() => true));
            paths.replaceChildren(
              ...offered.map((p) => {
                const option = el('option');
                option.value = p.path;
                return option;
              }),
            );
          }
          const key = [objectId(job), job?.done, job?.state, options.viewKey(state)].join('|');
          if (key === shownKey) return;
          shownKey = key;
          options.draw(job, state);
        },
        dispose() {
          job?.pool.dispose();
        },
      };
    },
  };
}
