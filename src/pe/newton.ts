/**
 * Root finding for the market-clearing system F(z) = 0 (one equation per exporter):
 * Newton with an analytic Jacobian and backtracking (Levenberg–Marquardt steps where the
 * Jacobian is singular), and a damped diagonal (Jacobi) fixed-point iteration as the fallback.
 */
import { solveDense } from './dense-solve.ts';

/** A square nonlinear system: residual and Jacobian at z, and the largest step allowed per unknown. */
export interface RootProblem {
  residual(z: readonly number[]): number[];
  jacobian(z: readonly number[]): number[][];
  /** Largest change of one unknown in one step (keeps exponentials finite). */
  maxStep: number;
}

export interface RootReport {
  z: number[];
  method: 'newton' | 'fixed-point';
  iterations: number;
  /** F(z) at the returned z. */
  residual: number[];
  /** Largest |F_k(z)| at the returned z. */
  maxResidual: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const MIN_LAMBDA = 1e-10;

function maxAbs(values: readonly number[]): number {
  return values.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
}

function sumOfSquares(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value * value, 0);
}

function isFiniteVector(values: readonly number[]): boolean {
  return values.every(Number.isFinite);
}

/** Scales `step` in place so that no entry exceeds `maxStep` in absolute value. */
function capStep(step: number[], maxStep: number): void {
  const largest = maxAbs(step);
  if (largest > maxStep) {
    const factor = maxStep / largest;
    for (let i = 0; i < step.length; i++) step[i] *= factor;
  }
}

/** Tries z + λ·step for λ = 1, ½, ¼, … until the sum of squared residuals falls enough. */
function backtrack(
  problem: RootProblem,
  z: readonly number[],
  step: readonly number[],
  merit: number,
): { z: number[]; residual: number[] } | null {
  for (let lambda = 1; lambda >= MIN_LAMBDA; lambda /= 2) {
    const trial = z.map((value, i) => value + lambda * step[i]);
    const residual = problem.residual(trial);
    if (isFiniteVector(residual) && sumOfSquares(residual) <= (1 - ARMIJO * lambda) * merit) {
      return { z: trial, residual };
    }
  }
  return null;
}

function report(
  z: number[],
  residual: number[],
  method: RootReport['method'],
  iterations: number,
  tolerance: number,
): RootReport {
  const maxResidual = maxAbs(residual);
  return { z, method, iterations, residual, maxResidual, converged: maxResidual <= tolerance };
}

/** (JᵀJ + μ·D)·d = −Jᵀg with D = diag(JᵀJ) + a floor: a descent step even where J is singular. */
function levenbergMarquardtStep(jacobian: number[][], residual: number[], mu: number): number[] | null {
  const n = residual.length;
  const normal = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => jacobian.reduce((sum, row) => sum + row[i] * row[j], 0)),
  );
  const gradient = Array.from({ length: n }, (_, i) =>
    jacobian.reduce((sum, row, k) => sum - row[i] * residual[k], 0),
  );
  const floor = 1e-12 * Math.max(1e-300, ...normal.map((row, i) => row[i]));
  const damped = normal.map((row, i) =>
    row.map((value, j) => (i === j ? value + mu * (value + floor) : value)),
  );
  return solveDense(damped, gradient);
}

/** A Newton step if J is regular, else Levenberg–Marquardt steps of growing damping until one descends. */
function descend(
  problem: RootProblem,
  z: readonly number[],
  residual: number[],
): { z: number[]; residual: number[] } | null {
  const jacobian = problem.jacobian(z);
  const merit = sumOfSquares(residual);
  const newton = solveDense(
    jacobian,
    residual.map((value) => -value),
  );
  if (newton !== null) {
    capStep(newton, problem.maxStep);
    const next = backtrack(problem, z, newton, merit);
    if (next !== null) return next;
  }
  for (const mu of [1e-10, 1e-6, 1e-2, 1]) {
    const step = levenbergMarquardtStep(jacobian, residual, mu);
    if (step === null) continue;
    capStep(step, problem.maxStep);
    const next = backtrack(problem, z, step, merit);
    if (next !== null) return next;
  }
  return null;
}

/** True when the Jacobian at z is singular: the solution is then one of many (prices not unique). */
export function isSingularAt(problem: RootProblem, z: readonly number[]): boolean {
  return solveDense(problem.jacobian(z), problem.residual(z)) === null;
}

/** A step from z: the next point and its residual, or null when no step descends. */
type Step = (z: readonly number[], residual: number[]) => { z: number[]; residual: number[] } | null;

/**
 * Takes steps from `start` while the residual is finite and above tolerance, up to
 * maxIterations; stops early (converged: false) when no step descends.
 */
function iterate(
  problem: RootProblem,
  start: readonly number[],
  tolerance: number,
  maxIterations: number,
  method: RootReport['method'],
  step: Step,
): RootReport {
  let z = [...start];
  let residual = problem.residual(z);
  let iterations = 0;
  while (isFiniteVector(residual) && maxAbs(residual) > tolerance && iterations < maxIterations) {
    const next = step(z, residual);
    if (next === null) break;
    ({ z, residual } = next);
    iterations++;
  }
  return report(z, residual, method, iterations, tolerance);
}

/** Newton's method with backtracking. Stops early (converged: false) when no step descends. */
export function newtonSolve(
  problem: RootProblem,
  start: readonly number[],
  tolerance: number,
  maxIterations: number,
): RootReport {
  return iterate(problem, start, tolerance, maxIterations, 'newton', (z, residual) =>
    descend(problem, z, residual),
  );
}

/**
 * Damped Jacobi iteration z_k ← z_k − δ·F_k / (∂F_k/∂z_k): slower than Newton but needs no
 * linear solve. δ halves when a step does not lower the sum of squared residuals, and doubles
 * (up to 1) after a step that does.
 */
export function fixedPointSolve(
  problem: RootProblem,
  start: readonly number[],
  tolerance: number,
  maxIterations: number,
): RootReport {
  let damping = 1;
  return iterate(problem, start, tolerance, maxIterations, 'fixed-point', (z, residual) => {
    const jacobian = problem.jacobian(z);
    const step = residual.map((value, k) => (jacobian[k][k] < 0 ? -value / jacobian[k][k] : 0));
    capStep(step, problem.maxStep);
    const merit = sumOfSquares(residual);
    while (damping >= MIN_LAMBDA) {
      const trial = z.map((value, k) => value + damping * step[k]);
      const trialResidual = problem.residual(trial);
      if (isFiniteVector(trialResidual) && sumOfSquares(trialResidual) < merit) {
        damping = Math.min(1, damping * 2);
        return { z: trial, residual: trialResidual };
      }
      damping /= 2;
    }
    return null;
  });
}
