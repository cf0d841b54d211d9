/**
 * The population plan: which agents exist, how many of each kind per node and good, and how
 * they are cut into fixed-size blocks. The plan depends only on the world and the scenario
 * (resolution, projects), never on the number of workers, so block boundaries and random
 * streams are the same however the work is split.
 */
import type { Scenario } from '../scenario/schema.ts';
import { BLOCK_SIZE, DORMANT_SHARE } from './constants.ts';
import { pow } from './math.ts';
import { type CompiledPolicy, compilePolicy } from './policy.ts';
import type { World } from './world.ts';

export const ROLE_MINE = 0;
export const ROLE_PROCESSOR = 1;
/** Refined output that needs no mined input (scrap, synthetic feed). */
export const ROLE_SECONDARY = 2;
export const ROLE_CONSUMER = 3;

export const STATUS_DORMANT = 0;
export const STATUS_ACTIVE = 1;
export const STATUS_BUILDING = 2;
/** A named project waiting for its start month. */
export const STATUS_SCHEDULED = 3;

export type GroupKind = 'operating' | 'dormant' | 'project' | 'consumer';

/** A set of similar agents at one node for one good, drawn from one cost curve. */
export interface AgentGroup {
  good: number;
  node: number;
  role: number;
  kind: GroupKind;
  /** Agents in the group. */
  count: number;
  /** Producers: total capacity before calibration, t/month. Consumers: total base demand, t/month. */
  total: number;
  /** Starting finished-goods stock of producers, months of capacity at their reference run rate. */
  startOutputCover: number;
  /** Starting input stock (processors) or safety stock (consumers), months of use. */
  startInputCover: number;
  /** Projects: unit cost, USD/t, and start month. */
  projectCost?: number;
  projectStart?: number;
  projectName?: string;
}

export interface PopulationPlan {
  blockSize: number;
  agentCount: number;
  blockCount: number;
  groups: AgentGroup[];
  /** First agent of each group. */
  groupFirst: Int32Array;
  /** Per block: its group, first agent and number of agents. */
  blockGroup: Int32Array;
  blockStart: Int32Array;
  blockLength: Int32Array;
}

/** Unit cost a producer's cost curve is scaled by, USD/t: the value it adds at reference prices. */
export function referenceUnitCost(world: World, good: number, role: number): number {
  const g = world.goods[good];
  if (role !== ROLE_PROCESSOR) return g.referencePrice;
  const input = world.goods[g.inputGood];
  const valueAdded = g.referencePrice - input.referencePrice / g.yield;
  if (!(valueAdded > 0)) {
    throw new Error(
      `${g.mineral} ${g.stage}: reference price ${g.referencePrice} USD/t does not cover the input ` +
        `(${input.referencePrice} USD/t at yield ${g.yield}); processing would never pay`,
    );
  }
  return valueAdded;
}

/**
 * Starting output by good and node, t/yr: the calibration, with the scenario's capacity
 * overrides. A world share sets the node's share and scales the other nodes so the world total
 * stays as calibrated; tonnes set the node's output and change the world total.
 */
export function startingOutput(world: World, scenario: Scenario): number[][] {
  const output = world.goods.map((g) => [...g.output]);
  for (const o of scenario.capacityOverrides) {
    const good = world.goods.findIndex((g) => g.mineral === o.mineral && g.stage === o.stage);
    const node = world.nodes.findIndex((n) => n.code === o.node);
    if (good < 0 || node < 0)
      throw new Error(`capacity override: unknown node or good ${o.node} ${o.mineral} ${o.stage}`);
    const row = output[good];
    if (o.tonnesPerYear !== null) {
      row[node] = o.tonnesPerYear;
      continue;
    }
    const share = o.worldShare ?? 0;
    const total = row.reduce((a, b) => a + b, 0);
    const others = total - row[node];
    for (let n = 0; n < row.length; n++) {
      if (n === node) row[n] = share * total;
      else row[n] = others > 0 ? (row[n] * (1 - share) * total) / others : 0;
    }
  }
  return output;
}

/**
 * Starting stock cover per good and node, months: [producers' finished goods, buyers' stock of
 * the good], the stage's data default with the scenario's startingStocks (later entries win).
 */
export function startingCover(
  world: World,
  scenario: Scenario,
  policy: CompiledPolicy,
): { producer: Float64Array; buyer: Float64Array } {
  const N = world.nodes.length;
  const producer = new Float64Array(world.goods.length * N);
  const buyer = new Float64Array(world.goods.length * N);
  world.goods.forEach((g, good) => {
    producer.fill(g.producerCover, good * N, (good + 1) * N);
    buyer.fill(g.buyerCover, good * N, (good + 1) * N);
  });
  if (scenario.startingStocks.length === 0) return { producer, buyer };
  for (const s of scenario.startingStocks) {
    const good = world.goods.findIndex((g) => g.mineral === s.mineral && g.stage === s.stage);
    const mask = policy.scopeMask(s.scope);
    for (let n = 0; n < N; n++) {
      if (!mask[n]) continue;
      if (s.producerMonths !== null) producer[good * N + n] = s.producerMonths;
      if (s.buyerMonths !== null) buyer[good * N + n] = s.buyerMonths;
    }
  }
  return { producer, buyer };
}

