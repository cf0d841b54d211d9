/**
 * What the coordinator and the block workers agree on: the set-up message, the shared control
 * words of the barrier, the per-phase reply of transfer mode and the debug fault plan.
 */
import type { GroupCalibration } from '../engine/agents.ts';
import type { MarketConstants } from '../engine/goodMarkets.ts';
import type { PopulationPlan } from '../engine/layout.ts';
import { type AgentPhase, PHASE_NAMES, phaseParts } from '../engine/phases.ts';
import type { FlowStore, ResultsStorage } from '../engine/results.ts';
import type { World } from '../engine/world.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { BlockRange } from './partition.ts';

/** Int32 slots of the shared control array (shared-memory mode). */
export const CONTROL_GENERATION = 0; // bumped by the coordinator to release a phase
export const CONTROL_PHASE = 1; // AgentPhaseCode, or PHASE_STOP
export const CONTROL_MONTH = 2;
export const CONTROL_DONE = 3; // workers finished with the current generation
export const CONTROL_FAILED = 4; // 0, or 1 + index of the first worker that failed
// 1: the phase begins with the market phase of CONTROL_MONTH, each worker on its goods, and a
// block's agents wait until its goods are cleared (MarketState.ready); else 0.
export const CONTROL_MARKETS = 5;
export const CONTROL_WORDS = 6;
// Then one word per worker: the last generation it finished (how the watchdog names a worker
// that stopped answering); then, from the next cache line, one cache line per worker whose
// first two words say the phase it is in, code and month (activityWord), so a failure or a
// stall in a month's release names the market phase, the settle-and-decide (one pass per agent,
// agents.ts monthBlock), or the single phase an injected fault names. On a line of its own a
// worker's writes (once per block it claims) never take the line away from another worker (on
// one shared line the workers' writes evicted each other's line thousands of times a month).
// Then, again one cache line per worker, the claim word of the worker's block range
// (claimWord): how many of the range's blocks have been claimed in the current phase, by its
// worker or by others that finished their own range first (blockWorker.ts). The control array
// is controlLength(workers) words long.

/** Int32 words per cache line (64 bytes). */
const LINE_WORDS = 16;

/** First word of the activity lines: the first cache line boundary after the generation words. */
function activityStart(workers: number): number {
  return Math.ceil((CONTROL_WORDS + workers) / LINE_WORDS) * LINE_WORDS;
}

/** Int32 words of the control array for `workers` workers. */
export function controlLength(workers: number): number {
  return activityStart(workers) + 2 * LINE_WORDS * workers;
}

/** Where worker `index` of `workers` writes the code of the single phase it is in (the month follows). */
export function activityWord(workers: number, index: number): number {
  return activityStart(workers) + LINE_WORDS * index;
}

/**
 * The word counting the blocks claimed in worker `index`'s range during the current phase (the
 * coordinator zeroes it before each release; a claimer adds the blocks it takes and runs those
 * from the old count on, while they are in the range).
 */
export function claimWord(workers: number, index: number): number {
  return activityStart(workers) + LINE_WORDS * (workers + index);
}

/**
 * The block-worker watchdog: how long the coordinator waits for one agent phase before it
 * declares the workers that have not finished it stopped, ms. Thirty seconds, plus 10 µs per
 * agent of the largest worker's share (drawing 5,000,000 agents on one worker takes a few
 * seconds; a month's phase at 1,000,000 agents about 20 ms), so a busy machine never trips it.
 */
export function phaseDeadlineMs(agentsPerWorker: number): number {
  return 30_000 + Math.ceil(agentsPerWorker * 0.01);
}

/** Control phase that ends a worker's serve loop. */
export const PHASE_STOP = 99;

/** Buffers shared by the coordinator and every worker (shared-memory mode). */
export interface SharedMemory {
  /** Agent columns of the whole population and the blocks' rows (createColumns(0, agentCount, blockCount, columns)), a shared memory. */
  columns: WebAssembly.Memory;
  /** Partial sums, blockCount × PARTIAL_FIELDS Float64. */
  partials: SharedArrayBuffer;
  /** The two market views (createMarketViews), 2 × VIEW_FIELDS × goods × nodes Float64. */
  view: SharedArrayBuffer;
  /** Group scale factors for the scale phase, one Float64 per group. */
  groupScales: SharedArrayBuffer;
  /** controlLength(workers) Int32. */
  control: SharedArrayBuffer;
  /**
   * Per worker: milliseconds spent computing blocks in the last phase (waits for goods
   * included), then per worker the milliseconds it spent clearing its goods (0 without a market
   * phase), then per worker the blocks of other workers' ranges it ran: 3 × workers Float64.
   */
  busy: SharedArrayBuffer;
  /**
   * The coordinator's results, whose pages the workers prefault a month ahead between phases
   * (results.ts: prefaultMonth); null until the coordinator exists.
   */
  results: ResultsStorage | null;
  /**
   * Where the coordinator records the months' flows, whose next month's pages the last worker to
   * finish a phase prefaults (results.ts: FlowStore); null until the coordinator exists.
   */
  flows: FlowStore | null;
}

