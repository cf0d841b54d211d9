/**
 * Monte Carlo ensembles: N runs of a scenario with seeds seed, seed + 1, ... and, optionally,
 * parameters drawn from ranges (Latin hypercube: each range is cut into N equal strata, one
 * draw per stratum, strata shuffled per parameter; seeded, so an ensemble is reproducible).
 * Outcomes are summarised per month as the median and the 5–95% band.
 */
import seedrandom from 'seedrandom';
import type { Outcomes } from '../analysis/outcomes.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { withValue } from './paths.ts';

export interface EnsembleRange {
  path: string;
  low: number;
  high: number;
}

export interface EnsembleSpec {
  runs: number;
  ranges: EnsembleRange[];
}

export interface EnsembleMember {
  run: number;
  seed: number;
  /** The drawn value of each range, in the order of spec.ranges. */
  draws: number[];
  scenario: ScenarioInput;
}

/** Parses `path=low:high`. */
export function parseRange(text: string): EnsembleRange {
  const match = /^([^=]+)=(-?[\d.]+(?:e-?\d+)?):(-?[\d.]+(?:e-?\d+)?)$/i.exec(text.trim());
  if (!match)
    throw new Error(
      `--range must look like path=low:high, e.g. elasticities.demand=-0.4:-0.1 (got ${JSON.stringify(text)})`,
    );
  const low = Number(match[2]);
  const high = Number(match[3]);
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high))
    throw new Error(`--range ${text}: need low ≤ high`);
  return { path: match[1], low, high };
}

export function ensembleMembers(base: ScenarioInput, spec: EnsembleSpec): EnsembleMember[] {
  if (!(Number.isInteger(spec.runs) && spec.runs >= 1 && spec.runs <= 10_000))
    throw new Error('runs must be a whole number from 1 to 10,000');
  const seed = base.seed ?? 1;
  const random = seedrandom.alea(`${seed}:ensemble`);
  const draws = spec.ranges.map((range) => {
    const strata = Array.from({ length: spec.runs }, (_, i) => i);
    for (let i = strata.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    return strata.map((s) => range.low + ((s + random()) / spec.runs) * (range.high - range.low));
  });
  return Array.from({ length: spec.runs }, (_, run) => {
    let scenario: ScenarioInput = { ...base, seed: (seed + run) % 4294967296 };
    const values = spec.ranges.map((range, r) => {
      scenario = withValue(scenario, range.path, draws[r][run]);
      return draws[r][run];
    });
    return { run, seed: scenario.seed as number, draws: values, scenario };
  });
}

/** What `--runs N --out ensemble.json` writes (one machine, or merged from shards). */
export interface EnsembleDocument {
  format: 'critical-minerals-ensemble';
  formatVersion: 1;
  spec: EnsembleSpec;
  members: Pick<EnsembleMember, 'run' | 'seed' | 'draws'>[];
  bands: Record<string, Band>;
}

/** The ensemble document of finished runs (`outcomes[k]` is member k's). */
export function ensembleDocument(
  spec: EnsembleSpec,
  members: Pick<EnsembleMember, 'run' | 'seed' | 'draws'>[],
  outcomes: Outcomes[],
): EnsembleDocument {
  return {
    format: 'critical-minerals-ensemble',
    formatVersion: 1,
    spec,
    members: members.map(({ run, seed, draws }) => ({ run, seed, draws })),
    bands: ensembleBands(outcomes),
  };
}

export interface Band {
  p5: number[];
  p50: number[];
  p95: number[];
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Per outcome and month: the 5th percentile, the median and the 95th percentile across runs. */
export function ensembleBands(runs: Outcomes[]): Record<string, Band> {
  const out: Record<string, Band> = {};
  if (runs.length === 0) return out;
  for (const name of Object.keys(runs[0])) {
    const months = runs[0][name].length;
    const band: Band = { p5: [], p50: [], p95: [] };
    for (let m = 0; m < months; m++) {
      const values = runs
        .map((r) => r[name][m])
        .filter((v) => Number.isFinite(v))
        .sort((a, b) => a - b);
      band.p5.push(quantile(values, 0.05));
      band.p50.push(quantile(values, 0.5));
      band.p95.push(quantile(values, 0.95));
    }
    out[name] = band;
  }
  return out;
}
