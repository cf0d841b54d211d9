/**
 * Cluster jobs for a sharded sweep or ensemble (`--slurm` / `--kubernetes` with `--shards N`):
 * the files that run shard i of N as task i of a Slurm job array (or completion i of a
 * Kubernetes indexed job), and the merge that starts when every shard has ended. The merge
 * names the shards that are missing or broken; `submit.sh <list>` runs just those again.
 */

/** What one shard task needs: a time limit and memory, for one CPU. */
export interface TaskResources {
  /** Wall-clock limit, minutes. */
  minutes: number;
  /** Memory, MiB. */
  memoryMiB: number;
  /** The estimated compute time of the task, seconds (before the safety margin). */
  estimateSeconds: number;
}

// Engine speed on one thread (README, `npm run bench -- engine`, 1,000,000 agents): the agent
// phases run 52 M agent-months/s, and the coordinator's work per month (21 markets, policies,
// metrics) takes about 3 ms whatever the resolution. A cluster core may be slower or busier:
// the time limit below allows three times the estimate, plus start-up.
const SPEED = { agentMonthsPerSecond: 52.0e6, coordinatorSecondsPerMonth: 0.003 };
// Start-up of one task: `npm run sim` checks its prebuilt bundle (scripts/cli.mjs; it rebuilds
// it first if the sources changed) and builds the world, under a second to a few seconds on a
// 2-core VM; allow a few minutes for a cold shared file system.
const STARTUP_MINUTES = 3;
// Memory (measured with /usr/bin/time, status quo, one thread): Node with the engine loaded
// about 140 MiB; agents' state about 100 B each; results about 0.3 MiB per month.
const MEMORY = { baseMiB: 160, bytesPerAgent: 100, miBPerMonth: 0.4 };

/** Estimates one shard task: `runs` runs of `agents` agents over `months` months, one after another. */
export function taskResources(agents: number, months: number, runs: number): TaskResources {
  const perRun = months * (SPEED.coordinatorSecondsPerMonth + agents / SPEED.agentMonthsPerSecond);
  const estimateSeconds = runs * perRun;
  const minutes = Math.max(5, Math.ceil(STARTUP_MINUTES + (3 * estimateSeconds) / 60));
  const need = MEMORY.baseMiB + (agents * MEMORY.bytesPerAgent) / 2 ** 20 + months * MEMORY.miBPerMonth;
  // Twice the need for the garbage collector's headroom, rounded up to 256 MiB.
  const memoryMiB = Math.max(512, Math.ceil((2 * need) / 256) * 256);
  return { minutes, memoryMiB, estimateSeconds };
}

/** A word for a POSIX shell: single-quoted unless plainly safe. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface ClusterPlan {
  kind: 'sweep' | 'ensemble';
  /** The job's fingerprint (src/research/shards.ts): the merge refuses shards of another job. */
  fingerprint: string;
  shards: number;
  /** Grid points (sweep) or runs (ensemble). */
  total: number;
  agents: number;
  months: number;
  /** The sweep or ensemble options of `npm run sim`, without --shard and --out. */
  args: string[];
  /** Absolute: the repository to run `npm run sim` in, the job's directory, the merged file. */
  repository: string;
  directory: string;
  out: string;
}

/** The shard file of shard `i` (a shell expression) inside the job directory. */
function shardFile(plan: ClusterPlan, i: string): string {
  return `${plan.directory}/shards/shard-${i}.${plan.kind === 'sweep' ? 'csv' : 'json'}`;
}

function mostRunsPerShard(plan: ClusterPlan): number {
  return Math.ceil(plan.total / plan.shards);
}

const NEEDS_NPM = `command -v npm >/dev/null || { echo "npm is not on PATH: make Node.js >= 20.19 available before submitting (jobs inherit your environment)" >&2; exit 1; }`;

/** A word for a POSIX shell in double quotes, in which only `$i` (the shard's number) expands. */
function withShardNumber(word: string): string {
  return `"${word.replace(/[\\"`$]/g, '\\$&').replace(/\\\$i\b/g, '$i')}"`;
}

/** `npm run sim` with these arguments; those holding `$i` get the shard's number. */
function simCommand(args: string[]): string {
  const words = args.map((a) => (a.includes('$i') ? withShardNumber(a) : shellWord(a)));
  // One option and its value a line.
  const lines: string[] = [];
  words.forEach((w, k) => {
    if (k > 0 && !w.startsWith('--') && words[k - 1].startsWith('--')) lines[lines.length - 1] += ` ${w}`;
    else lines.push(w);
  });
  return `npm run --silent sim -- ${lines.join(' \\\n  ')}`;
}

