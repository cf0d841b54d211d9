/**
 * The command line's inputs (issue 12): size-checked streaming reads, a timeout on pipes and
 * FIFOs, byte-order marks read as the app reads a loaded file, and a cap on --workers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputText } from '../../../src/cli/inputFile.ts';
import { maxWorkers, runSimCli, type SimDebug, type SimIo } from '../../../src/cli/sim.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../../../src/scenario/limits.ts';
import { scenarioTextFromBytes } from '../../../src/scenario/text.ts';
import { readScenarioFile } from '../../../src/share/files.ts';
import { HOOK_TIMEOUT_MS, scaled } from '../../timeouts.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'cli-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }), HOOK_TIMEOUT_MS);

const SCENARIO = JSON.stringify({ version: 1, name: 'Ünïcode ✓', months: 2, resolution: 1000 });
const limits = { maxBytes: MAX_SCENARIO_FILE_BYTES };

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i + (order === 'le' ? 0 : 1)] = unit & 0xff;
    bytes[2 + 2 * i + (order === 'le' ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

/** runSimCli reading real files through the command line's reader, with captured output. */
function sim(args: string[], debug: SimDebug = {}) {
  const out = { stdout: '', stderr: '' };
  const io: SimIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    readFile: (path, maxBytes = MAX_SCENARIO_FILE_BYTES) => readInputText(path, { maxBytes }),
    writeFile: () => undefined,
  };
  return { status: runSimCli(args, io, debug), out };
}

describe('command-line input files', () => {
  it('reads UTF-8 (with or without a BOM) and UTF-16 with a BOM, as the app does', async () => {
    const encodings: [string, Uint8Array][] = [
      ['utf8.json', new TextEncoder().encode(SCENARIO)],
      ['utf8-bom.json', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SCENARIO)])],
      ['utf16le.json', utf16(SCENARIO, 'le')],
      ['utf16be.json', utf16(SCENARIO, 'be')],
    ];
    for (const [name, bytes] of encodings) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      expect(readInputText(path, limits), name).toBe(SCENARIO);
      const app = await readScenarioFile(new File([bytes as Uint8Array<ArrayBuffer>], name));
      expect(app.ok && app.scenario.name, name).toBe('Ünïcode ✓');
      const { status, out } = sim(['--scenario', path, '--no-baseline']);
      expect(status, `${name}: ${out.stderr}`).toBe(0);
    }
  });

  it('refuses bytes that are not text in their encoding, in the app and on the command line alike', async () => {
    const bad = new Uint8Array([0x7b, 0xff, 0x7d]);
    const path = join(dir, 'latin1.json');
    writeFileSync(path, bad);
    expect(() => readInputText(path, limits)).toThrow(
      `"${path}" is not valid UTF-8 text (without a byte-order mark, a scenario file must be UTF-8)`,
    );
    expect(await readScenarioFile(new File([bad], 'latin1.json'))).toEqual({
      ok: false,
      errors: [
        '"latin1.json" is not valid UTF-8 text (without a byte-order mark, a scenario file must be UTF-8)',
      ],
    });
    expect(scenarioTextFromBytes(new Uint8Array([0xff, 0xfe, 0x00, 0xd8]))).toEqual({
      ok: false,
      error: 'the file is not valid UTF-16LE text',
    });
  });

  it('refuses a regular file over the limit from its size', () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, ' '.repeat(MAX_SCENARIO_FILE_BYTES + 1));
    expect(() => readInputText(path, limits)).toThrow(`"${path}" is 3.0 MB; the limit is 3.0 MB`);
    expect(() => readInputText(dir, limits)).toThrow('is a folder, not a file');
  });

  it('stops reading an endless device at the limit: --scenario /dev/zero', () => {
    expect(() => readInputText('/dev/zero', limits)).toThrow(
      '"/dev/zero" is more than 3.0 MB; the limit is 3.0 MB',
    );
    const { status, out } = sim(['--scenario', '/dev/zero']);
    expect(status).toBe(1);
    expect(out.stderr).toBe(
      'error: cannot read scenario "/dev/zero": "/dev/zero" is more than 3.0 MB; the limit is 3.0 MB\n',
    );
  });

  it(
    'gives up on a FIFO that nobody writes to, and reads one that is written late',
    async () => {
      const fifo = join(dir, 'fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      expect(() => readInputText(fifo, { ...limits, idleTimeoutMs: 300 })).toThrow(
        `nothing arrived from "${fifo}" for 0.3 s (a pipe or FIFO with no writer?); gave up waiting`,
      );
      // A writer that opens the FIFO after half a second and writes the scenario in two parts.
      const source = join(dir, 'late.json');
      writeFileSync(source, SCENARIO);
      const writer = spawn('sh', [
        '-c',
        `sleep 0.5; (head -c 10 "${source}"; sleep 0.3; tail -c +11 "${source}") > "${fifo}"`,
      ]);
      const exited = new Promise((done) => writer.on('exit', done));
      expect(readInputText(fifo, { ...limits, idleTimeoutMs: 20_000 })).toBe(SCENARIO);
      await exited;
    },
    scaled(60_000),
  );

  it(
    'the real command exits with a message on /dev/zero',
    () => {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/sim.ts', '--scenario', '/dev/zero'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: scaled(120_000),
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('"/dev/zero" is more than 3.0 MB; the limit is 3.0 MB');
    },
    scaled(180_000),
  );
});

describe('--workers', () => {
  it('starts at most the larger of 16 and the hardware threads', () => {
    expect(maxWorkers()).toBe(Math.max(16, availableParallelism()));
  });

  it(
    'caps the worker count with a note, and gives the same numbers',
    async () => {
      // A cap of 2 here, so the test starts two threads, not sixteen.
      const args = ['--scenario', 'status-quo', '--months', '2', '--resolution', '1000', '--no-baseline'];
      const capped = sim([...args, '--workers', '10000', '--out', 'x'], { maxWorkers: 2 });
      expect(await capped.status).toBe(0);
      expect(capped.out.stderr).toMatch(
        /^note: --workers 10000 is more than this command starts; running on 2 \(it starts at most the larger of 16 and this machine's \d+ hardware threads\)\. The numbers are the same on any number of workers\.\n$/,
      );
      expect(capped.out.stdout).toMatch(/, 2 workers \(shared memory\)/);
      const single = sim(args);
      expect(await single.status).toBe(0);
      const body = (text: string) => text.split('\n').slice(1).join('\n');
      expect(body(capped.out.stdout).replace(/\nresults written.*\n$/, '\n')).toBe(body(single.out.stdout));
    },
    scaled(120_000),
  );
});
