/**
 * Issue 15 in Node: the link's `month=` and `paused=1`, scenario names with "(edited)", the
 * numbers behind the pictures (flows per exporter and importer, a node's series, CSV), chart
 * month ticks, figure text wrapping, and the small fixes (counts, signs, help texts, lever
 * prices that follow their mineral).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { csvText, dataSources, flowTable, nodeSeries, sourcesLine } from '../../../src/analysis/viewData';
import { priceFor } from '../../../src/data/calibration';
import { forEachFlow, goodIndexOf, selfSufficiency, unmetShare } from '../../../src/engine/metrics';
import type { RunResults } from '../../../src/engine/results';
import { createSimulation } from '../../../src/engine/simulation';
import { count, pointsChange, signedInt } from '../../../src/present/format.ts';
import { PRESETS } from '../../../src/scenario/presets';
import { validateScenario } from '../../../src/scenario/validate';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { addressHash, linkViewFromAddress, readAddress } from '../../../src/share/address';
import { wrapLines } from '../../../src/share/exports';
import { helpForForm } from '../../../src/ui/editor/fields';
import { LEVERS, referenceTimes, rescalePrices } from '../../../src/ui/editor/levers';
import { displayName, scenarioOrigin } from '../../../src/ui/scenarioOrigin';
import { monthTicks, tickLabel } from '../../../src/viz/timeSeries';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';

const valid = (input: Record<string, unknown>) => {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.errors.join('; '));
  return v.scenario;
};

describe('how a link opens its run', () => {
  it('reads month= and paused=1 beside the scenario, and writes them back', () => {
    expect(readAddress('#month=12&s=1.abc')).toEqual({
      payload: '1.abc',
      embed: false,
      view: { month: 12, paused: false },
    });
    expect(linkViewFromAddress('#embed=1&month=6&paused=1&s=1.abc')).toEqual({ month: 6, paused: true });
    expect(linkViewFromAddress('#paused=1&s=1.abc')).toEqual({ month: null, paused: true });
    // Plain links read as before; a malformed month is ignored.
    expect(readAddress('#s=1.abc')).toEqual({ payload: '1.abc', embed: false });
    expect(linkViewFromAddress('#month=-3&s=1.abc')).toBeNull();
    expect(linkViewFromAddress('#month=12a&s=1.abc')).toBeNull();
    expect(linkViewFromAddress('#month=5000&s=1.abc')).toBeNull();
    const hash = addressHash({ payload: '1.abc', embed: true, view: { month: 12, paused: true } });
    expect(hash).toBe('#embed=1&month=12&paused=1&s=1.abc');
    expect(readAddress(hash).view).toEqual({ month: 12, paused: true });
    expect(addressHash({ payload: '1.abc', embed: false, view: { month: null, paused: false } })).toBe(
      '#s=1.abc',
    );
  });
});

describe('scenario names', () => {
  it('names a preset by its name, an edited preset "(edited)", and an own scenario by its own name', () => {
    const club = PRESETS.find((p) => p.id === 'club');
    if (!club) throw new Error('no club preset');
    const scenario = valid(structuredClone(club.scenario) as Record<string, unknown>);
    expect(scenarioOrigin(scenario)).toEqual({ preset: club, edited: false });
    // Run settings are the user's: the same preset at another length and seed is still it.
    expect(scenarioOrigin({ ...scenario, months: 24, seed: 7, resolution: 2000 }).edited).toBe(false);
    const edited = { ...scenario, tariffs: [] };
    expect(scenarioOrigin(edited)).toEqual({ preset: club, edited: true });
    expect(displayName(edited)).toBe(`${scenario.name} (edited)`);
    const statusQuo = valid({ version: 1 });
    expect(displayName(statusQuo)).toBe('Status quo');
    expect(displayName({ ...statusQuo, tariffs: [] })).toBe('Status quo (edited)');
    const own = { ...edited, name: 'My club' };
    expect(scenarioOrigin(own)).toEqual({ preset: null, edited: false });
    expect(displayName(own)).toBe('My club');
  });
});

describe('the numbers behind the pictures', () => {
  let results: RunResults;
  beforeAll(() => {
    const sim = createSimulation(calibratedWorld(), valid({ version: 1, months: 4, resolution: 1000 }));
    sim.run();
    results = sim.results;
  }, HOOK_TIMEOUT_MS);

  it('adds the month’s cross-border flows up per exporter and per importer', () => {
    const good = goodIndexOf(results, 'rare_earths', 'refine');
    let crossBorder = 0;
    forEachFlow(results, 3, good, (i, j, t) => {
      if (i !== j) crossBorder += t;
    });
    for (const by of ['exporter', 'importer'] as const) {
      const t = flowTable(results, 3, good, by);
      expect(t.totalTonnes).toBeCloseTo(crossBorder, 6);
      expect(t.rows.reduce((a, r) => a + r.tonnes, 0)).toBeCloseTo(crossBorder, 6);
      expect(t.rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 9);
      for (let i = 1; i < t.rows.length; i++)
        expect(t.rows[i - 1].tonnes).toBeGreaterThanOrEqual(t.rows[i].tonnes);
      expect(t.totalUsd).toBeGreaterThan(0);
    }
    // China is the largest exporter of refined rare earths.
    expect(flowTable(results, 3, good, 'exporter').rows[0].node).toBe('CHN');
    expect(flowTable(results, 99, good, 'exporter').rows).toEqual([]);
  });

  it("reads a node's series from the engine's series and metrics", () => {
    const good = goodIndexOf(results, 'lithium', 'refine');
    const n = results.meta.nodes.indexOf('CHN');
    const output = nodeSeries(results, 'CHN', 'lithium', 'refine', 'production');
    expect(output).toHaveLength(4);
    const stride = results.meta.goods.length * results.meta.nodes.length;
    expect(output[2]).toBe(results.series.production[2 * stride + good * results.meta.nodes.length + n]);
    const self = nodeSeries(results, 'CHN', 'lithium', 'refine', 'selfSufficiency');
    expect(self[1]).toBe(selfSufficiency(results, 1, good, ['CHN']));
    const unmet = nodeSeries(results, 'USA', 'lithium', 'refine', 'unmetShare');
    expect(unmet[3]).toBe(unmetShare(results, 3, 'lithium', ['USA']));
    expect(
      Array.from(nodeSeries(results, 'XXX', 'lithium', 'refine', 'production')).every(Number.isNaN),
    ).toBe(true);
  });

  it('writes CSV with quoting, and names its sources', () => {
    expect(
      csvText(
        ['a', 'b'],
        [
          [1, 'x, "y"'],
          [Number.NaN, 'z'],
        ],
      ),
    ).toBe('a,b\n1,"x, ""y"""\n,z\n');
    expect(dataSources().some((s) => s.key === 'IEA_CMDATA_2025')).toBe(true);
    expect(sourcesLine()).toMatch(/^Model results, calibrated to 2024 data: .*U\.S\. Geological Survey/);
  });
});

describe('charts and figures', () => {
  it('ticks months on a short run and years on a long one', () => {
    const short = monthTicks(12, 600);
    expect(short).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(short.map(tickLabel).slice(0, 3)).toEqual(['2026', 'Feb', 'Mar']);
    expect(monthTicks(12, 200)).toEqual([0, 3, 6, 9]);
    expect(monthTicks(120, 600)).toEqual([0, 12, 24, 36, 48, 60, 72, 84, 96, 108]);
    expect(monthTicks(120, 250)).toEqual([0, 24, 48, 72, 96]);
    expect(tickLabel(24)).toBe('2028');
  });

  it('wraps a figure’s long lines at spaces', () => {
    expect(wrapLines('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapLines('short', 40)).toEqual(['short']);
  });
});

describe('small fixes', () => {
  it('counts with the right noun and never writes a signed zero', () => {
    expect(count(1, 'month')).toBe('1 month');
    expect(count(31, 'month')).toBe('31 months');
    expect(count(1, 'node')).toBe('1 node');
    expect(count(1200, 'node')).toBe('1,200 nodes');
    expect(pointsChange(-0.0004)).toBe('0.0 pp');
    expect(pointsChange(0.0004)).toBe('0.0 pp');
    expect(pointsChange(-0.012)).toBe('−1.2 pp');
    expect(signedInt(-0.4)).toBe('0');
  });

  it('shows help texts in the words of the form, not of JSON', () => {
    expect(
      helpForForm('Month the lever stops (exclusive); null = until the end of the run.', 'monthOrNull'),
    ).toBe('Month the lever stops (exclusive); empty = until the end of the run.');
    const mineral = helpForForm('Mineral id: lithium, cobalt, rare_earths.', 'mineral');
    expect(mineral).toBe('Mineral.');
    expect(helpForForm('Applies to rare_earths only.', 'number')).toBe('Applies to rare earths only.');
  });

  it('keeps a lever price at its multiple of the reference when the mineral changes', () => {
    const floors = LEVERS.find((l) => l.key === 'priceFloors');
    if (!floors) throw new Error('no price floors');
    const item = floors.create({ zoneId: 'zone', draft: {}, mineral: 'lithium' });
    const lithium = priceFor('lithium', 'refine')?.usdPerTonne ?? 0;
    expect(Number(item.floor) / lithium).toBeCloseTo(1.2, 2);
    const before = { mineral: item.mineral, stage: item.stage };
    item.mineral = 'rare_earths';
    expect(rescalePrices(floors, item, before)).toBe(true);
    const rareEarths = priceFor('rare_earths', 'refine')?.usdPerTonne ?? 0;
    expect(item.floor).toBe(referenceTimes('rare_earths', 'refine', 1.2));
    expect(Number(item.floor) / rareEarths).toBeCloseTo(1.2, 2);
    // "all" has no reference price: the number stays.
    const kept = { ...item };
    item.stage = 'all';
    expect(rescalePrices(floors, item, { mineral: kept.mineral, stage: kept.stage })).toBe(false);
    expect(item.floor).toBe(kept.floor);
  });
});
