/**
 * The pure logic behind the app's research features: comparing two runs (prices, trade created
 * and diverted, welfare), the worker pool (queue, cancel, a dying worker), ensembles and sweeps
 * as the app runs them (the same bands and CSV as the command line), the benchmark table, and
 * the parameter paths the forms offer.
 */
import { describe, expect, it } from 'vitest';
import {
  consumerSurplusChange,
  demandCurve,
  welfareChange,
  welfareFor,
  welfareTable,
} from '../../../src/analysis/welfare.ts';
import { runSimCli } from '../../../src/cli/sim.ts';
import { CLUB } from '../../../src/data/groups';
import { goodIndexOf, total } from '../../../src/engine/metrics.ts';
import type { RunResults, SeriesName } from '../../../src/engine/results.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { commonMonths, compareRuns, comparisonNotes } from '../../../src/research/compare.ts';
import { ensembleBands } from '../../../src/research/ensemble.ts';
import { bandsOf, runEnsemble, runSweep, sweepCsvOf, sweepInputs } from '../../../src/research/jobs.ts';
import { NODE_SETS, suggestedPaths, valueAt } from '../../../src/research/paths.ts';
import { peForScenario } from '../../../src/research/peScenario.ts';
import { peRows, peSummary, peWarnings } from '../../../src/research/peTable.ts';
import { createResearchService, slimForPe } from '../../../src/research/service.ts';
import {
  CancelledError,
  createTaskPool,
  isCancelled,
  type PoolWorker,
} from '../../../src/research/taskPool.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { memoryIo } from '../cli/memoryIo.ts';

const world = calibratedWorld();
const valid = (input: object): Scenario => {
  const v = validateScenario({ version: 1, months: 12, resolution: 2000, ...input });
  if (!v.ok) throw new Error(v.errors.join('; '));
  return v.scenario;
};
const run = (scenario: Scenario): RunResults => createSimulation(world, scenario).run();

