/**
 * The block worker: owns a contiguous range of blocks and their agents and runs the agent
 * phases on them (src/engine/phases.ts). The same code runs in a browser module worker and in
 * a Node worker thread; the entry files in workers/ only expose it through comlink.
 *
 * Shared-memory mode: the columns, partials and view live in SharedArrayBuffers; the worker
 * serves phases released through the control words (Atomics.wait between phases) and
 * signals completion with Atomics.add/notify. It claims its range's blocks a few at a time
 * (protocol.ts: claimWord), then what is left of the other ranges (takeBlocks): a worker the
 * machine's other work held up (2 vCPUs shared with the coordinator and other processes) leaves
 * its last blocks to a worker that finished, rather than keeping it waiting at the barrier. With
 * the goods split across workers it also holds a GoodMarkets over the coordinator's shared
 * market state and, when a phase says so, first clears its market groups, marking each good
 * ready, and runs each block once the block's goods (its own and its input) are ready,
 * whichever worker cleared them (waitForGood): each range's blocks whose goods its worker
 * clears first (partition.ts: claimOrder; partitionGoods gives each worker the goods its blocks
 * trade where the balance allows, and the goods others wait for first).
 * Transfer mode: the worker owns columns for its own agents only, receives a copy of the view
 * with each phase and replies with the partial sums of its blocks (transferred, not copied).
 */
import { transfer } from 'comlink';
import type { AgentContext } from '../engine/agents.ts';
import { Arena } from '../engine/arena.ts';
import { type AgentColumns, createColumns } from '../engine/columns.ts';
import { createMarketViews, type MarketViews, PARTIAL_FIELDS } from '../engine/exchange.ts';
import { GoodMarkets } from '../engine/goodMarkets.ts';
import {
  type AgentPhase,
  type AgentPhaseCode,
  agentContextFor,
  PHASE_MARKETS,
  PHASE_SETTLE_DECIDE,
  runAgentPhase,
  runMarketPhase,
  touchableMonth,
} from '../engine/phases.ts';
import { MARKET_SERIES } from '../engine/recording.ts';
import { type FlowStore, prefaultFlows, prefaultMonths, SERIES, type SeriesName } from '../engine/results.ts';
import type { BlockRange } from './partition.ts';
import type { BlockWorkerApi, BlockWorkerSetup, PhaseReply } from './protocol.ts';
import * as protocol from './protocol.ts';

/** The series the coordinator's record of a month writes (the rest: MARKET_SERIES). */
const RECORD_SERIES = SERIES.filter((name) => !MARKET_SERIES.includes(name));

/**
 * Months of results pages a worker maps ahead of the coordinator's record (the series, and the
 * flows): at 5,000 agents the moments between phases are too short to map a month's pages
 * (about 90 of 4 KiB) before the next phase is released, and the record then mapped what was
 * left, 7 page faults a month on the coordinator's thread (0.1–0.15 ms of its 0.5 ms a month in
 * `npm run bench -- table`'s coordinator row). With months ahead, what one moment leaves the
 * next maps, before the record needs it.
 */
const PREFAULT_MONTHS_AHEAD = 4;

/**
 * Maps the pages the next PREFAULT_MONTHS_AHEAD months' flows will likely take (as many values
 * a month as month `month`'s, and a quarter more) while the coordinator records month `month`'s
 * just before them (pages mapped already cost a write each). `pairCounts`: every good's pair
 * count for month `month`, all its goods cleared.
 */
function prefaultNextFlows(
  store: FlowStore,
  pairCounts: Int32Array,
  month: number,
  stop: () => boolean,
): void {
  let count = 0;
  for (let g = 0; g < pairCounts.length; g++) count += pairCounts[g];
  prefaultFlows(store, store.monthStart[month] + count, (count + (count >> 2)) * PREFAULT_MONTHS_AHEAD, stop);
}

interface WorkerState {
  setup: BlockWorkerSetup;
  ctx: AgentContext;
  cols: AgentColumns;
  /** Full-size (blockCount × PARTIAL_FIELDS): block functions index partials by block number. */
  partials: Float64Array;
  /** The market views (month m reads views[m & 1]). */
  views: MarketViews['views'];
  /** Shared-memory mode: records the single phase the worker is in (the control words' activity). */
  onPart: ((code: AgentPhaseCode, month: number) => void) | undefined;
  /** Shared-memory mode with the goods split: this worker's markets over the coordinator's state. */
  markets: GoodMarkets | null;
  /** Shared-memory mode: the control words, where blocks are claimed (takeBlocks); else null. */
  control: Int32Array | null;
}

/** Never settles: what a crashed worker answers. */
const NEVER = new Promise<never>(() => {});

