import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ClusterPlan,
  kubernetesJob,
  shellWord,
  slurmJob,
  taskResources,
} from '../../../src/cli/cluster.ts';
import { runSimCli } from '../../../src/cli/sim.ts';
import {
  checkShards,
  ensembleShardFile,
  mergeShards,
  ShardMergeError,
  shardIndices,
} from '../../../src/research/shards.ts';
import { memoryIo } from '../cli/memoryIo.ts';

const SMALL = ['--scenario', 'ministerial-zone', '--months', '3', '--resolution', '1000'];
const ENSEMBLE = [...SMALL, '--runs', '5', '--range', 'elasticities.demand=-0.4:-0.1'];
const SWEEP = [...SMALL, '--sweep', 'priceFloors[0].floor=100000,150000,200000'];

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('ensemble shards', () => {
  it('merge into the file one machine writes, byte for byte, whatever the order of the shards', () => {
    const { io, files, out } = memoryIo();
    expect(runSimCli([...ENSEMBLE, '--out', 'one.json'], io)).toBe(0);
    const summary = out.join('');
    for (const i of [0, 1, 2])
      expect(runSimCli([...ENSEMBLE, '--shard', `${i}/3`, '--out', `e${i}.json`], io)).toBe(0);
    expect(JSON.parse(files['e1.json']).runs.map((r: { run: number }) => r.run)).toEqual([1, 4]);
    out.length = 0;
    expect(runSimCli(['--merge', 'e2.json', 'e0.json', 'e1.json', '--out', 'merged.json'], io)).toBe(0);
    expect(files['merged.json']).toBe(files['one.json']);
    // The merge prints the same summary as the one-machine run.
    expect(out.join('')).toContain(summary.split('\n').slice(0, 3).join('\n'));
  });

  it('keep outcomes that are not finite (no trade, no price) through the shard file', () => {
    const runs = [
      { member: { run: 0, seed: 1, draws: [] }, outcomes: { x: Float64Array.from([1, Number.NaN, 3]) } },
    ];
    const spec = { runs: 1, ranges: [] };
    const text = ensembleShardFile(
      { kind: 'ensemble', fingerprint: 'ab' },
      { index: 0, count: 1 },
      spec,
      runs,
    );
    const merged = mergeShards([{ name: 's.json', text }]);
    expect(merged.kind === 'ensemble' && Array.from(merged.runs[0].x)).toEqual([1, Number.NaN, 3]);
  });

  it('name a shard file that is JSON of another shape', () => {
    const text = JSON.stringify({ format: 'critical-minerals-ensemble-shard', formatVersion: 1, shard: 'x' });
    expect(failure(() => mergeShards([{ name: 'odd.json', text }]))).toMatch(
      /odd\.json: malformed ensemble shard/,
    );
    expect(failure(() => mergeShards([{ name: 'cut.json', text: text.slice(0, 30) }]))).toMatch(
      /cut\.json: truncated or not JSON/,
    );
  });
});

describe('merging shards', () => {
  const { io, files } = memoryIo();
  for (const i of [0, 1, 2]) runSimCli([...SWEEP, '--shard', `${i}/3`, '--out', `s${i}.csv`], io);
  runSimCli([...SWEEP, '--seed', '9', '--shard', '1/3', '--out', 'other.csv'], io);
  runSimCli([...SWEEP, '--out', 'one.csv'], io);
  const shard = (name: string, text = files[name]) => ({ name, text });

  it('name every missing, truncated or foreign shard and the shards to run again', () => {
    expect(mergeShards(['s0.csv', 's1.csv', 's2.csv'].map((n) => shard(n)))).toMatchObject({
      kind: 'sweep',
      csv: files['one.csv'],
    });
    const broken = [
      shard('s0.csv'),
      { name: 'shard-1.csv', text: null, unreadable: 'no such file' },
      shard('s2.csv', files['s2.csv'].slice(0, -25)),
    ];
    const check = checkShards(broken);
    expect(check.rerun).toEqual([1, 2]);
    const message = failure(() => mergeShards(broken));
    expect(message).toMatch(/2 of 3 shards missing or broken/);
    expect(message).toMatch(/shard 1: shard-1\.csv: no such file/);
    expect(message).toMatch(/shard 2: s2\.csv: truncated/);
    expect(message).toMatch(/re-run shards: 1,2$/);
    const foreign = failure(() => mergeShards([shard('s0.csv'), shard('other.csv'), shard('s2.csv')]));
    expect(foreign).toMatch(/shard 1: other\.csv: from another sweep/);
    expect(foreign).toMatch(/re-run shards: 1$/);
    expect(failure(() => mergeShards([shard('s0.csv'), shard('s0.csv')]))).toMatch(/shard 0 again/);
  });

  it('take the job and shard count from the merge step when given', () => {
    const job = /job=([0-9a-f]+)/.exec(files['s0.csv'])?.[1] as string;
    // Every file of another job: with --job, none is taken, and every shard is to run again.
    const error = failure(() => mergeShards([shard('other.csv')], { fingerprint: job, count: 3 }));
    expect(error).toMatch(/re-run shards: 0,1,2$/);
    expect(() => mergeShards([], { count: 2 })).toThrow(ShardMergeError);
  });

  it('refuse a shard file whose rows are not its shard’s points', () => {
    const moved = files['s1.csv'].replace('\n1,3,', '\n2,3,');
    expect(failure(() => mergeShards([shard('s0.csv'), shard('s1.csv', moved), shard('s2.csv')]))).toMatch(
      /shard 1: s1\.csv: .*malformed|holds points 2, not 1/,
    );
  });

  it('exit 1 from the command line, with the shards to run again', () => {
    const { io: io2, err } = memoryIo({ 's0.csv': files['s0.csv'] });
    expect(runSimCli(['--merge', 's0.csv', 'shard-1.csv', 'shard-2.csv', '--shards', '3'], io2)).toBe(1);
    expect(err.join('')).toMatch(/re-run shards: 1,2/);
  });

  it('split indices so that shards are disjoint and cover everything', () => {
    const all = [0, 1, 2, 3].flatMap((i) => shardIndices(10, { index: i, count: 4 }));
    expect(all.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shardIndices(2, { index: 3, count: 4 })).toEqual([]);
  });
});

