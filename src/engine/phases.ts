/**
 * The engine's phase order, in one place for every driver: the single-thread simulation and
 * the parallel engine (src/parallel/) step through the same generators. Each generator runs the
 * coordinator's part itself and yields the agent phases; the driver runs a yielded phase over
 * every block (in one thread, or split across workers) and has the blocks' partial sums in
 * `partials` before it resumes the generator. Same order, same sums, same numbers.
 */
import {
  type AgentContext,
  createAgentContext,
  decideBlocks,
  drawBlocks,
  type GroupCalibration,
  scaleBlocks,
  settleBlocks,
} from './agents.ts';
import type { AgentColumns } from './columns.ts';
import type { Coordinator } from './coordinator.ts';
import type { MarketView } from './exchange.ts';
import type { PopulationPlan } from './layout.ts';
import type { World } from './world.ts';

/** An agent phase, run over blocks. Codes are small integers so they fit a shared control word. */
export const PHASE_DRAW = 1;
export const PHASE_SCALE = 2;
export const PHASE_DECIDE = 3;
export const PHASE_SETTLE = 4;

export type AgentPhaseCode =
  | typeof PHASE_DRAW
  | typeof PHASE_SCALE
  | typeof PHASE_DECIDE
  | typeof PHASE_SETTLE;

export const PHASE_NAMES: Record<AgentPhaseCode, 'draw' | 'scale' | 'decide' | 'settle'> = {
  [PHASE_DRAW]: 'draw',
  [PHASE_SCALE]: 'scale',
  [PHASE_DECIDE]: 'decide',
  [PHASE_SETTLE]: 'settle',
};

export interface AgentPhase {
  code: AgentPhaseCode;
  /** Month of a decide or settle phase; -1 during initialisation. */
  month: number;
  /** Scale phase: each group's scale factor (from the coordinator). */
  groupScales: Float64Array | null;
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

/** One month: begin (the view), decide, clear (markets), settle, end (record). Yields decide and settle. */
export function* monthPhases(
  coordinator: Coordinator,
  month: number,
  partials: Float64Array,
): Generator<AgentPhase, void, void> {
  coordinator.beginMonth(month);
  yield { code: PHASE_DECIDE, month, groupScales: null };
  coordinator.clear(month, partials);
  yield { code: PHASE_SETTLE, month, groupScales: null };
  coordinator.endMonth(month, partials);
}

/** What a driver does with an agent phase: run it (start and wait), only start it, or wait for a started one. */
export interface PhaseStep {
  action: 'run' | 'start' | 'finish';
  phase: AgentPhase;
}

/**
 * One month with the next month's decisions overlapped with this month's end: after settle,
 * the coordinator begins month + 1 and has the agents start deciding it, then ends (records)
 * this month while they work; the next month's steps then wait for that decide phase instead
 * of starting it. Same calls on the same data as monthPhases, so the same numbers: endMonth
 * reads only settlement partials, fills and market outcomes, and neither beginMonth nor
 * decide writes those (decide writes decision partials and agents' plans, which endMonth
 * does not read). `decideStarted`: the previous month already started this month's decide.
 */
export function* overlappedMonthPhases(
  coordinator: Coordinator,
  month: number,
  months: number,
  partials: Float64Array,
  decideStarted: boolean,
): Generator<PhaseStep, void, void> {
  const decide: AgentPhase = { code: PHASE_DECIDE, month, groupScales: null };
  if (!decideStarted) {
    coordinator.beginMonth(month);
    yield { action: 'start', phase: decide };
  }
  yield { action: 'finish', phase: decide };
  coordinator.clear(month, partials);
  yield { action: 'run', phase: { code: PHASE_SETTLE, month, groupScales: null } };
  if (month + 1 < months) {
    coordinator.beginMonth(month + 1);
    yield { action: 'start', phase: { code: PHASE_DECIDE, month: month + 1, groupScales: null } };
  }
  coordinator.endMonth(month, partials);
}

/** Runs agent phase `phase` over blocks [lo, hi); `view` is the coordinator's market view (or a copy of it). */
export function runAgentPhase(
  ctx: AgentContext,
  cols: AgentColumns,
  view: MarketView,
  partials: Float64Array,
  phase: AgentPhase,
  lo: number,
  hi: number,
): void {
  switch (phase.code) {
    case PHASE_DRAW:
      drawBlocks(ctx, cols, partials, lo, hi);
      break;
    case PHASE_SCALE:
      scaleBlocks(ctx, cols, phase.groupScales!, partials, lo, hi);
      break;
    case PHASE_DECIDE:
      decideBlocks(ctx, cols, view, partials, lo, hi);
      break;
    case PHASE_SETTLE:
      settleBlocks(ctx, cols, view, partials, lo, hi);
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
