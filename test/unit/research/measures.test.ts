/**
 * The quantities the validation page reads from results (src/research/measures.ts), on a small
 * hand-made result: prices outside and inside a node, output shares, trade shares without
 * shipments inside a node, and clear errors for a node, good or month the run does not have.
 */
import { describe, expect, it } from 'vitest';
import { createResults, type RunResults, type SeriesName, seriesIndex } from '../../../src/engine/results.ts';
import {
  exportsOf,
  insidePrice,
  meanOver,
  output,
  outputShare,
  outsidePrice,
  producersRanked,
  tradeShare,
} from '../../../src/research/measures.ts';

const nodes = ['CHN', 'USA', 'JPN', 'ROW'];
const ore = { mineral: 'nickel', stage: 'mine' };

function made(): RunResults {
  const r = createResults({
    scenarioName: 'hand-made',
    seed: 1,
    months: 2,
    agentCount: 0,
    blockCount: 1,
    nodes,
    goods: [ore],
    minerals: ['nickel'],
    stockpiles: [],
    zones: [],
  });
  const set = (name: SeriesName, month: number, node: string, v: number) => {
    r.series[name][seriesIndex(r.meta, month, 0, nodes.indexOf(node))] = v;
  };
  for (const m of [0, 1]) {
    set('production', m, 'CHN', 60);
    set('production', m, 'USA', 30);
    set('production', m, 'ROW', 10);
    // Buyers: China pays 100; the US takes 10 t at 150, Japan 30 t at 200.
    set('buyerPrice', m, 'CHN', 100);
    set('consumption', m, 'CHN', 50);
    set('buyerPrice', m, 'USA', 150);
    set('consumption', m, 'USA', 10);
    set('buyerPrice', m, 'JPN', 200);
    set('imports', m, 'JPN', 30);
    set('exports', m, 'CHN', 20 + m);
  }
  const N = nodes.length;
  const key = (i: string, j: string) => nodes.indexOf(i) * N + nodes.indexOf(j);
  // China ships 5 t to itself (not trade), 20 t to Japan, 10 t to the US; the US 10 t to Japan.
  const flows = [
    [key('CHN', 'CHN'), 5],
    [key('CHN', 'JPN'), 20],
    [key('CHN', 'USA'), 10],
    [key('USA', 'JPN'), 10],
  ];
  for (const m of [0, 1]) {
    r.flowKeys[m] = Uint32Array.from(flows.map((f) => f[0]));
    r.flowTonnes[m] = Float64Array.from(flows.map((f) => f[1]));
  }
  r.monthsDone = 2;
  return r;
}

describe('validation measures', () => {
  const r = made();

  it('weights the outside price by what buyers outside the node take, and reads the inside price', () => {
    expect(outsidePrice(r, 0, ore, 'CHN')).toBeCloseTo((10 * 150 + 30 * 200) / 40, 10);
    expect(insidePrice(r, 0, ore, 'CHN')).toBe(100);
  });

  it('gives output, shares and the ranking of producers', () => {
    expect(output(r, 0, ore)).toBe(100);
    expect(outputShare(r, 1, ore, 'USA')).toBeCloseTo(0.3, 12);
    expect(producersRanked(r, 0, ore).map((p) => p.node)).toEqual(['CHN', 'USA', 'ROW', 'JPN']);
    expect(meanOver(0, 2, (m) => exportsOf(r, m, ore, 'CHN'))).toBe(20.5);
  });

  it('counts only cross-border shipments in trade shares', () => {
    expect(tradeShare(r, ore, 'CHN', 'JPN', 'outOf', 0, 2)).toBeCloseTo(20 / 30, 12);
    expect(tradeShare(r, ore, 'JPN', 'USA', 'into', 0, 2)).toBeCloseTo(10 / 30, 12);
    expect(tradeShare(r, ore, 'ROW', 'CHN', 'into', 0, 2)).toBeNaN();
  });

  it('names what the run does not have', () => {
    expect(() => insidePrice(r, 0, ore, 'XXX')).toThrow(/no node XXX/);
    expect(() => output(r, 0, { mineral: 'nickel', stage: 'magnet' })).toThrow(/no good nickel magnet/);
    expect(() => output(r, 2, ore)).toThrow(/month 2 is outside the run/);
  });
});
