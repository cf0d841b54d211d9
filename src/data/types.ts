/**
 * Shapes of the project's own data: nodes (places that trade), minerals and their stages,
 * calibration figures and their sources. The engine, the map and the editor all read these.
 * Every figure carries the key of a source in `SOURCES` (src/data/sources.ts).
 */

export type Continent =
  | 'Africa'
  | 'Asia'
  | 'Europe'
  | 'North America'
  | 'South America'
  | 'Oceania'
  | 'World';

/** Key into the sources list, e.g. 'USGS_MCS2025_LITHIUM'. */
export type SourceKey = string;

export interface Source {
  key: SourceKey;
  title: string;
  publisher: string;
  year: number;
  /** Where the figures were read (a stored address), or the original publication. */
  url: string;
  /** Licence or terms of the material, e.g. 'public domain (US government work)', 'CC BY 4.0'. */
  licence: string;
}

export type AgreementId = string;

export interface Agreement {
  id: AgreementId;
  name: string;
  /** ISO date the agreement was signed or announced. */
  date: string;
  kind: 'mou' | 'framework' | 'action-plan' | 'partnership' | 'earlier-deal';
  /** Node codes of the parties (the US included). */
  parties: string[];
  source: SourceKey;
  /** Remarks, e.g. when the source gives no exact signing date. */
  note?: string;
}

/** A place that trades: a country, the EU members that did not attend separately, or the rest of the world. */
export interface TradeNode {
  /** ISO 3166-1 alpha-3, or a pseudo-code: 'EUR' (EU members that did not attend separately), 'ROW' (rest of world). */
  code: string;
  /** ISO 3166-1 numeric, zero-padded as world-atlas ids ('840'); null for pseudo-nodes. */
  numeric: string | null;
  name: string;
  continent: Continent;
  /** Centroid in degrees, used for transport distance and map arcs. */
  lon: number;
  lat: number;
  /** A delegation at the February 2026 Critical Minerals Ministerial (the US counts, as host). */
  attended: boolean;
  host: boolean;
  /** Inside the EU customs union (its 13 separately attending members and 'EUR'). */
  euMember: boolean;
  /** ISO numeric codes of the countries drawn for this node (EUR: its 14 members; ROW: none). */
  territory: string[];
  /** 2026 agreements (and the earlier deals) this node signed with the US. */
  agreements: AgreementId[];
  /** Why a non-attending node is included (its material shares), or other remarks. */
  note?: string;
  /**
   * Where the map draws the node's marker when that is not the centroid (ROW: a chip in the
   * ocean, since it has no territory of its own). Degrees.
   */
  marker?: { lon: number; lat: number };
}

/** The minerals the model knows, in the order of the mineral picker's data. */
export const MINERAL_IDS = [
  'lithium',
  'nickel',
  'cobalt',
  'graphite',
  'rare_earths',
  'copper',
  'manganese',
  'silicon',
  'gallium',
  'germanium',
  'antimony',
  'tungsten',
  'platinum',
  'palladium',
] as const;

export type MineralId = (typeof MINERAL_IDS)[number];

/** What a mineral is mostly used for: groups the mineral picker. */
export type MineralUse = 'batteries' | 'magnets' | 'electronics' | 'alloys' | 'catalysts';

export const STAGE_IDS = ['mine', 'refine', 'magnet'] as const;

export type StageId = (typeof STAGE_IDS)[number];

export interface StageInfo {
  id: StageId;
  /** Display name of the product at this stage, e.g. 'spodumene / brine concentrate', 'separated oxide'. */
  name: string;
  /**
   * Tonnes of this stage's product per tonne of the previous stage's product (mass conservation
   * with losses). 1 for the mine stage.
   */
  yield: number;
  /** False when the stage's product is not traded across borders (co-located by-product feed). */
  traded: boolean;
  /**
   * Output of this stage with no input from the previous stage, t/yr (copper scrap, synthetic
   * graphite): world output = yield × world input + secondaryTonnes. 0 or absent when none.
   */
  secondaryTonnes?: number;
  /** How the yield and secondary supply were set from the calibration balance. */
  yieldBasis?: string;
}

export interface Mineral {
  id: MineralId;
  name: string;
  /** What a tonne means for this mineral, e.g. 't Li content', 't REO equivalent'. */
  unit: string;
  /** Its main use, for grouping in pickers (MINERAL_USES gives the order and labels). */
  use: MineralUse;
  /** Ordered chain from mine to the last processing stage. */
  stages: StageInfo[];
  /**
   * True when the sources give no country split of refining and refined output is placed where
   * the ore is mined (ESTIMATE): such refining says nothing about a country's industrial
   * capability, so it does not count toward greenfield potential (src/data/world.ts).
   */
  refiningPlacedAtMine?: boolean;
}

/** One node's output of a mineral at a stage, in tonnes per year. */
export interface NodeFigure {
  node: string;
  tonnes: number;
  /** Share of the world total, 0–1. */
  share: number;
  source: SourceKey;
  /** How the figure was derived when it is not copied from the source (remainders, splits, conversions). */
  note?: string;
}

/** Output (or consumption) of one mineral at one stage, by node, for the calibration year. */
export interface StageCalibration {
  mineral: MineralId;
  stage: StageId;
  year: number;
  unit: string;
  /** World total, t/yr. The node figures sum to it (the remainder sits in 'ROW'). */
  worldTonnes: number;
  source: SourceKey;
  /** How node figures were built from the source (which series, how shares became tonnes). */
  derivation: string;
  byNode: NodeFigure[];
}

/** Reference price of a mineral at a stage, in USD per tonne of the mineral's unit. */
export interface ReferencePrice {
  mineral: MineralId;
  stage: StageId;
  usdPerTonne: number;
  year: number;
  source: SourceKey;
  /** The series and the conversion to the model's unit. */
  basis: string;
}

export interface ImportReliance {
  mineral: MineralId;
  year: number;
  /** Net import reliance as % of apparent consumption; may be a bound such as '<50' or '>50'. */
  percent: string;
  mainSources: string;
  source: SourceKey;
}

export interface DemandGrowth {
  mineral: MineralId;
  /** Compound annual growth of world demand, e.g. 0.12 for 12%/yr. */
  ratePerYear: number;
  basis: string;
  source: SourceKey;
}
