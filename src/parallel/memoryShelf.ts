/**
 * The parallel engine's own shared memory, kept from one run for the next.
 *
 * A run on shared memory gets new buffers for its agent columns, the blocks' partial sums, the
 * market views and the market state the block workers clear goods in. The kernel maps a new
 * buffer's 4 KiB pages at their first write, each tens of µs on a VM: the market state's 3.2 MB
 * (about 800 pages at the calibrated world) were mapped in month 0's market phase, which took
 * 4–5 ms on each of two workers against about 1 ms a later month (1,000,000 agents), and the
 * agent columns' 69 MB (about 17,000 pages) in the load. None of these buffers leaves the engine
 * (the results and the flows, which the page may still hold, are not kept), so the next load of
 * the same sizes (a rerun after a change of lever, a benchmark's repeat) takes them back, zeroed
 * as a new buffer is.
 *
 * Only buffers no thread can still write are kept: the engine shelves a run's memory once its
 * workers have left their serve loops, never after a failure (a terminated worker may still be
 * running for a moment).
 */
import { columnsMemory, fitsColumns } from '../engine/columns.ts';

export class MemoryShelf {
  private buffers: SharedArrayBuffer[] = [];
  private memories: WebAssembly.Memory[] = [];
  /** Bytes handed out again since the shelf last kept or let go of a run's memory. */
  reusedBytes = 0;

  /** Keeps a finished run's buffers and memories, instead of what the shelf held. */
  keep(buffers: SharedArrayBuffer[], memories: WebAssembly.Memory[]): void {
    this.buffers = buffers;
    this.memories = memories;
    this.reusedBytes = 0;
  }

  /** Lets everything go (its memory returns to the system once unreferenced). */
  clear(): void {
    this.keep([], []);
  }

  /** A zeroed shared buffer of `bytes`: a kept one of that length, else a new one. */
  buffer(bytes: number): SharedArrayBuffer {
    const at = this.buffers.findIndex((buffer) => buffer.byteLength === bytes);
    if (at < 0) return new SharedArrayBuffer(bytes);
    const [buffer] = this.buffers.splice(at, 1);
    zero(buffer);
    this.reusedBytes += bytes;
    return buffer;
  }

  /**
   * A zeroed shared memory for the columns of `count` agents and `blocks` blocks (columns.ts):
   * a kept one of the size columnsMemory makes, else a new one.
   */
  columns(count: number, blocks: number): WebAssembly.Memory {
    const at = this.memories.findIndex((memory) => fitsColumns(memory, count, blocks));
    if (at < 0) return columnsMemory(count, blocks, true);
    const [memory] = this.memories.splice(at, 1);
    zero(memory.buffer);
    this.reusedBytes += memory.buffer.byteLength;
    return memory;
  }
}

/**
 * Writes +0 over all of `buffer`, 8 bytes at a time where it can: V8 fills a shared buffer
 * element by element, so a byte view took 21 ms for the 69 MB of 1,000,000 agents' columns, a
 * Float64Array 2.7 ms (a scratch script; a buffer of one thread's own: about 1 ms either way).
 */
function zero(buffer: ArrayBufferLike): void {
  const words = Math.floor(buffer.byteLength / 8);
  new Float64Array(buffer, 0, words).fill(0);
  new Uint8Array(buffer, words * 8).fill(0);
}