describe('comparing a run with a baseline', () => {
  const zone = { id: 'club', name: 'Club', members: [...CLUB] };
  const clubScenario = valid({
    zones: [zone],
    tariffs: CLUB.map((importer) => ({ importer, mineral: 'cobalt', rate: 0.3 })),
  });
  const mfn = valid({ tariffs: CLUB.map((importer) => ({ importer, mineral: 'cobalt', rate: 0.3 })) });
  const baseline = run(mfn);
  const scenario = run(clubScenario);
  const cobalt = goodIndexOf(scenario, 'cobalt', 'refine');

  /** Welfare added up the plain way: series totals, and consumer surplus node by node. */
  function plainWelfare(options: { members?: readonly string[]; mineral?: string; from?: number }) {
    const range = { ...options, to: 12 };
    const diff = (name: SeriesName) => total(scenario, name, range) - total(baseline, name, range);
    const { goods, nodes } = scenario.meta;
    const curve = demandCurve(scenario);
    const at = (r: RunResults, name: SeriesName, m: number, g: number, n: number) =>
      r.series[name][(m * goods.length + g) * nodes.length + n];
    let consumerSurplus = 0;
    for (let m = options.from ?? 0; m < 12; m++)
      goods.forEach((good, g) => {
        if (options.mineral && good.mineral !== options.mineral) return;
        nodes.forEach((code, n) => {
          if (options.members && !options.members.includes(code)) return;
          const [q0, q1] = [at(baseline, 'consumption', m, g, n), at(scenario, 'consumption', m, g, n)];
          if (q0 === 0 && q1 === 0) return;
          consumerSurplus += consumerSurplusChange(
            q0,
            q1,
            at(baseline, 'buyerPrice', m, g, n),
            at(baseline, 'consumerSpend', m, g, n),
            at(scenario, 'consumerSpend', m, g, n),
            curve.elasticity[g],
            curve.choke[g],
          );
        });
      });
    const producerSurplus = diff('profit');
    const revenue = diff('tariffRevenue') + diff('levyRevenue') + diff('feeRevenue') + diff('rentRevenue');
    const fiscalCost =
      diff('subsidySpend') + diff('supportSpend') + diff('stockpilePurchases') - diff('stockpileSales');
    const sum = consumerSurplus + producerSurplus + revenue - fiscalCost;
    return { consumerSurplus, producerSurplus, revenue, fiscalCost, total: sum };
  }

  it('adds up welfare from one table as the series add up, for any zone and mineral', () => {
    const table = welfareTable(baseline, scenario);
    for (const options of [
      {},
      { members: CLUB },
      { mineral: 'cobalt' },
      { members: CLUB, mineral: 'lithium' },
    ]) {
      const fast = welfareFor(table, options);
      const reference = plainWelfare(options);
      for (const key of ['consumerSurplus', 'producerSurplus', 'revenue', 'fiscalCost', 'total'] as const) {
        // The same terms added in another order: equal to rounding (sums of large terms that cancel).
        const scale = Math.max(1, Math.abs(reference[key]));
        expect(
          Math.abs(fast[key] - reference[key]) / scale,
          `${JSON.stringify(options)} ${key}`,
        ).toBeLessThan(1e-8);
      }
    }
    expect(welfareChange(baseline, scenario, { mineral: 'cobalt' }).total).toBeCloseTo(
      plainWelfare({ mineral: 'cobalt' }).total,
      3,
    );
    // A window of months, as the benchmark's agents' column uses.
    const lastYear = welfareTable(baseline, scenario, { from: 6 });
    expect(welfareFor(lastYear, { mineral: 'cobalt' }).total).toBeCloseTo(
      plainWelfare({ from: 6, mineral: 'cobalt' }).total,
      3,
    );
    // Per stage: the stages of a mineral add up to the mineral.
    const stages = ['mine', 'refine'].map((stage) => welfareFor(table, { mineral: 'cobalt', stage }).total);
    expect(stages[0] + stages[1]).toBeCloseTo(welfareFor(table, { mineral: 'cobalt' }).total, 3);
    // Dropping a 30% tariff among members costs them tariff revenue.
    expect(welfareFor(table, { members: CLUB, mineral: 'cobalt' }).revenue).toBeLessThan(0);
  });

  it('finds trade created among members and sorts the rows by the size of the change', () => {
    const c = compareRuns(baseline, scenario, { good: cobalt, members: CLUB });
    expect(c.months).toBe(12);
    expect(c.window).toEqual({ from: 0, to: 12 });
    expect(c.tradeTotal.created).toBeGreaterThan(0);
    expect(c.tradeTotal.diverted).toBeGreaterThan(0);
    const sizes = c.trade.map((r) => Math.abs(r.created) + Math.abs(r.diverted));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const row of c.trade) {
      expect(CLUB).toContain(row.node);
      expect(row.created).toBeCloseTo(row.fromMembers.scenario - row.fromMembers.baseline, 9);
      expect(row.diverted).toBeCloseTo(row.fromOutside.baseline - row.fromOutside.scenario, 9);
    }
    const sum = c.trade.reduce((a, r) => a + r.created, 0);
    expect(sum).toBeCloseTo(c.tradeTotal.created, 6);
    // The zone's own supply of the good rises.
    expect(c.selfSufficiency.scenario).toBeGreaterThan(c.selfSufficiency.baseline);
    expect(c.hhi.baseline).toBeGreaterThan(0);
    expect(c.top3Nodes.scenario).toHaveLength(3);
  });

  it('compares a run with itself as no change at all', () => {
    const c = compareRuns(scenario, scenario, { good: cobalt, members: CLUB, windowMonths: 3 });
    expect(c.window).toEqual({ from: 9, to: 12 });
    expect(c.tradeTotal.created).toBe(0);
    expect(c.prices.zone.scenario).toBe(c.prices.zone.baseline);
    expect(welfareFor(welfareTable(scenario, scenario)).total).toBe(0);
  });

  it('compares runs of different lengths over their common months, and says so', () => {
    const longer = run({ ...mfn, months: 14 });
    expect(commonMonths(longer, scenario)).toBe(12);
    expect(compareRuns(longer, scenario, { good: cobalt, members: CLUB }).months).toBe(12);
    const notes = comparisonNotes(
      { months: 14, seed: 1, resolution: 2000, monthsDone: 14 },
      { months: 12, seed: 2, resolution: 2000, monthsDone: 12 },
    );
    expect(notes.join(' ')).toMatch(/first 12/);
    expect(notes.join(' ')).toMatch(/random variation/);
    expect(comparisonNotes(clubScenario as never, clubScenario as never)).toEqual([]);
  });
});

/** A worker that runs tasks in process; `die()` makes it fail like a crashed thread. */
function fakeWorker(log: string[], name: string): PoolWorker<{ name: string }> & { die(): void } {
  let die = () => {};
  const lost = new Promise<never>((_, reject) => {
    die = () => reject(new Error(`${name} died`));
  });
  return {
    service: { name },
    lost,
    terminate: () => log.push(`terminate ${name}`),
    die,
  };
}

