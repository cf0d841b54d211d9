/**
 * World map of the trading nodes: Equal Earth projection, Natural Earth 1:50m borders from
 * world-atlas (served with the app, no other network), one clickable, focusable group per node
 * territory and one marker per node (so Cook Islands, Bahrain and Singapore are as easy to reach
 * as China).
 *
 * The borders are ~750 kB of JSON, so they come after the first paint: the map draws its ocean
 * and markers at once (the projection is fitted to the inhabited world's outline, not to the
 * borders) and the countries when `setBorders` hands it the topology; the container then
 * carries data-borders="loaded".
 *
 * `update` recolours territories and markers (zone membership, role, or a share) and draws
 * trade-flow arcs between the markers, each with an arrowhead at its destination. Zoom and pan
 * (wheel, drag, pinch, or the +/−/reset buttons) transform one root group; markers and arcs are
 * redrawn at each zoom level so they keep their screen size.
 *
 * All text goes in with textContent (d3 .text()); nothing is parsed as HTML.
 */
import {
  zoom as d3zoom,
  geoPath,
  type Selection,
  select,
  symbol,
  symbolCircle,
  symbolDiamond,
  symbolStar,
  type ZoomTransform,
  zoomIdentity,
} from 'd3';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { MAP_FRAME } from '../data/generated/mapFrame';
import { nodeCategory } from '../data/nodes';
import type { TradeNode } from '../data/types';
import { arcGeometry } from './flowArcs';
import { appendLayers } from './layers';
import { MAP_HEIGHT, MAP_WIDTH, MARKER_RADIUS, mapLayout } from './mapFrame';
import { CATEGORY_STYLE } from './palette';

export type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

export interface TooltipContent {
  title: string;
  lines: string[];
}

export interface WorldMapOptions {
  nodes: readonly TradeNode[];
  /** Tooltip text for a node (plain text; rendered with textContent). */
  describe: (code: string) => TooltipContent;
  /** Called when the user selects a node (click, Enter or Space). */
  onSelect?: (code: string) => void;
  /** SVG user-space size; the SVG scales to its container's width. */
  width?: number;
  height?: number;
}

/** An arc to draw: a flow from one node to another. */
export interface MapArc {
  from: string;
  to: string;
  /** Screen width, px. */
  width: number;
  colour: string;
  /** Plain-text tooltip. */
  title: string;
}

export interface MarkerStyle {
  fill: string;
  stroke: string;
}

export interface WorldMapState {
  /** Node to highlight, or null for none (does not call onSelect). */
  selected?: string | null;
  /** Territory fill per node code (e.g. a zone colouring); null restores the category colours. */
  fill?: ReadonlyMap<string, string> | null;
  /** Marker fill and outline per node code; null restores the category colours. */
  markers?: ReadonlyMap<string, MarkerStyle> | null;
  /** Hatch the territory of non-attending producers (the role colouring's cue). */
  hatch?: boolean;
  /** Flow arcs, drawn in the order given (the first underneath); null or [] for none. */
  arcs?: readonly MapArc[] | null;
  /** What Enter or a click does, for screen readers: e.g. 'show details', 'add to the zone'. */
  action?: (code: string) => string;
  /** Nodes marked as members of the selected zone (a class for tests and styling). */
  members?: ReadonlySet<string> | null;
}

export interface WorldMap {
  readonly svg: SVGSVGElement;
  /** The stacked layers, bottom first: countries, flow arcs, markers (for a whole-map export). */
  readonly layers: readonly SVGSVGElement[];
  update(state: WorldMapState): void;
  /** Zooms by a factor around the centre (1 = reset). */
  zoomBy(factor: number): void;
  resetZoom(): void;
  /** Re-reads the tooltip on screen (its node's figures or zone changed under the pointer). */
  refreshTooltip(): void;
  /** Highlights a node and reports it through onSelect. */
  select(code: string): void;
  /** Draws the countries (once; later calls are ignored). */
  setBorders(topology: CountriesTopology): void;
  destroy(): void;
}

/** ISO numeric of Antarctica, left off the map: no node there, and it wastes a third of the height. */
const ANTARCTICA = '010';
/** Countries converted or drawn per task as the borders come in (node territories: a quarter). */
const BORDER_SLICE = 24;
const HATCH_ID = 'hatch-non-attending';

