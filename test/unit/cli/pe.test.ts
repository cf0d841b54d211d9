import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, runPeCli } from '../../../src/cli/pe.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const EXAMPLE = join(ROOT, 'test/fixtures/pe/francois-hall-2003-us-eu.json');
const OUTPUT_KEYS = [
  'regions',
  'form',
  'worldPriceChange',
  'tradeChange',
  'tradeValueChange',
  'tradeVolumeChange',
  'compositePriceChange',
  'producerSurplus',
  'consumerSurplus',
  'tariffRevenue',
  'welfare',
  'solver',
  'warnings',
];

const scratch = mkdtempSync(join(tmpdir(), 'pe-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }), HOOK_TIMEOUT_MS);

/** Writes `content` (JSON-encoded unless a string) to a scratch file and returns its path. */
function scratchFile(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** runPeCli with real file access and captured stdout/stderr. */
function run(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => writeFileSync(path, text),
  };
  const status = runPeCli(args, io);
  return { status, stdout, stderr };
}

function example(): Record<string, unknown> {
  return JSON.parse(readFileSync(EXAMPLE, 'utf8'));
}

describe('pe CLI', () => {
  it('writes the result JSON with the documented keys to stdout', () => {
    const { status, stdout, stderr } = run(['--input', EXAMPLE]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(OUTPUT_KEYS);
    expect(result.worldPriceChange[0]).toBeCloseTo(0.0792, 4);
    expect(result.tradeChange).toHaveLength(4);
    expect(result.solver.converged).toBe(true);
  });

  it('writes to --out instead of stdout', () => {
    const out = join(scratch, 'result.json');
    const { status, stdout } = run(['-i', EXAMPLE, '--out', out]);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).regions).toEqual(['US', 'JP', 'EU', 'RW']);
  });

  it('prints usage for --help', () => {
    const { status, stdout } = run(['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run pe -- --input <file.json> \[--out <file.json>\]/);
  });

  it('exits 1 naming a missing file', () => {
    const { status, stderr } = run(['--input', join(scratch, 'absent.json')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/pe: cannot read input ".*absent\.json": no such file/);
  });

  it('exits 1 on malformed JSON', () => {
    const { status, stderr } = run(['--input', scratchFile('broken.json', '{"regions": [')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/pe: input ".*broken\.json" is not valid JSON/);
  });

  it('exits 1 on a wrong shape, naming field, index and what is allowed', () => {
    const bad = { ...example(), importDemandElasticity: [-1.25, 0.5, -1.25, -1.25], tarifs: 1 };
    const { status, stdout, stderr } = run(['--input', scratchFile('bad.json', bad)]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('invalid PE input');
    expect(stderr).toContain('importDemandElasticity[1]: must be an import demand elasticity < 0, got 0.5');
    expect(stderr).toContain('unknown field(s) "tarifs"');
  });

  it('exits 2 on bad arguments', () => {
    expect(run([]).status).toBe(2);
    expect(run([]).stderr).toContain('pe: missing --input <file.json>');
    expect(run(['--input', EXAMPLE, '--bogus']).status).toBe(2);
    expect(run(['--input', EXAMPLE, 'extra']).stderr).toContain('unexpected argument "extra"');
  });

  it('passes warnings to stderr while still writing the result', () => {
    const input = {
      ...example(),
      tariffs1: (example().tariffs0 as number[][]).map((row) => row.map(() => 20)),
    };
    const { status, stdout, stderr } = run(['--input', scratchFile('shock.json', input)]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).warnings.length).toBeGreaterThan(0);
    expect(stderr).toMatch(/^pe: warning: /m);
  });

  it('runs as a script: stdout JSON and status 0, or a message and a non-zero status', () => {
    const script = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/pe.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const good = script(['--input', EXAMPLE]);
    expect(good.status).toBe(0);
    expect(Object.keys(JSON.parse(good.stdout))).toEqual(OUTPUT_KEYS);
    const bad = script(['--input', scratchFile('shape.json', { regions: ['A'] })]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('flows: is missing; must be an array of rows');
  });
});