describe('the research worker pool', () => {
  it('runs at most `size` tasks at once, starts workers lazily and reuses them', async () => {
    const log: string[] = [];
    let spawned = 0;
    const pool = createTaskPool(2, () => fakeWorker(log, `w${spawned++}`));
    let running = 0;
    let most = 0;
    const task = (i: number) =>
      pool.run(async (s) => {
        running++;
        most = Math.max(most, running);
        await new Promise((ok) => setTimeout(ok, 5));
        running--;
        return `${i}@${s.name}`;
      });
    const results = await Promise.all([0, 1, 2, 3, 4].map(task));
    expect(results.map((r) => r.split('@')[0])).toEqual(['0', '1', '2', '3', '4']);
    expect(most).toBe(2);
    expect(spawned).toBe(2);
    expect(pool.pending).toBe(0);
    expect(pool.started).toBe(2);
  });

  it('cancels: every queued and running task rejects with CancelledError, workers stop, and new tasks start fresh workers', async () => {
    const log: string[] = [];
    let spawned = 0;
    const pool = createTaskPool(1, () => fakeWorker(log, `w${spawned++}`));
    const forever = () => pool.run(() => new Promise<string>(() => {}));
    const a = forever();
    const b = forever();
    pool.cancel();
    await expect(a).rejects.toBeInstanceOf(CancelledError);
    await expect(b).rejects.toSatisfy(isCancelled);
    expect(log).toEqual(['terminate w0']);
    expect(pool.pending).toBe(0);
    expect(await pool.run(async (s) => s.name)).toBe('w1');
    pool.dispose();
    await expect(pool.run(async () => 1)).rejects.toThrow(/disposed/);
  });

  it('fails only the task of a worker that dies, and replaces the worker', async () => {
    const log: string[] = [];
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const pool = createTaskPool(1, () => {
      const w = fakeWorker(log, `w${workers.length}`);
      workers.push(w);
      return w;
    });
    const doomed = pool.run(() => new Promise<string>(() => {}));
    const next = pool.run(async (s) => s.name);
    await Promise.resolve();
    workers[0].die();
    await expect(doomed).rejects.toThrow(/w0 died/);
    expect(await next).toBe('w1');
    expect(log).toContain('terminate w0');
    // A task that throws leaves its worker in the pool.
    await expect(pool.run(async () => Promise.reject(new Error('bad input')))).rejects.toThrow(/bad input/);
    expect(await pool.run(async (s) => s.name)).toBe('w1');
  });
});

describe('ensembles and sweeps as the app runs them', () => {
  const service = createResearchService(() => world);
  // Out of order, as workers finish: the results must not depend on it.
  const runner = async (input: object) => {
    await new Promise((ok) => setTimeout(ok, Math.random() * 5));
    return service.outcomesOf(input as never);
  };

  it('give the command line’s ensemble bands, whatever order the members finish in', async () => {
    const base = { version: 1 as const, months: 3, resolution: 2000, seed: 4 };
    const spec = { runs: 3, ranges: [{ path: 'elasticities.demand', low: -0.4, high: -0.1 }] };
    const seen: number[] = [];
    const runs = await runEnsemble(base, spec, runner, (member, _, done) => {
      seen.push(member.seed);
      expect(done).toBe(seen.length);
    });
    expect(seen.sort()).toEqual([4, 5, 6]);
    const { io, files } = memoryIo();
    expect(
      runSimCli(
        [
          '--scenario',
          'status-quo',
          '--months',
          '3',
          '--resolution',
          '2000',
          '--seed',
          '4',
          '--runs',
          '3',
        ].concat(['--range', 'elasticities.demand=-0.4:-0.1', '--out', 'e.json']),
        io,
      ),
    ).toBe(0);
    const cli = JSON.parse(files['e.json']).bands;
    const names = ['lithium.price.world', 'cobalt.hhi.refine', 'rare_earths.unmet'];
    const mine = bandsOf(runs, names);
    for (const name of names) expect(JSON.parse(JSON.stringify(mine[name]))).toEqual(cli[name]);
    // Bands of the runs finished so far: a partial ensemble is the ensemble of those runs.
    expect(bandsOf([runs[0], undefined, runs[2]], names)).toEqual(
      ensembleBands([runs[0], runs[2]].map((r) => Object.fromEntries(names.map((n) => [n, r[n]])))),
    );
  });

  it('report which member failed validation', async () => {
    const spec = { runs: 2, ranges: [{ path: 'elasticities.demand', low: 1, high: 2 }] };
    await expect(runEnsemble({ version: 1, months: 2, resolution: 2000 }, spec, runner)).rejects.toThrow(
      /run \d \(seed \d\): elasticities\.demand/,
    );
  });

  it('write byte for byte the command line’s sweep CSV, for both reductions', async () => {
    const preset = presetById('ministerial-zone')!.scenario;
    const base = { ...preset, months: 3, resolution: 2000 };
    const parameters = [
      { path: 'priceFloors[0].floor', values: [100000, 200000] },
      { path: 'zones[0].members', values: [[...NODE_SETS.participants], [...NODE_SETS['us-eu-japan']]] },
    ];
    const last = sweepInputs(base, { parameters, reduce: 'last' })[3].input;
    expect(valueAt(last, 'priceFloors[0].floor')).toBe(200000);
    expect(valueAt(last, 'zones[0].members')).toEqual([...NODE_SETS['us-eu-japan']]);
    const runs = await runSweep(base, { parameters, reduce: 'last' }, runner);
    for (const reduce of ['last', 'mean'] as const) {
      const { io, files } = memoryIo();
      const args = ['--scenario', 'ministerial-zone', '--months', '3', '--resolution', '2000'];
      args.push('--sweep', 'priceFloors[0].floor=100000,200000', '--sweep');
      args.push('zones[0].members=@participants,@us-eu-japan', '--reduce', reduce, '--out', 's.csv');
      expect(runSimCli(args, io)).toBe(0);
      expect(sweepCsvOf({ parameters, reduce }, runs)).toBe(files['s.csv']);
    }
    // Points not yet finished are left out, as a shard leaves them out.
    const partial = sweepCsvOf({ parameters, reduce: 'last' }, [runs[0], undefined, undefined, runs[3]]);
    expect(
      partial
        .trim()
        .split('\n')
        .map((l) => l.split(',')[0]),
    ).toEqual(['index', '0', '3']);
  });
});

