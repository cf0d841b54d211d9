/**
 * Shard files: what one task of a sharded sweep or ensemble writes, and how a merge checks the
 * shards and joins them into exactly what one machine writes.
 *
 * Shard i of n holds the sweep points (or ensemble runs) whose index mod n is i. Every shard file
 * names its job (a fingerprint of the scenario and the sweep or ensemble, computed by the caller)
 * and its shard, and ends with a line or field saying it is complete. So a merge can name every
 * shard that is missing, truncated or from another job, and say which to run again; the shards
 * that are fine stay as they are.
 */

import type { Outcomes } from '../analysis/outcomes.ts';
import {
  type EnsembleDocument,
  type EnsembleMember,
  type EnsembleSpec,
  ensembleDocument,
} from './ensemble.ts';

export interface ShardId {
  index: number;
  count: number;
}

/** The work a shard belongs to: a fingerprint (hex) of the scenario and the sweep or ensemble. */
export interface ShardJob {
  kind: 'sweep' | 'ensemble';
  fingerprint: string;
}

/** Parses `i/n` (0 ≤ i < n). */
export function parseShard(text: string): ShardId {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`--shard must look like i/n, e.g. 0/4 (got ${JSON.stringify(text)})`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) throw new Error(`--shard ${text}: need 0 ≤ i < n`);
  return { index, count };
}

/** The indices (points or runs, 0 … total − 1) that shard i of n holds. */
export function shardIndices(total: number, shard: ShardId): number[] {
  const out: number[] = [];
  for (let i = shard.index; i < total; i += shard.count) out.push(i);
  return out;
}

// --- sweep shards: the one-machine CSV's header and rows, between a first and a last line ---

const SWEEP_FIRST = /^# critical-minerals sweep shard (\d+)\/(\d+) job=([0-9a-f]+) points=(\d+)$/;
const SWEEP_LAST = /^# end rows=(\d+)$/;

/**
 * A sweep shard file: `# critical-minerals sweep shard i/n job=<fingerprint> points=<grid size>`,
 * the CSV (header and this shard's rows, as `sweepCsv` writes them), then `# end rows=<k>`.
 */
export function sweepShardFile(job: ShardJob, shard: ShardId, points: number, csv: string): string {
  const rows = csv.split('\n').filter((l) => l.length > 0).length - 1;
  return `# critical-minerals sweep shard ${shard.index}/${shard.count} job=${job.fingerprint} points=${points}\n${csv}# end rows=${rows}\n`;
}

// --- ensemble shards: every run's seed, draws and monthly outcomes, as JSON ---

const ENSEMBLE_FORMAT = 'critical-minerals-ensemble-shard';

export interface EnsembleRun {
  member: Pick<EnsembleMember, 'run' | 'seed' | 'draws'>;
  outcomes: Outcomes;
}

// JSON has no NaN or ±Infinity (an outcome with no trade has a NaN price): write them as strings.
const encodeSeries = (series: Float64Array) =>
  Array.from(series, (v) => (Number.isFinite(v) ? v : String(v)));
const decodeSeries = (values: unknown[]) =>
  Float64Array.from(values, (v) => (typeof v === 'string' ? Number(v) : (v as number)));

export function ensembleShardFile(
  job: ShardJob,
  shard: ShardId,
  spec: EnsembleSpec,
  runs: EnsembleRun[],
): string {
  return JSON.stringify({
    format: ENSEMBLE_FORMAT,
    formatVersion: 1,
    job: job.fingerprint,
    shard,
    spec,
    runs: runs.map(({ member, outcomes }) => ({
      run: member.run,
      seed: member.seed,
      draws: member.draws,
      outcomes: Object.fromEntries(Object.entries(outcomes).map(([name, s]) => [name, encodeSeries(s)])),
    })),
    complete: true,
  });
}

// --- reading and checking shards ---

/** A shard file as the merge reads it: its name, and its text (null when it cannot be read). */
export interface ShardText {
  name: string;
  text: string | null;
  /** Why the text is null, e.g. "no such file". */
  unreadable?: string;
}

interface ReadShard {
  name: string;
  kind: ShardJob['kind'];
  fingerprint: string;
  shard: ShardId;
  /** Sweep: the grid size; ensemble: the number of runs. */
  total: number;
  /** Set when the shard names itself but its body is broken. */
  problem?: string;
  sweep?: { header: string; rows: Map<number, string> };
  ensemble?: { spec: EnsembleSpec; runs: EnsembleRun[] };
}

