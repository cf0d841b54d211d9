/**
 * Research worker: runs ensemble members and sweep points on the single-thread engine (the same
 * numbers as the app's parallel engine) and solves the partial-equilibrium benchmark, so the
 * page's main thread never simulates or solves. Started by src/parallel/researchPool.ts.
 */
import { expose } from 'comlink';
import { calibratedWorld } from '../src/data/world.ts';
import { createResearchService } from '../src/research/service.ts';

expose(createResearchService(calibratedWorld));
