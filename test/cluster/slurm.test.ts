/**
 * The cluster recipe on a real scheduler: a one-node Slurm cluster on this machine runs the job
 * arrays `npm run sim -- --slurm` writes (4 shards of a small sweep and of a small ensemble) and
 * their merge jobs; the merged files must equal, byte for byte, what one machine writes. Then two
 * shards of the sweep are broken (one deleted, one truncated): the merge must name them, and
 * `submit.sh` given just those must bring back the same file.
 *
 * The log (console and test-output/cluster/slurm.log) names the job ids, the shards, the time
 * each step took and the SHA-256 of every merged file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../timeouts.ts';
import { SlurmCluster, type SlurmJobState } from './slurmCluster.ts';

const REPOSITORY = resolve(import.meta.dirname, '../..');
const LOG_DIR = join(REPOSITORY, 'test-output', 'cluster');
const LOG = join(LOG_DIR, 'slurm.log');
const SHARDS = 4;
// Small: a few months of the fewest agents the schema allows, so the shards finish in seconds.
const SMALL = ['--scenario', 'ministerial-zone', '--months', '4', '--resolution', '1000'];
const SWEEP = [
  ...SMALL,
  '--sweep',
  'priceFloors[0].floor=90000,130000,170000',
  '--sweep',
  'zones[0].members=@participants,@us-eu-japan',
  '--reduce',
  'mean',
];
const ENSEMBLE = [...SMALL, '--runs', '6', '--range', 'elasticities.demand=-0.4:-0.1'];
// Generous: the machine has 2 cores, shared with other work.
const JOB_WAIT_MS = 10 * 60_000;

function log(line: string): void {
  const stamped = `${new Date().toISOString()} ${line}`;
  console.log(stamped);
  appendFileSync(LOG, `${stamped}\n`);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function sim(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    cwd: REPOSITORY,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

let cluster: SlurmCluster | undefined;
let work = '';

beforeAll(
  async () => {
    rmSync(LOG_DIR, { recursive: true, force: true });
    mkdirSync(LOG_DIR, { recursive: true });
    writeFileSync(LOG, '');
    cluster = await SlurmCluster.start(log);
    work = join(cluster.dir, 'work');
    mkdirSync(work);
  },
  scaled(15 * 60_000),
);

afterAll(async () => {
  if (!cluster) return;
  // End every daemon, then keep the daemons' and the jobs' logs and files for a look.
  await cluster.stop();
  cpSync(join(cluster.dir, 'log'), join(LOG_DIR, 'daemons'), { recursive: true });
  if (work) cpSync(work, join(LOG_DIR, 'work'), { recursive: true });
  rmSync(cluster.dir, { recursive: true, force: true });
}, scaled(60_000));

/** Writes the job with `--slurm`, submits it with its submit.sh; returns the array and merge job ids. */
function submit(
  name: string,
  options: string[],
  only?: string,
): { array: string; merge: string; dir: string } {
  const c = cluster as SlurmCluster;
  const out = join(work, `${name}.${options.includes('--sweep') ? 'csv' : 'json'}`);
  const dir = join(work, `${name}-job`);
  if (!only) sim(['--slurm', '--shards', String(SHARDS), ...options, '--out', out, '--job-dir', dir]);
  const text = execFileSync('bash', [join(dir, 'submit.sh'), ...(only ? [only] : [])], {
    encoding: 'utf8',
    env: c.env(),
  });
  const ids = /array job (\d+); merge as job (\d+)/.exec(text);
  if (!ids) throw new Error(`submit.sh printed no job ids: ${text}`);
  log(
    `${name}: submitted shards ${only ?? `0-${SHARDS - 1}`} as array job ${ids[1]}, merge as job ${ids[2]}`,
  );
  return { array: ids[1], merge: ids[2], dir };
}

function describeStates(states: SlurmJobState[]): string {
  return states.map((s) => `${s.id} ${s.state} ${s.exitCode}`).join('; ');
}