function readSweepShard(name: string, text: string): ReadShard | string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const first = SWEEP_FIRST.exec(lines[0] ?? '');
  if (!first) return 'not a sweep shard (no "# critical-minerals sweep shard" first line)';
  const shard = { index: Number(first[1]), count: Number(first[2]) };
  const total = Number(first[4]);
  const read: ReadShard = { name, kind: 'sweep', fingerprint: first[3], shard, total };
  const last = SWEEP_LAST.exec(lines.at(-1) ?? '');
  const body = lines.slice(1, last ? -1 : undefined);
  const expected = shardIndices(total, shard);
  if (!text.endsWith('\n') || !last) {
    // A cut in the middle of a row leaves a last line without its newline.
    const complete = Math.max(0, body.length - 1 - (text.endsWith('\n') ? 0 : 1));
    return { ...read, problem: `truncated (no end line; ${complete} complete rows of ${expected.length})` };
  }
  if (body.length === 0 || !body[0].startsWith('index,points'))
    return { ...read, problem: 'no CSV header after the first line' };
  const rows = new Map<number, string>();
  for (const line of body.slice(1)) {
    const [indexText, pointsText] = line.split(',', 2);
    if (!/^\d+$/.test(indexText) || Number(pointsText) !== total)
      return { ...read, problem: `malformed row "${line.slice(0, 40)}"` };
    rows.set(Number(indexText), line);
  }
  const got = [...rows.keys()];
  if (Number(last[1]) !== body.length - 1 || got.join() !== expected.join())
    return {
      ...read,
      problem: `holds points ${got.join(',') || 'none'}, not ${expected.join(',') || 'none'}`,
    };
  return { ...read, sweep: { header: body[0], rows } };
}

function readEnsembleShard(name: string, text: string): ReadShard | string {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'truncated or not JSON';
  }
  if (doc?.format !== ENSEMBLE_FORMAT || doc.formatVersion !== 1) return 'not an ensemble shard';
  const shard = doc.shard as ShardId;
  const spec = doc.spec as EnsembleSpec;
  const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (typeof doc.job !== 'string' || !whole(shard?.index) || !whole(shard?.count) || !whole(spec?.runs))
    return 'malformed ensemble shard (no job, shard or runs)';
  if (doc.complete === true && !Array.isArray(doc.runs)) return 'malformed ensemble shard (no runs)';
  const read: ReadShard = {
    name,
    kind: 'ensemble',
    fingerprint: String(doc.job),
    shard,
    total: spec.runs,
  };
  if (doc.complete !== true) return { ...read, problem: 'not complete' };
  const runs = (
    doc.runs as { run: number; seed: number; draws: number[]; outcomes: Record<string, unknown[]> }[]
  ).map((r) => ({
    member: { run: r.run, seed: r.seed, draws: r.draws },
    outcomes: Object.fromEntries(Object.entries(r.outcomes).map(([k, v]) => [k, decodeSeries(v)])),
  }));
  const got = runs.map((r) => r.member.run);
  const expected = shardIndices(spec.runs, shard);
  if (got.join() !== expected.join())
    return { ...read, problem: `holds runs ${got.join(',') || 'none'}, not ${expected.join(',') || 'none'}` };
  return { ...read, ensemble: { spec, runs } };
}

/** One shard file that cannot go into the merge, and why. */
export interface ShardProblem {
  name: string;
  /** The shard it says it is, when it says. */
  shard?: number;
  problem: string;
}

/** What a merge found: the job, the shard count, the problems and the shards to run again. */
export interface ShardCheck {
  kind: ShardJob['kind'];
  fingerprint: string;
  count: number;
  problems: ShardProblem[];
  /** Shards with no good file: run these again (then merge again). */
  rerun: number[];
  good: ReadShard[];
}

/** Thrown by `mergeShards` when shards are missing or broken; `check` says which. */
export class ShardMergeError extends Error {
  constructor(readonly check: ShardCheck) {
    const lines = check.problems.map(
      (p) => `  ${p.shard === undefined ? '' : `shard ${p.shard}: `}${p.name}: ${p.problem}`,
    );
    for (const i of check.rerun)
      if (!check.problems.some((p) => p.shard === i)) lines.push(`  shard ${i}: no file for it`);
    super(
      `cannot merge: ${check.rerun.length} of ${check.count} shards missing or broken${lines.length ? `\n${lines.join('\n')}` : ''}\nre-run shards: ${check.rerun.join(',')}`,
    );
    this.name = 'ShardMergeError';
  }
}

/** Is this text a shard file of this module's formats (as opposed to a plain sweep CSV)? */
export function isShardFile(text: string): boolean {
  return text.startsWith('# critical-minerals sweep shard') || text.trimStart().startsWith('{');
}