describe('cluster jobs', () => {
  const plan: ClusterPlan = {
    kind: 'sweep',
    fingerprint: '0123456789abcdef',
    shards: 16,
    total: 100,
    agents: 1_000_000,
    months: 120,
    args: ['--scenario', 'ministerial-zone', '--sweep', 'zones[0].members=@club,["USA","MEX"]'],
    repository: '/home/me/sim',
    directory: '/scratch/me/sweep-job',
    out: '/scratch/me/sweep.csv',
  };

  it('estimate time and memory per task from the agents, months and runs per shard', () => {
    const small = taskResources(1000, 4, 2);
    expect(small.minutes).toBe(5);
    expect(small.memoryMiB).toBe(512);
    const big = taskResources(1_000_000, 120, 7);
    // 7 runs × 120 months × (3 ms + 1e6 / 52e6 s) ≈ 18.7 s of compute.
    expect(big.estimateSeconds).toBeCloseTo(7 * 120 * (0.003 + 1e6 / 52e6), 6);
    expect(big.memoryMiB).toBeGreaterThan(taskResources(1000, 120, 7).memoryMiB);
    expect(taskResources(1_000_000, 120, 70).minutes).toBeGreaterThan(big.minutes);
  });

  it('write a Slurm array of the shards, a merge that names the job, and a submit script', () => {
    const files = slurmJob(plan);
    const shards = files['shards.sbatch'];
    expect(shards).toMatch(/#SBATCH --array=0-15\n/);
    expect(shards).toMatch(/#SBATCH --mem=\d+M\n/);
    expect(shards).toMatch(/#SBATCH --time=\d+\n/);
    expect(shards).toContain(`--sweep 'zones[0].members=@club,["USA","MEX"]'`);
    expect(shards).toContain('--shard "$i/16"');
    expect(files['merge.sbatch']).toContain('shard-{0..15}.csv');
    expect(files['merge.sbatch']).toContain('--shards 16 --job 0123456789abcdef --out /scratch/me/sweep.csv');
    expect(files['submit.sh']).toContain('--dependency=afterany:"$shards"');
    for (const name of ['shards.sbatch', 'merge.sbatch', 'submit.sh'])
      execFileSync('bash', ['-n'], { input: files[name] });
  });

  it('give each shard task its own number in the shell, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-shell-'));
    try {
      // Run the shard command with `npm` replaced by echo: the words npm would get.
      const script = slurmJob(plan)['shards.sbatch'].split('set -euo pipefail')[1];
      const body = script.slice(script.indexOf('i=')).split('mv ')[0];
      writeFileSync(join(dir, 'run.sh'), `npm() { printf '%s\\n' "$@"; }\nSLURM_ARRAY_TASK_ID=5\n${body}`);
      const words = execFileSync('bash', [join(dir, 'run.sh')], { encoding: 'utf8' })
        .trim()
        .split('\n');
      expect(words).toContain('zones[0].members=@club,["USA","MEX"]');
      expect(words).toContain('5/16');
      expect(words).toContain('/scratch/me/sweep-job/shards/shard-5.csv.part');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('write a Kubernetes indexed job and its merge job', () => {
    const files = kubernetesJob({ ...plan, kind: 'ensemble' }, { image: 'registry/sim:1', claim: 'results' });
    const job = JSON.parse(files['shards.json']);
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 16, parallelism: 16 });
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe('registry/sim:1');
    expect(container.resources.requests.memory).toMatch(/^\d+Mi$/);
    expect(container.command[2]).toContain('--shard "$i/16"');
    expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe('results');
    const merge = JSON.parse(files['merge.json']);
    expect(merge.spec.template.spec.containers[0].command[2]).toContain('--job 0123456789abcdef');
    execFileSync('bash', ['-n'], { input: files['submit.sh'] });
  });

  it('quote shell words only when needed', () => {
    expect(shellWord('--months')).toBe('--months');
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('a b')).toBe(`'a b'`);
  });

  it('come from the command line with --slurm, and refuse what cannot work', () => {
    const { io, files, out } = memoryIo();
    expect(runSimCli(['--slurm', '--shards', '2', ...ENSEMBLE, '--out', '/tmp/x/ens.json'], io)).toBe(0);
    expect(Object.keys(files).sort()).toEqual([
      '/tmp/x/ens-job/merge.sbatch',
      '/tmp/x/ens-job/shards.sbatch',
      '/tmp/x/ens-job/submit.sh',
    ]);
    expect(files['/tmp/x/ens-job/shards.sbatch']).toContain('--runs 5');
    expect(out.join('')).toMatch(/2 shards \(5 runs, job [0-9a-f]{16}\)/);
    const { io: io2, err } = memoryIo();
    expect(runSimCli(['--slurm', ...ENSEMBLE, '--out', 'e.json'], io2)).toBe(2);
    expect(runSimCli(['--kubernetes', '--shards', '2', ...ENSEMBLE, '--out', 'e.json'], io2)).toBe(2);
    expect(runSimCli(['--slurm', '--shards', '2', ...ENSEMBLE], io2)).toBe(2);
    expect(err.join('')).toMatch(/need --shards N[\s\S]*--image[\s\S]*need --out/);
  });
});
