/**
 * Research worker: runs ensemble members and sweep points on the single-thread engine (the same
 * numbers as the app's parallel engine) and solves the partial-equilibrium benchmark, so the
 * page's main thread never simulates or solves. Started by src/parallel/researchPool.ts.
 */
import { expose } from 'comlink';
import { createResearchService } from '../src/research/service.ts';
import { calibratedWorld } from '../src/scenario/world.ts';

expose(createResearchService(calibratedWorld));