/**
 * Checks shard files: every one must be readable, complete, of the same job and shard count,
 * and each shard 0 … n − 1 must appear exactly once. The job is `expect.fingerprint` when given,
 * else the one most shards name; n is `expect.count` when given, else that job's.
 */
export function checkShards(
  files: ShardText[],
  expect: { fingerprint?: string; count?: number } = {},
): ShardCheck {
  const problems: ShardProblem[] = [];
  const read: ReadShard[] = [];
  for (const file of files) {
    if (file.text === null) {
      problems.push({ name: file.name, problem: file.unreadable ?? 'cannot be read' });
      continue;
    }
    const parsed = file.text.trimStart().startsWith('{')
      ? readEnsembleShard(file.name, file.text)
      : readSweepShard(file.name, file.text);
    if (typeof parsed === 'string') problems.push({ name: file.name, problem: parsed });
    else read.push(parsed);
  }
  const votes = new Map<string, number>();
  for (const r of read) votes.set(r.fingerprint, (votes.get(r.fingerprint) ?? 0) + 1);
  const fingerprint = expect.fingerprint ?? [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const ofJob = read.filter((r) => r.fingerprint === fingerprint);
  const kind = ofJob[0]?.kind ?? 'sweep';
  const count = expect.count ?? ofJob[0]?.shard.count ?? 0;
  const good: ReadShard[] = [];
  for (const r of read) {
    const where = { name: r.name, shard: r.shard.index };
    if (r.fingerprint !== fingerprint)
      problems.push({
        ...where,
        problem: `from another ${r.kind} (job ${r.fingerprint}, not ${fingerprint})`,
      });
    else if (r.shard.count !== count)
      problems.push({ ...where, problem: `one of ${r.shard.count} shards, not ${count}` });
    else if (r.problem) problems.push({ ...where, problem: r.problem });
    else if (good.some((g) => g.shard.index === r.shard.index))
      problems.push({
        ...where,
        problem: `shard ${r.shard.index} again (also ${good.find((g) => g.shard.index === r.shard.index)?.name})`,
      });
    else good.push(r);
  }
  const rerun: number[] = [];
  for (let i = 0; i < count; i++) if (!good.some((g) => g.shard.index === i)) rerun.push(i);
  // A file that cannot say which shard it is (missing, not a shard file) is taken to be the shard
  // its name ends with (shard-3.csv), when that shard has no good file.
  for (const p of problems) {
    const named = /(\d+)(?:\.[A-Za-z]+)*$/.exec(p.name);
    if (p.shard === undefined && named && rerun.includes(Number(named[1]))) p.shard = Number(named[1]);
  }
  if (count === 0 && problems.length === 0)
    problems.push({ name: '(none)', problem: 'no shard files given' });
  return { kind, fingerprint, count, problems, rerun, good };
}

/** The merged result: the one-machine sweep CSV, or the one-machine ensemble document. */
export type Merged =
  | { kind: 'sweep'; fingerprint: string; csv: string }
  | { kind: 'ensemble'; fingerprint: string; document: EnsembleDocument; runs: Outcomes[] };

/**
 * Joins shard files into what one machine writes; throws `ShardMergeError` naming every missing
 * or broken shard (and the shards to run again) when it cannot.
 */
export function mergeShards(
  files: ShardText[],
  expect: { fingerprint?: string; count?: number } = {},
): Merged {
  const check = checkShards(files, expect);
  if (check.problems.length > 0 || check.rerun.length > 0 || check.count === 0)
    throw new ShardMergeError(check);
  const { fingerprint } = check;
  if (check.kind === 'sweep') {
    const withRows = check.good.filter((g) => (g.sweep?.rows.size ?? 0) > 0);
    const header = withRows[0]?.sweep?.header ?? check.good[0].sweep?.header ?? '';
    const differs = withRows.find((g) => g.sweep?.header !== header);
    if (differs) throw new Error(`${differs.name}: its columns differ from ${withRows[0].name}'s`);
    const rows = check.good.flatMap((g) => [...(g.sweep?.rows ?? [])]).sort((a, b) => a[0] - b[0]);
    return { kind: 'sweep', fingerprint, csv: `${[header, ...rows.map(([, line]) => line)].join('\n')}\n` };
  }
  const spec = check.good[0].ensemble?.spec as EnsembleSpec;
  const runs = check.good.flatMap((g) => g.ensemble?.runs ?? []).sort((a, b) => a.member.run - b.member.run);
  const outcomes = runs.map((r) => r.outcomes);
  return {
    kind: 'ensemble',
    fingerprint,
    document: ensembleDocument(
      spec,
      runs.map((r) => r.member),
      outcomes,
    ),
    runs: outcomes,
  };
}
