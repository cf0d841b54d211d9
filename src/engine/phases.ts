/**
 * The engine's phase order, in one place for every driver: the single-thread simulation and
 * the parallel engine (src/parallel/) step through the same generators. Each generator runs the
 * coordinator's serial part itself and yields the phases that split: agent phases, which the
 * driver runs over every block (in one thread, or split across workers) and has the blocks'
 * partial sums in `partials` before it resumes the generator; and the market phase, which it
 * runs over every good (the coordinator's GoodMarkets, or split by market group across the
 * block workers: runMarketPhase). Same order, same sums, same numbers.
 */

import type { Scenario } from '../scenario/schema.ts';
import {
  type AgentContext,
  createAgentContext,
  drawBlocks,
  type GroupCalibration,
  monthBlock,
  scaleBlocks,
} from './agents.ts';
import type { AgentColumns } from './columns.ts';
import type { Coordinator } from './coordinator.ts';
import type { MarketViews } from './exchange.ts';
import type { GoodMarkets } from './goodMarkets.ts';
import type { PopulationPlan } from './layout.ts';
import type { World } from './world.ts';

/** An agent phase, run over blocks. Codes are small integers so they fit a shared control word. */
export const PHASE_DRAW = 1;
export const PHASE_SCALE = 2;
export const PHASE_DECIDE = 3;
export const PHASE_SETTLE = 4;
/** Month m's settle and month m + 1's decide, block by block (monthPhases). */
export const PHASE_SETTLE_DECIDE = 5;
/** Not an agent phase: month m's markets cleared and month m + 1's view written, good by good (monthPhases). */
export const PHASE_MARKETS = 6;

export type AgentPhaseCode =
  | typeof PHASE_DRAW
  | typeof PHASE_SCALE
  | typeof PHASE_DECIDE
  | typeof PHASE_SETTLE
  | typeof PHASE_SETTLE_DECIDE
  | typeof PHASE_MARKETS;

export const PHASE_NAMES: Record<
  AgentPhaseCode,
  'draw' | 'scale' | 'decide' | 'settle' | 'settle and decide' | 'markets'
> = {
  [PHASE_DRAW]: 'draw',
  [PHASE_SCALE]: 'scale',
  [PHASE_DECIDE]: 'decide',
  [PHASE_SETTLE]: 'settle',
  [PHASE_SETTLE_DECIDE]: 'settle and decide',
  [PHASE_MARKETS]: 'markets',
};

export interface AgentPhase {
  code: AgentPhaseCode;
  /** Month of a decide or settle phase (of the settle in a settle-and-decide); -1 during initialisation. */
  month: number;
  /** Scale phase: each group's scale factor (from the coordinator). */
  groupScales: Float64Array | null;
}

/** The single phases a settle-and-decide phase is made of, in order: settle `month`, decide `month` + 1. */
export function phaseParts(phase: AgentPhase): AgentPhase[] {
  if (phase.code !== PHASE_SETTLE_DECIDE) return [phase];
  return [
    { code: PHASE_SETTLE, month: phase.month, groupScales: null },
    { code: PHASE_DECIDE, month: phase.month + 1, groupScales: null },
  ];
}

/**
 * Initialisation: draw, then the coordinator's group scales, then scale, then the starting
 * stocks. Yields the two agent phases.
 */
export function* initialisationPhases(
  coordinator: Coordinator,
  partials: Float64Array,
): Generator<AgentPhase, void, void> {
  yield { code: PHASE_DRAW, month: -1, groupScales: null };
  const groupScales = coordinator.groupScales(partials);
  yield { code: PHASE_SCALE, month: -1, groupScales };
  coordinator.recordInitialStocks(partials);
}

/**
 * Month `month` of `months`: the coordinator prepares its markets (on the decisions the previous
 * month's phase made; month 0 begins and decides first), the market phase clears every good and
 * writes its part of the next month's view, then one agent phase settles this month and decides
 * the next, block by block (each block's state is read from memory once a month), then end
 * (record) this month. The parallel engine's workers cross one barrier with the coordinator a
 * month, whether or not they also run the market phase.
 *
 * The same numbers as begin, decide, clear, settle, end month after month: each agent still
 * settles month m before it decides month m + 1, and every sum runs in block order. The next
 * month's view is the other market view (Coordinator.viewFor), so this month's settle and
 * endMonth read this month's fills and signals; the next month's view reads no settlement
 * result, and endMonth reads neither the decisions nor the next month's view.
 */
export function* monthPhases(
  coordinator: Coordinator,
  month: number,
  months: number,
  partials: Float64Array,
): Generator<AgentPhase, void, void> {
  if (month === 0) {
    coordinator.beginMonth(0);
    yield { code: PHASE_DECIDE, month: 0, groupScales: null };
  }
  coordinator.prepareMarkets(month, partials);
  // Nothing runs between the market phase and the agent phase, so a driver may run them as one
  // (the parallel engine's workers do: each block waits until its goods are cleared).
  yield { code: PHASE_MARKETS, month, groupScales: null };
  if (month + 1 < months) yield { code: PHASE_SETTLE_DECIDE, month, groupScales: null };
  else yield { code: PHASE_SETTLE, month, groupScales: null };
  coordinator.endMonth(month, partials);
}

