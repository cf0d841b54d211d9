import { asin, cos, sin } from './math.ts';

/**
 * The world the engine simulates: nodes, goods (a mineral at a stage) and the calibration
 * figures the agents are drawn from. Built once from src/data (see src/scenario/world.ts) or, in
 * tests, from a small fixture. Plain arrays only: the world is cloned into every worker.
 */

export interface WorldNode {
  code: string;
  name: string;
  /** Centroid in degrees. */
  lon: number;
  lat: number;
  /** Inside the EU customs union: shares one external tariff with every other EU member. */
  euMember: boolean;
  /** A delegation at the February 2026 Ministerial, or the host. */
  participant: boolean;
}

/** A mineral at one stage of its chain: the unit that markets clear. */
export interface WorldGood {
  mineral: string;
  stage: string;
  /** Index of this good's mineral in World.minerals. */
  mineralIndex: number;
  /** Position in the mineral's chain: 0 = mine. */
  stageIndex: number;
  /** Good whose product this stage processes, or -1 for the mine stage. */
  inputGood: number;
  /** Tonnes of output per tonne of input (1 for the mine stage). */
  yield: number;
  /** False when the good is only bought from producers in the same node. */
  traded: boolean;
  /** Reference price, USD per tonne. */
  referencePrice: number;
  /** Calibrated output by node, t/yr (length = nodes). Includes secondary output. */
  output: number[];
  /** Share of this stage's output that needs no input from the previous stage (scrap, synthetic), 0–1. */
  secondaryShare: number;
  /** Calibrated final consumption by node, t/yr (all zeros when the stage has no final buyers). */
  finalDemand: number[];
  /**
   * Where new capacity could be built that does not exist yet (greenfield potential), t/yr by
   * node: reserves for mines, industrial capability for processors.
   */
  potential: number[];
  /** Output over ready capacity at reference prices, 0–1: the rest is idle capacity that restarts when prices pay. */
  utilisation: number;
  /** Finished goods producers hold, months of their output (target and starting stock). */
  producerCover: number;
  /** Stock of this good its buyers hold (processors' input, consumers' safety stock), months of their use. */
  buyerCover: number;
}

export interface WorldMineral {
  id: string;
  name: string;
  unit: string;
  /** Goods of this mineral, mine first. */
  goods: number[];
  /** Default compound growth of world demand, per year. */
  demandGrowth: number;
}

/** An ad valorem tariff in force in the status quo (the tariffs lever's fields, always on). */
export interface BaseTariff {
  importer: string;
  exporter: string;
  mineral: string;
  stage: string;
  rate: number;
}

export interface World {
  nodes: WorldNode[];
  minerals: WorldMineral[];
  goods: WorldGood[];
  /**
   * Tariffs the calibration data are read as the equilibrium of: the status quo's (src/levers/
   * tariffs.ts). Armington preferences and buyers' reference prices are calibrated with them in
   * force, as CGE models calibrate to base-year flows at base-year protection, so the status quo
   * holds the data and a scenario that lifts or raises them moves trade from there. None in test
   * fixtures.
   */
  baseTariffs?: BaseTariff[];
}

const EARTH_RADIUS_KM = 6371;

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Great-circle distance between two nodes' centroids, km (haversine), given the cosines of
 * their latitudes (cos(lat × π/180)), which distanceMatrix works out once per node.
 */
function greatCircleKm(a: WorldNode, cosLatA: number, b: WorldNode, cosLatB: number): number {
  const rad = RADIANS_PER_DEGREE;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const sLat = sin(dLat / 2);
  const sLon = sin(dLon / 2);
  const h = sLat * sLat + cosLatA * cosLatB * sLon * sLon;
  return 2 * EARTH_RADIUS_KM * asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Distance matrix, km, row-major [origin * n + destination]. Each latitude's cosine is worked
 * out once, not once per pair: the deterministic trigonometry (math.ts) runs unoptimised in a
 * worker's first load, where the matrix of 79 nodes took about 40 ms.
 */
export function distanceMatrix(nodes: readonly WorldNode[]): Float64Array {
  const n = nodes.length;
  const km = new Float64Array(n * n);
  const cosLat = Float64Array.from(nodes, (node) => cos(node.lat * RADIANS_PER_DEGREE));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      km[i * n + j] = i === j ? 0 : greatCircleKm(nodes[i], cosLat[i], nodes[j], cosLat[j]);
  }
  return km;
}

/** Transport cost per pair, USD/t: freight × great-circle km plus handling across a border (0 at home). */
export function transportCosts(
  km: Float64Array,
  freightUsdPerTonneKm: number,
  handlingUsdPerTonne: number,
): Float64Array {
  const cost = new Float64Array(km.length);
  for (let k = 0; k < km.length; k++)
    cost[k] = km[k] > 0 ? km[k] * freightUsdPerTonneKm + handlingUsdPerTonne : 0;
  return cost;
}
