/**
 * Writes src/data/generated/agentMonthWasm.ts (committed): the agents' monthly loops
 * (src/engine/wasm/agentMonth.ts) compiled to WebAssembly for a shared memory and for a thread's
 * own (scripts/agent-loops.ts), as base64, so every host (the page's workers, Node, the command
 * line's bundle) loads them with the engine's code and no fetch. Run by `npm run wasm` and
 * `npm run docs`; a unit test (test/unit/engine/agentLoops.test.ts) keeps it equal to what the
 * source compiles to now.
 *
 *   npx tsx scripts/generate-agent-loops.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { agentLoopsModule, compileAgentLoops } from './agent-loops.ts';

const file = resolve(import.meta.dirname, '../src/data/generated/agentMonthWasm.ts');
writeFileSync(file, agentLoopsModule(await compileAgentLoops(true), await compileAgentLoops(false)));
console.log(`wrote ${file}`);
