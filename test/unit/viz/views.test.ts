/**
 * The data behind the views, from a small real run: flow arcs, Sankey columns, metric series
 * and concentration rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTICIPANTS } from '../../../src/data/groups';
import { MINERAL_USES } from '../../../src/data/minerals';
import { NODES } from '../../../src/data/nodes';
import { concentration, forEachFlow, goodIndexOf, HIGHLY_CONCENTRATED } from '../../../src/engine/metrics';
import type { RunResults } from '../../../src/engine/results';
import { createSimulation } from '../../../src/engine/simulation';
import { validateScenario } from '../../../src/scenario/validate';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { concentrationRows, useGroupOf } from '../../../src/viz/concentrationPanel';
import { arcGeometry, arcWidth, selectArcs } from '../../../src/viz/flowArcs';
import { productionShares, shareColouring, zoneColouring } from '../../../src/viz/mapColouring';
import { createMetricCache, metricSeries } from '../../../src/viz/metricSeries';
import { sankeyData } from '../../../src/viz/sankeyData';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';

let results: RunResults;

beforeAll(() => {
  const v = validateScenario({ version: 1, months: 4, resolution: 1000 });
  if (!v.ok) throw new Error(v.errors.join());
  const sim = createSimulation(calibratedWorld(), v.scenario);
  sim.run();
  results = sim.results;
}, HOOK_TIMEOUT_MS);

describe('flow arcs', () => {
  it('picks the largest cross-border flows, largest first, and marks flows into the zone', () => {
    const good = goodIndexOf(results, 'rare_earths', 'refine');
    const all = selectArcs(results, 3, good, PARTICIPANTS, 1000);
    const top = selectArcs(results, 3, good, PARTICIPANTS, 10);
    expect(top.arcs).toHaveLength(10);
    expect(top.arcs).toEqual(all.arcs.slice(0, 10));
    for (let i = 1; i < top.arcs.length; i++)
      expect(top.arcs[i - 1].tonnes).toBeGreaterThanOrEqual(top.arcs[i].tonnes);
    expect(top.arcs.every((a) => a.from !== a.to)).toBe(true);
    // China is outside the participants: its sales to the US come into the zone.
    const chinaToUs = all.arcs.find((a) => a.from === 'CHN' && a.to === 'USA');
    expect(chinaToUs?.kind).toBe('into');
    expect(all.shownTonnes).toBeCloseTo(all.totalTonnes, 6);
    expect(top.shownTonnes).toBeLessThan(all.totalTonnes);
    let crossBorder = 0;
    forEachFlow(results, 3, good, (i, j, t) => {
      if (i !== j) crossBorder += t;
    });
    expect(all.totalTonnes).toBeCloseTo(crossBorder, 6);
  });

  it('scales width with tonnes and draws the arrowhead at the destination', () => {
    expect(arcWidth(100, 100)).toBe(10);
    expect(arcWidth(50, 100)).toBeCloseTo(5.4);
    expect(arcWidth(1, 0)).toBe(0.8);
    const g = arcGeometry(0, 0, 100, 0, 5, 8);
    expect(g.d.startsWith('M')).toBe(true);
    // The tip sits near the destination, inset by the marker radius.
    const tip = /^M([\d.-]+),([\d.-]+)/.exec(g.head);
    expect(Number(tip?.[1])).toBeGreaterThan(90);
    expect(Number(tip?.[1])).toBeLessThan(100);
    // A→B and B→A bend to opposite sides.
    const back = arcGeometry(100, 0, 0, 0, 5, 8);
    const controlY = (d: string) => Number(/Q[\d.-]+,([\d.-]+)/.exec(d)?.[1]);
    expect(Math.sign(controlY(g.d))).toBe(-Math.sign(controlY(back.d)));
  });
});

describe('Sankey data', () => {
  it('links mines to refiners to magnet makers to users for rare earths, grouping small nodes', () => {
    const data = sankeyData(results, 'rare_earths', 0, 4, { perColumn: 5 });
    expect(data.columns).toEqual(['Mined in', 'Refined in', 'Magnets made in', 'Used in']);
    for (let c = 0; c < 4; c++)
      expect(data.nodes.filter((n) => n.column === c).length).toBeLessThanOrEqual(6);
    expect(data.nodes.some((n) => n.code === null && n.label.startsWith('Other'))).toBe(true);
    const ids = new Set(data.nodes.map((n) => n.id));
    for (const l of data.links) {
      expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
      expect(Number(l.source[0])).toBeLessThan(Number(l.target[0]));
    }
    // Mined tonnes entering the chain equal the mine good's shipments over the period.
    const mine = goodIndexOf(results, 'rare_earths', 'mine');
    let shipped = 0;
    for (let m = 0; m < 4; m++) forEachFlow(results, m, mine, (_, __, t) => (shipped += t));
    expect(data.totalTonnes).toBeCloseTo(shipped, 3);
  });

  it('can show users as the zone and the rest, with the same tonnes', () => {
    const byCountry = sankeyData(results, 'cobalt', 0, 4);
    const byZone = sankeyData(results, 'cobalt', 0, 4, {
      users: { inside: 'Zone', outside: 'Rest', members: PARTICIPANTS },
    });
    const users = byZone.nodes.filter((n) => n.column === 2);
    expect(users.map((n) => n.label).sort()).toEqual(['Rest', 'Zone']);
    const used = (d: typeof byZone) =>
      d.links.filter((l) => l.target.startsWith('2:')).reduce((a, l) => a + l.tonnes, 0);
    expect(used(byZone)).toBeCloseTo(used(byCountry), 6);
  });

  it('has three columns for a two-stage mineral, and one month is a slice of the period', () => {
    const cache = new Map<number, Map<string, number>>();
    const month = sankeyData(results, 'lithium', 2, 3, { monthCache: cache });
    const period = sankeyData(results, 'lithium', 0, 4, { monthCache: cache });
    expect(month.columns).toEqual(['Mined in', 'Refined in', 'Used in']);
    expect(period.totalTonnes).toBeGreaterThan(month.totalTonnes * 3);
    expect(cache.size).toBe(4);
  });
});

describe('metric series and concentration', () => {
  it('computes each month once and matches the engine metrics', () => {
    const cache = createMetricCache();
    const hhi = metricSeries(cache, results, { metric: 'hhi', mineral: 'graphite', stage: 'refine' });
    const good = goodIndexOf(results, 'graphite', 'refine');
    expect(hhi).toHaveLength(4);
    for (let m = 0; m < 4; m++) expect(hhi[m]).toBeCloseTo(concentration(results, m, good).hhi, 9);
    expect(hhi[3]).toBeGreaterThan(HIGHLY_CONCENTRATED);
    let calls = 0;
    cache.series(results, 'hhi|graphite|refine', () => {
      calls++;
      return 0;
    });
    expect(calls).toBe(0); // already computed
    const inside = metricSeries(cache, results, {
      metric: 'priceInside',
      mineral: 'lithium',
      stage: 'refine',
      members: PARTICIPANTS,
    });
    const outside = metricSeries(cache, results, {
      metric: 'priceOutside',
      mineral: 'lithium',
      stage: 'refine',
      members: PARTICIPANTS,
    });
    expect(inside[0]).toBeGreaterThan(0);
    expect(outside[0]).toBeGreaterThan(0);
    const money = metricSeries(cache, results, { metric: 'tariffRevenue', mineral: 'rare_earths' });
    expect(money[3]).toBeGreaterThan(0); // the US tariff on China
    const self = metricSeries(cache, results, {
      metric: 'selfSufficiency',
      mineral: 'copper',
      stage: 'refine',
      members: PARTICIPANTS,
    });
    expect(self[0]).toBeGreaterThan(0);
    expect(self[0]).toBeLessThanOrEqual(1);
  });

  it('gives one concentration row per good, with the change since month 0', () => {
    const rows = concentrationRows(results, 3);
    expect(rows).toHaveLength(results.meta.goods.length);
    const ree = rows.find((r) => r.mineral === 'rare_earths' && r.stage === 'refine');
    expect(ree?.top3[0]).toBe('CHN');
    expect(ree?.top3Share).toBeGreaterThan(0.9);
    expect(concentrationRows(results, 0).every((r) => r.hhiChange === 0)).toBe(true);
  });

  it("orders concentration rows by use, each mineral's stages together", () => {
    const rows = concentrationRows(results, 3);
    const groups = rows.map((r) => useGroupOf(r.mineral));
    // Each use heading is one run of rows, in MINERAL_USES order.
    const runs = groups.filter((g, i) => i === 0 || groups[i - 1] !== g);
    expect(runs).toEqual(MINERAL_USES.map((u) => u.label));
    const minerals = rows.map((r) => r.mineral).filter((m, i, all) => i === 0 || all[i - 1] !== m);
    expect(new Set(minerals).size).toBe(minerals.length);
    expect(minerals).toHaveLength(14);
    expect(rows.filter((r) => useGroupOf(r.mineral) === 'Catalysts').map((r) => r.mineral)).toEqual([
      'platinum',
      'platinum',
      'palladium',
      'palladium',
    ]);
  });

  it('colours the map by zone and by share', () => {
    const zone = zoneColouring(NODES, ['USA', 'JPN'], 'Test');
    expect(zone.fill?.get('USA')).not.toBe(zone.fill?.get('CHN'));
    expect(zone.legend[0].label).toContain('Test (2 nodes)');
    const shares = productionShares(results, 3, goodIndexOf(results, 'cobalt', 'mine'));
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const byShare = shareColouring(NODES, shares, 'cobalt mining');
    expect(byShare.fill?.get('COD')).not.toBe(byShare.fill?.get('ARM'));
  });
});
