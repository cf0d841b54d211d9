/**
 * Agent state as structure-of-arrays: one typed-array column per field, all carved out of one
 * WebAssembly memory at named offsets, flatbush-style, so the agents' monthly loops
 * (agentLoops.ts) work on the columns where they are. A column set covers a contiguous range of
 * agents [first, first + count); the whole population in one thread or in a shared memory that
 * every block worker reads, a worker's own range when buffers are transferred instead.
 */

export interface AgentColumns {
  /** Index of the first agent the columns hold. */
  first: number;
  count: number;
  /** The memory the columns live in, from byte 0 (a shared one in the parallel engine). */
  memory: WebAssembly.Memory;
  buffer: ArrayBufferLike;
  /** Producers: capacity, t/month. Consumers: base demand, t/month. */
  capacity: Float64Array;
  /** Producers: finished goods held, t. Consumers: unused. */
  stockOut: Float64Array;
  /** Processors: input held, t of input. Consumers: safety stock, t. */
  stockIn: Float64Array;
  /** Producers: output this month, t. Consumers: desired consumption this month, t. */
  produced: Float64Array;
  /** Producers: quantity offered this month, t. Consumers: quantity bid for, t. */
  offered: Float64Array;
  /** Processors: input bid this month, t of input. */
  inputBid: Float64Array;
  /** Capacity under construction, t/month. */
  pendingCapacity: Float64Array;
  /** Producers: cash unit cost, USD/t (processors: excluding input). Consumers: choke price, USD/t. */
  unitCost: Float32Array;
  /**
   * Accumulated investment pressure, 0–1: each month an eligible site adds its monthly start
   * rate and starts a project when it reaches 1 (a renewal process: regular timing with a random
   * phase per site, so node totals are smooth at any resolution).
   */
  investment: Float32Array;
  /** Months until pending capacity comes online (or a scheduled project starts). */
  pendingMonths: Int16Array;
  status: Uint8Array;
  /** Consecutive months with an expected price below unit cost. */
  lossMonths: Uint8Array;
  /**
   * Per block of the plan (by block number), a row of BLOCK_ROW_FIELDS after the columns: the
   * block's market signals for the loops, then the sums they leave (agents.ts, agentLoops.ts).
   * A block runs on one thread at a time, so no two threads write one row at once.
   */
  blockRows: Float64Array;
}

/** The agent columns' names (every field of AgentColumns but where they live). */
type ColumnName = Exclude<keyof AgentColumns, 'first' | 'count' | 'memory' | 'buffer' | 'blockRows'>;

/** A column's name and the typed-array constructor of its field in AgentColumns. */
type ColumnEntry = {
  [K in ColumnName]: readonly [
    name: K,
    type: {
      readonly BYTES_PER_ELEMENT: number;
      new (buffer: ArrayBufferLike, byteOffset: number, length: number): AgentColumns[K];
    },
  ];
}[ColumnName];

/**
 * The columns in buffer order, each with its element type: the one list that the layout, the
 * byte counts and createColumns follow. Wider columns first, so each column starts 8-byte
 * aligned once the narrower ones are padded to 8 bytes.
 */
const COLUMN_TYPES: readonly ColumnEntry[] = [
  ['capacity', Float64Array],
  ['stockOut', Float64Array],
  ['stockIn', Float64Array],
  ['produced', Float64Array],
  ['offered', Float64Array],
  ['inputBid', Float64Array],
  ['pendingCapacity', Float64Array],
  ['unitCost', Float32Array],
  ['investment', Float32Array],
  ['pendingMonths', Int16Array],
  ['status', Uint8Array],
  ['lossMonths', Uint8Array],
];

/** The columns' byte offsets in their memory, in buffer order (agentMonth.ts's `bind` takes them so). */
export function columnOffsets(cols: AgentColumns): number[] {
  return COLUMN_TYPES.map(([name]) => cols[name].byteOffset);
}

/** Bytes of state per agent. */
export const BYTES_PER_AGENT = COLUMN_TYPES.reduce((sum, [, type]) => sum + type.BYTES_PER_ELEMENT, 0);

function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** Bytes needed for `count` agents (each column padded to 8 bytes). */
export function columnsByteLength(count: number): number {
  return COLUMN_TYPES.reduce((sum, [, type]) => sum + align8(count * type.BYTES_PER_ELEMENT), 0);
}

/** A block's row: its signals for the loops (the most a role takes: producers'), then its sums. */
export const BLOCK_SIGNALS = 18;
export const BLOCK_SUMS = 15;
export const BLOCK_ROW_FIELDS = BLOCK_SIGNALS + BLOCK_SUMS;

/** Bytes of a memory for `count` agents' columns and `blocks` blocks' rows. */
export function memoryByteLength(count: number, blocks: number): number {
  return columnsByteLength(count) + blocks * BLOCK_ROW_FIELDS * 8;
}

/** Bytes of a WebAssembly memory page. */
const PAGE_BYTES = 65536;

/**
 * Pages a memory may grow to: all of wasm32's 4 GiB, which the loops' modules declare (a shared
 * memory must state a maximum, and an import's must not exceed the module's). The engine never
 * grows a memory: growing would detach a non-shared memory's buffer under the columns' views.
 */
export const MAXIMUM_PAGES = 65536;

/**
 * A memory for the columns of `count` agents and the rows of `blocks` blocks, zeroed: `shared`
 * for the parallel engine's columns, which every block worker reads (its buffer is a
 * SharedArrayBuffer), else this thread's own.
 */
export function columnsMemory(count: number, blocks: number, shared = false): WebAssembly.Memory {
  const pages = memoryPages(count, blocks);
  if (pages > MAXIMUM_PAGES)
    throw new Error(
      `${count} agents need ${memoryByteLength(count, blocks)} bytes of columns; a memory holds 4 GiB`,
    );
  return new WebAssembly.Memory({ initial: pages, maximum: MAXIMUM_PAGES, shared });
}

/** Whether `memory` is the size columnsMemory makes for `count` agents and `blocks` blocks. */
export function fitsColumns(memory: WebAssembly.Memory, count: number, blocks: number): boolean {
  return memory.buffer.byteLength === memoryPages(count, blocks) * PAGE_BYTES;
}

/** Pages of the memory columnsMemory makes for `count` agents and `blocks` blocks (at least one). */
function memoryPages(count: number, blocks: number): number {
  return Math.max(1, Math.ceil(memoryByteLength(count, blocks) / PAGE_BYTES));
}

/**
 * Views over `memory` (a fresh one when omitted) for agents [first, first + count) and the rows
 * of a plan's `blocks` blocks.
 */
export function createColumns(
  first: number,
  count: number,
  blocks: number,
  memory?: WebAssembly.Memory,
): AgentColumns {
  const bytes = memoryByteLength(count, blocks);
  const mem = memory ?? columnsMemory(count, blocks);
  const buf = mem.buffer;
  if (buf.byteLength < bytes) throw new Error(`agent memory holds ${buf.byteLength} bytes, needs ${bytes}`);
  const views: Partial<Record<ColumnName, AgentColumns[ColumnName]>> = {};
  let offset = 0;
  for (const [name, type] of COLUMN_TYPES) {
    views[name] = new type(buf, offset, count);
    offset += align8(count * type.BYTES_PER_ELEMENT);
  }
  const blockRows = new Float64Array(buf, offset, blocks * BLOCK_ROW_FIELDS);
  // Every column has its view (the unit tests check the list names each column once), of its field's type.
  return { first, count, memory: mem, buffer: buf, blockRows, ...views } as AgentColumns;
}
