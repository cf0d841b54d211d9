/**
 * Results of a run: monthly series per good and node in flat Float64Arrays
 * ([month][good][node]), sparse monthly trade flows, stockpile holdings and the conservation
 * check. docs/results.md documents every series; the command line writes them as JSON or CSV.
 */

/** Series recorded per month, good and node. Units in SERIES_UNITS. */
export const SERIES = [
  'price',
  'exportPrice',
  'buyerPrice',
  'production',
  'capacity',
  'consumption',
  'demand',
  'unmet',
  'exports',
  'imports',
  'revenue',
  'profit',
  'consumerSpend',
  'tariffRevenue',
  'levyRevenue',
  'feeRevenue',
  'controlRent',
  'rentRevenue',
  'subsidySpend',
  'supportSpend',
  'stockpilePurchases',
  'stockpileSales',
  'stocks',
] as const;

export type SeriesName = (typeof SERIES)[number];

export const SERIES_UNITS: Record<SeriesName, string> = {
  price:
    'USD/t: domestic (origin) price the node quoted this month: what buyers at home and on unrestricted routes paid',
  exportPrice:
    'USD/t: average price the node’s exports fetched (the domestic price plus the scarcity rent of binding export quotas or licences); the domestic price when it exported nothing',
  buyerPrice: 'USD/t: average landed cost paid by buyers in the node (tariff, levy, fee, transport included)',
  production: 't/month: output of the node (secondary and recycled supply included)',
  capacity: 't/month: operating capacity',
  consumption: 't/month: final consumption',
  demand: 't/month: final demand (what consumers wanted)',
  unmet: 't/month: final demand not met',
  exports: 't/month: shipments to other nodes',
  imports: 't/month: shipments from other nodes',
  revenue: 'USD/month: sellers’ receipts (market and offtake sales, price-gap subsidy included)',
  profit: 'USD/month: producers’ receipts minus cash costs and input purchases',
  consumerSpend: 'USD/month: what final consumers paid (landed)',
  tariffRevenue: 'USD/month: tariffs collected by the importing node',
  levyRevenue: 'USD/month: price-floor levies collected by the importing node',
  feeRevenue: 'USD/month: export-licence fees collected by the exporting node',
  controlRent:
    'USD/month: scarcity rent of the node’s binding export quotas and licences (export price − domestic price, per tonne exported), whoever holds it',
  rentRevenue:
    'USD/month: control rent collected by the node’s state (exporter, as licence revenue) or its importers (holding quota); rent held by exporting firms is in revenue instead',
  subsidySpend: 'USD/month: price-gap subsidies paid to the node’s producers',
  supportSpend: 'USD/month: investment support (hurdle cut × capital cost of capacity started)',
  stockpilePurchases: 'USD/month: stockpile purchases by agencies held at the node',
  stockpileSales: 'USD/month: stockpile release receipts at the node',
  stocks: 't: stocks held in the node at the end of the month (firms, consumers, stockpiles)',
};

export interface ResultsMeta {
  engineVersion: number;
  scenarioName: string;
  seed: number;
  months: number;
  agentCount: number;
  blockCount: number;
  nodes: string[];
  goods: { mineral: string; stage: string }[];
  minerals: string[];
  stockpiles: string[];
  zones: { id: string; name: string; members: string[] }[];
  /**
   * The final-demand curve welfare is measured on, per good: the long-run price elasticity (a
   * tonne consumers go without for months is worth what substitution and thrifting make it worth)
   * and the choke price (USD/t) above which no one buys. Absent in files from before they were recorded.
   */
  demandElasticity?: number[];
  chokePrice?: number[];
}

export interface RunResults {
  meta: ResultsMeta;
  /** Months completed so far. */
  monthsDone: number;
  series: Record<SeriesName, Float64Array>;
  /** Stockpile holdings at month end, t, [month][stockpile]. */
  stockpileTonnes: Float64Array;
  /** Largest relative conservation error over goods, per month. */
  conservationError: Float64Array;
  /** Per month: good * N * N + origin * N + destination, and tonnes shipped. */
  flowKeys: Uint32Array[];
  flowTonnes: Float64Array[];
}