/**
 * Loads of a good's ready flag a worker spins through before it sleeps on it: a few
 * microseconds, about how far apart balanced workers finish their goods (a sleep and a wake
 * cost tens of microseconds on a busy VM).
 */
const READY_SPINS = 4000;

/**
 * Agents a worker claims at a time, about (whole blocks, at least one): a few microseconds of
 * work, so workers finish within that of each other, and few enough claims that their atomic
 * adds cost nothing (at 5,000 agents a block holds 2.5 on average; at 1,000,000 about 300).
 */
const CLAIM_AGENTS = 256;

/** Blocks a claim in `range` takes: CLAIM_AGENTS at the range's mean block size, at least one. */
function claimSize({ lo, hi, agentCount }: BlockRange): number {
  return Math.max(1, Math.floor((CLAIM_AGENTS * (hi - lo)) / Math.max(1, agentCount)));
}

/** How long a `slow` fault holds its worker before the phase, ms. */
const SLOW_FAULT_MS = 500;

/** Thrown by a wait that learns another worker failed: the phase is given up, not failed here. */
class PhaseAbandoned extends Error {}

/**
 * Returns once good `g` is ready for the phase released as `generation` (MarketState.ready);
 * throws PhaseAbandoned when some worker failed meanwhile (CONTROL_FAILED).
 */
function waitForGood(ready: Int32Array, control: Int32Array, g: number, generation: number): void {
  for (;;) {
    for (let i = 0; i < READY_SPINS; i++) if (Atomics.load(ready, g) === generation) return;
    if (Atomics.load(control, protocol.CONTROL_FAILED) !== 0)
      throw new PhaseAbandoned('another worker failed');
    Atomics.wait(ready, g, Atomics.load(ready, g), 100);
  }
}