/** The files of a Slurm job array and its merge, by name inside the job directory. */
export function slurmJob(plan: ClusterPlan): Record<string, string> {
  const res = taskResources(plan.agents, plan.months, mostRunsPerShard(plan));
  const name = `sim-${plan.kind}-${plan.fingerprint.slice(0, 8)}`;
  const dir = plan.directory;
  const ext = plan.kind === 'sweep' ? 'csv' : 'json';
  const shardsScript = `#!/bin/bash
# Shard \${SLURM_ARRAY_TASK_ID} of ${plan.shards} of a ${plan.kind} of ${plan.total} ${plan.kind === 'sweep' ? 'points' : 'runs'} (job ${plan.fingerprint}).
# Written by \`npm run sim -- --slurm\`; submit with submit.sh (it also submits the merge).
# Resources per task, estimated for ${mostRunsPerShard(plan)} run(s) of ${plan.agents} agents over ${plan.months} months
# (about ${res.estimateSeconds.toPrecision(2)} s of compute): three times that plus start-up, and twice the memory.
#SBATCH --job-name=${name}
#SBATCH --array=0-${plan.shards - 1}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --mem=${res.memoryMiB}M
#SBATCH --time=${res.minutes}
#SBATCH --export=ALL
#SBATCH --output=${dir}/logs/shard-%a.out
set -euo pipefail
cd ${shellWord(plan.repository)}
${NEEDS_NPM}
i=\${SLURM_ARRAY_TASK_ID}
echo "shard $i/${plan.shards} of job ${plan.fingerprint}: task \${SLURM_ARRAY_JOB_ID}_$i (job id \${SLURM_JOB_ID}) on $(hostname)"
# Written under another name, then renamed: a shard file that exists is whole.
${simCommand([...plan.args, '--shard', `$i/${plan.shards}`, '--out', `${shardFile(plan, '$i')}.part`])}
mv "${shardFile(plan, '$i')}.part" "${shardFile(plan, '$i')}"
echo "shard $i/${plan.shards} written in \${SECONDS} s: ${shardFile(plan, '$i')}"
`;
  const mergeScript = `#!/bin/bash
# Merges the ${plan.shards} shards of job ${plan.fingerprint} into ${plan.out}.
# Starts when the array has ended (afterany: also when a shard failed, so it can name it).
#SBATCH --job-name=${name}-merge
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --mem=${Math.max(1024, res.memoryMiB)}M
#SBATCH --time=${STARTUP_MINUTES + 10}
#SBATCH --export=ALL
#SBATCH --output=${dir}/logs/merge-%j.out
set -euo pipefail
cd ${shellWord(plan.repository)}
${NEEDS_NPM}
echo "merge of job ${plan.fingerprint}: slurm job \${SLURM_JOB_ID}"
if ! npm run --silent sim -- --merge ${shellWord(dir)}/shards/shard-{0..${plan.shards - 1}}.${ext} \\
  --shards ${plan.shards} --job ${plan.fingerprint} --out ${shellWord(plan.out)}; then
  echo "re-submit the shards named above: bash ${shellWord(dir)}/submit.sh <shards, e.g. 1,3>" >&2
  exit 1
fi
sha256sum ${shellWord(plan.out)}
`;
  const submit = `#!/bin/bash
# Submits the ${plan.shards} shards as a Slurm job array, and the merge as a job that starts when
# they have all ended.
#   bash submit.sh          every shard
#   bash submit.sh 1,3      only shards 1 and 3 (those a failed merge names), then the merge again
# Set SBATCH_PARTITION, SBATCH_ACCOUNT, ... in the environment to choose where they run.
set -euo pipefail
dir=${shellWord(dir)}
mkdir -p "$dir/shards" "$dir/logs"
array=\${1:-0-${plan.shards - 1}}
shards=$(sbatch --parsable --array="$array" "$dir/shards.sbatch")
shards=\${shards%%;*}
merge=$(sbatch --parsable --dependency=afterany:"$shards" "$dir/merge.sbatch")
merge=\${merge%%;*}
echo "submitted shards $array as array job $shards; merge as job $merge (after $shards)"
echo "logs: $dir/logs; merged file: ${plan.out}"
`;
  return { 'shards.sbatch': shardsScript, 'merge.sbatch': mergeScript, 'submit.sh': submit };
}

export interface KubernetesOptions {
  /** A container image holding the repository (with node_modules) in its working directory. */
  image: string;
  /** A PersistentVolumeClaim (ReadWriteMany) for the shards and the merged file, mounted at /results. */
  claim: string;
}

/**
 * The files of a Kubernetes indexed job and its merge job (JSON manifests, which kubectl
 * takes as it takes YAML). Paths inside the pods: the repository is the image's working
 * directory; the job directory is /results/<job>.
 */
