import { describe, expect, it } from 'vitest';
import { runSimCli } from '../../../src/cli/sim.ts';
import { RESULTS_FORMAT } from '../../../src/engine/export.ts';
import { memoryIo } from './memoryIo.ts';

describe('npm run sim', () => {
  it('runs a preset and prints a summary per mineral', () => {
    const { io, out } = memoryIo();
    const status = runSimCli(['--scenario', 'club', '--months', '6', '--resolution', '2000'], io);
    expect(status).toBe(0);
    const text = out.join('');
    for (const mineral of ['lithium', 'rare_earths', 'germanium']) expect(text).toContain(mineral);
    expect(text).toMatch(/HHI refine/);
    expect(text).toMatch(/welfare vs status quo/);
  });

  it('writes results as JSON in the documented format, and as CSV', () => {
    const { io, files: written } = memoryIo({
      's.json': JSON.stringify({ version: 1, name: 'Mine', months: 4, resolution: 2000 }),
    });
    expect(runSimCli(['--scenario', 's.json', '--out', 'r.json', '--flows'], io)).toBe(0);
    const doc = JSON.parse(written['r.json']);
    expect(doc.format).toBe(RESULTS_FORMAT);
    expect(doc.meta.shape).toEqual([4, doc.meta.goods.length, doc.meta.nodes.length]);
    expect(doc.series.price).toHaveLength(4 * doc.meta.goods.length * doc.meta.nodes.length);
    expect(doc.flows).toHaveLength(4);
    expect(doc.scenario.name).toBe('Mine');
    expect(
      runSimCli(['--scenario', 's.json', '--out', 'r.csv', '--format', 'csv', '--no-baseline'], io),
    ).toBe(0);
    const [header, first] = written['r.csv'].split('\n');
    expect(header.startsWith('month,mineral,stage,node,price,exportPrice,buyerPrice,production')).toBe(true);
    expect(first.split(',')).toHaveLength(header.split(',').length);
  });

  it('names the bad field of a bad scenario file and exits non-zero', () => {
    const { io, err } = memoryIo({
      'bad.json': JSON.stringify({
        version: 1,
        months: 0,
        shocks: [{ node: 'XXX', mineral: 'lithium', stage: 'mine', capacityLoss: 2 }],
      }),
    });
    expect(runSimCli(['--scenario', 'bad.json'], io)).toBe(1);
    const text = err.join('');
    expect(text).toContain('months');
    expect(text).toContain('shocks[0].node');
    expect(text).toContain('"XXX"');
    expect(text).toContain('shocks[0].capacityLoss');
  });

  it('explains a missing file, malformed JSON, an unknown preset and bad arguments', () => {
    const { io, err } = memoryIo({ 'broken.json': '{"version": 1,' });
    expect(runSimCli(['--scenario', 'nope'], io)).toBe(1);
    expect(err.join('')).toMatch(/no such file and no preset/);
    expect(runSimCli(['--scenario', 'broken.json'], io)).toBe(1);
    expect(err.join('')).toMatch(/not valid JSON/);
    expect(runSimCli(['--scenario', 'club', '--months', 'ten'], io)).toBe(2);
    expect(runSimCli(['--scenario', 'club', '--format', 'xml'], io)).toBe(2);
    expect(runSimCli([], io)).toBe(2);
  });
});
