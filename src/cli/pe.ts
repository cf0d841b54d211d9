/**
 * `npm run pe -- --input <file.json> [--out <file.json>]`: runs the partial-equilibrium
 * benchmark (GSIM) on a JSON input and writes the result as JSON. See docs/pe.md.
 * Exit status: 0 on success, 1 on a bad input file or a solver failure, 2 on bad arguments.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { GsimConvergenceError, GsimInputError, parseGsimInput, solveGsim } from '../pe/index.ts';
import { MAX_SCENARIO_FILE_BYTES } from '../scenario/limits.ts';
import { readInputText } from './inputFile.ts';
import { optionsOrExit, PE_OPTIONS, parseOptions, UsageError } from './options.ts';

export const USAGE = `Usage: npm run pe -- --input <file.json> [--out <file.json>]

Runs the partial-equilibrium benchmark (GSIM, Francois and Hall) on one product.

  -i, --input <file>   input JSON: regions, flows, tariffs0, tariffs1,
                       importDemandElasticity, substitutionElasticity,
                       exportSupplyElasticity, and optionally form ("linear" | "levels")
  -o, --out <file>     write the result JSON there instead of to stdout
  -h, --help           print this help

Output keys: regions, form, worldPriceChange, tradeChange, tradeValueChange,
tradeVolumeChange, compositePriceChange, producerSurplus, consumerSurplus,
tariffRevenue, welfare, solver, warnings. See docs/pe.md.
`;

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // The benchmark's input is a small JSON document, held to a scenario file's size.
  readFile: (path) => readInputText(path, { maxBytes: MAX_SCENARIO_FILE_BYTES }),
  writeFile: (path, text) => writeFileSync(path, text),
};

function parseCommandLine(args: string[]): { input?: string; out?: string; help: boolean } {
  const { values, positionals } = parseOptions(args, PE_OPTIONS, true);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  return { input: values.input, out: values.out, help: values.help ?? false };
}

function readJson(path: string, io: CliIo): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : ((error as Error)?.message ?? String(error));
    throw new Error(`cannot read input ${JSON.stringify(path)}: ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`input ${JSON.stringify(path)} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Runs the CLI on `args` (without node and the script); returns the exit status. */
export function runPeCli(args: string[], io: CliIo = nodeIo): number {
  const options = optionsOrExit(() => parseCommandLine(args), io, USAGE, 'pe');
  if (typeof options === 'number') return options;
  if (options.input === undefined) {
    io.stderr(`pe: missing --input <file.json>\n\n${USAGE}`);
    return 2;
  }
  try {
    const result = solveGsim(parseGsimInput(readJson(options.input, io)));
    const text = `${JSON.stringify(result, null, 2)}\n`;
    if (options.out === undefined) io.stdout(text);
    else io.writeFile(options.out, text);
    for (const warning of result.warnings) io.stderr(`pe: warning: ${warning}\n`);
    return 0;
  } catch (error) {
    if (error instanceof GsimInputError) {
      io.stderr(`pe: ${JSON.stringify(options.input)}: ${error.message}\n`);
    } else if (error instanceof GsimConvergenceError) {
      io.stderr(`pe: ${error.message}\n`);
    } else io.stderr(`pe: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = runPeCli(process.argv.slice(2));
