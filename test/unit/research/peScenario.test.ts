import { describe, expect, it } from 'vitest';
import { CLUB } from '../../../src/data/groups';
import { comparePe } from '../../../src/research/peScenario.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';

const world = calibratedWorld();
const scenario = (input: object) => {
  const v = validateScenario({ version: 1, months: 36, resolution: 3000, ...input });
  if (!v.ok) throw new Error(v.errors.join());
  return v.scenario;
};

describe('the partial-equilibrium benchmark of a scenario', () => {
  const statusQuo = scenario({});
  const good = world.goods.findIndex((g) => g.mineral === 'cobalt' && g.stage === 'refine');

  it('agrees with the agents on the direction of a tariff cut: a club that drops a 20% MFN tariff buys more from members', () => {
    const mfn = CLUB.map((importer) => ({ importer, mineral: 'cobalt', rate: 0.2 }));
    const base = scenario({ tariffs: mfn });
    const club = scenario({ tariffs: mfn, zones: [{ id: 'club', name: 'Club', members: [...CLUB] }] });
    const comparison = comparePe(world, base, club, good);
    expect(comparison.pe.solver.converged).toBe(true);
    const regions = comparison.input.regions;
    // GSIM: trade among members rises.
    let memberTrade = 0;
    for (let i = 0; i < regions.length; i++) {
      for (let j = 0; j < regions.length; j++) {
        if (i !== j && CLUB.includes(regions[i]) && CLUB.includes(regions[j]))
          memberTrade += comparison.pe.tradeValueChange[i][j];
      }
    }
    expect(memberTrade).toBeGreaterThan(0);
    expect(comparison.agents.length).toBe(regions.length);
  });

  it('turns a price floor into a levy and an export ban into a prohibitive tariff', () => {
    const zone = { id: 'z', name: 'US–Japan', members: ['USA', 'JPN'] };
    const floors = comparePe(
      world,
      statusQuo,
      scenario({
        zones: [zone],
        priceFloors: [{ zone: 'z', mineral: 'cobalt', stage: 'refine', floor: 40_000 }],
      }),
      good,
    );
    const usa = floors.input.regions.indexOf('USA');
    const chn = floors.input.regions.indexOf('CHN');
    expect(floors.input.tariffs1[chn][usa]).toBeGreaterThan(floors.input.tariffs0[chn][usa] + 0.2);
    const ban = comparePe(
      world,
      statusQuo,
      scenario({
        exportControls: [
          { exporter: 'CHN', mineral: 'cobalt', stage: 'refine', kind: 'ban', destinations: ['USA'] },
        ],
      }),
      good,
    );
    expect(ban.input.tariffs1[chn][usa]).toBeGreaterThan(10);
    expect(ban.input.flows[chn][usa]).toBeGreaterThan(0);
    // The banned flow all but disappears in the benchmark too.
    expect(ban.pe.tradeChange[chn][usa]).toBeLessThan(-0.99);
  });
});
