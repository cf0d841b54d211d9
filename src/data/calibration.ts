/**
 * Calibration figures for the calibration year (2024), generated from data/inputs/ by
 * scripts/generate-calibration.mjs into ./generated/calibration.json. Never edit the JSON by
 * hand: change the inputs or the generator and run `npm run data`.
 *
 * Units: tonnes per year of the mineral's content unit (t/yr), USD per tonne of that unit,
 * shares 0–1. Every NodeFigure names its source; estimated figures say ESTIMATE and how.
 */
import raw from './generated/calibration.json';
import {
  type DemandGrowth,
  type ImportReliance,
  MINERAL_IDS,
  type MineralId,
  type ReferencePrice,
  type SourceKey,
  STAGE_IDS,
  type StageCalibration,
  type StageId,
} from './types';

/** One node of the generator's node list (the order NODES must follow). */
export interface CalibrationNodeEntry {
  code: string;
  kind: 'host' | 'delegation' | 'producer' | 'rest';
  /** Figure 1 name of a delegation (seed 001). */
  figure1Name?: string;
  /** For a non-attending producer: the shares that make it a node. */
  inclusion?: string[];
}

/** Yield and secondary supply of one stage, from the world balance of the calibration year. */
export interface StageBalance {
  mineral: MineralId;
  stage: StageId;
  /** t of this stage's product per t of the previous stage's product. */
  yield: number;
  /** t/yr of output with no input from the previous stage (scrap, synthetic graphite). */
  secondaryTonnes: number;
  basis: string;
}

/** Manufacturing value added per node (consumption proxy), USD, latest WDI year. */
export interface ManufacturingValueAdded {
  source: SourceKey;
  worldUsd: number;
  worldYear: number;
  byNode: { node: string; usd: number; note: string }[];
}

interface CalibrationFile {
  about: string;
  year: number;
  nodeRule: string;
  nodes: CalibrationNodeEntry[];
  production: StageCalibration[];
  consumption: StageCalibration[];
  balance: StageBalance[];
  prices: ReferencePrice[];
  importReliance: ImportReliance[];
  demandGrowth: DemandGrowth[];
  manufacturingValueAdded: ManufacturingValueAdded;
}

const NODE_KINDS: readonly string[] = [
  'host',
  'delegation',
  'producer',
  'rest',
] satisfies CalibrationNodeEntry['kind'][];

/**
 * JSON types its strings as string; the generator's output is checked for the few fields the
 * model reads as enumerations (node kinds, mineral and stage ids), so a generator that wrote
 * something else fails at load with the entry named instead of miscomputing later.
 */
export function isCalibrationFile(data: typeof raw): data is typeof raw & CalibrationFile {
  const fail = (what: string, value: unknown) => {
    throw new Error(
      `src/data/generated/calibration.json: ${what} ${JSON.stringify(value)} is not one the model knows`,
    );
  };
  const minerals: readonly string[] = MINERAL_IDS;
  const stages: readonly string[] = STAGE_IDS;
  for (const node of data.nodes)
    if (!NODE_KINDS.includes(node.kind)) fail(`node ${node.code}'s kind`, node.kind);
  const entries: { mineral: string; stage?: string }[] = [
    ...data.production,
    ...data.consumption,
    ...data.balance,
    ...data.prices,
    ...data.importReliance,
    ...data.demandGrowth,
  ];
  for (const entry of entries) {
    if (!minerals.includes(entry.mineral)) fail('mineral', entry.mineral);
    if (entry.stage !== undefined && !stages.includes(entry.stage))
      fail(`${entry.mineral}'s stage`, entry.stage);
  }
  return true;
}

if (!isCalibrationFile(raw)) throw new Error('src/data/generated/calibration.json is not a calibration file');
const file: CalibrationFile = raw;

export const CALIBRATION_YEAR: number = file.year;

/** The generator's node list, in engine order (NODES follows it). */
export const CALIBRATION_NODES: readonly CalibrationNodeEntry[] = file.nodes;

/** Output by node, t/yr, one entry per mineral × stage (nodes absent from byNode produce 0 t). */
export const PRODUCTION: readonly StageCalibration[] = file.production;

/**
 * Final demand by node, t/yr, for every stage with final consumers: the refine stage of every
 * mineral, and for rare earths also magnets. World totals balance calibrated supply.
 */
export const CONSUMPTION: readonly StageCalibration[] = file.consumption;

/** Yields and secondary supply per mineral × stage. */
export const STAGE_BALANCE: readonly StageBalance[] = file.balance;

/** Reference prices, USD per tonne of the mineral's unit, one per mineral × stage. */
export const PRICES: readonly ReferencePrice[] = file.prices;

/** US net import reliance, latest year per mineral. */
export const IMPORT_RELIANCE: readonly ImportReliance[] = file.importReliance;

/** World demand growth per mineral, compound rate per year. */
export const DEMAND_GROWTH: readonly DemandGrowth[] = file.demandGrowth;

export const MANUFACTURING_VALUE_ADDED: ManufacturingValueAdded = file.manufacturingValueAdded;

/** Production calibration of one mineral at one stage, or undefined when the stage does not exist. */
export function calibrationFor(mineral: MineralId, stage: StageId): StageCalibration | undefined {
  return PRODUCTION.find((s) => s.mineral === mineral && s.stage === stage);
}

/** Consumption calibration of one mineral at one stage, or undefined when it has no final consumers. */
export function consumptionFor(mineral: MineralId, stage: StageId): StageCalibration | undefined {
  return CONSUMPTION.find((s) => s.mineral === mineral && s.stage === stage);
}

/** Reference price of a mineral at a stage, USD/t. */
export function priceFor(mineral: MineralId, stage: StageId): ReferencePrice | undefined {
  return PRICES.find((p) => p.mineral === mineral && p.stage === stage);
}

export function balanceFor(mineral: MineralId, stage: StageId): StageBalance | undefined {
  return STAGE_BALANCE.find((b) => b.mineral === mineral && b.stage === stage);
}

/** A node's output of a mineral at a stage, t/yr (0 when the node is not listed). */
export function outputOf(mineral: MineralId, stage: StageId, node: string): number {
  return calibrationFor(mineral, stage)?.byNode.find((f) => f.node === node)?.tonnes ?? 0;
}
