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
 * Relaxes marker positions until every pair is at least `minDistance` apart (SVG units), while
 * a weak spring pulls each marker back to its anchor.
 */
export function layoutMarkers(
  anchors: readonly MarkerAnchor[],
  minDistance: number,
  iterations = 500,
): PlacedMarker[] {
  const placed = anchors.map((a) => ({ ...a, px: a.x, py: a.y }));
  const n = placed.length;
  // Most pairs are far apart: a squared distance clear of the limit (with a margin far above
  // rounding) skips Math.hypot for them, with the same layout as before (the page's first render).
  const clear = minDistance * minDistance * (1 + 1e-9);
  for (let iter = 0; iter < iterations; iter++) {
    // Spring first, then relax: a layout is accepted only after a pass that moved nothing.
    if (iter > 0) {
      for (const m of placed) {
        m.px += (m.x - m.px) * 0.02;
        m.py += (m.y - m.py) * 0.02;
      }
    }
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = placed[i];
        const b = placed[j];
        let dx = b.px - a.px;
        let dy = b.py - a.py;
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
        const push = (minDistance - Math.hypot(b.px - a.px, b.py - a.py)) / 2 + 0.01;
        const ux = dx / d;
        const uy = dy / d;
        a.px -= ux * push;
        a.py -= uy * push;
        b.px += ux * push;
        b.py += uy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return placed;
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
