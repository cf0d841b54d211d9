/**
 * Seeded random streams, one per fixed-size block of agents, never per worker: with fixed
 * block boundaries, every block draws the same numbers whichever worker runs it. Alea (from
 * seedrandom) is fast and gives identical doubles in every JavaScript engine.
 */
import seedrandom from 'seedrandom';

export type RandomStream = () => number;

/** The stream of block `block` for scenario seed `seed`. `purpose` separates independent uses. */
export function blockStream(seed: number, block: number, purpose: 'init'): RandomStream {
  return seedrandom.alea(`${seed}:${purpose}:${block}`);
}

/** Standard normal draw (Box–Muller), from two uniforms of `random`. */
export function normal(random: RandomStream): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
