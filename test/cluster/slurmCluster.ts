/**
 * A one-node Slurm cluster on this machine for tests: munged, slurmctld and slurmd from
 * Debian's `munge` and `slurm-wlm` (installed with apt-get when missing), with their key,
 * configuration, state and logs in a temporary directory and their own ports and munge
 * socket, so nothing of the machine's own setup is read or changed. `stop()` ends every
 * daemon it started.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

const PROGRAMS = [
  '/usr/sbin/munged',
  '/usr/sbin/mungekey',
  '/usr/sbin/slurmctld',
  '/usr/sbin/slurmd',
  '/usr/bin/sbatch',
];

/** Runs a command as root: directly when root, else with sudo. */
function asRoot(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const root = process.getuid?.() === 0;
  return execFileSync(root ? command : 'sudo', root ? args : [command, ...args], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Installs munge and slurm-wlm from Debian when a program of theirs is missing. */
export function installSlurm(log: (line: string) => void): void {
  const missing = PROGRAMS.filter((p) => !existsSync(p));
  if (missing.length === 0) return;
  log(`installing munge and slurm-wlm with apt-get (missing: ${missing.join(', ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  asRoot('apt-get', ['update', '-qq'], env);
  asRoot('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'munge', 'slurm-wlm'], env);
  const still = PROGRAMS.filter((p) => !existsSync(p));
  if (still.length > 0)
    throw new Error(`apt-get installed munge and slurm-wlm but ${still.join(', ')} is missing`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SlurmJobState {
  id: string;
  state: string;
  exitCode: string;
}

export class SlurmCluster {
  readonly dir: string;
  readonly conf: string;
  private readonly daemons: { name: string; child: ChildProcess; pidFile: string; output: Buffer[] }[] = [];

  private constructor(
    dir: string,
    private readonly log: (line: string) => void,
  ) {
    this.dir = dir;
    this.conf = join(dir, 'slurm.conf');
  }

  /** The environment for Slurm's commands (sbatch, squeue, scontrol) to reach this cluster. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      SLURM_CONF: this.conf,
      ...extra,
    };
  }

  /** Starts munged, slurmctld and slurmd; resolves when the node is idle. */
  static async start(log: (line: string) => void): Promise<SlurmCluster> {
    if (process.platform !== 'linux') throw new Error('the Slurm test runs on Linux only');
    if (process.getuid?.() !== 0)
      throw new Error('the Slurm test needs root: slurmd runs jobs as their user and munged as munge');
    installSlurm(log);
    const cluster = new SlurmCluster(mkdtempSync(join(tmpdir(), 'sim-slurm-')), log);
    try {
      await cluster.boot();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  private spawnDaemon(name: string, command: string, args: string[], pidFile: string): void {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: this.env() });
    const output: Buffer[] = [];
    child.stdout?.on('data', (d) => output.push(d));
    child.stderr?.on('data', (d) => output.push(d));
    this.daemons.push({ name, child, pidFile, output });
    // Should the test process end without stop() (killed by a timeout), take the daemon with it.
    const onExit = () => {
      for (const pid of [child.pid, readPid(pidFile)]) if (pid) signal(pid, 'SIGTERM');
    };
    process.once('exit', onExit);
    child.once('exit', () => process.off('exit', onExit));
    this.log(`started ${name} (pid ${child.pid})`);
  }

  private async boot(): Promise<void> {
    const { dir } = this;
    // munged (user munge) must reach its socket and key under this directory.
    chmodSync(dir, 0o755);
    for (const sub of ['log', 'state', 'spool']) mkdirSync(join(dir, sub));
    // munged refuses a key or socket directory others can write to, and runs as munge.
    const mungeDir = join(dir, 'munge');
    mkdirSync(mungeDir, { mode: 0o755 });
    const [uid, gid] = ['-u', '-g'].map((f) =>
      Number(execFileSync('id', [f, 'munge'], { encoding: 'utf8' })),
    );
    const key = join(mungeDir, 'munge.key');
    asRoot('/usr/sbin/mungekey', ['--create', `--keyfile=${key}`]);
    chownSync(key, uid, gid);
    chownSync(mungeDir, uid, gid);
    const socket = join(mungeDir, 'munge.socket');
    const mungePid = join(mungeDir, 'munged.pid');
    this.spawnDaemon(
      'munged',
      'runuser',
      [
        '-u',
        'munge',
        '--',
        '/usr/sbin/munged',
        '--foreground',
        `--socket=${socket}`,
        `--key-file=${key}`,
        `--pid-file=${mungePid}`,
        `--log-file=${join(mungeDir, 'munged.log')}`,
        `--seed-file=${join(mungeDir, 'munged.seed')}`,
      ],
      mungePid,
    );
    await this.waitFor('munged', () => existsSync(socket), 30_000);

    // The node as slurmd sees it (real hostname, CPUs and memory), with room left for the OS.
    const node = execFileSync('/usr/sbin/slurmd', ['-C'], { encoding: 'utf8' });
    const cpus = Number(/CPUs=(\d+)/.exec(node)?.[1] ?? '1');
    const memory = Number(/RealMemory=(\d+)/.exec(node)?.[1] ?? '2048');
    const host = hostname().split('.')[0];
    const [ctldPort, dPort] = [await freePort(), await freePort()];
    writeFileSync(
      this.conf,
      `# A one-node test cluster (test/cluster/slurmCluster.ts).
ClusterName=simtest
SlurmctldHost=${host}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${socket}
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${ctldPort}
SlurmdPort=${dPort}
StateSaveLocation=${join(dir, 'state')}
SlurmdSpoolDir=${join(dir, 'spool')}
SlurmctldPidFile=${join(dir, 'slurmctld.pid')}
SlurmdPidFile=${join(dir, 'slurmd.pid')}
SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}
SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}
# No cgroups in a container: track processes by their parent, bind no tasks.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
# Keep finished jobs visible to scontrol for an hour (there is no accounting database).
MinJobAge=3600
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=${host} CPUs=${cpus} RealMemory=${Math.max(1024, Math.floor(memory * 0.8))} State=UNKNOWN
PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP
`,
    );
    this.spawnDaemon('slurmctld', '/usr/sbin/slurmctld', ['-D', '-f', this.conf], join(dir, 'slurmctld.pid'));
    await this.waitFor('slurmctld', () => this.tryRun('scontrol', ['ping']).includes('UP'), 60_000);
    this.spawnDaemon('slurmd', '/usr/sbin/slurmd', ['-D', '-f', this.conf], join(dir, 'slurmd.pid'));
    await this.waitFor('an idle node', () => /idle/.test(this.tryRun('sinfo', ['-h', '-o', '%T'])), 60_000);
    this.log(`one-node Slurm cluster up: node ${host}, ${cpus} CPUs, config ${this.conf}`);
  }

  private tryRun(command: string, args: string[]): string {
    try {
      return execFileSync(command, args, {
        encoding: 'utf8',
        env: this.env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch {
      return '';
    }
  }

  private async waitFor(what: string, ready: () => boolean, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!ready()) {
      const dead = this.daemons.find((d) => d.child.exitCode !== null);
      if (dead)
        throw new Error(
          `${dead.name} exited (${dead.child.exitCode}) while waiting for ${what}: ${this.logs()}`,
        );
      if (Date.now() > until) throw new Error(`no ${what} after ${ms / 1000} s: ${this.logs()}`);
      await sleep(250);
    }
  }

  /** The daemons' output and logs so far (for failure messages; also kept in log/ by stop()). */
  logs(): string {
    const consoles = this.daemons.map((d) => `\n--- ${d.name}\n${tail(Buffer.concat(d.output).toString())}`);
    const files = ['slurmctld.log', 'slurmd.log'].map((f) => join(this.dir, 'log', f));
    const logs = files
      .filter((f) => existsSync(f))
      .map((f) => `\n--- ${f}\n${tail(readFileSync(f, 'utf8'))}`);
    return [...consoles, ...logs].join('');
  }

  /** A job's state (COMPLETED, FAILED, PENDING, …) and exit code, from scontrol. */
  job(id: string): SlurmJobState[] {
    const text = this.tryRun('scontrol', ['-o', 'show', 'job', id]);
    return text
      .split('\n')
      .filter((l) => l.includes('JobId='))
      .map((l) => ({
        // An array's task is named array_task (the way squeue shows it), a plain job by its id.
        id:
          /ArrayJobId=(\d+) ArrayTaskId=(\S+)/.exec(l)?.slice(1).join('_') ??
          /JobId=(\S+)/.exec(l)?.[1] ??
          id,
        state: /JobState=(\S+)/.exec(l)?.[1] ?? 'UNKNOWN',
        exitCode: /ExitCode=(\S+)/.exec(l)?.[1] ?? '',
      }));
  }

  /** Waits until every task of these jobs has ended; returns their final states. */
  async waitForJobs(ids: string[], ms: number): Promise<SlurmJobState[]> {
    const ended =
      /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|BOOT_FAIL|DEADLINE|PREEMPTED)/;
    const until = Date.now() + ms;
    for (;;) {
      const states = ids.flatMap((id) => this.job(id));
      if (states.length > 0 && states.every((s) => ended.test(s.state))) return states;
      if (Date.now() > until)
        throw new Error(
          `jobs ${ids.join(', ')} still running after ${ms / 1000} s: ${JSON.stringify(states)}`,
        );
      await sleep(1000);
    }
  }

  /** Cancels every job, then ends every daemon this cluster started (slurmd, slurmctld, munged). */
  async stop(): Promise<void> {
    if (this.daemons.some((d) => d.name === 'slurmctld' && d.child.exitCode === null))
      this.tryRun('scancel', ['--user', 'root']);
    for (const daemon of [...this.daemons].reverse()) {
      // munged runs under runuser: end the daemon by its pid file, and the runuser process.
      const pids = new Set<number>();
      const fromFile = readPid(daemon.pidFile);
      if (fromFile) pids.add(fromFile);
      if (daemon.child.pid && daemon.child.exitCode === null) pids.add(daemon.child.pid);
      for (const pid of pids) signal(pid, 'SIGTERM');
      const until = Date.now() + 15_000;
      while ([...pids].some(alive) && Date.now() < until) await sleep(200);
      for (const pid of pids) if (alive(pid)) signal(pid, 'SIGKILL');
      writeFileSync(join(this.dir, 'log', `${daemon.name}.console`), Buffer.concat(daemon.output));
      this.log(`stopped ${daemon.name} (pid ${[...pids].join(', ') || 'none left'})`);
    }
    this.daemons.length = 0;
  }
}

const tail = (text: string) => text.split('\n').slice(-20).join('\n');

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
