import { geoEqualEarth } from 'd3';
import { describe, expect, it } from 'vitest';
import { NODES } from '../../../src/data/nodes';
import { tooltipFor } from '../../../src/ui/nodeFacts';
import { layoutMarkers, minimumSeparation } from '../../../src/viz/markerLayout';

describe('marker layout', () => {
  it('keeps every node marker apart, close to its centroid', () => {
    const projection = geoEqualEarth().scale(175).translate([480, 250]);
    const anchors = NODES.filter((n) => n.code !== 'ROW').map((n) => {
      const [x, y] = projection([n.lon, n.lat]) ?? [0, 0];
      return { code: n.code, x, y };
    });
    const placed = layoutMarkers(anchors, 13);
    expect(minimumSeparation(placed)).toBeGreaterThanOrEqual(12.9);
    for (const m of placed) expect(Math.hypot(m.px - m.x, m.py - m.y), m.code).toBeLessThan(40);
    expect(layoutMarkers(anchors, 13)).toEqual(placed); // deterministic
  });

  it('separates coincident markers', () => {
    const placed = layoutMarkers(
      [
        { code: 'A', x: 10, y: 10 },
        { code: 'B', x: 10, y: 10 },
      ],
      8,
    );
    expect(minimumSeparation(placed)).toBeGreaterThanOrEqual(7.9);
  });
});

describe('node tooltip text', () => {
  it("gives China's refining shares and attendance", () => {
    const { title, lines } = tooltipFor('CHN');
    expect(title).toBe('China');
    expect(lines.join(' ')).toContain('lithium 70.2%');
    expect(lines[0]).toContain('Did not attend');
  });

  it('names the host and a delegation without output', () => {
    expect(tooltipFor('USA').lines[0]).toContain('Host');
    expect(tooltipFor('COK').lines.join(' ')).toContain('No output');
  });
});