export function createBlockWorker(): BlockWorkerApi {
  let state: WorkerState | null = null;

  const ready = (): WorkerState => {
    if (!state) throw new Error('the block worker has not been set up');
    return state;
  };

  /** The injected fault for a single phase of `phase`, if any, and that phase (debug only). */
  const faultFor = (phase: AgentPhase) => {
    const fault = state?.setup.fault ?? null;
    const part = protocol.faultPart(fault, state!.setup.index, phase);
    return fault && part ? { ...fault, part } : null;
  };

  /**
   * Shared-memory mode: runs `phase` on the blocks this worker claims, first from its own range,
   * then from the others' in turn (each range's claim word hands out its positions of the claim
   * order once each, claimSize at a time, whoever asks); returns how many blocks of other ranges it ran. Any worker
   * may run any block: the columns and partials are shared, and a block's random streams and
   * sums depend on the block alone. `beforeBlock`: see runAgentPhase.
   */
  const takeBlocks = (s: WorkerState, phase: AgentPhase, beforeBlock?: (block: number) => void): number => {
    const control = s.control!;
    const { index, workers, ranges, order } = s.setup;
    let taken = 0;
    for (let k = 0; k < workers; k++) {
      const w = (index + k) % workers;
      const { lo, hi } = ranges[w];
      const at = protocol.claimWord(workers, w);
      const size = claimSize(ranges[w]);
      for (;;) {
        const first = lo + Atomics.add(control, at, size);
        if (first >= hi) break;
        const last = Math.min(hi, first + size);
        for (let i = first; i < last; i++) {
          const b = order ? order[i] : i;
          runAgentPhase(s.ctx, s.cols, s.views, s.partials, phase, b, b + 1, s.onPart, beforeBlock);
        }
        if (k > 0) taken += last - first;
      }
    }
    return taken;
  };

  /**
   * Runs a phase (its own blocks in transfer mode, the blocks it claims in shared-memory mode),
   * or acts out an injected fault: throws, or schedules an uncaught error and returns -1 (a slow
   * fault sleeps, then runs the phase). Else the blocks of other ranges it ran. `beforeBlock`:
   * see runAgentPhase.
   */
  const runPhase = (s: WorkerState, phase: AgentPhase, beforeBlock?: (block: number) => void): number => {
    const fault = faultFor(phase);
    if (fault?.kind === 'slow') {
      s.onPart?.(fault.part.code, fault.part.month);
      if (s.control) Atomics.wait(s.control, protocol.CONTROL_FAILED, 0, SLOW_FAULT_MS);
    } else if (fault) {
      s.onPart?.(fault.part.code, fault.part.month);
      const what = `injected ${fault.kind} in worker ${fault.worker}, month ${fault.month}, ${fault.phase}`;
      if (fault.kind === 'throw') throw new Error(what);
      if (fault.kind === 'hang') {
        // Stops answering without an error, as an endless loop in a phase would (asleep where
        // Atomics.wait can sleep, so the test does not take a core; else spinning).
        const sleeper =
          typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
        for (;;) if (sleeper) Atomics.wait(sleeper, 0, 0, 1000);
      }
      // Escapes every handler: the worker's global error (and, in Node, the thread's death).
      setTimeout(() => {
        throw new Error(what);
      }, 0);
      return -1;
    }
    if (s.control) return takeBlocks(s, phase, beforeBlock);
    const { lo, hi } = s.setup.range;
    runAgentPhase(s.ctx, s.cols, s.views, s.partials, phase, lo, hi, s.onPart, beforeBlock);
    return 0;
  };

  /**
   * The market part of the phase released as `generation`: clears this worker's market groups
   * for `month`, marking each group's goods ready as it is done (the other workers' blocks may
   * be waiting for them).
   */
  const clearMarkets = (s: WorkerState, month: number, generation: number): void => {
    if (!s.markets || !s.setup.markets) throw new Error('this worker was not given goods to clear');
    const { ready } = s.markets.state;
    const phase: AgentPhase = { code: PHASE_MARKETS, month, groupScales: null };
    s.onPart?.(PHASE_MARKETS, month);
    for (const group of s.setup.markets.groups) {
      runMarketPhase(s.markets, phase, group);
      for (const g of group) {
        Atomics.store(ready, g, generation);
        Atomics.notify(ready, g);
      }
    }
  };

  /** Before block b's agents run in the phase released as `generation`: its goods ready. */
  const goodsReady = (s: WorkerState, control: Int32Array, generation: number) => {
    const { ready } = s.markets!.state;
    const { blockGood, goodInput } = s.ctx;
    return (b: number) => {
      const g = blockGood[b];
      waitForGood(ready, control, g, generation);
      if (goodInput[g] >= 0) waitForGood(ready, control, goodInput[g], generation);
    };
  };

  return {
    ping: () => 1,

    setup(setup: BlockWorkerSetup): void {
      const { world, plan, range, shared } = setup;
      const ctx = agentContextFor(
        world,
        plan,
        setup.seed,
        setup.expansionLagMonths,
        setup.growthPerYear,
        setup.groupCalibration,
      );
      const goods = world.goods.length;
      const nodes = world.nodes.length;
      if (shared) {
        const control = new Int32Array(shared.control);
        const at = protocol.activityWord(setup.workers, setup.index);
        const views = createMarketViews(goods, nodes, shared.view);
        const share = setup.markets;
        if (share && !shared.results)
          throw new Error('a worker that clears goods records into the shared results');
        state = {
          setup,
          ctx,
          cols: createColumns(0, plan.agentCount, plan.blockCount, shared.columns),
          partials: new Float64Array(shared.partials),
          views: views.views,
          onPart: (code, month) => {
            Atomics.store(control, at, code);
            Atomics.store(control, at + 1, month);
          },
          markets: share
            ? new GoodMarkets(
                world,
                share.scenario,
                plan,
                share.constants,
                views,
                new Arena(share.buffer, true),
              )
            : null,
          control,
        };
        // Its goods' market series, recorded as it clears them (recording.ts: recordGoodMarket).
        if (state.markets && shared.results) state.markets.recordInto(shared.results.series);
      } else {
        state = {
          setup,
          ctx,
          cols: createColumns(range.firstAgent, range.agentCount, plan.blockCount),
          partials: new Float64Array(plan.blockCount * PARTIAL_FIELDS),
          views: createMarketViews(goods, nodes).views,
          onPart: undefined,
          markets: null,
          control: null,
        };
      }
    },

    phase(code, month, views, groupScales): PhaseReply {
      const s = ready();
      if (s.setup.shared) throw new Error('phase() is for transfer mode; this worker shares memory');
      if (views) {
        // The two views, each a half of the copy (a settle-and-decide reads month m's and m + 1's).
        const length = s.views[0].data.length;
        if (views.length !== 2 * length)
          throw new Error(`the market views hold ${views.length} values, expected ${2 * length}`);
        s.views[0].data = views.subarray(0, length);
        s.views[1].data = views.subarray(length);
      }
      const started = performance.now();
      if (runPhase(s, { code: code as AgentPhaseCode, month, groupScales }) < 0) return NEVER as never;
      const busyMs = performance.now() - started;
      const { lo, hi } = s.setup.range;
      const partials = s.partials.slice(lo * PARTIAL_FIELDS, hi * PARTIAL_FIELDS);
      return transfer({ partials, busyMs }, [partials.buffer]);
    },

    /**
     * Serves phases released after `generation` until a stop phase. Runs synchronously (the
     * worker's event loop is blocked meanwhile), so nothing but the control words reaches it.
     */
    async serve(generation: number): Promise<void> {
      const s = ready();
      const shared = s.setup.shared;
      if (!shared) throw new Error('serve() is for shared-memory mode');
      const control = new Int32Array(shared.control);
      const busy = new Float64Array(shared.busy);
      const groupScales = new Float64Array(shared.groupScales);
      const { index, workers } = s.setup;
      const stride = s.setup.world.goods.length * s.setup.world.nodes.length;
      let seen = generation;
      // The last months whose record series and market series this worker has mapped its share of.
      let recordMapped = -1;
      let marketMapped = -1;
      // Whether the coordinator has released a phase after the one this worker last ran.
      const released = () => Atomics.load(control, protocol.CONTROL_GENERATION) !== seen;
      // Maps this worker's share of `names`' results pages from month `first`, months ahead.
      const results = shared.results;
      const mapAhead =
        results &&
        ((first: number, mapped: number, names: readonly SeriesName[], lag: number) =>
          prefaultMonths(
            results,
            stride,
            first,
            PREFAULT_MONTHS_AHEAD,
            mapped,
            index,
            workers,
            released,
            names,
            lag,
          ));
      for (;;) {
        Atomics.wait(control, protocol.CONTROL_GENERATION, seen);
        const now = Atomics.load(control, protocol.CONTROL_GENERATION);
        if (now === seen) continue;
        if (now !== seen + 1) throw new Error(`worker ${index} missed a phase (generation ${seen} → ${now})`);
        seen = now;
        const code = Atomics.load(control, protocol.CONTROL_PHASE);
        if (code === protocol.PHASE_STOP) return;
        const month = Atomics.load(control, protocol.CONTROL_MONTH);
        const started = performance.now();
        let agentsStarted = started;
        // Blocks of other ranges it ran, or -1: an injected fault ended the worker.
        let ran: number;
        // Whether this phase began with the month's market phase (the goods cleared on the workers).
        let cleared = false;
        try {
          let beforeBlock: ((block: number) => void) | undefined;
          cleared = Atomics.load(control, protocol.CONTROL_MARKETS) === 1;
          if (cleared) {
            clearMarkets(s, month, seen);
            agentsStarted = performance.now();
            beforeBlock = goodsReady(s, control, seen);
          }
          ran = runPhase(s, { code: code as AgentPhaseCode, month, groupScales }, beforeBlock);
        } catch (error) {
          // Another worker failed while this one waited for its goods: the run is over and that
          // worker reports it; this one only finishes the phase.
          const abandoned = error instanceof PhaseAbandoned;
          if (!abandoned) Atomics.compareExchange(control, protocol.CONTROL_FAILED, 0, index + 1);
          Atomics.store(control, protocol.CONTROL_WORDS + index, seen);
          Atomics.add(control, protocol.CONTROL_DONE, 1);
          Atomics.notify(control, protocol.CONTROL_DONE);
          if (abandoned) continue;
          throw error;
        }
        if (ran < 0) return NEVER;
        busy[index] = performance.now() - agentsStarted;
        busy[workers + index] = agentsStarted - started;
        busy[2 * workers + index] = ran;
        Atomics.store(control, protocol.CONTROL_WORDS + index, seen);
        // The last worker to finish wakes the coordinator.
        const last = Atomics.add(control, protocol.CONTROL_DONE, 1) + 1 === workers;
        if (last) Atomics.notify(control, protocol.CONTROL_DONE);
        // The last worker to finish knows every good's pair count of the month the coordinator
        // now records, so where the next month's flows will start: it maps their likely pages.
        if (last && cleared && code === PHASE_SETTLE_DECIDE && shared.flows && s.markets)
          prefaultNextFlows(shared.flows, s.markets.state.pairCounts, month, released);
        // While the coordinator works: map a later month's results pages on this core, until it
        // releases the next phase (then its record maps the rest: a late start here would hold
        // up this worker's goods and blocks).
        // The goods' market series are written in the market phase, whichever thread runs it
        // (recording.ts: recordGoodMarket): the next month's may be written as soon as the next
        // phase is released, while this worker may still be prefaulting, so it maps the month
        // after (written only once every worker has finished the next phase).
        // Each goes on from where the last moment between phases stopped, months ahead.
        const next = touchableMonth(code, month);
        if (mapAhead && next >= 0) {
          recordMapped = mapAhead(next, recordMapped, RECORD_SERIES, 2);
          marketMapped = mapAhead(next + 1, marketMapped, MARKET_SERIES, 3);
        }
      }
    },
  };
}