export const ENGINE_VERSION = 1;

/**
 * The arrays a run's monthly series and stockpile holdings live in. A cross-origin isolated
 * page gets them on shared memory from the engine's worker: the parallel engine's own results
 * when it shares memory with its block workers (the coordinator records there and the workers
 * map each month's pages ahead: prefaultMonth), else storage (sharedResultsStorage) the worker
 * writes each month into (writeMonth). The page then copies nothing, and never touches fresh
 * memory during a run (first writes to new pages cost several ms a month in Chromium).
 */
export interface ResultsStorage {
  series: Record<SeriesName, Float64Array>;
  stockpileTonnes: Float64Array;
}

/** What fixes the size of a run's results storage (a ResultsMeta is one). */
export interface ResultsShape {
  months: number;
  goods: { length: number };
  nodes: { length: number };
  stockpiles: { length: number };
}

const seriesLength = (meta: Omit<ResultsShape, 'stockpiles'>) =>
  meta.months * meta.goods.length * meta.nodes.length;

/** Storage for `meta`'s results on SharedArrayBuffers (the engine's worker and the page share it). */
export function sharedResultsStorage(meta: ResultsShape): ResultsStorage {
  const shared = (length: number) =>
    new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
  const series = {} as Record<SeriesName, Float64Array>;
  for (const name of SERIES) series[name] = shared(seriesLength(meta));
  return { series, stockpileTonnes: shared(meta.months * meta.stockpiles.length) };
}

/** Bytes in a memory page (4 KiB), and Float64 values in one. */
const PAGE_BYTES = 4096;
const PAGE_VALUES = PAGE_BYTES / Float64Array.BYTES_PER_ELEMENT;

/**
 * Writes +0 into one value of every 4 KiB page of month `month` of series `part`, `part +
 * parts`, … of results on shared storage: a block worker does it while the coordinator works on
 * an earlier month, so the kernel maps the month's fresh pages on an idle core rather than in
 * the coordinator's record of the month (first writes cost tens of µs a page on a VM, about 1 ms
 * a month). Only `names` (default: every series) are touched. A series whose month `month −
 * lag` (default 2) was all +0 is left alone: the record writes no +0, so its pages may never be
 * needed. The caller guarantees that month `month` of those series is not written yet and will
 * be written only after this returns (phases.ts: touchableMonth), and month `month − lag` of
 * them is written. `stop`, asked before each series: whether to leave the rest (the worker's
 * next phase has been released; the series' writer maps them instead). Returns false when it
 * left some.
 */
export function prefaultMonth(
  storage: ResultsStorage,
  stride: number,
  month: number,
  part: number,
  parts: number,
  stop?: () => boolean,
  names: readonly SeriesName[] = SERIES,
  lag = 2,
): boolean {
  const start = month * stride;
  const end = start + stride;
  if (month < 0 || stride <= 0 || end > storage.series.price.length) return true;
  for (let i = part; i < names.length; i += parts) {
    if (stop?.()) return false;
    const series = storage.series[names[i]];
    if (month >= lag && allPositiveZero(series, start - lag * stride, start - (lag - 1) * stride)) continue;
    // Consecutive touches a page apart: every page the month overlaps gets one (the last too).
    for (let at = start; at < end; at += PAGE_VALUES) series[at] = 0;
    series[end - 1] = 0;
  }
  return true;
}

/**
 * prefaultMonth over months `first` … `first + ahead − 1` (those the run has), skipping those up
 * to `mapped` (done in an earlier call); returns the last month now done. A call stopped part
 * way leaves the rest to the next (the next idle moment between phases): a month's pages take
 * longer to map than one such moment lasts at 5,000 agents, and the months ahead give the
 * record several. The all-+0 test reads the same written month for each (`first − lag`). The
 * caller guarantees for `first` what prefaultMonth asks for `month`; later months are written
 * later still.
 */
