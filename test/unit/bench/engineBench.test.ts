/**
 * The engine bench (test/bench/engine.ts) times its own copy of the month loop; it must run the
 * engine's real month, or its figures time something else (a change to the month's phases once
 * broke it without any test noticing).
 */
import { describe, expect, it } from 'vitest';
import { hashResults } from '../../../src/engine/hash.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { timedMonthLoop } from '../../bench/engine.ts';

describe('engine bench', () => {
  it("runs the single-thread engine's months: same results, and timings that add up", async () => {
    const checked = validateScenario({ version: 1, resolution: 3000, months: 4 });
    if (!checked.ok) throw new Error(checked.errors.join('; '));
    const world = calibratedWorld();
    const { row, results } = timedMonthLoop(world, checked.scenario);
    const engine = createSimulation(world, checked.scenario).run();
    expect(results.monthsDone).toBe(4);
    expect(await hashResults(results)).toBe(await hashResults(engine));
    expect(row.months).toBe(4);
    expect(row.agentSeconds).toBeGreaterThan(0);
    expect(row.coordinatorSeconds).toBeGreaterThan(0);
    expect(row.seconds).toBeCloseTo(row.agentSeconds + row.coordinatorSeconds, 9);
  });
});