describe('a one-node Slurm cluster', () => {
  it(
    'runs the sweep and the ensemble job arrays and merges them byte for byte as one machine does; re-runs just the broken shards',
    async () => {
      const c = cluster as SlurmCluster;
      // One machine first, timed, for the reference files.
      let started = performance.now();
      sim([...SWEEP, '--out', join(work, 'sweep-one.csv')]);
      sim([...ENSEMBLE, '--out', join(work, 'ensemble-one.json')]);
      log(
        `one machine: sweep (6 points) and ensemble (6 runs) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );

      started = performance.now();
      const sweep = submit('sweep', SWEEP);
      const ensemble = submit('ensemble', ENSEMBLE);
      const states = await c.waitForJobs(
        [sweep.array, ensemble.array, sweep.merge, ensemble.merge],
        JOB_WAIT_MS,
      );
      log(
        `cluster: both arrays and merges ended in ${((performance.now() - started) / 1000).toFixed(1)} s: ${describeStates(states)}`,
      );
      for (const s of states) expect(s.state, `job ${s.id}: ${c.logs()}`).toBe('COMPLETED');
      for (const name of ['sweep', 'ensemble']) {
        const ext = name === 'sweep' ? 'csv' : 'json';
        const merged = join(work, `${name}.${ext}`);
        const one = join(work, `${name}-one.${ext}`);
        log(`${name}: merged file sha256 ${sha256(merged)}; one machine ${sha256(one)}`);
        expect(readFileSync(merged, 'utf8')).toBe(readFileSync(one, 'utf8'));
        for (let i = 0; i < SHARDS; i++) {
          const lines = readFileSync(join(work, `${name}-job`, 'logs', `shard-${i}.out`), 'utf8').split('\n');
          log(`${name}: ${lines[0]}; ${lines.filter((l) => l.startsWith('shard ')).at(-1)}`);
        }
      }

      // Break two shards of the sweep: the merge names them and which to run again.
      const shardDir = join(sweep.dir, 'shards');
      rmSync(join(shardDir, 'shard-1.csv'));
      const truncated = join(shardDir, 'shard-3.csv');
      truncateSync(truncated, readFileSync(truncated).length - 20);
      let failure = '';
      try {
        sim(['--merge', ...[0, 1, 2, 3].map((i) => join(shardDir, `shard-${i}.csv`)), '--shards', '4']);
      } catch (error) {
        failure = String((error as { stderr?: string }).stderr);
      }
      log(`sweep after breaking shards 1 and 3, the merge says: ${failure.trim().replace(/\n/g, ' | ')}`);
      expect(failure).toMatch(/shard 1: .*shard-1\.csv: no such file/);
      expect(failure).toMatch(/shard 3: .*shard-3\.csv: truncated/);
      expect(failure).toMatch(/re-run shards: 1,3/);

      started = performance.now();
      rmSync(join(work, 'sweep.csv'));
      const again = submit('sweep', SWEEP, '1,3');
      const rerun = await c.waitForJobs([again.array, again.merge], JOB_WAIT_MS);
      log(
        `sweep: shards 1,3 re-run and merged in ${((performance.now() - started) / 1000).toFixed(1)} s: ${describeStates(rerun)}`,
      );
      for (const s of rerun) expect(s.state, `job ${s.id}: ${c.logs()}`).toBe('COMPLETED');
      const rerunTasks = rerun.filter((s) => s.id.startsWith(`${again.array}_`)).map((s) => s.id);
      expect(rerunTasks.sort()).toEqual([`${again.array}_1`, `${again.array}_3`]);
      log(`sweep: merged again, sha256 ${sha256(join(work, 'sweep.csv'))}`);
      expect(readFileSync(join(work, 'sweep.csv'), 'utf8')).toBe(
        readFileSync(join(work, 'sweep-one.csv'), 'utf8'),
      );
    },
    30 * 60_000,
  );
});