export function createWorldMap(container: HTMLElement, options: WorldMapOptions): WorldMap {
  const width = options.width ?? MAP_WIDTH;
  const height = options.height ?? MAP_HEIGHT;
  const nodesByCode = new Map(options.nodes.map((n) => [n.code, n]));
  const nodeByNumeric = new Map(options.nodes.flatMap((n) => n.territory.map((t) => [t, n.code] as const)));

  container.classList.add('world-map');
  const root = select(container);
  // Three stacked SVGs with the same viewBox: countries, flow arcs, markers. The arcs and the
  // markers sit on layers of their own, so redrawing the arcs every few frames during a run
  // does not repaint the detailed country borders underneath.
  const layers = root.append('div').attr('class', 'map-layers');
  const svg = layers
    .append('svg')
    .attr('class', 'world-map-svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('aria-label', 'World map of the trading nodes');
  const overlay = (className: string) =>
    layers.append('svg').attr('class', `map-overlay ${className}`).attr('viewBox', `0 0 ${width} ${height}`);
  const arcsSvg = overlay('map-overlay-arcs').attr('aria-hidden', 'true');
  const markersSvg = overlay('map-overlay-markers').attr('aria-label', 'Markers of the trading nodes');

  const defs = svg.append('defs');
  defs
    .append('pattern')
    .attr('id', HATCH_ID)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 4)
    .attr('height', 4)
    .attr('patternTransform', 'rotate(45)')
    .append('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 4)
    .attr('stroke', '#7a4f00')
    .attr('stroke-width', 1.1);

  const frame = mapLayout(options.nodes, width, height, MAP_FRAME);
  const { projection } = frame;
  const path = geoPath(projection);

  const zoom = svg.append('g').attr('class', 'layer-zoom');
  zoom.append('path').attr('class', 'ocean').attr('d', frame.sphere);
  const countries = zoom.append('g').attr('class', 'layer-countries');
  const arcZoom = arcsSvg.append('g').attr('class', 'layer-zoom');
  const [arcLayer] = appendLayers(arcZoom, ['layer-arcs']);
  const markerZoom = markersSvg.append('g').attr('class', 'layer-zoom');
  const [leaders, markers] = appendLayers(markerZoom, ['layer-leaders', 'layer-markers']);
  let scale = 1;
  let arcs: readonly MapArc[] = [];

  const tooltip = root.append('div').attr('class', 'map-tooltip').attr('role', 'tooltip').attr('hidden', '');

  // One focusable group per node territory (its shapes come with the borders).
  const territorial = options.nodes.filter((n) => n.territory.length > 0);
  const shapes = countries
    .selectAll<SVGGElement, TradeNode>('g.node-shape')
    .data(territorial, (n) => n.code)
    .join('g')
    .attr('class', (n) => `node-shape category-${nodeCategory(n)}`)
    .attr('data-node', (n) => n.code);
  /** What the territories show, kept for the borders' arrival. */
  let territoryFill: ReadonlyMap<string, string> | null = null;
  let hatched: boolean | null = null;
  let selectedCode: string | null = null;
  let bordersDrawn = false;

  function setBorders(topology: CountriesTopology) {
    if (bordersDrawn) return;
    bordersDrawn = true;
    const geometries = topology.objects.countries.geometries.filter((g) => String(g.id) !== ANTARCTICA);
    const features: Feature<Geometry, { name: string }>[] = [];
    // Countries that are not nodes belong to ROW: drawn grey, clickable, not focusable.
    const rest = countries.insert('g', 'g.node-shape').attr('class', 'layer-rest');
    const drawRest = (slice: Feature<Geometry, { name: string }>[]) =>
      rest
        .selectAll(null)
        .data(slice)
        .enter()
        .append('path')
        .attr('class', 'rest-country')
        .attr('d', (f) => path(f) ?? '')
        .attr('fill', CATEGORY_STYLE.rest.fill)
        .on('pointerenter pointermove', (event: PointerEvent) =>
          showTooltipAt('ROW', event.clientX, event.clientY),
        )
        .on('pointerleave', hideTooltip)
        .on('click', () => selectNode('ROW'));
    const drawTerritories = (nodes: readonly TradeNode[]) =>
      shapes
        .filter((node) => nodes.includes(node))
        .each(function drawTerritory(node) {
          const group = select(this);
          const own = features.filter((f) => node.territory.includes(String(f.id)));
          const d = own.map((f) => path(f) ?? '').join('');
          group.append('path').attr('class', 'territory').attr('d', d);
          if (nodeCategory(node) === 'producer') {
            group.append('path').attr('class', 'hatch').attr('d', d).attr('fill', `url(#${HATCH_ID})`);
          }
        });
    // In slices, a task each: the 1:50m shapes take this thread for half a second or more on
    // this machine kind, and a visitor's click on Run (or a month's frame) then waited for all
    // of it; between slices it is heard.
    const slices: (() => void)[] = [];
    for (let at = 0; at < geometries.length; at += BORDER_SLICE) {
      const part = geometries.slice(at, at + BORDER_SLICE);
      slices.push(() => {
        const converted = feature(topology, { type: 'GeometryCollection', geometries: part }).features;
        features.push(...(converted as Feature<Geometry, { name: string }>[]));
      });
    }
    slices.push(() => {
      const others = features.filter((f) => !nodeByNumeric.has(String(f.id)));
      for (let at = 0; at < others.length; at += BORDER_SLICE)
        slices.push(() => drawRest(others.slice(at, at + BORDER_SLICE)));
      for (let at = 0; at < territorial.length; at += BORDER_SLICE / 4)
        slices.push(() => drawTerritories(territorial.slice(at, at + BORDER_SLICE / 4)));
      slices.push(() => {
        paintTerritories(territoryFill);
        if (hatched !== null) showHatch(hatched);
        if (selectedCode !== null) highlight(selectedCode);
        container.dataset.borders = 'loaded';
      });
    });
    const next = () => {
      const slice = slices.shift();
      if (!slice) return;
      slice();
      if (slices.length > 0) setTimeout(next, 0);
    };
    next();
  }

  // One marker per node, nudged apart where neighbours would overlap (mapFrame.ts).
  const placed = new Map(frame.markers.map((m) => [m.code, m]));

  leaders
    .selectAll('line')
    .data([...placed.values()].filter((m) => Math.hypot(m.px - m.x, m.py - m.y) > MARKER_RADIUS * 0.8))
    .join('line')
    .attr('x1', (m) => m.x)
    .attr('y1', (m) => m.y)
    .attr('x2', (m) => m.px)
    .attr('y2', (m) => m.py);

  const markerGroups = markers
    .selectAll<SVGGElement, TradeNode>('g.node-marker')
    .data(options.nodes, (n) => n.code)
    .join('g')
    .attr('class', (n) => `node-marker category-${nodeCategory(n)}`)
    .attr('data-node', (n) => n.code);
  const placeMarkers = () =>
    markerGroups.attr('transform', (n) => {
      const m = placed.get(n.code);
      return `translate(${m?.px ?? 0},${m?.py ?? 0}) scale(${1 / scale})`;
    });
  placeMarkers();
  markerGroups.each(function drawMarker(node) {
    const group = select(this);
    const style = CATEGORY_STYLE[nodeCategory(node)];
    if (style.shape === 'chip') {
      const label = group
        .append('text')
        .attr('class', 'chip-label')
        .attr('text-anchor', 'middle')
        .attr('dy', '0.35em');
      label.text(node.name);
      const w = node.name.length * 5.6 + 16;
      group
        .insert('rect', 'text')
        .attr('class', 'marker-shape')
        .attr('x', -w / 2)
        .attr('y', -9)
        .attr('width', w)
        .attr('height', 18)
        .attr('rx', 9)
        .attr('fill', style.marker);
      return;
    }
    const type =
      style.shape === 'star' ? symbolStar : style.shape === 'diamond' ? symbolDiamond : symbolCircle;
    const area =
      style.shape === 'star' ? 170 : style.shape === 'diamond' ? 110 : Math.PI * MARKER_RADIUS ** 2;
    group
      .append('path')
      .attr('class', 'marker-shape')
      .attr('d', symbol(type, area)() ?? '')
      .attr('fill', style.marker);
  });

  // Interaction: the same for territory groups and markers.
  const interactive = [shapes, markerGroups] as const;
  for (const selection of interactive) {
    selection
      .attr('tabindex', 0)
      .attr('role', 'button')
      .attr('aria-label', (n) => `${n.name}: show details`);
    bindInteraction(selection as Selection<SVGGElement, TradeNode, SVGGElement, unknown>);
  }

  function bindInteraction(selection: Selection<SVGGElement, TradeNode, SVGGElement, unknown>) {
    selection
      .on('pointerenter pointermove', (event: PointerEvent, n) =>
        showTooltipAt(n.code, event.clientX, event.clientY),
      )
      .on('pointerleave', hideTooltip)
      .on('focus', function onFocus(_event: FocusEvent, n) {
        const box = (this as SVGGElement).getBoundingClientRect();
        showTooltipAt(n.code, box.right, box.top + box.height / 2);
      })
      .on('blur', hideTooltip)
      .on('click', (_event: MouseEvent, n) => selectNode(n.code))
      .on('keydown', (event: KeyboardEvent, n) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          selectNode(n.code);
        }
      });
  }

  let tooltipAt: { code: string; x: number; y: number } | null = null;

  function showTooltipAt(code: string, clientX: number, clientY: number) {
    tooltipAt = { code, x: clientX, y: clientY };
    const content = options.describe(code);
    const node = tooltip.node();
    if (!node) return;
    tooltip.selectAll('*').remove();
    tooltip.append('strong').text(content.title);
    for (const line of content.lines) tooltip.append('span').attr('class', 'tooltip-line').text(line);
    tooltip.attr('hidden', null).attr('data-node', code);
    const box = container.getBoundingClientRect();
    const tipWidth = node.offsetWidth;
    const tipHeight = node.offsetHeight;
    let left = clientX - box.left + 14;
    if (left + tipWidth > box.width) left = Math.max(0, clientX - box.left - tipWidth - 14);
    let top = clientY - box.top + 14;
    if (top + tipHeight > box.height) top = Math.max(0, clientY - box.top - tipHeight - 14);
    tooltip.style('left', `${left}px`).style('top', `${top}px`);
  }

  function hideTooltip() {
    tooltipAt = null;
    tooltip.attr('hidden', '').attr('data-node', null);
  }

  function highlight(code: string | null) {
    selectedCode = code;
    shapes.classed('is-selected', (n) => n.code === code);
    markerGroups.classed('is-selected', (n) => n.code === code);
    countries.selectAll('path.rest-country').classed('is-selected', code === 'ROW');
    // Draw the selected marker last so it stays on top; moving it in the DOM blurs it, so a
    // keyboard user's focus is put back.
    const marker = markerGroups.filter((n) => n.code === code);
    const focused = marker.node() !== null && marker.node() === document.activeElement;
    marker.raise();
    if (focused) (marker.node() as SVGGElement).focus();
  }

  function selectNode(code: string) {
    if (!nodesByCode.has(code)) throw new Error(`unknown node: ${code}`);
    highlight(code);
    options.onSelect?.(code);
  }

  function showHatch(on: boolean) {
    hatched = on;
    shapes.select('path.hatch').style('display', on ? 'inline' : 'none');
  }

  function paintTerritories(fill: ReadonlyMap<string, string> | null) {
    territoryFill = fill;
    shapes
      .select('path.territory')
      .attr('fill', (n) => fill?.get(n.code) ?? CATEGORY_STYLE[nodeCategory(n)].fill);
  }

  function paintMarkers(styles: ReadonlyMap<string, MarkerStyle> | null) {
    markerGroups.select('.marker-shape').each(function paint(n) {
      const style = styles?.get(n.code);
      const category = CATEGORY_STYLE[nodeCategory(n)];
      const shape = this as SVGElement;
      shape.setAttribute('fill', style?.fill ?? category.marker);
      if (style) shape.style.stroke = style.stroke;
      else shape.style.removeProperty('stroke');
    });
  }

  /** Arcs between placed markers; widths and arrowheads in screen pixels at the current zoom. */
  function drawArcs() {
    const inset = (MARKER_RADIUS + 1) / scale;
    const groups = arcLayer
      .selectAll<SVGGElement, MapArc>('g.flow-arc')
      .data(arcs, (a) => `${a.from}>${a.to}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'flow-arc');
        g.append('path').attr('class', 'arc-line');
        g.append('path').attr('class', 'arc-head');
        g.append('title');
        return g;
      })
      .attr('data-from', (a) => a.from)
      .attr('data-to', (a) => a.to);
    groups.order();
    groups.each(function drawArc(a) {
      const from = placed.get(a.from);
      const to = placed.get(a.to);
      if (!from || !to) return;
      const head = (5 + a.width * 1.4) / scale;
      const geometry = arcGeometry(from.px, from.py, to.px, to.py, inset, head);
      const g = select(this);
      g.select('.arc-line')
        .attr('d', geometry.d)
        .attr('stroke', a.colour)
        .attr('stroke-width', a.width / scale);
      g.select('.arc-head').attr('d', geometry.head).attr('fill', a.colour);
      g.select('title').text(a.title);
    });
  }

  // Zoom and pan on the stack of layers: d3-zoom works in CSS pixels of the stack, the layers
  // in viewBox units, so the translation is divided by the stack's CSS-pixels-per-unit.
  const layersNode = layers.node() as HTMLDivElement;
  const zoomBehaviour = d3zoom<HTMLDivElement, unknown>()
    .scaleExtent([1, 16])
    // Keep the map inside its frame (d3's own rule, with the frame as the translate extent).
    .constrain((t, extent) => {
      const dx0 = t.invertX(extent[0][0]) - extent[0][0];
      const dx1 = t.invertX(extent[1][0]) - extent[1][0];
      const dy0 = t.invertY(extent[0][1]) - extent[0][1];
      const dy1 = t.invertY(extent[1][1]) - extent[1][1];
      return t.translate(
        dx1 > dx0 ? (dx0 + dx1) / 2 : Math.min(0, dx0) || Math.max(0, dx1),
        dy1 > dy0 ? (dy0 + dy1) / 2 : Math.min(0, dy0) || Math.max(0, dy1),
      );
    })
    .on('zoom', (event: { transform: ZoomTransform }) => {
      const t = event.transform;
      const unit = (layersNode.clientWidth || width) / width;
      const transform = `translate(${t.x / unit},${t.y / unit}) scale(${t.k})`;
      for (const group of [zoom, arcZoom, markerZoom]) group.attr('transform', transform);
      if (t.k !== scale) {
        scale = t.k;
        placeMarkers();
        drawArcs();
        leaders.selectAll('line').attr('stroke-width', 0.6 / scale);
        svg.attr('data-zoom', scale.toFixed(2));
      }
    });
  layers.call(zoomBehaviour);
  // A click on a node must not be read as the end of a pan.
  zoomBehaviour.clickDistance(4);

  const zoomControls = root.append('div').attr('class', 'map-zoom').attr('role', 'group');
  zoomControls.attr('aria-label', 'Zoom');
  const zoomButton = (text: string, label: string, action: () => void) =>
    zoomControls
      .append('button')
      .attr('type', 'button')
      .attr('aria-label', label)
      .attr('title', label)
      .text(text)
      .on('click', action);
  // Immediate rather than animated: a transition would need d3-transition's side effects and
  // makes the map jump under the pointer of keyboard users less predictably.
  const zoomBy = (factor: number) => zoomBehaviour.scaleBy(layers, factor);
  const resetZoom = () => zoomBehaviour.transform(layers, zoomIdentity);
  zoomButton('+', 'Zoom in', () => zoomBy(1.6));
  zoomButton('−', 'Zoom out', () => zoomBy(1 / 1.6));
  zoomButton('⟲', 'Reset zoom', resetZoom);

  return {
    svg: svg.node() as SVGSVGElement,
    layers: [svg.node(), arcsSvg.node(), markersSvg.node()] as SVGSVGElement[],
    update(state: WorldMapState) {
      if (state.selected !== undefined) highlight(state.selected);
      if (state.fill !== undefined) paintTerritories(state.fill);
      if (state.markers !== undefined) paintMarkers(state.markers);
      if (state.hatch !== undefined) showHatch(state.hatch);
      if (state.arcs !== undefined) {
        arcs = state.arcs ?? [];
        drawArcs();
      }
      if (state.members !== undefined) {
        const members = state.members;
        shapes.classed('is-member', (n) => members?.has(n.code) ?? false);
        markerGroups.classed('is-member', (n) => members?.has(n.code) ?? false);
      }
      if (state.action) {
        const action = state.action;
        for (const selection of interactive)
          (selection as Selection<SVGGElement, TradeNode, SVGGElement, unknown>).attr(
            'aria-label',
            (n) => `${n.name}: ${action(n.code)}`,
          );
      }
    },
    zoomBy,
    resetZoom,
    refreshTooltip() {
      if (tooltipAt) showTooltipAt(tooltipAt.code, tooltipAt.x, tooltipAt.y);
    },
    select: selectNode,
    setBorders,
    destroy() {
      layers.remove();
      tooltip.remove();
      zoomControls.remove();
      container.classList.remove('world-map');
    },
  };
}