/** A deliberate failure, for tests of fault handling. Never set by the app's UI. */
export interface FaultPlan {
  worker: number;
  /** Month of the failing phase (-1: initialisation). */
  month: number;
  phase: 'draw' | 'scale' | 'decide' | 'settle';
  /**
   * slow: the worker sleeps half a second before the phase, then runs it (the other workers
   * take its blocks meanwhile; shared-memory mode);
   * throw: the phase throws (the worker reports it and stays up);
   * crash: an uncaught error escapes to the worker's global scope (a Node worker thread dies
   * of it; a browser worker fires its error event) and the worker never answers;
   * hang: the worker loops forever without an error (what the watchdog is for).
   */
  kind: 'throw' | 'crash' | 'hang' | 'slow';
}

export interface BlockWorkerSetup {
  index: number;
  workers: number;
  world: World;
  plan: PopulationPlan;
  seed: number;
  expansionLagMonths: number;
  /** World demand growth per mineral at month 0, per year. */
  growthPerYear: Float64Array;
  /** Per group: the status-quo costs its cost curve is calibrated against (agents.ts). */
  groupCalibration: GroupCalibration;
  range: BlockRange;
  /**
   * Every worker's range (shared-memory mode: a worker that has run its own range's blocks
   * claims what is left of the others', in claimOrder).
   */
  ranges: BlockRange[];
  /**
   * Shared-memory mode: the blocks in the order workers claim them, each range's within the
   * range's span (partition.ts: claimOrder); null: ascending.
   */
  order: Int32Array | null;
  /** Null: transfer mode (the worker owns columns for its agents only). */
  shared: SharedMemory | null;
  /** Shared-memory mode with the goods split across workers: this worker's goods; else null. */
  markets: MarketShare | null;
  fault: FaultPlan | null;
}

/** What a block worker needs to run the market phase for its goods (goodMarkets.ts). */
export interface MarketShare {
  scenario: Scenario;
  /** The coordinator's market state (marketStateByteLength bytes). */
  buffer: SharedArrayBuffer;
  /** The market groups this worker clears, each its goods in ascending order (partitionGoods). */
  groups: Int32Array[];
  constants: MarketConstants;
}

/** Transfer mode: a worker's partial sums for its blocks, and its compute time. */
export interface PhaseReply {
  /** Partials of blocks [lo, hi), (hi − lo) × PARTIAL_FIELDS. */
  partials: Float64Array;
  busyMs: number;
}

/** The block worker as the coordinator sees it through comlink. */
export interface BlockWorkerApi {
  /** Resolves once the worker is running (it answers messages). */
  ping(): number;
  setup(setup: BlockWorkerSetup): void;
  /**
   * Transfer mode: runs an agent phase on the worker's blocks with a copy of both market views
   * (exchange.ts createMarketViews: view 0, then view 1; a settle-and-decide reads both), or null
   * where the phase reads none (initialisation).
   */
  phase(
    code: number,
    month: number,
    views: Float64Array | null,
    groupScales: Float64Array | null,
  ): PhaseReply;
  /**
   * Shared-memory mode: runs the phases the control words release after generation
   * `generation`, until a stop phase. Blocks the worker's event loop while it serves
   * (Atomics.wait between phases). Rejects when a phase throws.
   */
  serve(generation: number): Promise<void>;
}

/**
 * The single phase of `phase` (itself, or the settle or the decide of a settle-and-decide) that
 * `fault` makes worker `worker` fail in, or null: where the worker acts the fault out, and what
 * the coordinator names when it reports the failure.
 */
export function faultPart(fault: FaultPlan | null, worker: number, phase: AgentPhase): AgentPhase | null {
  if (!fault || fault.worker !== worker) return null;
  return (
    phaseParts(phase).find((p) => fault.month === p.month && fault.phase === PHASE_NAMES[p.code]) ?? null
  );
}

/** Text of a fault plan, as `worker:month:phase:kind` (the form the CLI's SIM_FAULT and test pages use). */
export function parseFaultPlan(text: string): FaultPlan {
  const [worker, month, phase, kind = 'throw'] = text.split(':');
  const plan = { worker: Number(worker), month: Number(month), phase, kind };
  if (
    !Number.isInteger(plan.worker) ||
    plan.worker < 0 ||
    !Number.isInteger(plan.month) ||
    !['draw', 'scale', 'decide', 'settle'].includes(phase) ||
    !['throw', 'crash', 'hang', 'slow'].includes(kind)
  ) {
    throw new Error(
      `fault plan ${JSON.stringify(text)}: expected worker:month:phase[:kind] with phase draw|scale|decide|settle and kind throw|crash|hang|slow`,
    );
  }
  return plan as FaultPlan;
}
