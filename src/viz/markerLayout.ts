/**
 * Places node markers near their anchors (projected centroids) without overlaps, so that small
 * neighbours (Bahrain and Qatar, Singapore and Malaysia, the Benelux) stay visible and
 * clickable. Deterministic: the same anchors give the same layout.
 */

export interface MarkerAnchor {
  code: string;
  /** Projected anchor, in SVG user units. */
  x: number;
  y: number;
}

export interface PlacedMarker extends MarkerAnchor {
  /** Where the marker is drawn; equals the anchor unless it had to move. */
  px: number;
  py: number;
}

/**
 * How far the markers may still move in a pass when the layout counts as settled, SVG units: a
 * hundredth of a unit, well under a pixel at any size the map is drawn. The spring and the
 * pushes never quite balance in the crowded clusters (Europe, the Gulf): the real nodes still
 * crept by 0.007–0.01 units a pass after 150 passes and 0.002 after 500, a tenth of a unit in
 * all, for a third of the page's marker work on a cold load.
 */
const SETTLED_STEP = 0.01;

/**
 * Relaxes marker positions until every pair is at least `minDistance` apart (SVG units), while
 * a weak spring pulls each marker back to its anchor; stops once a pass moves nothing, or no
 * marker more than SETTLED_STEP.
 */
export function layoutMarkers(
  anchors: readonly MarkerAnchor[],
  minDistance: number,
  iterations = 500,
): PlacedMarker[] {
  const n = anchors.length;
  // Positions in typed arrays, not in the markers' objects: a number field written in a loop
  // of objects is a fresh heap box every time, and the clusters (Europe, the Gulf) keep the
  // layout moving for all its iterations, a million pair steps; the arithmetic is the same.
  const x = Float64Array.from(anchors, (a) => a.x);
  const y = Float64Array.from(anchors, (a) => a.y);
  const px = Float64Array.from(x);
  const py = Float64Array.from(y);
  // Most pairs are far apart: a squared distance clear of the limit (with a margin far above
  // rounding) skips Math.hypot for them, with the same layout as before (the page's first render).
  const clear = minDistance * minDistance * (1 + 1e-9);
  // Where each marker was before the pass, to measure how far the pass moved it.
  const lastX = new Float64Array(n);
  const lastY = new Float64Array(n);
  for (let iter = 0; iter < iterations; iter++) {
    lastX.set(px);
    lastY.set(py);
    // Spring first, then relax: a layout is accepted only after a pass that moved nothing, or
    // almost nothing (SETTLED_STEP).
    if (iter > 0) {
      for (let i = 0; i < n; i++) {
        px[i] += (x[i] - px[i]) * 0.02;
        py[i] += (y[i] - py[i]) * 0.02;
      }
    }
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = px[j] - px[i];
        let dy = py[j] - py[i];
        if (dx * dx + dy * dy >= clear) continue;
        let d = Math.hypot(dx, dy);
        if (d >= minDistance) continue;
        if (d < 1e-6) {
          // Coincident: separate along a direction fixed by the pair's indices.
          const angle = ((i * 7 + j * 13) % 360) * (Math.PI / 180);
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        const push = (minDistance - Math.hypot(px[j] - px[i], py[j] - py[i])) / 2 + 0.01;
        const ux = dx / d;
        const uy = dy / d;
        px[i] -= ux * push;
        py[i] -= uy * push;
        px[j] += ux * push;
        py[j] += uy * push;
        moved = true;
      }
    }
    if (!moved) break;
    let step = 0;
    for (let i = 0; i < n; i++) step = Math.max(step, Math.hypot(px[i] - lastX[i], py[i] - lastY[i]));
    if (step < SETTLED_STEP) break;
  }
  return anchors.map((a, i) => ({ ...a, px: px[i], py: py[i] }));
}

/** The smallest distance between two placed markers (for tests and sanity checks). */
export function minimumSeparation(markers: readonly PlacedMarker[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < markers.length; i++) {
    for (let j = i + 1; j < markers.length; j++) {
      min = Math.min(min, Math.hypot(markers[i].px - markers[j].px, markers[i].py - markers[j].py));
    }
  }
  return min;
}