/**
 * The market phase of `phase.month` over `goods` (whole market groups, ascending: goodMarkets.ts
 * marketGroups), on `markets` (the coordinator's, or a block worker's over the shared state).
 */
export function runMarketPhase(markets: GoodMarkets, phase: AgentPhase, goods: ArrayLike<number>): void {
  if (phase.code !== PHASE_MARKETS) throw new Error(`phase ${phase.code} is not the market phase`);
  markets.runMonth(phase.month, goods);
}

/**
 * The market phase over every good, on the coordinator's own markets: the single-thread engine,
 * transfer mode and one worker (the default), where the coordinator clears the goods itself.
 */
export function clearEveryGood(coordinator: Coordinator, phase: AgentPhase): void {
  runMarketPhase(coordinator.markets, phase, coordinator.markets.allGoods);
}

/**
 * The month whose results a block worker may touch (prefaultMonth) once it has finished phase
 * `code` of month `month`, or −1: the coordinator records month m in the endMonth after the
 * phase that settles m, so after the decide of month 0 (before month 0's settle) it is month 0,
 * and after the settle of m and decide of m + 1 it is m + 1 (recorded after the next phase).
 */
export function touchableMonth(code: number, month: number): number {
  if (code === PHASE_DECIDE && month === 0) return 0;
  if (code === PHASE_SETTLE_DECIDE) return month + 1;
  return -1;
}

/**
 * Runs agent phase `phase` over blocks [lo, hi); `views` are the coordinator's market views
 * (or copies of them). `onPart` hears the phase before its blocks run (a settle-and-decide as
 * itself: each agent settles and decides in one pass, so there is no single phase to name), so a
 * worker can say where it failed. `beforeBlock` is called with each block before its agents run
 * (before any, outside a settle-and-decide): a worker waits there for the block's goods to be
 * cleared. `order`: the blocks [lo, hi) in the order a settle-and-decide runs them (a worker puts
 * the blocks whose goods another worker clears last); any order gives the same numbers, as each
 * block reads the views and writes its own agents and partial sums.
 */
export function runAgentPhase(
  ctx: AgentContext,
  cols: AgentColumns,
  views: MarketViews['views'],
  partials: Float64Array,
  phase: AgentPhase,
  lo: number,
  hi: number,
  onPart?: (code: AgentPhaseCode, month: number) => void,
  beforeBlock?: (block: number) => void,
  order?: Int32Array,
): void {
  const { month } = phase;
  if (beforeBlock && phase.code !== PHASE_SETTLE_DECIDE) for (let b = lo; b < hi; b++) beforeBlock(b);
  onPart?.(phase.code, month);
  switch (phase.code) {
    case PHASE_DRAW:
      drawBlocks(ctx, cols, partials, lo, hi);
      break;
    case PHASE_SCALE:
      scaleBlocks(ctx, cols, phase.groupScales!, partials, lo, hi);
      break;
    case PHASE_DECIDE:
      // Month 0's decide, before any settlement: the same loops with the settle switched off.
      for (let b = lo; b < hi; b++) monthBlock(ctx, cols, null, views[month & 1], partials, b);
      break;
    case PHASE_SETTLE:
      // The last month's settle, with nothing to decide after it.
      for (let b = lo; b < hi; b++) monthBlock(ctx, cols, views[month & 1], null, partials, b);
      break;
    case PHASE_MARKETS:
      throw new Error('the market phase runs over goods (runMarketPhase), not blocks');
    case PHASE_SETTLE_DECIDE:
      // Block by block, each agent settled on this month's view and decided on the next's.
      for (let i = lo; i < hi; i++) {
        const b = order ? order[i - lo] : i;
        beforeBlock?.(b);
        monthBlock(ctx, cols, views[month & 1], views[(month + 1) & 1], partials, b);
      }
      break;
  }
}

/**
 * World demand growth per mineral at month 0, per year: what agents need at initialisation
 * (expansion pipelines). The coordinator computes it; workers receive the numbers.
 */
export function initialGrowth(world: World, coordinator: Coordinator): Float64Array {
  return Float64Array.from(world.minerals, (_, m) => coordinator.worldGrowth(m, 0));
}

/** The agents' context, built the same way in every thread from the coordinator's growth figures. */
export function agentContextFor(
  world: World,
  plan: PopulationPlan,
  seed: number,
  expansionLagMonths: number,
  growthPerYear: Float64Array,
  calibration: GroupCalibration,
): AgentContext {
  return createAgentContext(world, plan, seed, expansionLagMonths, (m) => growthPerYear[m], calibration);
}

/** The agents' context in the coordinator's own thread (single-thread engine, benchmarks). */
export function localAgentContext(
  world: World,
  plan: PopulationPlan,
  scenario: Scenario,
  coordinator: Coordinator,
): AgentContext {
  return agentContextFor(
    world,
    plan,
    scenario.seed,
    scenario.market.expansionLagMonths,
    initialGrowth(world, coordinator),
    coordinator.groupCalibration,
  );
}
