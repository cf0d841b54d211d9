/**
 * The world map's frame: the Equal Earth projection fitted to the inhabited world's outline, the
 * sphere's outline (the ocean), and where each node's marker goes (markerLayout.ts). All three
 * follow from the map's size and the nodes alone, and a cold page spent 50–120 ms of its first
 * second making them (the fit 6–44 ms, the marker layout 45–76 ms: five cold loads with marks
 * around them). So the build writes them for the app's map (scripts/generate-map-frame.ts, into
 * src/data/generated/mapFrame.ts, which a unit test keeps equal to what this module makes now),
 * and a map of that size takes them from there: the projection from its scale and translation
 * (what fitting sets), the markers when every anchor is where the file says (to a millionth of
 * a unit: ANCHOR_TOLERANCE). Any other map, or nodes elsewhere, makes its own.
 */
import { type GeoProjection, geoEqualEarth, geoGraticule, geoPath } from 'd3';
import type { TradeNode } from '../data/types';
import { layoutMarkers, type MarkerAnchor, type PlacedMarker } from './markerLayout';

/** The map's SVG user-space size unless its maker says otherwise (the SVG scales to its container). */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;
/** A node marker's radius, SVG units. */
export const MARKER_RADIUS = 5.5;
/** The least distance between two markers' centres, SVG units: a gap of 2 between their edges. */
export const MARKER_DISTANCE = MARKER_RADIUS * 2 + 2;
/**
 * How far, SVG units, an anchor may be from the file's and still take the file's marker place:
 * Chromium's V8 computes sines and cosines with another library than Node's (the last bit or two
 * of some), so its projection puts an anchor up to about 1e-13 units from where Node put it
 * (the page would relax the markers to within a hundredth of a unit of the same places: markerLayout.ts).
 * A node that moved in the data moves by far more, and is laid out afresh.
 */
const ANCHOR_TOLERANCE = 1e-6;
/** The node left where it is: the rest of the world has no place of its own (its marker sits apart). */
const UNPLACED = 'ROW';

/**
 * The outline the projection is fitted to: every longitude, from the southern tip of South
 * America and the sub-Antarctic islands (60° S) to northern Greenland (84° N), i.e. the world
 * without Antarctica, known before the borders arrive.
 */
const MAP_OUTLINE = geoGraticule()
  .extent([
    [-180, -60],
    [180, 84],
  ])
  .outline();

/** A map's frame, as the build writes it (src/data/generated/mapFrame.ts). */
export interface MapFrame {
  /** SVG user-space size the projection is fitted to. */
  width: number;
  height: number;
  /** The fitted projection's scale and translation. */
  scale: number;
  translate: [number, number];
  /** The sphere's outline, an SVG path (the ocean). */
  sphere: string;
  /** Per node, in the nodes' order: code, anchor x, y and marker x, y (SVG units). */
  markers: [code: string, x: number, y: number, px: number, py: number][];
}

/** The Equal Earth projection fitted to MAP_OUTLINE in a `width` × `height` box with a 6-unit margin. */
function fittedProjection(width: number, height: number): GeoProjection {
  return geoEqualEarth().fitExtent(
    [
      [6, 6],
      [width - 6, height - 6],
    ],
    MAP_OUTLINE,
  );
}

/** Each node's marker anchor: its projected marker position (or centroid), SVG units. */
function markerAnchors(nodes: readonly TradeNode[], projection: GeoProjection): MarkerAnchor[] {
  return nodes.map((n) => {
    const [x, y] = projection([n.marker?.lon ?? n.lon, n.marker?.lat ?? n.lat]) ?? [0, 0];
    return { code: n.code, x, y };
  });
}

/** The anchors' markers nudged apart (layoutMarkers), the rest of the world's left at its anchor. */
function placeAnchors(anchors: readonly MarkerAnchor[]): PlacedMarker[] {
  const placed = new Map(
    layoutMarkers(
      anchors.filter((a) => a.code !== UNPLACED),
      MARKER_DISTANCE,
    ).map((m) => [m.code, m]),
  );
  return anchors.map((a) => placed.get(a.code) ?? { ...a, px: a.x, py: a.y });
}

/** What a map draws its frame with: the projection, the ocean's outline and the markers, in the nodes' order. */
export interface MapLayout {
  projection: GeoProjection;
  sphere: string;
  markers: PlacedMarker[];
}

/** The frame of a `width` × `height` map of `nodes`, made now. */
function madeLayout(nodes: readonly TradeNode[], width: number, height: number): MapLayout {
  const projection = fittedProjection(width, height);
  return {
    projection,
    sphere: geoPath(projection)({ type: 'Sphere' }) ?? '',
    markers: placeAnchors(markerAnchors(nodes, projection)),
  };
}

/** The frame of a `width` × `height` map of `nodes`, made now, as the build writes it (the generator and its test). */
export function makeMapFrame(nodes: readonly TradeNode[], width: number, height: number): MapFrame {
  const { projection, sphere, markers } = madeLayout(nodes, width, height);
  const [tx, ty] = projection.translate();
  return {
    width,
    height,
    scale: projection.scale(),
    translate: [tx, ty],
    sphere,
    markers: markers.map((m) => [m.code, m.x, m.y, m.px, m.py]),
  };
}

/**
 * The frame of a `width` × `height` map of `nodes`: from `prebuilt` where it was made for that
 * size and those anchors, else made now. In Node the numbers are the same either way (the unit
 * test); in Chromium, within ANCHOR_TOLERANCE.
 */
export function mapLayout(
  nodes: readonly TradeNode[],
  width: number,
  height: number,
  prebuilt: MapFrame,
): MapLayout {
  if (width !== prebuilt.width || height !== prebuilt.height) return madeLayout(nodes, width, height);
  // What fitExtent leaves: its scale and translation, set in that order.
  const projection = geoEqualEarth().scale(prebuilt.scale).translate(prebuilt.translate);
  const anchors = markerAnchors(nodes, projection);
  const near = (a: number, b: number) => Math.abs(a - b) <= ANCHOR_TOLERANCE;
  const same =
    anchors.length === prebuilt.markers.length &&
    anchors.every(({ code, x, y }, i) => {
      const [known, ax, ay] = prebuilt.markers[i];
      return code === known && near(x, ax) && near(y, ay);
    });
  return {
    projection,
    sphere: prebuilt.sphere,
    // Each marker keeps its offset from its anchor (exactly the file's places in Node).
    markers: same
      ? anchors.map(({ code, x, y }, i) => {
          const [, ax, ay, px, py] = prebuilt.markers[i];
          return { code, x, y, px: px + (x - ax), py: py + (y - ay) };
        })
      : placeAnchors(anchors),
  };
}
