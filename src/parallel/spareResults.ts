/**
 * Results storage and a flow store made ahead of the next run, their memory pages mapped while
 * the coordinator worker has nothing else to do.
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
 * the next load of the same shape records there. The months' flows likewise: a run on one thread
 * writes about 100 kB of them a month (12 MB a default run, about 2,900 fresh pages), into a
 * flow store whose pages the last run used are mapped the same way.
 */
import {
  type FlowStore,
  prefaultFlows,
  type ResultsShape,
  type ResultsStorage,
  SERIES,
  sharedFlowStore,
  sharedResultsStorage,
} from '../engine/results.ts';

/** A run's shared memory made ahead of it: its results storage and its flow store. */
export interface SpareStorage {
  storage: ResultsStorage;
  flows: FlowStore;
}

/**
 * Largest storage kept spare, bytes: a run of 120 months of the calibrated world takes about
 * 50 MB; a much longer run keeps no second copy in memory between runs.
 */
export const SPARE_MAX_BYTES = 128 * 1024 * 1024;

/** Float64 values in a 4 KiB memory page. */
const PAGE_VALUES = 4096 / Float64Array.BYTES_PER_ELEMENT;

/** Flows mapped per task: 1 MB of tonnes and 0.5 MB of keys, about a series' worth. */
const FLOWS_PER_TASK = 128 * 1024;

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

/**
 * Flows a store holds: month m's end (monthStart[m + 1], never less than its start) is set when
 * m is recorded, so the last entry set says how far the recorded months reach (0 for none).
 */
function flowsUsed(flows: FlowStore): number {
  let month = flows.monthStart.length - 1;
  while (month > 0 && flows.monthStart[month] === 0) month--;
  return flows.monthStart[month];
}

/** The arrays of a storage, in a fixed order. */
const arraysOf = (storage: ResultsStorage) => [
  ...SERIES.map((name) => storage.series[name]),
  storage.stockpileTonnes,
];

export class SpareResults {
  private spare: {
    key: string;
    made: SpareStorage;
    /** Mapping still to do, one task's worth each (a series, or a stretch of flows). */
    unmapped: (() => void)[];
  } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `idle`: whether the worker may map pages now (no run is going). */
  constructor(private readonly idle: () => boolean) {}

  /**
   * Makes (or goes on mapping) a spare storage of `shape`, the shape of `last`, a run's storage
   * and flow store with the months it recorded: one series (or stretch of flows) per task while
   * `idle()` holds; call again when the worker becomes idle to go on. A spare of another shape
   * is let go.
   */
  prepare(shape: ResultsShape, last: SpareStorage): void {
    const key = shapeKey(shape);
    if (this.spare?.key !== key) {
      this.spare = null;
      if (storageBytes(shape) > SPARE_MAX_BYTES) return;
      const made = { storage: sharedResultsStorage(shape), flows: sharedFlowStore(shape) };
      const lastArrays = arraysOf(last.storage);
      const unmapped = arraysOf(made.storage).map((values, i) => () => mapPagesLike(values, lastArrays[i]));
      // The flows the last run recorded in its store (a month that did not fit is not there).
      const used = flowsUsed(last.flows);
      for (let from = 0; from < used; from += FLOWS_PER_TASK)
        unmapped.push(() => prefaultFlows(made.flows, from, Math.min(FLOWS_PER_TASK, used - from)));
      // Tasks are taken from the end: the first series and flows first.
      this.spare = { key, made, unmapped: unmapped.reverse() };
    }
    this.schedule();
  }

  /**
   * The spare storage and flow store when they have `shape` (zeroed; their pages mapped, or
   * some of them), else null.
   */
  take(shape: ResultsShape): SpareStorage | null {
    const spare = this.spare;
    if (spare?.key !== shapeKey(shape)) return null;
    this.spare = null;
    this.stop();
    return spare.made;
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
      spare.unmapped.pop()?.();
      this.schedule();
    }, 0);
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
