/**
 * The outcome table (src/analysis/outcomes.ts): every outcome a run gives is named, labelled and
 * listed the same way the forms list it, and the resilience outcomes (import dependence, shortage
 * duration, months of cover) agree with the engine's series added up by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  allOutcomeNames,
  OUTCOME_ROWS,
  outcomeAt,
  outcomeLabel,
  outcomeSeries,
  outcomes,
} from '../../../src/analysis/outcomes.ts';
import { FALLBACK_ZONE } from '../../../src/data/groups';
import { finalGoods, goodIndexOf, shortageDuration, unmetShare } from '../../../src/engine/metrics.ts';
import type { RunResults, SeriesName } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';

const preset = presetById('china-ree-controls-2025');
if (!preset) throw new Error('no preset china-ree-controls-2025');
const checked = validateScenario({ ...preset.scenario, months: 18, resolution: 2000, zones: [] });
if (!checked.ok) throw new Error(checked.errors.join('; '));
const results = createSimulation(calibratedWorld(), checked.scenario).run();
const all = outcomes(results, FALLBACK_ZONE);
const members = new Set(FALLBACK_ZONE.members);
const inZone = results.meta.nodes.map((code) => members.has(code));

function at(r: RunResults, name: SeriesName, month: number, good: number, node: number): number {
  const { goods, nodes } = r.meta;
  return r.series[name][(month * goods.length + good) * nodes.length + node];
}

describe('the outcome table', () => {
  it('gives every outcome the forms list, each in words with a unit', () => {
    expect(Object.keys(all).sort()).toEqual([...allOutcomeNames()].sort());
    for (const name of Object.keys(all)) {
      const label = outcomeLabel(name);
      expect(label.label, name).not.toBe(name);
      expect(label.unit, name).not.toBe('');
      expect(all[name], name).toHaveLength(results.monthsDone);
    }
    expect(outcomeLabel('cobalt.hhi.refine').label).toBe('HHI, refining');
    expect(outcomeLabel('lithium.price.world').label).toBe('world price, refined');
  });

  it('measures import dependence as the zone’s imports over all it received', () => {
    const good = goodIndexOf(results, 'lithium', 'refine');
    const N = results.meta.nodes.length;
    for (const month of [0, 9, 17]) {
      let imports = 0;
      let received = 0;
      const keys = results.flowKeys[month];
      for (let f = 0; f < keys.length; f++) {
        if (Math.floor(keys[f] / (N * N)) !== good) continue;
        const pair = keys[f] % (N * N);
        const [i, j] = [Math.floor(pair / N), pair % N];
        if (!inZone[j]) continue;
        received += results.flowTonnes[month][f];
        if (i !== j) imports += results.flowTonnes[month][f];
      }
      expect(received).toBeGreaterThan(0);
      expect(all['lithium.importDependence.refine'][month]).toBeCloseTo(imports / received, 9);
    }
  });

  it('gives one month of an outcome as its series has it (only a cumulative row reads earlier months)', () => {
    const rare = { mineral: 'rare_earths', members: FALLBACK_ZONE.members };
    const good = goodIndexOf(results, 'rare_earths', 'refine');
    for (const row of OUTCOME_ROWS) {
      const place = { ...rare, good: row.of === 'good' ? good : -1 };
      const series = outcomeSeries(results, row, place);
      for (const month of [0, 5, results.monthsDone - 1])
        expect(
          Object.is(outcomeAt(results, row, place, month), series[month]),
          `${row.id} month ${month}`,
        ).toBe(true);
    }
    // The shortage counts on from earlier months.
    const shortage = OUTCOME_ROWS.find((r) => r.id === 'shortage');
    const last = results.monthsDone - 1;
    expect(shortage?.cumulative).toBe(true);
    expect(outcomeAt(results, shortage!, { ...rare, good }, last)).toBe(
      shortageDuration(results, 'rare_earths', 0),
    );
  });

  it('counts the shortage from month 0 to the last month with more than 1% of demand unmet', () => {
    const shortage = all['rare_earths.shortage'];
    const unmet = all['rare_earths.unmet'];
    for (let m = 0; m < results.monthsDone; m++) {
      let last = -1;
      for (let k = 0; k <= m; k++) if (unmetShare(results, k, 'rare_earths') > 0.01) last = k;
      expect(shortage[m], `month ${m}`).toBe(last + 1);
      expect(unmet[m]).toBe(unmetShare(results, m, 'rare_earths'));
    }
    expect(shortage[results.monthsDone - 1]).toBe(shortageDuration(results, 'rare_earths', 0));
    // The export controls leave rare-earth demand unmet at some point (else the check above is empty).
    expect(Math.max(...shortage)).toBeGreaterThan(0);
  });

  it('gives months of cover as the zone’s stocks of final goods over their consumption', () => {
    const goods = finalGoods(results, 'cobalt');
    expect(goods.length).toBeGreaterThan(0);
    for (const month of [3, 12]) {
      let held = 0;
      let use = 0;
      for (const g of goods)
        inZone.forEach((member, n) => {
          if (!member) return;
          held += at(results, 'stocks', month, g, n);
          use += at(results, 'consumption', month, g, n);
        });
      expect(use).toBeGreaterThan(0);
      expect(all['cobalt.cover.zone'][month]).toBeCloseTo(held / use, 9);
    }
  });
});
