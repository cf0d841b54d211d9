/** `npm run sim -- --workers N`: same output as the single-thread run; worker faults end the run with status 1. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimCli, type SimIo } from '../../../src/cli/sim.ts';
import { scaled } from '../../timeouts.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** runSimCli with captured output; files are kept in memory. */
async function sim(args: string[], debug = {}) {
  const out = { stdout: '', stderr: '', files: new Map<string, string>() };
  const io: SimIo = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    readFile: () => {
      throw new Error('no files here');
    },
    writeFile: (path, text) => {
      out.files.set(path, text);
    },
  };
  const status = await runSimCli(args, io, debug);
  return { status, ...out };
}

const BASE = ['--scenario', 'china-ree-controls-2025', '--months', '8', '--resolution', '3000'];

describe('sim --workers', () => {
  it('writes the same results and summary as the single-thread engine', async () => {
    const single = await sim([...BASE, '--out', 'r.json', '--flows']);
    const parallel = await sim([...BASE, '--out', 'r.json', '--flows', '--workers', '2']);
    expect(single.status).toBe(0);
    expect(parallel.status).toBe(0);
    expect(parallel.stdout).toMatch(/2 workers \(shared memory\)/);
    expect(parallel.files.get('r.json')).toBe(single.files.get('r.json'));
    // The summary (with its status-quo comparison) is the same, apart from the first line's engine and time.
    const body = (text: string) => text.split('\n').slice(1).join('\n');
    expect(body(parallel.stdout)).toBe(body(single.stdout));
  });

  it('refuses fewer than one worker', async () => {
    const result = await sim([...BASE, '--workers', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--workers must be at least 1/);
  });

  it('reports a failed worker with its error and exits with status 1', async () => {
    const result = await sim([...BASE, '--workers', '2'], {
      fault: { worker: 1, month: 5, phase: 'decide', kind: 'throw' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^error: worker 1 failed during month 5 \(decide\): injected throw in worker 1, month 5, decide/,
    );
  });

  it('exits (does not hang) when a worker thread dies, from the command line', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/sim.ts', ...BASE, '--workers', '3', '--no-baseline'],
      {
        cwd: ROOT,
        env: { ...process.env, SIM_FAULT: '2:3:settle:crash' },
        encoding: 'utf8',
        timeout: scaled(60_000),
      },
    );
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/error: worker 2 failed during month 3 \(settle\): injected crash/);
  });
});
