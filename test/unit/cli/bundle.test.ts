/**
 * The prebuilt command line (scripts/cli.mjs): `npm run sim` runs the bundle, prints what the
 * TypeScript sources print, and never runs stale code: a changed, added or removed input
 * rebuilds the bundle before the command runs. The staleness cases run in a copy of the
 * launcher inside a small temporary repository (its own src/cli/sim.ts), so the real build/ is
 * not touched.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSimCli } from '../../../src/cli/sim.ts';
import { scaled } from '../../timeouts.ts';

const root = resolve(import.meta.dirname, '../../..');
const launcher = join(root, 'scripts/cli.mjs');

function launch(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [join(cwd, 'scripts/cli.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: scaled(120_000),
  });
}

describe('the prebuilt command line', () => {
  it(
    'prints what the sources print (help and a short run)',
    () => {
      const help = launch(root, ['sim', '--help']);
      expect(help.stderr).toBe('');
      expect(help.status).toBe(0);
      const out: string[] = [];
      runSimCli(['--help'], {
        stdout: (t) => out.push(t),
        stderr: (t) => out.push(t),
        readFile: () => '',
        writeFile: () => undefined,
      });
      expect(help.stdout).toBe(out.join(''));
      const run = launch(root, [
        'sim',
        '--scenario',
        'club',
        '--months',
        '2',
        '--resolution',
        '2000',
        '--workers',
        '2',
      ]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/2 workers/);
      expect(run.stdout).toMatch(/HHI refine/);
    },
    scaled(180_000),
  );

  describe('in a small repository of its own', () => {
    const repo = mkdtempSync(join(tmpdir(), 'cli-bundle-'));
    afterAll(() => rmSync(repo, { recursive: true, force: true }));
    mkdirSync(join(repo, 'scripts'));
    mkdirSync(join(repo, 'src/cli'), { recursive: true });
    mkdirSync(join(repo, 'workers'));
    copyFileSync(launcher, join(repo, 'scripts/cli.mjs'));
    symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'));
    const write = (file: string, text: string) => writeFileSync(join(repo, file), text);
    write('src/cli/pe.ts', 'console.log("pe");\n');
    write('workers/sim.node-worker.ts', 'export {};\n');

    it(
      'rebuilds when a source changes, and not otherwise',
      () => {
        write('src/cli/words.ts', 'export const word: string = "first";\n');
        write(
          'src/cli/sim.ts',
          'import { word } from "./words.ts";\nconsole.log(word, process.argv.slice(2).join(" "));\n',
        );
        const first = launch(repo, ['sim', 'a', 'b']);
        expect(first.stderr).toBe('');
        expect(first.stdout).toBe('first a b\n');
        // An imported module changes: the bundle follows.
        write('src/cli/words.ts', 'export const word: string = "second";\n');
        expect(launch(repo, ['sim']).stdout).toBe('second \n');
        // The same size, other bytes: followed too (its time moved, so it is hashed).
        write('src/cli/words.ts', 'export const word: string = "secnod";\n');
        expect(launch(repo, ['sim']).stdout).toBe('secnod \n');
        // Touched, the same bytes: hashed, found unchanged, and not rebuilt.
        const record = join(repo, 'build/cli/inputs.json');
        const built = statSync(record).mtimeMs;
        const later = new Date(Date.now() + 60_000);
        utimesSync(join(repo, 'src/cli/words.ts'), later, later);
        expect(launch(repo, ['sim']).stdout).toBe('secnod \n');
        expect(statSync(record).mtimeMs).toBe(built);
        // A new import and a removed one.
        write('src/cli/other.ts', 'export const word: string = "third";\n');
        write('src/cli/sim.ts', 'import { word } from "./other.ts";\nconsole.log(word);\n');
        expect(launch(repo, ['sim']).stdout).toBe('third\n');
        rmSync(join(repo, 'src/cli/words.ts'));
        expect(launch(repo, ['sim']).stdout).toBe('third\n');
        // A bundle edited by hand is not trusted either.
        write('build/cli/sim.mjs', 'console.log("edited");\n');
        expect(launch(repo, ['sim']).stdout).toBe('third\n');
      },
      scaled(120_000),
    );

    it('names the commands it knows when given another', () => {
      const bad = launch(repo, ['nonsense']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/usage: node scripts\/cli.mjs <sim\|pe\|--build>/);
    });
  });
});
