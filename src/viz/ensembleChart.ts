/**
 * The chart data of an ensemble outcome (src/analysis/outcomes.ts names and labels outcomes): its
 * median as a line, its 5–95% band as a shaded range.
 */
import type { Band } from '../research/ensemble.ts';
import type { ChartBand, ChartLine } from './timeSeries.ts';

/**
 * The chart of one ensemble outcome: the median as a line and the 5–95% band behind it. A month
 * no run gave a number for stays NaN: a gap in the line and the band, not a made-up value.
 */
export function ensembleChart(
  band: Band,
  options: { id: string; colour: string },
): { lines: ChartLine[]; bands: ChartBand[] } {
  return {
    lines: [{ id: `${options.id}-median`, label: 'median', colour: options.colour, values: band.p50 }],
    bands: [{ id: `${options.id}-band`, label: '5–95%', colour: options.colour, lo: band.p5, hi: band.p95 }],
  };
}
