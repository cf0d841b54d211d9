/**
 * The command lines' one option parser: every option of `npm run sim` (a run; a sweep, an
 * ensemble or a merge) and `npm run pe`, declared once, read with node:util's parseArgs. Bad
 * arguments throw a UsageError, which the commands turn into exit status 2 (a bad scenario or
 * file is 1).
 */
import { parseArgs } from 'node:util';

/** The `options` of node:util's parseArgs. */
type ParseArgsOptionsConfig = NonNullable<Parameters<typeof parseArgs>[0]>['options'] & object;

/** Bad arguments: the command prints the message (and its usage) and exits with status 2. */
export class UsageError extends Error {}

/** Options every command that runs a scenario takes. */
const SCENARIO = {
  scenario: { type: 'string', short: 's' },
  months: { type: 'string', short: 'm' },
  seed: { type: 'string' },
  resolution: { type: 'string', short: 'r' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

/** `npm run sim`: one run (and the status quo beside it). */
export const SIM_OPTIONS = {
  ...SCENARIO,
  workers: { type: 'string', short: 'w' },
  format: { type: 'string', short: 'f', default: 'json' },
  flows: { type: 'boolean', default: false },
  'no-baseline': { type: 'boolean', default: false },
} as const satisfies ParseArgsOptionsConfig;

/** `npm run sim` with --runs, --sweep, --merge, --slurm or --kubernetes (src/cli/research.ts). */
export const RESEARCH_OPTIONS = {
  ...SCENARIO,
  runs: { type: 'string' },
  range: { type: 'string', multiple: true },
  sweep: { type: 'string', multiple: true },
  reduce: { type: 'string', default: 'last' },
  shard: { type: 'string' },
  merge: { type: 'boolean', default: false },
  // Cluster jobs and merges: the shard count, the job's fingerprint.
  shards: { type: 'string' },
  job: { type: 'string' },
  slurm: { type: 'boolean', default: false },
  kubernetes: { type: 'boolean', default: false },
  'job-dir': { type: 'string' },
  image: { type: 'string' },
  claim: { type: 'string', default: 'sim-results' },
} as const satisfies ParseArgsOptionsConfig;

/** `npm run pe`: a GSIM input file. */
export const PE_OPTIONS = {
  input: { type: 'string', short: 'i' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

/** The options that make `npm run sim` a research command. */
const RESEARCH_ONLY = ['--runs', '--sweep', '--merge', '--slurm', '--kubernetes'];

export function isResearchCommand(args: readonly string[]): boolean {
  return args.some((a) => RESEARCH_ONLY.includes(a.split('=')[0]));
}

/**
 * Parses `args` against `options` (strict: an unknown option or a missing value is a
 * UsageError). Positional arguments are refused unless `positionals` allows them.
 */
export function parseOptions<T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
  positionals = false,
) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: positionals, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole-number option, or undefined when it is absent. */
export function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new UsageError(`--${name} must be a whole number (got ${JSON.stringify(text)})`);
  return Number(text);
}

/** Runs a parse of an option's value; its error is a UsageError. */
export function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * A CLI's options, or the exit status when there is nothing to run: 2 with the message and the
 * usage on stderr when the command line is wrong, 0 with the usage on stdout for --help.
 */
export function optionsOrExit<T extends { help: boolean }>(
  parse: () => T,
  io: { stdout(text: string): void; stderr(text: string): void },
  usageText: string,
  prefix: string,
): T | number {
  let options: T;
  try {
    options = parse();
  } catch (error) {
    io.stderr(`${prefix}: ${(error as Error).message}\n\n${usageText}`);
    return 2;
  }
  if (options.help) {
    io.stdout(usageText);
    return 0;
  }
  return options;
}
