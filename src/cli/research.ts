/**
 * Research modes of `npm run sim` (docs/research.md):
 *
 *   --runs N [--range path=low:high ...] [--shard i/n] [--out ensemble.json]   Monte Carlo ensemble
 *   --sweep path=v1,v2,... [--sweep path2=...] [--reduce last|mean] [--shard i/n] --out sweep.csv
 *   --merge shard-0.csv shard-1.csv ... [--shards n] [--job id] --out sweep.csv   join the shards
 *   --slurm | --kubernetes --shards n <sweep or ensemble options> --out file   write a cluster job
 *
 * Exit status: 0 on success, 1 on a bad scenario, a failed run or shards that cannot be merged,
 * 2 on bad arguments.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Outcomes, outcomes } from '../analysis/outcomes.ts';
import { zoneOf } from '../data/groups';
import { createSimulation } from '../engine/simulation.ts';
import {
  type EnsembleDocument,
  type EnsembleRange,
  type EnsembleSpec,
  ensembleDocument,
  ensembleMembers,
  parseRange,
} from '../research/ensemble.ts';
import { parsePath, parseValue, splitValues } from '../research/paths.ts';
import {
  ensembleShardFile,
  isShardFile,
  mergeShards,
  parseShard,
  type ShardId,
  type ShardJob,
  type ShardText,
  shardIndices,
  sweepShardFile,
} from '../research/shards.ts';
import {
  mergeSweepCsv,
  runSweepPoint,
  type SweepParameter,
  type SweepSpec,
  sweepCsv,
  sweepPoints,
} from '../research/sweep.ts';
import { presetById } from '../scenario/presets.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { calibratedWorld } from '../scenario/world.ts';
import { type ClusterPlan, kubernetesJob, slurmJob } from './cluster.ts';
import { applyOverrides, loadScenarioInput } from './load.ts';
import { parseOptions, RESEARCH_OPTIONS, UsageError, usage, wholeNumber } from './options.ts';

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
  /** Creates a directory and its parents (for --slurm and --kubernetes); none in memory. */
  makeDirectory?(path: string): void;
}

/** The repository `npm run sim` runs in (cluster jobs `cd` there). */
const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

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

/**
 * The fingerprint of a sweep or ensemble: the scenario (validated, so defaults are filled in
 * and fields ordered) and the spec. Shards of one job share it; a merge refuses others.
 */
