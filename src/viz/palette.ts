/**
 * Colours from the Okabe–Ito palette (safe for the common colour-vision deficiencies). Node
 * categories also differ by marker shape and by a hatch on non-attending territory, so colour
 * is never the only cue.
 */
import type { NodeCategory } from '../data/nodes';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export interface CategoryStyle {
  label: string;
  /** Territory fill. */
  fill: string;
  /** Marker fill. */
  marker: string;
  /** Marker shape: circle for attendees, diamond for producers that did not attend, chip for ROW. */
  shape: 'circle' | 'star' | 'diamond' | 'chip';
}

export const CATEGORY_STYLE: Record<NodeCategory, CategoryStyle> = {
  host: {
    label: 'Host (United States)',
    fill: OKABE_ITO.vermillion,
    marker: OKABE_ITO.vermillion,
    shape: 'star',
  },
  delegation: {
    label: 'Delegation at the Ministerial',
    fill: OKABE_ITO.skyBlue,
    marker: OKABE_ITO.blue,
    shape: 'circle',
  },
  producer: {
    label: 'Producer that did not attend',
    fill: OKABE_ITO.orange,
    marker: OKABE_ITO.orange,
    shape: 'diamond',
  },
  rest: { label: 'Rest of world (one node)', fill: '#D9D9D9', marker: '#6E6E6E', shape: 'chip' },
};

/** Zone colouring: members stand out by hue and lightness; non-members recede. */
export const ZONE_STYLE = {
  member: { fill: OKABE_ITO.blue, marker: OKABE_ITO.blue, label: 'In the zone' },
  outside: { fill: '#DADADA', marker: '#FFFFFF', label: 'Outside the zone' },
} as const;

/** Stages of a chain: the same colour in every chart. */
export const STAGE_COLOUR: Record<string, string> = {
  mine: OKABE_ITO.orange,
  refine: OKABE_ITO.blue,
  magnet: OKABE_ITO.reddishPurple,
};

/** Trade-flow arcs by their relation to the selected zone. */
export const FLOW_STYLE = {
  inside: { colour: OKABE_ITO.bluishGreen, label: 'Within the zone' },
  into: { colour: OKABE_ITO.vermillion, label: 'Into the zone from outside' },
  other: { colour: '#3B3B3B', label: 'Other flows' },
} as const;

export type FlowKind = keyof typeof FLOW_STYLE;

/** The status quo drawn behind the scenario. */
export const COMPARISON_GREY = '#A0A0A0';
