/**
 * Trade-flow arcs for the map: which flows to draw (the largest of the month for one mineral
 * and stage, cross-border only), how wide, and their curved geometry with an arrowhead at the
 * destination. Pure: results in, plain numbers and path strings out.
 */
import { forEachFlow } from '../engine/metrics.ts';
import type { RunResults } from '../engine/results.ts';
import type { FlowKind } from './palette.ts';

export interface FlowArc {
  from: string;
  to: string;
  /** t/month. */
  tonnes: number;
  kind: FlowKind;
}

export interface ArcSelection {
  /** Largest first. */
  arcs: FlowArc[];
  /** Cross-border tonnes of the month for the good, t/month. */
  totalTonnes: number;
  /** Tonnes the drawn arcs carry. */
  shownTonnes: number;
  /** Cross-border flows with any tonnes. */
  flowCount: number;
}

/** The `count` largest cross-border flows of a good in a month, with their relation to a zone. */
export function selectArcs(
  results: RunResults,
  month: number,
  good: number,
  members: readonly string[],
  count: number,
): ArcSelection {
  const codes = results.meta.nodes;
  const inZone = new Set(members);
  const all: FlowArc[] = [];
  let totalTonnes = 0;
  forEachFlow(results, month, good, (i, j, t) => {
    if (i === j || !(t > 0)) return;
    totalTonnes += t;
    const from = codes[i];
    const to = codes[j];
    const kind: FlowKind = inZone.has(to) ? (inZone.has(from) ? 'inside' : 'into') : 'other';
    all.push({ from, to, tonnes: t, kind });
  });
  all.sort((a, b) => b.tonnes - a.tonnes || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const arcs = all.slice(0, Math.max(0, count));
  return {
    arcs,
    totalTonnes,
    shownTonnes: arcs.reduce((a, f) => a + f.tonnes, 0),
    flowCount: all.length,
  };
}

/** Screen width of an arc, px: proportional to tonnes, from 0.8 px up to 10 px for the largest. */
export function arcWidth(tonnes: number, largest: number): number {
  if (!(largest > 0)) return 0.8;
  return 0.8 + 9.2 * Math.min(1, tonnes / largest);
}

export interface ArcGeometry {
  /** The curve, a quadratic Bézier. */
  d: string;
  /** A closed triangle at the destination end. */
  head: string;
}

/**
 * A curve from (x1, y1) to (x2, y2) that bends to the left of its direction (so A→B and B→A
 * stay apart), shortened by `inset` at both ends (the node markers), with an arrowhead of
 * `headLength` at the destination.
 */
export function arcGeometry(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  inset: number,
  headLength: number,
): ArcGeometry {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const distance = Math.hypot(dx, dy) || 1;
  // Control point: off the midpoint, perpendicular (to the left), a quarter of the distance.
  const cx = (x1 + x2) / 2 + (dy / distance) * distance * 0.25;
  const cy = (y1 + y2) / 2 - (dx / distance) * distance * 0.25;
  const toward = (fx: number, fy: number, tx: number, ty: number, by: number) => {
    const l = Math.hypot(tx - fx, ty - fy) || 1;
    return [fx + ((tx - fx) / l) * by, fy + ((ty - fy) / l) * by] as const;
  };
  const [sx, sy] = toward(x1, y1, cx, cy, inset);
  const [tipX, tipY] = toward(x2, y2, cx, cy, inset);
  // The line stops at the arrowhead's base, so a wide arc does not poke through the tip.
  const [ex, ey] = toward(tipX, tipY, cx, cy, headLength * 0.8);
  const ux = (tipX - cx) / (Math.hypot(tipX - cx, tipY - cy) || 1);
  const uy = (tipY - cy) / (Math.hypot(tipX - cx, tipY - cy) || 1);
  const half = headLength * 0.55;
  const bx = tipX - ux * headLength;
  const by = tipY - uy * headLength;
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    d: `M${r(sx)},${r(sy)}Q${r(cx)},${r(cy)} ${r(ex)},${r(ey)}`,
    head: `M${r(tipX)},${r(tipY)}L${r(bx - uy * half)},${r(by + ux * half)}L${r(bx + uy * half)},${r(by - ux * half)}Z`,
  };
}