function fingerprint(kind: ShardJob['kind'], scenario: Scenario, spec: unknown): ShardJob {
  const text = JSON.stringify({ kind, scenario, spec });
  return { kind, fingerprint: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

export function runResearchCli(args: string[], io: ResearchIo): number {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const parsed = parseOptions(args, RESEARCH_OPTIONS, true);
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const out = values.out as string | undefined;
    const shards = wholeNumber('shards', values.shards as string | undefined);
    if (shards !== undefined && shards < 1) throw new UsageError('--shards must be at least 1');
    if (values.merge)
      return merge(positionals, out, { count: shards, job: values.job as string | undefined }, io);
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
    const shard = values.shard === undefined ? undefined : usage(() => parseShard(values.shard as string));
    let job: Job;
    if (values.sweep) {
      const reduce = values.reduce as string;
      if (reduce !== 'last' && reduce !== 'mean')
        throw new UsageError(`--reduce must be last or mean (got ${JSON.stringify(reduce)})`);
      const spec: SweepSpec = { parameters: (values.sweep as string[]).map(parseSweep), reduce };
      job = { kind: 'sweep', spec, total: usage(() => sweepPoints(spec).length) };
    } else {
      const runs = wholeNumber('runs', values.runs as string | undefined) ?? 1;
      const ranges: EnsembleRange[] = ((values.range as string[] | undefined) ?? []).map((r) =>
        usage(() => parseRange(r)),
      );
      job = { kind: 'ensemble', spec: { runs, ranges }, total: runs };
    }
    const id = fingerprint(job.kind, checked.scenario, job.spec);
    if (values.slurm || values.kubernetes) {
      if (values.slurm && values.kubernetes) throw new UsageError('choose --slurm or --kubernetes, not both');
      if (shards === undefined) throw new UsageError('--slurm and --kubernetes need --shards N');
      if (!values.sweep && values.runs === undefined)
        throw new UsageError('--slurm and --kubernetes need a sweep (--sweep) or an ensemble (--runs)');
      if (shard) throw new UsageError('--shard is for one task; the cluster job runs every shard');
      if (!out) throw new UsageError('--slurm and --kubernetes need --out (the merged file)');
      const plan: ClusterPlan = {
        kind: job.kind,
        fingerprint: id.fingerprint,
        shards,
        total: job.total,
        agents: checked.scenario.resolution,
        months: checked.scenario.months,
        args: jobArgs(values, job, values.kubernetes === true),
        repository: REPOSITORY,
        directory: resolve(
          (values['job-dir'] as string | undefined) ?? `${out.replace(/\.[^./]*$/, '')}-job`,
        ),
        out: resolve(out),
      };
      return writeClusterJob(plan, values, io);
    }
    if (job.kind === 'sweep') return sweep(base, job.spec, id, shard, out, io);
    return ensemble(base, job.spec, id, shard, out, io);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

type Job =
  | { kind: 'sweep'; spec: SweepSpec; total: number }
  | { kind: 'ensemble'; spec: EnsembleSpec; total: number };

/**
 * The sweep or ensemble options as each shard task gets them. A scenario file is named by its
 * absolute path (tasks run in the repository), or, on Kubernetes, relative to the repository
 * (the image's working directory), so it must lie inside it.
 */
function jobArgs(values: Record<string, unknown>, job: Job, inRepository: boolean): string[] {
  let scenario = values.scenario as string;
  if (!presetById(scenario)) {
    scenario = resolve(scenario);
    if (inRepository) {
      if (!scenario.startsWith(`${REPOSITORY}/`))
        throw new UsageError(
          `--kubernetes: the scenario file ${scenario} must lie inside the repository ${REPOSITORY} (the image holds it)`,
        );
      scenario = scenario.slice(REPOSITORY.length + 1);
    }
  }
  const args = ['--scenario', scenario];
  for (const name of ['months', 'seed', 'resolution'])
    if (values[name] !== undefined) args.push(`--${name}`, values[name] as string);
  if (job.kind === 'sweep') {
    for (const s of values.sweep as string[]) args.push('--sweep', s);
    args.push('--reduce', job.spec.reduce);
  } else {
    args.push('--runs', String(job.spec.runs));
    for (const r of (values.range as string[] | undefined) ?? []) args.push('--range', r);
  }
  return args;
}

function writeClusterJob(plan: ClusterPlan, values: Record<string, unknown>, io: ResearchIo): number {
  let files: Record<string, string>;
  if (values.slurm) files = slurmJob(plan);
  else {
    const image = values.image as string | undefined;
    if (!image)
      throw new UsageError(
        '--kubernetes needs --image (a container image with the repository and node_modules)',
      );
    files = kubernetesJob(plan, { image, claim: values.claim as string });
  }
  // Slurm does not create the log directory: a job whose --output directory is missing fails.
  for (const sub of ['', '/shards', '/logs']) io.makeDirectory?.(`${plan.directory}${sub}`);
  for (const [name, text] of Object.entries(files)) io.writeFile(`${plan.directory}/${name}`, text);
  const what = plan.kind === 'sweep' ? 'points' : 'runs';
  io.stdout(
    `${values.slurm ? 'Slurm job array' : 'Kubernetes indexed job'} of ${plan.shards} shards (${plan.total} ${what}, job ${plan.fingerprint}) written to ${plan.directory}: ${Object.keys(files).join(', ')}\n` +
      `submit: bash ${plan.directory}/submit.sh   (later, only some shards: bash ${plan.directory}/submit.sh 1,3)\n`,
  );
  return 0;
}

function sweep(
  base: ScenarioInput,
  spec: SweepSpec,
  job: ShardJob,
  shard: ShardId | undefined,
  out: string | undefined,
  io: ResearchIo,
): number {
  const points = sweepPoints(spec);
  const mine = shard ? shardIndices(points.length, shard).map((i) => points[i]) : points;
  const world = calibratedWorld();
  const rows = mine.map((point, i) => {
    io.stderr(`point ${i + 1}/${mine.length} (#${point.index} of ${points.length})\n`);
    return runSweepPoint(world, base, spec, point);
  });
  const csv = sweepCsv(spec, points.length, rows);
  const text = shard ? sweepShardFile(job, shard, points.length, csv) : csv;
  if (out) {
    io.writeFile(out, text);
    io.stdout(`${rows.length} of ${points.length} sweep points written to ${out}\n`);
  } else io.stdout(text);
  return 0;
}

/** Reads the files to merge; a file that cannot be read is kept with why (the merge names it). */
function readShards(files: string[], io: ResearchIo): ShardText[] {
  return files.map((name) => {
    try {
      return { name, text: io.readFile(name, MAX_SHARD_FILE_BYTES) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { name, text: null, unreadable: code === 'ENOENT' ? 'no such file' : (error as Error).message };
    }
  });
}

function merge(
  files: string[],
  out: string | undefined,
  expect: { count?: number; job?: string },
  io: ResearchIo,
): number {
  if (files.length === 0) throw new UsageError('--merge needs the shard files');
  const texts = readShards(files, io);
  const write = (text: string, what: string) => {
    if (out) {
      io.writeFile(out, text);
      io.stdout(`merged ${files.length} shards ${what}into ${out}\n`);
    } else io.stdout(text);
  };
  // Plain sweep CSVs (no shard lines: written by hand or by an older version) merge as before.
  if (texts.every((t) => t.text !== null && !isShardFile(t.text))) {
    write(mergeSweepCsv(texts.map((t) => ({ name: t.name, text: t.text as string }))), '');
    return 0;
  }
  const merged = mergeShards(texts, { count: expect.count, fingerprint: expect.job });
  if (merged.kind === 'sweep') write(merged.csv, `of sweep ${merged.fingerprint} `);
  else {
    io.stdout(ensembleSummary(merged.document, merged.runs.length));
    if (out) write(JSON.stringify(merged.document), `of ensemble ${merged.fingerprint} `);
  }
  return 0;
}

function ensembleSummary(doc: EnsembleDocument, runs: number): string {
  const bands = doc.bands;
  const last = (name: string) => {
    const band = bands[name];
    if (!band) return '–';
    const m = band.p50.length - 1;
    return `${band.p50[m].toPrecision(4)} [${band.p5[m].toPrecision(4)}, ${band.p95[m].toPrecision(4)}]`;
  };
  const lines = [`ensemble of ${runs} runs; last month, median [5%, 95%]:`];
  for (const mineral of calibratedWorld().minerals.map((m) => m.id)) {
    lines.push(
      `  ${mineral.padEnd(12)} world price ${last(`${mineral}.price.world`)}  HHI refine ${last(`${mineral}.hhi.refine`)}  unmet ${last(`${mineral}.unmet`)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function ensemble(
  base: ScenarioInput,
  spec: EnsembleSpec,
  job: ShardJob,
  shard: ShardId | undefined,
  out: string | undefined,
  io: ResearchIo,
): number {
  const members = ensembleMembers(base, spec);
  const mine = shard ? shardIndices(members.length, shard).map((i) => members[i]) : members;
  const world = calibratedWorld();
  const all: Outcomes[] = mine.map((member, i) => {
    io.stderr(
      `run ${member.run + 1}/${members.length} (seed ${member.seed}${shard ? `; ${i + 1}/${mine.length} of this shard` : ''})\n`,
    );
    const checked = validateScenario(member.scenario);
    if (!checked.ok) throw new Error(`run ${member.run}: ${checked.errors.join('; ')}`);
    const results = createSimulation(world, checked.scenario).run();
    return outcomes(results, zoneOf(results.meta.zones));
  });
  if (shard) {
    const text = ensembleShardFile(
      job,
      shard,
      spec,
      mine.map((member, i) => ({ member, outcomes: all[i] })),
    );
    if (out) {
      io.writeFile(out, text);
      io.stdout(`${mine.length} of ${members.length} ensemble runs written to ${out}\n`);
    } else io.stdout(`${text}\n`);
    return 0;
  }
  const doc = ensembleDocument(spec, members, all);
  io.stdout(ensembleSummary(doc, members.length));
  if (out) {
    io.writeFile(out, JSON.stringify(doc));
    io.stdout(`ensemble written to ${out}\n`);
  }
  return 0;
}
