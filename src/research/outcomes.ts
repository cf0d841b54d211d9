/**
 * The outcomes research tools track for every run: named monthly series per mineral (world,
 * zone and outside prices of the refined good, HHI and top-3 share per stage, the zone's
 * self-sufficiency, unmet demand). Ensembles take quantiles of these across runs; sweeps take
 * one number per run (the last month, or the mean over the run).
 */
import {
  concentration,
  consumerPrice,
  goodIndexOf,
  selfSufficiency,
  unmetShare,
  worldPrice,
} from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';

/** Outcome name → value per month. Names look like `lithium.price.world`, `lithium.hhi.refine`. */
export type Outcomes = Record<string, Float64Array>;

export interface ZoneRef {
  id: string;
  name: string;
  members: readonly string[];
}

/** The refined good of a mineral (its 'refine' stage). */
function refinedGood(results: RunResults, mineral: string): number {
  return goodIndexOf(results, mineral, 'refine');
}

export function outcomes(results: RunResults, zone: ZoneRef): Outcomes {
  const months = results.monthsDone;
  const out: Outcomes = {};
  const series = (name: string, f: (m: number) => number) => {
    const values = new Float64Array(months);
    for (let m = 0; m < months; m++) values[m] = f(m);
    out[name] = values;
  };
  for (const mineral of results.meta.minerals) {
    const refined = refinedGood(results, mineral);
    series(`${mineral}.price.world`, (m) => worldPrice(results, m, refined));
    series(`${mineral}.price.zone`, (m) => consumerPrice(results, m, refined, zone.members, true));
    series(`${mineral}.price.outside`, (m) => consumerPrice(results, m, refined, zone.members, false));
    results.meta.goods.forEach((g, i) => {
      if (g.mineral !== mineral) return;
      series(`${mineral}.hhi.${g.stage}`, (m) => concentration(results, m, i).hhi);
      series(`${mineral}.top3.${g.stage}`, (m) => concentration(results, m, i).top3.share);
    });
    series(`${mineral}.selfSufficiency.refine`, (m) => selfSufficiency(results, m, refined, zone.members));
    series(`${mineral}.selfSufficiency.mine`, (m) =>
      selfSufficiency(results, m, goodIndexOf(results, mineral, 'mine'), zone.members),
    );
    series(`${mineral}.unmet`, (m) => unmetShare(results, m, mineral));
    series(`${mineral}.unmet.zone`, (m) => unmetShare(results, m, mineral, zone.members));
  }
  return out;
}

/** One number per outcome: the last month's value, or the mean over the run (NaN months skipped). */
export function reduceOutcomes(o: Outcomes, how: 'last' | 'mean'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, values] of Object.entries(o)) {
    if (how === 'last') out[name] = values[values.length - 1];
    else {
      let sum = 0;
      let count = 0;
      for (const v of values) {
        if (Number.isFinite(v)) {
          sum += v;
          count++;
        }
      }
      out[name] = count > 0 ? sum / count : Number.NaN;
    }
  }
  return out;
}