describe('the benchmark table', () => {
  it('puts GSIM beside the agents per region, largest trader first', () => {
    const mfn = CLUB.map((importer) => ({ importer, mineral: 'cobalt', rate: 0.2 }));
    const before = valid({ tariffs: mfn, months: 14 });
    const after = valid({
      tariffs: mfn,
      months: 14,
      zones: [{ id: 'club', name: 'Club', members: [...CLUB] }],
    });
    const b = run(before);
    const a = run(after);
    const good = goodIndexOf(a, 'cobalt', 'refine');
    const full = peForScenario(world, before, after, good, b, a);
    // The worker gets a slim copy and must give the same answer.
    const slim = createResearchService(() => world).peComparison({
      statusQuo: before,
      scenario: after,
      good,
      baseline: structuredClone(slimForPe(b)),
      run: structuredClone(slimForPe(a)),
    });
    expect(slim.pe.worldPriceChange).toEqual(full.pe.worldPriceChange);
    expect(slim.agents).toEqual(full.agents);
    expect(slim.agentWorldPriceChange).toBe(full.agentWorldPriceChange);

    const rows = peRows(full, (region) => (region === 'USA' ? 12 : Number.NaN));
    expect(rows.map((r) => r.region).sort()).toEqual([...full.input.regions].sort());
    const trades = rows.map((r) => r.baseTrade);
    expect(trades).toEqual([...trades].sort((x, y) => y - x));
    expect(rows.find((r) => r.region === 'USA')!.agentsWelfare).toBe(12);
    // The largest trader sells: both its price changes are there.
    const top = rows[0];
    const i = full.input.regions.indexOf(top.region);
    expect(top.price.pe).toBe(full.pe.worldPriceChange[i]);
    expect(top.price.agents).toBe(full.agents[i].priceChange);
    expect(top.pe.welfare).toBe(full.pe.welfare[i]);
    // A region that sells none of the good has no world price on either side.
    const buyers = rows.filter((r) => Number.isNaN(r.price.pe));
    expect(buyers.length).toBeGreaterThan(0);
    for (const r of buyers) {
      const j = full.input.regions.indexOf(r.region);
      expect(full.input.flows[j].reduce((a, b) => a + b, 0)).toBe(0);
      expect(r.price.agents).toBeNaN();
    }
    expect(peWarnings(full.pe.warnings)[0]).toMatch(
      new RegExp(`^${buyers.length} regions sell none of the good in the base`),
    );
    const summary = peSummary(full);
    expect(summary.bordersChange).toBe(true);
    expect(summary.peWelfare).toBeCloseTo(
      full.pe.welfare.reduce((x, y) => x + y, 0),
      9,
    );
    expect(peSummary(peForScenario(world, before, before, good, b, b)).bordersChange).toBe(false);
  });
});

describe('parameter paths for the forms', () => {
  it('offer elasticities first, then lever numbers, then zone members; never seeds or months', () => {
    const scenario = valid(presetById('ministerial-zone')!.scenario);
    const paths = suggestedPaths(scenario as unknown as Record<string, unknown>);
    const names = paths.map((p) => p.path);
    expect(names[0]).toBe('elasticities.demand');
    expect(names).toContain('elasticities.substitution');
    expect(names).toContain('priceFloors[0].floor');
    expect(names.at(-1)).toMatch(/^zones\[\d\]\.members$/);
    expect(names.some((n) => /seed|months|resolution|\.start|\.end/.test(n))).toBe(false);
    for (const p of paths) expect(valueAt(scenario, p.path)).toEqual(p.value);
    expect(valueAt(scenario, 'shocks[5].capacityLoss')).toBeUndefined();
  });
});