function buildGroups(world: World, scenario: Scenario, policy: CompiledPolicy): AgentGroup[] {
  const groups: AgentGroup[] = [];
  const monthly = 1 / 12;
  const N = world.nodes.length;
  const output = startingOutput(world, scenario);
  const cover = startingCover(world, scenario, policy);
  // In a growing market part of output goes into stocks that grow with the flows: final demand
  // at reference prices is what is left, so the status quo starts in steady growth.
  const growth = policy.at(0).growthRate;
  world.goods.forEach((g, good) => {
    const primaryRole = g.stageIndex === 0 ? ROLE_MINE : ROLE_PROCESSOR;
    const hasFinalBuyers = g.finalDemand.some((d) => d > 0);
    world.nodes.forEach((_, node) => {
      const monthlyGrowth = Math.max(0, pow(1 + growth[g.mineralIndex * N + node], 1 / 12) - 1);
      // A stage without final buyers (mines) also fills its buyers' growing stocks.
      const feedsStocks = hasFinalBuyers ? 1 : 1 + monthlyGrowth * (g.producerCover + g.buyerCover);
      const out = (output[good][node] ?? 0) * feedsStocks;
      const startOutputCover = cover.producer[good * N + node];
      const inputCover = primaryRole === ROLE_PROCESSOR ? cover.buyer[g.inputGood * N + node] : 0;
      if (out > 0) {
        // Ready capacity: output at reference prices over the stage's utilisation.
        const capacity = (out * monthly) / g.utilisation;
        const primary = capacity * (1 - g.secondaryShare);
        const secondary = capacity * g.secondaryShare;
        const base = { good, node, kind: 'operating' as const, count: 0, startOutputCover };
        if (primary > 0)
          groups.push({ ...base, role: primaryRole, total: primary, startInputCover: inputCover });
        if (secondary > 0)
          groups.push({ ...base, role: ROLE_SECONDARY, total: secondary, startInputCover: 0 });
      }
      const dormant =
        DORMANT_SHARE * out * (1 - g.secondaryShare) * monthly + (g.potential[node] ?? 0) * monthly;
      if (dormant > 0)
        groups.push({
          good,
          node,
          role: primaryRole,
          kind: 'dormant',
          count: 0,
          total: dormant,
          startOutputCover: 0,
          startInputCover: 0,
        });
      const stockBuilding = 1 + monthlyGrowth * (g.producerCover + cover.buyer[good * N + node]);
      const demand = (g.finalDemand[node] ?? 0) / stockBuilding;
      if (demand > 0)
        groups.push({
          good,
          node,
          role: ROLE_CONSUMER,
          kind: 'consumer',
          count: 0,
          total: demand * monthly,
          startOutputCover: 0,
          startInputCover: cover.buyer[good * N + node],
        });
    });
  });
  for (const p of scenario.projects) {
    const good = world.goods.findIndex((g) => g.mineral === p.mineral && g.stage === p.stage);
    const node = world.nodes.findIndex((n) => n.code === p.node);
    if (good < 0 || node < 0) throw new Error(`project "${p.name}": unknown node or good`);
    groups.push({
      good,
      node,
      role: world.goods[good].stageIndex === 0 ? ROLE_MINE : ROLE_PROCESSOR,
      kind: 'project',
      count: 1,
      total: p.capacityTonnesPerYear * monthly,
      startOutputCover: 0,
      startInputCover: 0,
      projectCost: p.unitCostUsdPerTonne,
      projectStart: p.startMonth,
      projectName: p.name,
    });
  }
  return groups;
}

/**
 * Fewest agents per group kind: operating sites need several so that investment and exit are
 * not lumpy at teaching resolutions; consumers and dormant projects are smooth with one.
 */
const MIN_AGENTS: Record<GroupKind, number> = { operating: 6, dormant: 1, consumer: 1, project: 1 };

/** Weight of a group kind when sharing out the remaining agents (by √(tonnes × price)). */
const KIND_WEIGHT: Record<GroupKind, number> = { operating: 1, dormant: 0.3, consumer: 0.5, project: 0 };

/**
 * Shares `agents` among groups: each kind's minimum first, the rest by the square root of each
 * group's value (tonnes × reference price) times its kind weight, largest remainders first,
 * ties by group order. Projects are one agent each.
 */
function allocateAgents(world: World, groups: AgentGroup[], agents: number): void {
  const free = groups.filter((g) => g.kind !== 'project');
  let minimum = groups.length - free.length;
  for (const g of free) {
    g.count = MIN_AGENTS[g.kind];
    minimum += g.count;
  }
  const spare = Math.max(0, agents - minimum);
  const weights = free.map(
    (g) => KIND_WEIGHT[g.kind] * Math.sqrt(g.total * world.goods[g.good].referencePrice),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (spare * w) / sum : 0));
  let given = 0;
  free.forEach((g, i) => {
    const whole = Math.floor(exact[i]);
    g.count += whole;
    given += whole;
  });
  const order = free
    .map((_, i) => i)
    .sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (let k = 0; k < spare - given; k++) free[order[k % order.length]].count++;
}

/** `policy`: the run's compiled policy (compilePolicy), which the coordinator then reads too. */
export function planPopulation(
  world: World,
  scenario: Scenario,
  policy: CompiledPolicy = compilePolicy(world, scenario),
  blockSize = BLOCK_SIZE,
): PopulationPlan {
  const groups = buildGroups(world, scenario, policy);
  allocateAgents(world, groups, scenario.resolution);
  const groupOf: number[] = [];
  const starts: number[] = [];
  const lengths: number[] = [];
  const groupFirst = new Int32Array(groups.length);
  let agent = 0;
  groups.forEach((g, gi) => {
    groupFirst[gi] = agent;
    for (let left = g.count; left > 0; left -= blockSize) {
      const length = Math.min(blockSize, left);
      groupOf.push(gi);
      starts.push(agent);
      lengths.push(length);
      agent += length;
    }
  });
  return {
    blockSize,
    agentCount: agent,
    blockCount: groupOf.length,
    groups,
    groupFirst,
    blockGroup: Int32Array.from(groupOf),
    blockStart: Int32Array.from(starts),
    blockLength: Int32Array.from(lengths),
  };
}
