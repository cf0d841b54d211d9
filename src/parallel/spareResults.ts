/**
 * Results storage made ahead of the next run, its memory pages mapped while the coordinator
 * worker has nothing else to do.
 *
 * A run records its series on new SharedArrayBuffers (about 50 MB for 120 months), and Chromium
 * takes every new buffer of that size fresh from the kernel: the first write to each 4 KiB page
 * makes the kernel zero and map it, tens of µs a page on a VM (hundreds of µs on a loaded
 * host), thousands of pages a run. The one-thread engine paid that inside its record of every
 * month; Node's engine does not (its allocator hands the previous run's memory back). The
 * storage cannot be the previous run's (the page may still hold those results: a pinned run, an
 * export), so a new one is made after a run and, between runs, each of its pages that the last
 * run wrote is written once (+0: it stays zeroed, as createResults needs; pages the last run left
 * at +0, most of them, stay unmapped as they would in a fresh buffer: recordMonth writes no +0);
 * the next load of the same shape records there.
 */
import { type ResultsShape, type ResultsStorage, SERIES, sharedResultsStorage } from '../engine/results.ts';

/**
 * Largest storage kept spare, bytes: a run of 120 months of the calibrated world takes about
 * 50 MB; a much longer run keeps no second copy in memory between runs.
 */
export const SPARE_MAX_BYTES = 128 * 1024 * 1024;

/** Float64 values in a 4 KiB memory page. */
const PAGE_VALUES = 4096 / Float64Array.BYTES_PER_ELEMENT;

const shapeKey = (shape: ResultsShape) =>
  `${shape.months}|${shape.goods.length}|${shape.nodes.length}|${shape.stockpiles.length}`;

/** Bytes of results storage for `shape` (every series and the stockpile holdings). */
export function storageBytes(shape: ResultsShape): number {
  const series = shape.months * shape.goods.length * shape.nodes.length;
  return (SERIES.length * series + shape.months * shape.stockpiles.length) * Float64Array.BYTES_PER_ELEMENT;
}

/**
 * Writes +0 once into each 4 KiB page of `values` (so the kernel maps it now) where `like`, the
 * same series of the last run, holds anything but +0 in that page.
 */
function mapPagesLike(values: Float64Array, like: Float64Array): void {
  for (let start = 0; start < values.length; start += PAGE_VALUES) {
    const end = Math.min(values.length, start + PAGE_VALUES);
    for (let i = start; i < end; i++) {
      const value = like[i];
      if (value !== 0 || 1 / value < 0) {
        values[start] = 0;
        values[end - 1] = 0;
        break;
      }
    }
  }
}

/** The arrays of a storage, in a fixed order. */
const arraysOf = (storage: ResultsStorage) => [
  ...SERIES.map((name) => storage.series[name]),
  storage.stockpileTonnes,
];

export class SpareResults {
  private spare: {
    key: string;
    storage: ResultsStorage;
    /** Arrays still to map, each with the last run's array of the same series. */
    unmapped: [Float64Array, Float64Array][];
  } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `idle`: whether the worker may map pages now (no run is going). */
  constructor(private readonly idle: () => boolean) {}

  /**
   * Makes (or goes on mapping) a spare storage of `shape`, the shape of `last`, a run's storage
   * with the months it recorded: one series per task while `idle()` holds; call again when the
   * worker becomes idle to go on. A spare of another shape is let go.
   */
  prepare(shape: ResultsShape, last: ResultsStorage): void {
    const key = shapeKey(shape);
    if (this.spare?.key !== key) {
      this.spare = null;
      if (storageBytes(shape) > SPARE_MAX_BYTES) return;
      const storage = sharedResultsStorage(shape);
      const lastArrays = arraysOf(last);
      this.spare = {
        key,
        storage,
        unmapped: arraysOf(storage).map((values, i) => [values, lastArrays[i]]),
      };
    }
    this.schedule();
  }

  /** The spare storage when it has `shape` (zeroed; its pages mapped, or some of them), else null. */
  take(shape: ResultsShape): ResultsStorage | null {
    const spare = this.spare;
    if (spare?.key !== shapeKey(shape)) return null;
    this.spare = null;
    this.stop();
    return spare.storage;
  }

  /** Lets the spare go (its memory returns to the system once unreferenced). */
  dispose(): void {
    this.spare = null;
    this.stop();
  }

  private schedule(): void {
    if (this.timer !== null || !this.spare || this.spare.unmapped.length === 0) return;
    // One series (about 2 MB) per task: a call from the page waits at most that long.
    this.timer = setTimeout(() => {
      this.timer = null;
      const spare = this.spare;
      if (!spare || !this.idle()) return;
      const next = spare.unmapped.pop();
      if (next) mapPagesLike(...next);
      this.schedule();
    }, 0);
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
