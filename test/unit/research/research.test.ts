import { describe, expect, it } from 'vitest';
import { runSimCli } from '../../../src/cli/sim.ts';
import { ensembleBands, ensembleMembers, parseRange } from '../../../src/research/ensemble.ts';
import { NODE_SETS, parsePath, parseValue, splitValues, withValue } from '../../../src/research/paths.ts';
import { mergeSweepCsv, parseShard, shardPoints, sweepPoints } from '../../../src/research/sweep.ts';
import { memoryIo } from '../cli/memoryIo.ts';

describe('parameter paths', () => {
  it('parse, set without changing the input, and refuse prototype keys', () => {
    expect(parsePath('priceFloors[0].floor')).toEqual(['priceFloors', 0, 'floor']);
    const input = { priceFloors: [{ floor: 1 }] };
    const changed = withValue(input, 'priceFloors[0].floor', 2);
    expect(changed.priceFloors[0].floor).toBe(2);
    expect(input.priceFloors[0].floor).toBe(1);
    expect(withValue({}, 'elasticities.demand', -0.3)).toEqual({ elasticities: { demand: -0.3 } });
    expect(() => parsePath('__proto__.polluted')).toThrow(/cannot be part/);
    expect(() => parsePath('a..b')).toThrow(/not a parameter path/);
    expect(() => withValue({ zones: [] }, 'zones[0].members', [])).toThrow(/has 0 items/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('read values: numbers, node sets, JSON and words', () => {
    expect(parseValue('1e5')).toBe(100000);
    expect(parseValue('@club')).toEqual([...NODE_SETS.club]);
    expect(parseValue('["USA","MEX"]')).toEqual(['USA', 'MEX']);
    expect(parseValue('licence')).toBe('licence');
    expect(() => parseValue('@nope')).toThrow(/unknown node set/);
    expect(splitValues('1,2,["A","B"],"x,y"')).toEqual(['1', '2', '["A","B"]', '"x,y"']);
  });
});

describe('sweeps', () => {
  const spec = {
    parameters: [
      { path: 'a', values: [1, 2, 3] },
      { path: 'b', values: ['x', 'y'] },
    ],
    reduce: 'last' as const,
  };

  it('number grid points row-major and split them into disjoint shards that cover the grid', () => {
    const points = sweepPoints(spec);
    expect(points.map((p) => p.values)).toEqual([
      [1, 'x'],
      [1, 'y'],
      [2, 'x'],
      [2, 'y'],
      [3, 'x'],
      [3, 'y'],
    ]);
    const shards = [0, 1, 2, 3].map((i) => shardPoints(points, parseShard(`${i}/4`)).map((p) => p.index));
    expect(shards.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => parseShard('4/4')).toThrow();
    expect(() => parseShard('x')).toThrow(/i\/n/);
  });

  it('refuse to merge shards that are incomplete, overlap or disagree', () => {
    const header = 'index,points,a,m';
    const a = { name: 'a.csv', text: `${header}\n0,3,1,5\n2,3,3,7\n` };
    const b = { name: 'b.csv', text: `${header}\n1,3,2,6\n` };
    expect(mergeSweepCsv([b, a])).toBe(`${header}\n0,3,1,5\n1,3,2,6\n2,3,3,7\n`);
    expect(() => mergeSweepCsv([a])).toThrow(/missing.*1/);
    expect(() => mergeSweepCsv([a, a, b])).toThrow(/two shards/);
    expect(() => mergeSweepCsv([a, { name: 'c.csv', text: 'index,points,a,n\n1,3,2,6\n' }])).toThrow(
      /columns differ/,
    );
    expect(() => mergeSweepCsv([{ name: 'd.csv', text: 'x,y\n' }])).toThrow(/not a sweep CSV/);
  });

  it('run through the command line: shards merged are byte-identical to one machine', () => {
    const args = [
      '--scenario',
      'ministerial-zone',
      '--months',
      '3',
      '--resolution',
      '2000',
      '--sweep',
      'priceFloors[0].floor=100000,200000',
      '--sweep',
      'zones[0].members=@participants,@us-eu-japan',
    ];
    const { io, files } = memoryIo();
    expect(runSimCli([...args, '--out', 'full.csv'], io)).toBe(0);
    for (const i of [0, 1])
      expect(runSimCli([...args, '--shard', `${i}/2`, '--out', `s${i}.csv`], io)).toBe(0);
    expect(runSimCli(['--merge', 's1.csv', 's0.csv', '--out', 'merged.csv'], io)).toBe(0);
    expect(files['merged.csv']).toBe(files['full.csv']);
    const lines = files['full.csv'].trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1].startsWith('0,4,100000,@participants,')).toBe(true);
  });

  it('report a bad sweep clearly', () => {
    const { io, err } = memoryIo();
    expect(runSimCli(['--scenario', 'status-quo', '--sweep', 'nonsense'], io)).toBe(2);
    expect(runSimCli(['--scenario', 'status-quo', '--sweep', 'priceFloors[0].floor=1,2'], io)).toBe(1);
    expect(err.join('')).toMatch(/priceFloors/);
  });
});

describe('ensembles', () => {
  it('draw one value per stratum of each range (Latin hypercube), reproducibly, with consecutive seeds', () => {
    const spec = { runs: 10, ranges: [parseRange('elasticities.demand=-0.5:-0.1')] };
    const members = ensembleMembers({ version: 1, seed: 7 }, spec);
    expect(members.map((m) => m.seed)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const strata = members.map((m) => Math.floor(((m.draws[0] + 0.5) / 0.4) * 10)).sort((a, b) => a - b);
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ensembleMembers({ version: 1, seed: 7 }, spec).map((m) => m.draws)).toEqual(
      members.map((m) => m.draws),
    );
    expect((members[0].scenario.elasticities as { demand: number }).demand).toBe(members[0].draws[0]);
    expect(() => parseRange('a=2:1')).toThrow(/low ≤ high/);
  });

  it('summarise runs as median and 5–95% band per month', () => {
    const runs = Array.from({ length: 101 }, (_, i) => ({ x: Float64Array.from([i, 2 * i]) }));
    const bands = ensembleBands(runs);
    expect(bands.x.p50).toEqual([50, 100]);
    expect(bands.x.p5).toEqual([5, 10]);
    expect(bands.x.p95).toEqual([95, 190]);
  });

  it('run through the command line', () => {
    const { io, out, files } = memoryIo();
    expect(
      runSimCli(
        [
          '--scenario',
          'status-quo',
          '--months',
          '3',
          '--resolution',
          '2000',
          '--runs',
          '3',
          '--range',
          'elasticities.demand=-0.4:-0.1',
          '--out',
          'e.json',
        ],
        io,
      ),
    ).toBe(0);
    expect(out.join('')).toMatch(/ensemble of 3 runs/);
    const doc = JSON.parse(files['e.json']);
    expect(doc.members).toHaveLength(3);
    expect(doc.bands['lithium.price.world'].p50).toHaveLength(3);
  });
});
