/**
 * Calibration figures for the calibration year (2024), generated from data/inputs/ by
 * scripts/generate-calibration.mjs into ./generated/calibration.json. Never edit the JSON by
 * hand: change the inputs or the generator and run `npm run data`.
 *
 * Units: tonnes per year of the mineral's content unit (t/yr), USD per tonne of that unit,
 * shares 0–1. Every NodeFigure names its source; estimated figures say ESTIMATE and how.
 */
import raw from './generated/calibration.json';
import type {
  DemandGrowth,
  ImportReliance,
  MineralId,
  ReferencePrice,
  SourceKey,
  StageCalibration,
  StageId,
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

const file = raw as unknown as CalibrationFile;

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
