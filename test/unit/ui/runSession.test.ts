/**
 * The app's run session with engine clients backed by the single-thread engine: a scenario
 * that is the status quo is its own comparison (no second client, the same results object),
 * any other gets a status-quo run of its own with the same months, seed and agents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type MonthSlice, sliceMonth } from '../../../src/engine/results.ts';
import { createSimulation, type Simulation } from '../../../src/engine/simulation.ts';
import type { EngineClient, LoadInfo } from '../../../src/parallel/client.ts';
import { presetById } from '../../../src/scenario/presets.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { initialState } from '../../../src/ui/app.ts';
import { createRunSession } from '../../../src/ui/runSession.ts';
import { sameRun } from '../../../src/ui/scenarioOrigin.ts';
import { createStore } from '../../../src/ui/store.ts';

beforeAll(() => {
  // The store draws on animation frames; Node has none.
  globalThis.requestAnimationFrame ??= ((draw: FrameRequestCallback) =>
    setTimeout(() => draw(performance.now()), 0)) as unknown as typeof requestAnimationFrame;
});

/** An engine client on the single-thread engine, recording the scenarios it loads. */
function localClient(loaded: Scenario[]): EngineClient {
  let sim: Simulation | null = null;
  let paused = false;
  const next = (): MonthSlice => {
    if (!sim) throw new Error('nothing loaded');
    sim.step();
    return sliceMonth(sim.results, sim.month - 1);
  };
  return {
    async load(scenario): Promise<LoadInfo> {
      loaded.push(scenario);
      sim = createSimulation(calibratedWorld(), scenario);
      return { meta: sim.results.meta, agentCount: sim.agentCount, workers: 1, sharedMemory: false };
    },
    async run(onMonth) {
      paused = false;
      while (sim && sim.month < sim.results.meta.months) {
        if (paused) return 'paused';
        onMonth(next());
        await Promise.resolve();
      }
      return 'done';
    },
    async step() {
      return next();
    },
    pause() {
      paused = true;
    },
    dispose() {
      sim = null;
    },
  };
}

function scenarioOf(preset: string): Scenario {
  const v = validateScenario({
    ...structuredClone(presetById(preset)!.scenario),
    months: 4,
    resolution: 1500,
  });
  if (!v.ok) throw new Error(v.errors.join('; '));
  return v.scenario;
}

async function runToEnd(preset: string) {
  const state = initialState();
  state.scenario = scenarioOf(preset);
  state.run.speed = Number.POSITIVE_INFINITY;
  const store = createStore(state);
  const clients: Scenario[][] = [];
  const session = createRunSession(store, () => {
    const loaded: Scenario[] = [];
    clients.push(loaded);
    return localClient(loaded);
  });
  await session.start();
  // The status quo of a scenario that is not one runs on beside it: wait for its months.
  for (let i = 0; i < 1000 && (state.baseline?.monthsDone ?? 0) < state.scenario.months; i++)
    await new Promise((ok) => setTimeout(ok, 5));
  session.dispose();
  return { state, clients };
}

describe('the run session', () => {
  it('uses the status quo’s own results as its comparison: one client, one run', async () => {
    const { state, clients } = await runToEnd('status-quo');
    expect(state.run.status).toBe('done');
    expect(clients).toHaveLength(1);
    expect(clients[0]).toHaveLength(1);
    expect(state.baseline).toBe(state.results);
    expect(state.run.baselineMonths).toBe(4);
  });

  it('runs the status quo beside any other scenario, with the same months, seed and agents', async () => {
    const { state, clients } = await runToEnd('club');
    expect(state.run.status).toBe('done');
    expect(clients).toHaveLength(2);
    const statusQuo = clients.flat().find((s) => s.name === 'Status quo');
    expect(statusQuo).toMatchObject({ months: 4, resolution: 1500, seed: state.scenario.seed });
    expect(state.baseline).not.toBe(state.results);
    expect(state.baseline?.monthsDone).toBe(4);
    expect(sameRun(state.scenario, statusQuo!)).toBe(false);
  });

  it('reads a renamed status quo as the same run, and any edit of its model as another', () => {
    const statusQuo = scenarioOf('status-quo');
    expect(sameRun({ ...statusQuo, name: 'Mine', description: 'my copy' }, statusQuo)).toBe(true);
    expect(sameRun({ ...statusQuo, seed: statusQuo.seed + 1 }, statusQuo)).toBe(false);
    expect(sameRun(scenarioOf('club'), statusQuo)).toBe(false);
  });

  it('asks the client to make the first month ahead only while nothing has run', async () => {
    const state = initialState();
    state.scenario = scenarioOf('status-quo');
    const store = createStore(state);
    let asked = 0;
    const session = createRunSession(store, () => ({ ...localClient([]), stepAhead: () => void asked++ }));
    session.warm(true);
    session.stepAhead();
    expect(asked).toBe(1);
    await session.step();
    expect(state.run.monthsDone).toBe(1);
    // A run has started: its months come as asked.
    session.stepAhead();
    expect(asked).toBe(1);
    session.dispose();
  });
});
