/** Partial-equilibrium benchmark (GSIM, Francois and Hall): the public surface. See docs/pe.md. */
export { type PeBenchmark, type PeRegionSummary, peBenchmark } from './benchmark.ts';
export {
  GsimConvergenceError,
  type GsimResult,
  type GsimSolverOptions,
  type GsimSolverReport,
  solveGsim,
} from './gsim.ts';
export { type GsimForm, type GsimInput, GsimInputError, gsimInputSchema, parseGsimInput } from './schema.ts';