export function kubernetesJob(plan: ClusterPlan, k8s: KubernetesOptions): Record<string, string> {
  const res = taskResources(plan.agents, plan.months, mostRunsPerShard(plan));
  const name = `sim-${plan.kind}-${plan.fingerprint.slice(0, 8)}`;
  const ext = plan.kind === 'sweep' ? 'csv' : 'json';
  const dir = `/results/${name}`;
  const out = `/results/${plan.out.split('/').at(-1)}`;
  const volume = { name: 'results', persistentVolumeClaim: { claimName: k8s.claim } };
  const mount = { name: 'results', mountPath: '/results' };
  const resources = {
    requests: { cpu: '1', memory: `${res.memoryMiB}Mi` },
    limits: { memory: `${res.memoryMiB}Mi` },
  };
  const all = Array.from({ length: plan.shards }, (_, i) => i).join(' ');
  // Completion k runs the k-th shard of $SHARDS (all of them, or those submit.sh is given).
  const shardScript = [
    'set -eu',
    'set -- $SHARDS; shift "$JOB_COMPLETION_INDEX"; i=$1',
    `mkdir -p ${dir}/shards`,
    `${simCommand([...plan.args, '--shard', `$i/${plan.shards}`, '--out', `${dir}/shards/shard-$i.${ext}.part`])}`,
    `mv "${dir}/shards/shard-$i.${ext}.part" "${dir}/shards/shard-$i.${ext}"`,
  ].join('\n');
  const shardsJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: { app: 'critical-minerals-sim', job: plan.fingerprint } },
    spec: {
      completionMode: 'Indexed',
      completions: plan.shards,
      parallelism: plan.shards,
      backoffLimitPerIndex: 2,
      activeDeadlineSeconds: res.minutes * 60 * 4,
      template: {
        spec: {
          restartPolicy: 'Never',
          volumes: [volume],
          containers: [
            {
              name: 'shard',
              image: k8s.image,
              command: ['/bin/sh', '-c', shardScript],
              env: [{ name: 'SHARDS', value: all }],
              resources,
              volumeMounts: [mount],
            },
          ],
        },
      },
    },
  };
  const mergeScript = [
    'set -eu',
    `npm run --silent sim -- --merge $(for i in ${all}; do echo ${dir}/shards/shard-$i.${ext}; done) --shards ${plan.shards} --job ${plan.fingerprint} --out ${out}`,
    `sha256sum ${out}`,
  ].join('\n');
  const mergeJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${name}-merge`, labels: { app: 'critical-minerals-sim', job: plan.fingerprint } },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          volumes: [volume],
          containers: [
            {
              name: 'merge',
              image: k8s.image,
              command: ['/bin/sh', '-c', mergeScript],
              resources: {
                requests: { cpu: '1', memory: `${Math.max(1024, res.memoryMiB)}Mi` },
                limits: { memory: `${Math.max(1024, res.memoryMiB)}Mi` },
              },
              volumeMounts: [mount],
            },
          ],
        },
      },
    },
  };
  const submit = `#!/bin/bash
# Runs the ${plan.shards} shards as a Kubernetes indexed job, waits for it, then runs the merge job.
#   bash submit.sh          every shard
#   bash submit.sh 1,3      only shards 1 and 3 (those a failed merge names), then the merge again
# Needs kubectl, node (to edit the manifest) and the claim ${k8s.claim} (ReadWriteMany).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list=\${1:-}
manifest="$here/shards.json"
if [ -n "$list" ]; then
  manifest=$(mktemp --suffix=.json)
  node -e '
    const [file, list] = process.argv.slice(1);
    const job = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const shards = list.split(",").map((s) => s.trim()).filter(Boolean);
    job.spec.completions = job.spec.parallelism = shards.length;
    job.spec.template.spec.containers[0].env[0].value = shards.join(" ");
    process.stdout.write(JSON.stringify(job));
  ' "$here/shards.json" "$list" > "$manifest"
fi
kubectl delete job ${name} ${name}-merge --ignore-not-found
kubectl apply -f "$manifest"
# Wait for the job to end, complete or failed, so the merge can name what is missing.
until kubectl get job ${name} -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -qE 'Complete|Failed'; do
  sleep 10
done
kubectl apply -f "$here/merge.json"
kubectl wait --for=condition=complete --timeout=${(STARTUP_MINUTES + 10) * 60}s job/${name}-merge || true
kubectl logs job/${name}-merge
`;
  return {
    'shards.json': `${JSON.stringify(shardsJob, null, 2)}\n`,
    'merge.json': `${JSON.stringify(mergeJob, null, 2)}\n`,
    'submit.sh': submit,
  };
}
