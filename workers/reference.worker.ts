/**
 * Reference worker of the bench page: the single-thread engine (createSimulation) in one
 * worker, so browser tests can compare the parallel engine with it in the same JavaScript
 * engine. Not used by the app.
 */
import { expose } from 'comlink';
import { hashResults } from '../src/engine/hash.ts';
import { createSimulation } from '../src/engine/simulation.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { calibratedWorld } from '../src/scenario/world.ts';

expose({
  /** SHA-256 of the full results of `scenario` on the single-thread engine. */
  singleThreadHash(scenario: Scenario): Promise<string> {
    return hashResults(createSimulation(calibratedWorld(), scenario).run());
  },
});
