/**
 * The map's three colourings, as plain data for WorldMap.update and the legend:
 *  - zone: members of the selected zone against everyone else;
 *  - role: host, delegations, non-attending producers (hatched), rest of world;
 *  - share: each node's share of the month's output of the selected mineral and stage
 *    (a single-hue sequential scale, readable with any colour vision).
 */
import { interpolateBlues, scaleSequentialSqrt } from 'd3';
import type { TradeNode } from '../data/types';
import { type RunResults, seriesIndex } from '../engine/results.ts';
import { count } from '../present/format.ts';
import { CATEGORY_STYLE, type CategoryStyle, ZONE_STYLE } from './palette';
import type { MarkerStyle } from './worldMap';

export type LegendItem =
  | {
      kind: 'swatch';
      label: string;
      fill: string;
      marker?: { shape: CategoryStyle['shape']; fill: string; stroke?: string };
      hatch?: boolean;
    }
  | { kind: 'gradient'; label: string; colours: string[]; min: string; max: string }
  | { kind: 'arc'; label: string; colour: string }
  | { kind: 'note'; label: string };

export interface Colouring {
  fill: Map<string, string> | null;
  markers: Map<string, MarkerStyle> | null;
  hatch: boolean;
  legend: LegendItem[];
}

export function zoneColouring(
  nodes: readonly TradeNode[],
  members: readonly string[],
  zoneName: string,
): Colouring {
  const inZone = new Set(members);
  const fill = new Map<string, string>();
  const markers = new Map<string, MarkerStyle>();
  for (const n of nodes) {
    const style = inZone.has(n.code) ? ZONE_STYLE.member : ZONE_STYLE.outside;
    fill.set(n.code, inZone.has(n.code) ? '#8FC5E8' : style.fill);
    // The rest-of-world chip carries white text, so it keeps a dark fill outside the zone.
    const marker = n.code === 'ROW' && !inZone.has(n.code) ? '#6E6E6E' : style.marker;
    markers.set(n.code, { fill: marker, stroke: inZone.has(n.code) ? '#FFFFFF' : '#6E6E6E' });
  }
  return {
    fill,
    markers,
    hatch: false,
    legend: [
      {
        kind: 'swatch',
        label: `${ZONE_STYLE.member.label}: ${zoneName} (${count(members.length, 'node')})`,
        fill: '#8FC5E8',
        marker: { shape: 'circle', fill: ZONE_STYLE.member.marker, stroke: '#FFFFFF' },
      },
      {
        kind: 'swatch',
        label: ZONE_STYLE.outside.label,
        fill: ZONE_STYLE.outside.fill,
        marker: { shape: 'circle', fill: ZONE_STYLE.outside.marker, stroke: '#6E6E6E' },
      },
      { kind: 'note', label: 'Marker shape: ★ host, ● delegation, ◆ producer that did not attend' },
    ],
  };
}

export function roleColouring(): Colouring {
  return {
    fill: null,
    markers: null,
    hatch: true,
    legend: Object.values(CATEGORY_STYLE).map((style) => ({
      kind: 'swatch' as const,
      label: style.label,
      fill: style.fill,
      marker: { shape: style.shape, fill: style.marker },
      hatch: style === CATEGORY_STYLE.producer,
    })),
  };
}

const NO_OUTPUT = '#F2F2F2';

/** Shares of a good's production by node in a month, 0–1 (empty when nothing was produced). */
export function productionShares(results: RunResults, month: number, good: number): Map<string, number> {
  const { nodes } = results.meta;
  const base = seriesIndex(results.meta, month, good, 0);
  const production = results.series.production;
  let total = 0;
  for (let n = 0; n < nodes.length; n++) total += production[base + n];
  const shares = new Map<string, number>();
  if (!(total > 0)) return shares;
  for (let n = 0; n < nodes.length; n++) shares.set(nodes[n], production[base + n] / total);
  return shares;
}

export function shareColouring(
  nodes: readonly TradeNode[],
  shares: ReadonlyMap<string, number>,
  what: string,
): Colouring {
  const largest = Math.max(0.01, ...shares.values());
  const scale = scaleSequentialSqrt(interpolateBlues).domain([0, largest]);
  const fill = new Map<string, string>();
  const markers = new Map<string, MarkerStyle>();
  for (const n of nodes) {
    const share = shares.get(n.code) ?? 0;
    const colour = share > 0 ? scale(share) : NO_OUTPUT;
    fill.set(n.code, colour);
    // The rest-of-world chip carries white text: it stays dark (its share is in the tooltip).
    markers.set(n.code, {
      fill: n.code === 'ROW' ? '#6E6E6E' : share > 0 ? scale(share) : '#FFFFFF',
      stroke: share > largest * 0.5 ? '#FFFFFF' : '#6E6E6E',
    });
  }
  return {
    fill,
    markers,
    hatch: false,
    legend: [
      {
        kind: 'gradient',
        label: `Share of world ${what} this month (model)`,
        colours: [0, 0.25, 0.5, 0.75, 1].map((t) => scale(t * largest)),
        min: '0%',
        max: `${(largest * 100).toFixed(0)}%`,
      },
      { kind: 'swatch', label: 'No output', fill: NO_OUTPUT },
    ],
  };
}
