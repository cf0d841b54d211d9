/** Types for the plain-ESM calibration generator, so TypeScript tests can import it. */
export const ROOT: string;
export const INPUT_DIR: string;
export const OUTPUT_FILE: string;
export const CALIBRATION_YEAR: number;
export const INCLUSION_SHARE: number;
export const INCLUSION_YEARS: number[];
export const REFINE_WEIGHT: number;
export const MVA_WEIGHT: number;
export type CsvRow = Record<string, string>;
export interface CalibrationInputs {
  production: CsvRow[];
  prices: CsvRow[];
  demand: CsvRow[];
  importReliance: CsvRow[];
  mva: CsvRow[];
  delegations: CsvRow[];
  euMembers: CsvRow[];
}
export function parseCsv(text: string): CsvRow[];
export function readInputs(dir?: string): CalibrationInputs;
export function buildCalibration(inputs: CalibrationInputs): unknown;
export function renderCalibration(calibration: unknown): string;
