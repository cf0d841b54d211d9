/**
 * Research modes of `npm run sim` (docs/research.md):
 *
 *   --runs N [--range path=low:high ...] [--out ensemble.json]   Monte Carlo ensemble
 *   --sweep path=v1,v2,... [--sweep path2=...] [--reduce last|mean] [--shard i/n] --out sweep.csv
 *   --merge shard0.csv shard1.csv ... --out sweep.csv              join the shards of a sweep
 *
 * Exit status: 0 on success, 1 on a bad scenario or a failed run, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { calibratedWorld } from '../data/world.ts';
import { createSimulation } from '../engine/simulation.ts';
import { type EnsembleRange, ensembleBands, ensembleMembers, parseRange } from '../research/ensemble.ts';
import { outcomes, type ZoneRef } from '../research/outcomes.ts';
import { parsePath, parseValue, splitValues } from '../research/paths.ts';
import {
  mergeSweepCsv,
  parseShard,
  runSweepPoint,
  type SweepParameter,
  type SweepSpec,
  shardPoints,
  sweepCsv,
  sweepPoints,
} from '../research/sweep.ts';
import { PARTICIPANTS } from '../scenario/presets.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { applyOverrides, loadScenarioInput, wholeNumber } from './load.ts';

/**
 * Largest sweep shard --merge reads, in bytes: a shard is one CSV row per point and month for
 * every outcome, far larger than a scenario, but a gigabyte is past any sweep that fits in memory.
 */
export const MAX_SHARD_FILE_BYTES = 1_000_000_000;

export interface ResearchIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string, maxBytes?: number): string;
  writeFile(path: string, text: string): void;
}

const PARTICIPANTS_ZONE: ZoneRef = {
  id: 'participants',
  name: 'Ministerial participants',
  members: PARTICIPANTS,
};

// Kept here for callers of the command line's helpers; it lives with the other path helpers.
export { splitValues };

export function isResearchCommand(args: readonly string[]): boolean {
  return args.some((a) => ['--runs', '--sweep', '--merge'].includes(a.split('=')[0]));
}

class UsageError extends Error {}

function parseSweep(text: string): SweepParameter {
  const at = text.indexOf('=');
  if (at < 1) throw new UsageError(`--sweep must look like path=v1,v2,... (got ${JSON.stringify(text)})`);
  const path = text.slice(0, at);
  try {
    parsePath(path);
    return { path, values: splitValues(text.slice(at + 1)).map(parseValue) };
  } catch (error) {
    throw new UsageError(`--sweep ${text}: ${(error as Error).message}`);
  }
}

export function runResearchCli(args: string[], io: ResearchIo): number {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args,
      options: {
        scenario: { type: 'string', short: 's' },
        months: { type: 'string', short: 'm' },
        seed: { type: 'string' },
        resolution: { type: 'string', short: 'r' },
        out: { type: 'string', short: 'o' },
        runs: { type: 'string' },
        range: { type: 'string', multiple: true },
        sweep: { type: 'string', multiple: true },
        reduce: { type: 'string', default: 'last' },
        shard: { type: 'string' },
        merge: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    if (values.merge) return merge(positionals, values.out as string | undefined, io);
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    if (!values.scenario) throw new UsageError('--scenario is required');
    const overrides = {
      months: wholeNumber('months', values.months as string | undefined),
      seed: wholeNumber('seed', values.seed as string | undefined),
      resolution: wholeNumber('resolution', values.resolution as string | undefined),
    };
    const base = applyOverrides(
      loadScenarioInput(values.scenario as string, io.readFile),
      overrides,
    ) as ScenarioInput;
    const checked = validateScenario(base);
    if (!checked.ok) throw new Error(`scenario is not valid:\n  ${checked.errors.join('\n  ')}`);
    if (values.sweep) {
      const reduce = values.reduce as string;
      if (reduce !== 'last' && reduce !== 'mean')
        throw new UsageError(`--reduce must be last or mean (got ${JSON.stringify(reduce)})`);
      const spec: SweepSpec = { parameters: (values.sweep as string[]).map(parseSweep), reduce };
      return sweep(base, spec, values.shard as string | undefined, values.out as string | undefined, io);
    }
    const runs = wholeNumber('runs', values.runs as string | undefined) ?? 1;
    const ranges: EnsembleRange[] = ((values.range as string[] | undefined) ?? []).map((r) => {
      try {
        return parseRange(r);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
    return ensemble(base, { runs, ranges }, values.out as string | undefined, io);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

function sweep(
  base: ScenarioInput,
  spec: SweepSpec,
  shardText: string | undefined,
  out: string | undefined,
  io: ResearchIo,
): number {
  const points = sweepPoints(spec);
  const mine = shardText ? shardPoints(points, parseShard(shardText)) : points;
  const world = calibratedWorld();
  const rows = mine.map((point, i) => {
    io.stderr(`point ${i + 1}/${mine.length} (#${point.index} of ${points.length})\n`);
    return runSweepPoint(world, base, spec, point, PARTICIPANTS_ZONE);
  });
  const csv = sweepCsv(spec, points.length, rows);
  if (out) {
    io.writeFile(out, csv);
    io.stdout(`${rows.length} of ${points.length} sweep points written to ${out}\n`);
  } else io.stdout(csv);
  return 0;
}

function merge(files: string[], out: string | undefined, io: ResearchIo): number {
  if (files.length === 0) throw new UsageError('--merge needs the shard files');
  const csv = mergeSweepCsv(files.map((name) => ({ name, text: io.readFile(name, MAX_SHARD_FILE_BYTES) })));
  if (out) {
    io.writeFile(out, csv);
    io.stdout(`merged ${files.length} shards into ${out}\n`);
  } else io.stdout(csv);
  return 0;
}

function ensemble(
  base: ScenarioInput,
  spec: { runs: number; ranges: EnsembleRange[] },
  out: string | undefined,
  io: ResearchIo,
): number {
  const members = ensembleMembers(base, spec);
  const world = calibratedWorld();
  const all = members.map((member) => {
    io.stderr(`run ${member.run + 1}/${members.length} (seed ${member.seed})\n`);
    const checked = validateScenario(member.scenario);
    if (!checked.ok) throw new Error(`run ${member.run}: ${checked.errors.join('; ')}`);
    const results = createSimulation(world, checked.scenario).run();
    return outcomes(results, results.meta.zones[0] ?? PARTICIPANTS_ZONE);
  });
  const bands = ensembleBands(all);
  const last = (name: string) => {
    const band = bands[name];
    const m = band.p50.length - 1;
    return band
      ? `${band.p50[m].toPrecision(4)} [${band.p5[m].toPrecision(4)}, ${band.p95[m].toPrecision(4)}]`
      : '–';
  };
  const lines = [`ensemble of ${members.length} runs; last month, median [5%, 95%]:`];
  for (const mineral of world.minerals.map((m) => m.id)) {
    lines.push(
      `  ${mineral.padEnd(12)} world price ${last(`${mineral}.price.world`)}  HHI refine ${last(`${mineral}.hhi.refine`)}  unmet ${last(`${mineral}.unmet`)}`,
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  if (out) {
    const doc = {
      format: 'critical-minerals-ensemble',
      formatVersion: 1,
      spec,
      members: members.map(({ run, seed, draws }) => ({ run, seed, draws })),
      bands,
    };
    io.writeFile(out, JSON.stringify(doc));
    io.stdout(`ensemble written to ${out}\n`);
  }
  return 0;
}
