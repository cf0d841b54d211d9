/**
 * Agent state as structure-of-arrays: one typed-array column per field, all carved out of one
 * ArrayBuffer (or SharedArrayBuffer) at named offsets, flatbush-style. A column set covers a
 * contiguous range of agents [first, first + count); the whole population in one thread or in
 * shared memory, a worker's own range when buffers are transferred instead.
 */

export interface AgentColumns {
  /** Index of the first agent the columns hold. */
  first: number;
  count: number;
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
}

const FLOAT64_COLUMNS = [
  'capacity',
  'stockOut',
  'stockIn',
  'produced',
  'offered',
  'inputBid',
  'pendingCapacity',
] as const;

/** Bytes of state per agent. */
export const BYTES_PER_AGENT = FLOAT64_COLUMNS.length * 8 + 4 + 4 + 2 + 1 + 1;

function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** Bytes needed for `count` agents (each column padded to 8 bytes). */
export function columnsByteLength(count: number): number {
  return FLOAT64_COLUMNS.length * count * 8 + 2 * align8(count * 4) + align8(count * 2) + 2 * align8(count);
}

/** Views over `buffer` (fresh ArrayBuffer when omitted) for agents [first, first + count). */
export function createColumns(first: number, count: number, buffer?: ArrayBufferLike): AgentColumns {
  const bytes = columnsByteLength(count);
  const buf = buffer ?? new ArrayBuffer(bytes);
  if (buf.byteLength < bytes) throw new Error(`agent buffer holds ${buf.byteLength} bytes, needs ${bytes}`);
  let offset = 0;
  const f64 = () => {
    const view = new Float64Array(buf, offset, count);
    offset += count * 8;
    return view;
  };
  const capacity = f64();
  const stockOut = f64();
  const stockIn = f64();
  const produced = f64();
  const offered = f64();
  const inputBid = f64();
  const pendingCapacity = f64();
  const unitCost = new Float32Array(buf, offset, count);
  offset += align8(count * 4);
  const investment = new Float32Array(buf, offset, count);
  offset += align8(count * 4);
  const pendingMonths = new Int16Array(buf, offset, count);
  offset += align8(count * 2);
  const status = new Uint8Array(buf, offset, count);
  offset += align8(count);
  const lossMonths = new Uint8Array(buf, offset, count);
  return {
    first,
    count,
    buffer: buf,
    capacity,
    stockOut,
    stockIn,
    produced,
    offered,
    inputBid,
    pendingCapacity,
    unitCost,
    investment,
    pendingMonths,
    status,
    lossMonths,
  };
}
