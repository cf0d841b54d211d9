/**
 * Seeded random streams, one per fixed-size block of agents, never per worker: with fixed
 * block boundaries, every block draws the same numbers whichever worker runs it. Alea (from
 * seedrandom) is fast and gives identical doubles in every JavaScript engine.
 */
import seedrandom from 'seedrandom';
import { log } from './math.ts';

export type RandomStream = () => number;

/** The stream of block `block` for scenario seed `seed`. `purpose` separates independent uses. */
export function blockStream(seed: number, block: number, purpose: 'init'): RandomStream {
  return seedrandom.alea(`${seed}:${purpose}:${block}`);
}

/**
 * Standard normal draw by Marsaglia's polar method (square roots and the deterministic log only,
 * so every JavaScript engine draws the same numbers).
 */
export function normal(random: RandomStream): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * log(s)) / s);
  }
}
