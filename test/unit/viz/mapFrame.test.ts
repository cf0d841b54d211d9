/**
 * The map's frame the page reads (src/data/generated/mapFrame.ts, written at build time) is what
 * src/viz/mapFrame.ts makes now for the app's nodes, and a map drawn from it has the same
 * projection, ocean and markers as one that makes its own; other sizes and other nodes make
 * their own.
 */
import { geoEqualEarth } from 'd3';
import { describe, expect, it } from 'vitest';
import { MAP_FRAME } from '../../../src/data/generated/mapFrame';
import { NODES } from '../../../src/data/nodes';
import type { TradeNode } from '../../../src/data/types';
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  MARKER_DISTANCE,
  type MapFrame,
  type MapLayout,
  makeMapFrame,
  mapLayout,
} from '../../../src/viz/mapFrame';
import { minimumSeparation } from '../../../src/viz/markerLayout';

/** A frame for another size: mapLayout makes everything itself. */
const NO_FRAME: MapFrame = { width: 0, height: 0, scale: 0, translate: [0, 0], sphere: '', markers: [] };

/** Places on the map to compare two projections at, [lon, lat]. */
const PLACES: [number, number][] = [
  [0, 0],
  [-179.5, -59.5],
  [179.5, 83.5],
  [116.4, 39.9],
  [-77, 38.9],
  [151.2, -33.9],
];

const projected = (layout: MapLayout) => PLACES.map((p) => layout.projection(p));

describe('the generated map frame', () => {
  it('equals what mapFrame.ts makes for the app’s nodes (else: npm run docs)', () => {
    expect(MAP_FRAME).toStrictEqual(makeMapFrame(NODES, MAP_WIDTH, MAP_HEIGHT));
  });

  it('draws the same map as one that fits its own projection and lays out its own markers', () => {
    const made = mapLayout(NODES, MAP_WIDTH, MAP_HEIGHT, NO_FRAME);
    const read = mapLayout(NODES, MAP_WIDTH, MAP_HEIGHT, MAP_FRAME);
    expect(read.projection.scale()).toBe(made.projection.scale());
    expect(read.projection.translate()).toStrictEqual(made.projection.translate());
    expect(projected(read)).toStrictEqual(projected(made));
    expect(read.sphere).toBe(made.sphere);
    expect(read.markers).toStrictEqual(made.markers);
    // The fit is not a no-op: another size gives another projection.
    const small = mapLayout(NODES, 480, 235, MAP_FRAME);
    expect(small.projection.scale()).not.toBe(read.projection.scale());
  });

  it('keeps the markers apart and the rest of the world at its anchor', () => {
    const { markers } = mapLayout(NODES, MAP_WIDTH, MAP_HEIGHT, MAP_FRAME);
    expect(markers.map((m) => m.code)).toStrictEqual(NODES.map((n) => n.code));
    expect(minimumSeparation(markers.filter((m) => m.code !== 'ROW'))).toBeGreaterThanOrEqual(
      MARKER_DISTANCE - 0.1,
    );
    const row = markers.find((m) => m.code === 'ROW');
    expect(row && [row.px, row.py]).toStrictEqual(row && [row.x, row.y]);
  });

  it('lays out the markers afresh when a node is not where the frame says', () => {
    // Qatar moved onto Bahrain: the two must be pushed apart again, not drawn at the file's places.
    const bahrain = NODES.find((n) => n.code === 'BHR');
    expect(bahrain).toBeDefined();
    const moved: TradeNode[] = NODES.map((n) =>
      n.code === 'QAT' ? { ...n, lon: bahrain!.lon, lat: bahrain!.lat, marker: bahrain!.marker } : n,
    );
    const read = mapLayout(moved, MAP_WIDTH, MAP_HEIGHT, MAP_FRAME);
    expect(read.markers).toStrictEqual(mapLayout(moved, MAP_WIDTH, MAP_HEIGHT, NO_FRAME).markers);
    const qatar = read.markers.find((m) => m.code === 'QAT')!;
    const inFile = MAP_FRAME.markers.find(([code]) => code === 'QAT')!;
    expect([qatar.px, qatar.py]).not.toStrictEqual([inFile[3], inFile[4]]);
    expect(minimumSeparation(read.markers.filter((m) => m.code !== 'ROW'))).toBeGreaterThanOrEqual(
      MARKER_DISTANCE - 0.1,
    );
  });

  it('sets the projection as fitExtent leaves it', () => {
    const rebuilt = geoEqualEarth().scale(MAP_FRAME.scale).translate(MAP_FRAME.translate);
    const read = mapLayout(NODES, MAP_WIDTH, MAP_HEIGHT, MAP_FRAME);
    expect(PLACES.map((p) => rebuilt(p))).toStrictEqual(projected(read));
  });
});
