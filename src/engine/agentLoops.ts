/**
 * The agents' monthly loops as WebAssembly (src/engine/wasm/agentMonth.ts, compiled at build
 * time into src/data/generated/agentMonthWasm.ts), instantiated over the memory a column set
 * lives in. agents.ts calls them block by block, with the block's market signals in the block's
 * row of that memory, where the loops leave the block's sums.
 *
 * One instance per column set and thread: it holds where the columns are. Signals and sums go
 * through memory, not arguments and exported globals: a call with 23 arguments and reads of the
 * sums as globals cost about 200 ns a block (a scratch script), which counts at the teaching
 * scenario's 2,000 blocks of a few agents a month. Each module is compiled once a thread,
 * synchronously (7 kB: far below the 8 MB a browser compiles synchronously on a page's main
 * thread), when the first column set asks for it.
 */
import { AGENT_MONTH_OWN, AGENT_MONTH_SHARED } from '../data/generated/agentMonthWasm.ts';
import { type AgentColumns, columnOffsets } from './columns.ts';

/**
 * The loops' exports (agentMonth.ts): each reads the block's signals from the block's row (the
 * byte offset `row` in the memory; columns.ts, blockRows) and leaves the block's sums after them.
 */
export interface AgentLoops {
  consumers(start: number, end: number, settle: boolean, decide: boolean, row: number): void;
  producers(
    start: number,
    end: number,
    settle: boolean,
    decide: boolean,
    processor: boolean,
    row: number,
  ): void;
}

let sharedModule: WebAssembly.Module | null = null;
let ownModule: WebAssembly.Module | null = null;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The module for a memory: a module's import states whether it takes a shared memory, and an
 * instance takes only the kind its module states.
 */
function moduleFor(memory: WebAssembly.Memory): WebAssembly.Module {
  if (isShared(memory)) {
    sharedModule ??= new WebAssembly.Module(decode(AGENT_MONTH_SHARED));
    return sharedModule;
  }
  ownModule ??= new WebAssembly.Module(decode(AGENT_MONTH_OWN));
  return ownModule;
}

/** Whether a memory is shared (its buffer is a SharedArrayBuffer, where that exists at all). */
function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

const instances = new WeakMap<AgentColumns, AgentLoops>();
/** The last column set asked for and its loops: every block of a run asks for the same. */
let lastCols: AgentColumns | null = null;
let lastLoops: AgentLoops | null = null;

/** The loops over `cols` in this thread (made at the first call for a column set). */
export function agentLoops(cols: AgentColumns): AgentLoops {
  if (cols === lastCols && lastLoops) return lastLoops;
  let loops = instances.get(cols);
  if (!loops) {
    // The module imports its memory and nothing else (no runtime, no assertions).
    const { exports } = new WebAssembly.Instance(moduleFor(cols.memory), { env: { memory: cols.memory } });
    (exports.bind as (...offsets: number[]) => void)(...columnOffsets(cols));
    loops = {
      consumers: exports.consumers as AgentLoops['consumers'],
      producers: exports.producers as AgentLoops['producers'],
    };
    instances.set(cols, loops);
  }
  lastCols = cols;
  lastLoops = loops;
  return loops;
}
