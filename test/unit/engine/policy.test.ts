/**
 * Policy compilation on a three-node world (CHN refines, MIN mines, USA consumes; one mineral,
 * mine → refine): each lever's compile step writes the monthly tables the engine reads, only
 * inside its window, with its announcement before it.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/engine/policy.ts';
import type { World } from '../../../src/engine/world.ts';
import { buildScenarioSchema, type Scenario, type ScenarioInput } from '../../../src/scenario/schema.ts';
import { fixtureWorld } from '../fixtures/world.ts';

const KEEP = ['CHN', 'MIN', 'USA'];
const [CHN, MIN, USA] = [0, 1, 2];
const N = 3;
const [ORE, METAL] = [0, 1];

function threeNodeWorld(): World {
  const five = fixtureWorld();
  const keep = KEEP.map((code) => five.nodes.findIndex((n) => n.code === code));
  const pick = (a: number[]) => keep.map((i) => a[i]);
  return {
    nodes: keep.map((i) => five.nodes[i]),
    minerals: [five.minerals[0]],
    goods: five.goods.slice(0, 2).map((g) => ({
      ...g,
      output: pick(g.output),
      finalDemand: pick(g.finalDemand),
      potential: pick(g.potential),
    })),
  };
}

const world = threeNodeWorld();
const schema = buildScenarioSchema({
  nodes: world.nodes.map((n) => ({ code: n.code, euMember: n.euMember })),
  minerals: [{ id: 'alpha', stages: [{ id: 'mine' }, { id: 'refine' }] }],
});
const scenario = (input: Partial<ScenarioInput>): Scenario =>
  schema.parse({ version: 1, months: 36, tariffs: [], ...input });

describe('compiling levers into monthly tables (three nodes)', () => {
  it('leaves the status quo free of policy', () => {
    const p = compilePolicy(world, scenario({})).at(0);
    expect(Array.from(p.tariff[METAL])).toEqual(new Array(N * N).fill(0));
    expect(p.controls[ORE]).toEqual([]);
    expect(p.floors[METAL]).toEqual([]);
    expect(Array.from(p.capacityFactor)).toEqual(new Array(2 * N).fill(1));
    expect(Array.from(p.precautionaryCover)).toEqual(new Array(2 * N).fill(0));
    expect(p.growthRate[USA]).toBeCloseTo(world.minerals[0].demandGrowth, 12);
  });

  it('puts a bilateral tariff on its route only, inside its window', () => {
    const policy = compilePolicy(
      world,
      scenario({
        tariffs: [
          {
            importer: 'USA',
            exporter: 'CHN',
            mineral: 'alpha',
            stage: 'refine',
            rate: 0.25,
            start: 6,
            end: 18,
          },
        ],
      }),
    );
    const at = (month: number) => policy.at(month).tariff[METAL];
    expect(at(5)[CHN * N + USA]).toBe(0);
    expect(at(6)[CHN * N + USA]).toBe(0.25);
    expect(at(6)[MIN * N + USA]).toBe(0);
    expect(at(6)[USA * N + CHN]).toBe(0);
    expect(policy.at(6).tariff[ORE][CHN * N + USA]).toBe(0);
    expect(at(18)[CHN * N + USA]).toBe(0);
  });

  it('gives goods under the same tariff rules equal matrices of their own, and others theirs', () => {
    const policy = compilePolicy(
      world,
      scenario({
        tariffs: [
          { importer: 'USA', exporter: 'all', mineral: 'all', stage: 'all', rate: 0.05 },
          { importer: 'USA', exporter: 'CHN', mineral: 'alpha', stage: 'refine', rate: 0.25, start: 6 },
        ],
      }),
    );
    // Month 0: one rule for both goods, so one matrix made and copied (not shared).
    const [ore, metal] = policy.at(0).tariff;
    expect(Array.from(metal)).toEqual(Array.from(ore));
    expect(metal).not.toBe(ore);
    expect(ore[CHN * N + USA]).toBe(0.05);
    expect(ore[USA * N + USA]).toBe(0);
    // Month 6: the refined good has a rule more.
    const later = policy.at(6).tariff;
    expect(later[ORE][CHN * N + USA]).toBe(0.05);
    expect(later[METAL][CHN * N + USA]).toBe(0.25);
    expect(later[METAL][MIN * N + USA]).toBe(0.05);
  });

  it('lets a zone trade at its internal rate and charge its external rate to outsiders', () => {
    const p = compilePolicy(
      world,
      scenario({
        zones: [
          { id: 'club', name: 'Club', members: ['MIN', 'USA'], internalTariff: 0, externalTariff: 0.1 },
        ],
        tariffs: [{ importer: 'USA', exporter: 'MIN', mineral: 'all', stage: 'all', rate: 0.3 }],
      }),
    ).at(0);
    expect(p.tariff[ORE][MIN * N + USA]).toBe(0); // inside the zone: internal beats bilateral
    expect(p.tariff[ORE][CHN * N + USA]).toBe(0.1); // into the zone from outside: external
    expect(p.tariff[ORE][USA * N + CHN]).toBe(0); // out of the zone: China has no tariff
  });

  it('compiles export controls with their destinations, a zero quota as a ban, and the buyers’ precaution before an announced start', () => {
    const policy = compilePolicy(
      world,
      scenario({
        exportControls: [
          {
            exporter: 'CHN',
            mineral: 'alpha',
            stage: 'refine',
            kind: 'quota',
            quotaTonnesPerMonth: 0,
            destinations: ['USA'],
            announced: 3,
            start: 6,
          },
          {
            exporter: 'MIN',
            mineral: 'alpha',
            stage: 'mine',
            kind: 'licence',
            licenceDelayMonths: 2,
            approvalShare: 0.4,
            start: 6,
            end: 12,
          },
        ],
      }),
    );
    expect(policy.at(2).precautionaryCover[METAL * N + USA]).toBe(0);
    expect(policy.at(3).precautionaryCover[METAL * N + USA]).toBeGreaterThan(0);
    expect(policy.at(3).precautionaryCover[METAL * N + MIN]).toBe(0);
    expect(policy.at(5).controls[METAL]).toEqual([]);
    const [ban] = policy.at(6).controls[METAL];
    expect(ban.kind).toBe('ban');
    expect(ban.exporter).toBe(CHN);
    expect(Array.from(ban.destinationMask)).toEqual([0, 0, 1]);
    expect(policy.at(6).precautionaryCover[METAL * N + USA]).toBe(0);
    const [licence] = policy.at(6).controls[ORE];
    expect(licence).toMatchObject({
      kind: 'licence',
      exporter: MIN,
      delayMonths: 2,
      approvalShare: 0.4,
      end: 12,
    });
    // All destinations but the exporter itself.
    expect(Array.from(licence.destinationMask)).toEqual([1, 0, 1]);
    expect(policy.at(12).controls[ORE]).toEqual([]);
  });

  it('gives a price floor to the goods it covers, while its zone is in force', () => {
    const policy = compilePolicy(
      world,
      scenario({
        zones: [{ id: 'club', name: 'Club', members: ['MIN', 'USA'], start: 0, end: 24 }],
        priceFloors: [{ zone: 'club', mineral: 'alpha', stage: 'refine', floor: 12_000, start: 12 }],
      }),
    );
    expect(policy.at(11).floors[METAL]).toEqual([]);
    const [floor] = policy.at(12).floors[METAL];
    expect(floor.floor).toBe(12_000);
    expect(Array.from(floor.zoneMask)).toEqual([0, 1, 1]);
    expect(policy.at(12).floors[ORE]).toEqual([]);
    expect(policy.at(24).floors[METAL]).toEqual([]);
  });

  it('takes a shock’s capacity from its node and good, and multiplies two shocks', () => {
    const policy = compilePolicy(
      world,
      scenario({
        shocks: [
          { node: 'MIN', mineral: 'alpha', stage: 'mine', capacityLoss: 0.5, start: 2, end: 4 },
          { node: 'MIN', mineral: 'alpha', stage: 'mine', capacityLoss: 0.5, start: 3, end: 4 },
        ],
      }),
    );
    expect(policy.at(1).capacityFactor[ORE * N + MIN]).toBe(1);
    expect(policy.at(2).capacityFactor[ORE * N + MIN]).toBe(0.5);
    expect(policy.at(3).capacityFactor[ORE * N + MIN]).toBe(0.25);
    expect(policy.at(3).capacityFactor[ORE * N + CHN]).toBe(1);
    expect(policy.at(3).capacityFactor[METAL * N + MIN]).toBe(1);
    expect(policy.at(4).capacityFactor[ORE * N + MIN]).toBe(1);
  });
});
