/**
 * Parameter sweeps: one or two scenario parameters over a grid, one run per grid point, one
 * row of outcomes per run. Points are numbered in row-major order (the first parameter outer),
 * so a sweep can be split into shards (`--shard i/n` runs the points whose index mod n is i) on
 * many machines and merged back into exactly what one machine would write.
 */

import { outcomes, reduceOutcomes } from '../analysis/outcomes.ts';
import { zoneOf } from '../data/groups';
import { createSimulation } from '../engine/simulation.ts';
import type { World } from '../engine/world.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { valueLabel, withValue } from './paths.ts';

export interface SweepParameter {
  path: string;
  values: unknown[];
}

export interface SweepSpec {
  parameters: SweepParameter[];
  /** One number per outcome and run: the last month, or the mean over the run. */
  reduce: 'last' | 'mean';
}

export interface SweepPoint {
  index: number;
  values: unknown[];
}

export interface SweepRow extends SweepPoint {
  outcomes: Record<string, number>;
}

export function sweepPoints(spec: SweepSpec): SweepPoint[] {
  if (spec.parameters.length < 1 || spec.parameters.length > 2)
    throw new Error('a sweep takes one or two parameters');
  let points: unknown[][] = [[]];
  for (const p of spec.parameters) {
    if (p.values.length === 0) throw new Error(`${p.path}: no values to sweep`);
    points = points.flatMap((prefix) => p.values.map((v) => [...prefix, v]));
  }
  return points.map((values, index) => ({ index, values }));
}

// Shards of a sweep: shard i of n holds the points whose index mod n is i (./shards.ts).
export { parseShard } from './shards.ts';

export function shardPoints(points: SweepPoint[], shard: { index: number; count: number }): SweepPoint[] {
  return points.filter((p) => p.index % shard.count === shard.index);
}

/** The scenario of one grid point, validated (throws with the validator's messages). */
export function pointScenario(base: ScenarioInput, spec: SweepSpec, point: SweepPoint) {
  let input = base;
  spec.parameters.forEach((p, i) => {
    input = withValue(input, p.path, point.values[i]);
  });
  const checked = validateScenario(input);
  if (!checked.ok) {
    throw new Error(
      `sweep point ${point.index} (${point.values.map(valueLabel).join(', ')}): ${checked.errors.join('; ')}`,
    );
  }
  return checked.scenario;
}

export function runSweepPoint(
  world: World,
  base: ScenarioInput,
  spec: SweepSpec,
  point: SweepPoint,
): SweepRow {
  const scenario = pointScenario(base, spec, point);
  const results = createSimulation(world, scenario).run();
  return { ...point, outcomes: reduceOutcomes(outcomes(results, zoneOf(results.meta.zones)), spec.reduce) };
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV: index, points, one column per parameter, then the outcomes (sorted by name). */
export function sweepCsv(spec: SweepSpec, total: number, rows: SweepRow[]): string {
  const names = rows.length > 0 ? Object.keys(rows[0].outcomes).sort() : [];
  const header = ['index', 'points', ...spec.parameters.map((p) => p.path), ...names];
  const lines = [header.map(csvCell).join(',')];
  for (const row of [...rows].sort((a, b) => a.index - b.index)) {
    const cells = [
      String(row.index),
      String(total),
      ...row.values.map(valueLabel),
      ...names.map((n) => String(row.outcomes[n])),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Joins shard CSVs into the one-machine CSV: same header everywhere, every point from 0 to
 * points − 1 exactly once. Throws with a message naming what is wrong.
 */
export function mergeSweepCsv(texts: { name: string; text: string }[]): string {
  if (texts.length === 0) throw new Error('merge needs at least one shard file');
  let header: string | null = null;
  let total = -1;
  const rows = new Map<number, string>();
  for (const { name, text } of texts) {
    const lines = text.split('\n').filter((l) => l.length > 0);
    if (lines.length === 0) throw new Error(`${name}: empty file`);
    if (header === null) header = lines[0];
    else if (lines[0] !== header) throw new Error(`${name}: its columns differ from the first shard's`);
    if (!lines[0].startsWith('index,points,'))
      throw new Error(`${name}: not a sweep CSV (no index,points columns)`);
    for (const line of lines.slice(1)) {
      const [indexText, totalText] = line.split(',', 2);
      const index = Number(indexText);
      const points = Number(totalText);
      if (!Number.isInteger(index) || !Number.isInteger(points))
        throw new Error(`${name}: malformed row "${line.slice(0, 40)}"`);
      if (total < 0) total = points;
      else if (points !== total)
        throw new Error(`${name}: row ${index} belongs to a sweep of ${points} points, not ${total}`);
      if (rows.has(index)) throw new Error(`${name}: point ${index} appears in two shards`);
      rows.set(index, line);
    }
  }
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!rows.has(i)) missing.push(i);
  if (missing.length > 0)
    throw new Error(
      `points missing from the shards: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}`,
    );
  const sorted = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
  return `${[header, ...sorted].join('\n')}\n`;
}
