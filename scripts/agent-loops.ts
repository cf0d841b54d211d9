/**
 * Compiles the agents' monthly loops (src/engine/wasm/agentMonth.ts, AssemblyScript) to
 * WebAssembly, twice: for a shared memory (the parallel engine's columns, which every block
 * worker reads) and for a thread's own memory (the single-thread engine, and block workers that
 * own their agents' columns). A module states in its import which kind of memory it takes.
 * The loops' constants come from the engine's TypeScript (layout.ts, constants.ts, columns.ts), written as an
 * AssemblyScript module beside the source, so each number has one home.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import asc from 'assemblyscript/asc';
import { BLOCK_SIGNALS } from '../src/engine/columns.ts';
import {
  EXIT_AFTER_MOTHBALLED_MONTHS,
  INVENTORY_RESPONSE,
  MOTHBALL_AFTER_MONTHS,
  MOTHBALL_MARGIN,
  OUTPUT_ADJUSTMENT,
  RESTART_LAG_FACTOR,
  RESTOCK_RATE,
  STOCK_ADJUSTMENT,
  UTILISATION_RAMP,
} from '../src/engine/constants.ts';
import { STATUS_ACTIVE, STATUS_BUILDING, STATUS_DORMANT, STATUS_SCHEDULED } from '../src/engine/layout.ts';

const SOURCE = resolve(import.meta.dirname, '../src/engine/wasm/agentMonth.ts');

/** The constants module the loops import (`./constants`), AssemblyScript. */
export function loopConstants(): string {
  const ints: [string, number][] = [
    ['DORMANT', STATUS_DORMANT],
    ['ACTIVE', STATUS_ACTIVE],
    ['BUILDING', STATUS_BUILDING],
    ['SCHEDULED', STATUS_SCHEDULED],
    ['MOTHBALL_AFTER', MOTHBALL_AFTER_MONTHS],
    ['EXIT_AFTER', EXIT_AFTER_MOTHBALLED_MONTHS],
    ['BLOCK_SIGNALS', BLOCK_SIGNALS],
  ];
  const reals: [string, number][] = [
    ['UTILISATION_RAMP', UTILISATION_RAMP],
    ['INVENTORY_RESPONSE', INVENTORY_RESPONSE],
    ['OUTPUT_ADJUSTMENT', OUTPUT_ADJUSTMENT],
    ['RESTOCK', RESTOCK_RATE],
    ['STOCK_ADJUSTMENT', STOCK_ADJUSTMENT],
    ['MOTHBALL_MARGIN', MOTHBALL_MARGIN],
    ['RESTART_LAG', RESTART_LAG_FACTOR],
  ];
  for (const [name, value] of ints)
    if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, is ${value}`);
  return [
    ...ints.map(([name, value]) => `export const ${name}: i32 = ${value};`),
    // String(x) is the shortest text that reads back as the same double.
    ...reals.map(([name, value]) => `export const ${name}: f64 = ${String(value)};`),
    '',
  ].join('\n');
}

/** The loops as WebAssembly for a shared memory (`shared`) or a thread's own. */
export async function compileAgentLoops(shared: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const result = await asc.compileString(
    { 'agentMonth.ts': readFileSync(SOURCE, 'utf8'), 'constants.ts': loopConstants() },
    {
      optimizeLevel: 3,
      shrinkLevel: 0,
      // No allocator or garbage collector: the loops allocate nothing.
      runtime: 'stub',
      noAssert: true,
      importMemory: true,
      // Sign-extension and saturating conversions are on by default; threads adds shared memory.
      enable: shared ? ['threads'] : [],
      sharedMemory: shared,
      initialMemory: 1,
      // wasm32's whole range, which a shared memory must declare; the engine sizes each memory
      // to its columns and never grows it.
      maximumMemory: 65536,
    },
  );
  if (result.error || !result.binary)
    throw new Error(`agentMonth.ts did not compile: ${result.error?.message}\n${result.stderr.toString()}`);
  return new Uint8Array(result.binary);
}

/** The generated TypeScript module that carries both compilations (generate-agent-loops.ts). */
export function agentLoopsModule(shared: Uint8Array, own: Uint8Array): string {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return [
    '// Written by scripts/generate-agent-loops.ts (`npm run wasm`): do not edit (a unit test keeps it equal to what src/engine/wasm/agentMonth.ts compiles to).',
    '',
    "/** The agents' monthly loops for a shared memory: WebAssembly, base64. */",
    `export const AGENT_MONTH_SHARED = '${base64(shared)}';`,
    '',
    "/** The same loops for a thread's own memory: WebAssembly, base64. */",
    `export const AGENT_MONTH_OWN = '${base64(own)}';`,
    '',
  ].join('\n');
}
