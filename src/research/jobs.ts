/**
 * Ensembles and sweeps as the app runs them: the same members, grid points and CSV as the
 * command line (src/cli/research.ts), with each run handed to a `runner` (a worker pool in the
 * browser, the engine in process in tests) and each result reported as it arrives, so the page
 * can draw a band or fill a heatmap while the rest are still running.
 */

import { type Outcomes, reduceOutcomes } from '../analysis/outcomes.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import {
  type Band,
  type EnsembleMember,
  type EnsembleSpec,
  ensembleBands,
  ensembleMembers,
} from './ensemble.ts';
import { withValue } from './paths.ts';
import { type SweepPoint, type SweepRow, type SweepSpec, sweepCsv, sweepPoints } from './sweep.ts';

/** Runs one scenario to its outcomes (validating it first; rejects with the validator's messages). */
export type OutcomesRunner = (input: ScenarioInput) => Promise<Outcomes>;

/**
 * Runs every member of an ensemble; `onMember` hears of each as it finishes (in any order).
 * Resolves with the outcomes in member order. The members (seeds and draws) come from
 * `ensembleMembers`, so the same base and spec always give the same runs.
 */
export async function runEnsemble(
  base: ScenarioInput,
  spec: EnsembleSpec,
  runner: OutcomesRunner,
  onMember: (member: EnsembleMember, outcomes: Outcomes, done: number) => void = () => {},
): Promise<Outcomes[]> {
  const members = ensembleMembers(base, spec);
  let done = 0;
  return Promise.all(
    members.map(async (member) => {
      let result: Outcomes;
      try {
        result = await runner(member.scenario);
      } catch (error) {
        throw withContext(error, `run ${member.run + 1} (seed ${member.seed})`);
      }
      done++;
      onMember(member, result, done);
      return result;
    }),
  );
}

/** The 5–95% band and median of some outcomes over the runs finished so far (others undefined). */
export function bandsOf(
  runs: readonly (Outcomes | undefined)[],
  names: readonly string[],
): Record<string, Band> {
  const finished = runs.filter((r): r is Outcomes => r !== undefined);
  const picked = finished.map((r) => Object.fromEntries(names.filter((n) => n in r).map((n) => [n, r[n]])));
  return ensembleBands(picked);
}

/** The scenario input of each grid point (paths set, not yet validated: the runner validates). */
export function sweepInputs(
  base: ScenarioInput,
  spec: SweepSpec,
): { point: SweepPoint; input: ScenarioInput }[] {
  return sweepPoints(spec).map((point) => {
    let input = base;
    spec.parameters.forEach((p, i) => {
      input = withValue(input, p.path, point.values[i]);
    });
    return { point, input };
  });
}

/**
 * Runs every point of a sweep; `onPoint` hears of each as it finishes. Resolves with the
 * outcomes in point order. Reduce them with `sweepRows` (last month or mean) — kept apart so
 * the page can switch between the two without running again.
 */
export async function runSweep(
  base: ScenarioInput,
  spec: SweepSpec,
  runner: OutcomesRunner,
  onPoint: (point: SweepPoint, outcomes: Outcomes, done: number) => void = () => {},
): Promise<Outcomes[]> {
  const inputs = sweepInputs(base, spec);
  let done = 0;
  return Promise.all(
    inputs.map(async ({ point, input }) => {
      let result: Outcomes;
      try {
        result = await runner(input);
      } catch (error) {
        throw withContext(error, `sweep point ${point.index + 1} of ${inputs.length}`);
      }
      done++;
      onPoint(point, result, done);
      return result;
    }),
  );
}

/** One row per finished point, each outcome reduced to its last month or its mean. */
export function sweepRows(
  points: readonly SweepPoint[],
  runs: readonly (Outcomes | undefined)[],
  reduce: SweepSpec['reduce'],
): SweepRow[] {
  return points.flatMap((point) => {
    const run = runs[point.index];
    return run ? [{ ...point, outcomes: reduceOutcomes(run, reduce) }] : [];
  });
}

/** The CSV the command line writes for the same sweep (`npm run sim -- --sweep ... --reduce ...`). */
export function sweepCsvOf(spec: SweepSpec, runs: readonly (Outcomes | undefined)[]): string {
  const points = sweepPoints(spec);
  return sweepCsv(spec, points.length, sweepRows(points, runs, spec.reduce));
}

/** The error with where it happened, unless it is a cancel (which stays as it is). */
function withContext(error: unknown, where: string): unknown {
  if ((error as Error)?.name === 'CancelledError') return error;
  const wrapped = new Error(`${where}: ${(error as Error)?.message ?? String(error)}`);
  wrapped.cause = error;
  return wrapped;
}