export function prefaultMonths(
  storage: ResultsStorage,
  stride: number,
  first: number,
  ahead: number,
  mapped: number,
  part: number,
  parts: number,
  stop: () => boolean,
  names: readonly SeriesName[],
  lag: number,
): number {
  const months = stride > 0 ? Math.floor(storage.series.price.length / stride) : 0;
  let done = mapped;
  for (let d = 0; d < ahead && first + d < months; d++) {
    const month = first + d;
    if (month < 0 || month <= done) continue;
    if (!prefaultMonth(storage, stride, month, part, parts, stop, names, lag + d)) break;
    done = month;
  }
  return done;
}

/**
 * A run's monthly flows in one buffer, month after month: each month's keys and tonnes are
 * subarrays of it. The parallel engine on shared memory records there, so the coordinator writes
 * each month's flows into pages a block worker mapped ahead (prefaultFlows) rather than into a
 * new pair of arrays a month (about 100 kB at 5,000 agents, whose first touches cost tens of µs
 * a 4 KiB page on a VM). A month that does not fit gets arrays of its own, as without a store.
 */
export interface FlowStore {
  /** Keys (good * N * N + origin * N + destination), month after month. */
  keys: Uint32Array;
  /** Tonnes shipped, beside keys. */
  tonnes: Float64Array;
  /**
   * Per month m: where its flows start (month m + 1's entry is set when month m is recorded, and
   * not changed after; entry 0 is 0).
   */
  monthStart: Int32Array;
}

/**
 * Flows a store holds per good and node of each month: the status quo ships about 8,300 pairs a
 * month on 29 goods × 79 nodes (3.6 per good and node), so twice that and more still fits.
 */
const STORED_FLOWS_PER_GOOD_NODE = 8;

/** A flow store for a run of `shape` on one SharedArrayBuffer (its pages mapped as first touched). */
export function sharedFlowStore(shape: Omit<ResultsShape, 'stockpiles'>): FlowStore {
  const capacity = seriesLength(shape) * STORED_FLOWS_PER_GOOD_NODE;
  const buffer = new SharedArrayBuffer(capacity * 12 + (shape.months + 1) * 4);
  return {
    tonnes: new Float64Array(buffer, 0, capacity),
    keys: new Uint32Array(buffer, capacity * 8, capacity),
    monthStart: new Int32Array(buffer, capacity * 12, shape.months + 1),
  };
}

/**
 * Writes +0 into the first value of every 4 KiB page that starts within values [from, from +
 * count) of the store's keys and tonnes (see prefaultMonth: a block worker maps the pages the
 * next month's flows will likely take while the coordinator records this month). The caller
 * guarantees that no month's flows are, or will be until the caller's next phase, written at
 * or after `from` (a page that also holds values before `from` is left alone). `stop`, asked
 * between the two arrays: see prefaultMonth.
 */
export function prefaultFlows(store: FlowStore, from: number, count: number, stop?: () => boolean): void {
  const to = Math.min(from + count, store.keys.length);
  if (from < 0 || from >= to) return;
  touchPages(store.tonnes, from, to);
  if (stop?.()) return;
  touchPages(store.keys, from, to);
}

/** Writes +0 at each 4 KiB page boundary within `values` [from, to) (byte offsets in its buffer). */
function touchPages(values: Float64Array | Uint32Array, from: number, to: number): void {
  const size = values.BYTES_PER_ELEMENT;
  const start = Math.ceil((values.byteOffset + from * size) / PAGE_BYTES) * PAGE_BYTES;
  const end = values.byteOffset + to * size;
  for (let byte = start; byte < end; byte += PAGE_BYTES) values[(byte - values.byteOffset) / size] = 0;
}

/** Whether values [from, to) of `values` are all +0. */
function allPositiveZero(values: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const value = values[i];
    if (value !== 0 || 1 / value < 0) return false;
  }
  return true;
}

