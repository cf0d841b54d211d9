/**
 * `npm run bench [-- <name>...] [-- --quick | --smoke]`: runs the benchmark modules (all, or the ones
 * named), prints their tables and writes test-output/bench/<name>.json. Each module exports
 * `bench(options)` and returns a JSON-able report. Not part of the test suite: figures, not
 * assertions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BenchOptions {
  /** Small sizes and one repeat: checks that the benchmark runs, in seconds. */
  quick: boolean;
  /**
   * The least work that takes every path of a module once (a few thousand agents, a few months,
   * no build of dist/: the caller has built it): the tests' guard that a benchmark still runs
   * and measures the engine (test/unit/bench/, test/browser/parallelBrowserBench.test.ts). Its figures mean nothing.
   */
  smoke?: boolean;
}

type BenchModule = { bench(options: BenchOptions): Promise<unknown> };

const BENCHES: Record<string, () => Promise<BenchModule>> = {
  // Issue 14's table: every row, today's figure beside its goal (the README's speed table).
  table: () => import('./issueTable.ts'),
  engine: () => import('./engine.ts'),
  parallel: () => import('./parallel.ts'),
  'parallel-browser': () => import('./parallelBrowser.ts'),
};

const args = process.argv.slice(2);
const options: BenchOptions = { quick: args.includes('--quick'), smoke: args.includes('--smoke') };
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const outDir = resolve(import.meta.dirname, '../../test-output/bench');
mkdirSync(outDir, { recursive: true });
for (const name of named.length > 0 ? named : Object.keys(BENCHES)) {
  console.log(`\n## ${name}${options.quick ? ' (quick)' : ''}\n`);
  const report = await (await BENCHES[name]()).bench(options);
  const file = resolve(outDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}