export function createResults(
  meta: Omit<ResultsMeta, 'engineVersion'>,
  storage: ResultsStorage | null = null,
): RunResults {
  const size = seriesLength(meta);
  const stockpiles = meta.months * meta.stockpiles.length;
  let series = {} as Record<SeriesName, Float64Array>;
  let stockpileTonnes: Float64Array;
  if (storage) {
    for (const name of SERIES) {
      if (storage.series[name]?.length !== size)
        throw new Error(
          `results storage: series ${name} holds ${storage.series[name]?.length ?? 0} values, not ${size}`,
        );
    }
    if (storage.stockpileTonnes.length !== stockpiles)
      throw new Error(
        `results storage: stockpiles hold ${storage.stockpileTonnes.length} values, not ${stockpiles}`,
      );
    series = storage.series;
    stockpileTonnes = storage.stockpileTonnes;
  } else {
    for (const name of SERIES) series[name] = new Float64Array(size);
    stockpileTonnes = new Float64Array(stockpiles);
  }
  return {
    meta: { engineVersion: ENGINE_VERSION, ...meta },
    monthsDone: 0,
    series,
    stockpileTonnes,
    conservationError: new Float64Array(meta.months),
    flowKeys: [],
    flowTonnes: [],
  };
}

/** Offset of (month, good, node) in a series. */
export function seriesIndex(meta: ResultsMeta, month: number, good: number, node: number): number {
  return (month * meta.goods.length + good) * meta.nodes.length + node;
}

/** One month of results, as the parallel engine ships it to the main thread. */
export interface MonthSlice {
  month: number;
  /**
   * The month's series and stockpile holdings, or null when the engine's worker already wrote
   * them into the results' shared storage (writeMonth).
   */
  series: Record<SeriesName, Float64Array> | null;
  stockpileTonnes: Float64Array | null;
  conservationError: number;
  flowKeys: Uint32Array;
  flowTonnes: Float64Array;
}

export function sliceMonth(results: RunResults, month: number): MonthSlice {
  const stride = results.meta.goods.length * results.meta.nodes.length;
  const series = {} as Record<SeriesName, Float64Array>;
  for (const name of SERIES) series[name] = results.series[name].slice(month * stride, (month + 1) * stride);
  const s = results.meta.stockpiles.length;
  return {
    month,
    series,
    stockpileTonnes: results.stockpileTonnes.slice(month * s, (month + 1) * s),
    conservationError: results.conservationError[month],
    flowKeys: results.flowKeys[month],
    flowTonnes: results.flowTonnes[month],
  };
}

/**
 * Copies month `month` of `results` into `storage` (the engine's worker, into the page's shared
 * storage) and returns the month's slice without the series, which the page then finds in place.
 */
export function writeMonth(results: RunResults, month: number, storage: ResultsStorage): MonthSlice {
  const stride = results.meta.goods.length * results.meta.nodes.length;
  // Storage that is the results' own (the parallel engine records on shared memory) holds the month already.
  if (storage.series.price !== results.series.price) {
    for (const name of SERIES)
      storage.series[name].set(
        results.series[name].subarray(month * stride, (month + 1) * stride),
        month * stride,
      );
    const s = results.meta.stockpiles.length;
    storage.stockpileTonnes.set(results.stockpileTonnes.subarray(month * s, (month + 1) * s), month * s);
  }
  return {
    month,
    series: null,
    stockpileTonnes: null,
    conservationError: results.conservationError[month],
    flowKeys: results.flowKeys[month],
    flowTonnes: results.flowTonnes[month],
  };
}

export function appendMonth(results: RunResults, slice: MonthSlice): void {
  const stride = results.meta.goods.length * results.meta.nodes.length;
  if (slice.series && slice.stockpileTonnes) {
    for (const name of SERIES) results.series[name].set(slice.series[name], slice.month * stride);
    results.stockpileTonnes.set(slice.stockpileTonnes, slice.month * results.meta.stockpiles.length);
  } else if (
    typeof SharedArrayBuffer !== 'function' ||
    !(results.series.price.buffer instanceof SharedArrayBuffer)
  ) {
    // A month written in place needs results made on the engine's shared storage.
    throw new Error(
      `month ${slice.month} came without its series, but these results are not on shared storage`,
    );
  }
  results.conservationError[slice.month] = slice.conservationError;
  results.flowKeys[slice.month] = slice.flowKeys;
  results.flowTonnes[slice.month] = slice.flowTonnes;
  results.monthsDone = Math.max(results.monthsDone, slice.month + 1);
}
