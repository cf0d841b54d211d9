/**
 * Words, units and number formats for the research outcomes (src/research/outcomes.ts names
 * them `<mineral>.<kind>[.<detail>]`, e.g. `lithium.price.world`, `cobalt.hhi.refine`), and the
 * chart data of an ensemble outcome: its median as a line, its 5–95% band as a shaded range.
 */
import { MINERALS } from '../data/minerals';
import type { Band } from '../research/ensemble.ts';
import { stageName, whole } from '../ui/format.ts';
import type { ChartBand, ChartLine } from './timeSeries.ts';

export interface OutcomeLabel {
  mineral: string;
  /** E.g. "world price of the refined good", "HHI, refining". */
  label: string;
  unit: string;
  format: (value: number) => string;
  /** Prices in USD/t, HHI 0–10,000, shares 0–1 (shown in %). */
  kind: 'price' | 'hhi' | 'share';
  /** Smallest top of the y axis (unmet demand: 2%, so a flat zero does not fill the chart). */
  yMaxAtLeast?: number;
}

const percent = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/** The label of an outcome name; unknown names are shown as they are. */
export function outcomeLabel(name: string): OutcomeLabel {
  const [mineral, kind, detail] = name.split('.');
  const share = (label: string): OutcomeLabel => ({
    mineral,
    label,
    unit: '%',
    format: percent,
    kind: 'share',
  });
  switch (kind) {
    case 'price': {
      const where =
        detail === 'world'
          ? 'world price'
          : detail === 'zone'
            ? 'price in the zone'
            : 'price outside the zone';
      return { mineral, label: `${where}, refined`, unit: 'USD/t', format: whole, kind: 'price' };
    }
    case 'hhi':
      return { mineral, label: `HHI, ${stageName(detail)}`, unit: '0–10,000', format: whole, kind: 'hhi' };
    case 'top3':
      return share(`top-3 share, ${stageName(detail)}`);
    case 'selfSufficiency':
      return share(`zone self-sufficiency, ${stageName(detail)}`);
    case 'unmet':
      return {
        ...share(detail === 'zone' ? 'unmet demand in the zone' : 'unmet demand, world'),
        yMaxAtLeast: 0.02,
      };
    default:
      return { mineral, label: name, unit: '', format: (v) => String(v), kind: 'share' };
  }
}

/** Outcome names of one mineral, in the order a form lists them. */
export function outcomeNamesOf(mineral: string): string[] {
  const stages = MINERALS.find((m) => m.id === mineral)?.stages.map((s) => s.id) ?? [];
  return [
    `${mineral}.price.world`,
    `${mineral}.price.zone`,
    `${mineral}.price.outside`,
    ...stages.map((s) => `${mineral}.hhi.${s}`),
    ...stages.map((s) => `${mineral}.top3.${s}`),
    `${mineral}.selfSufficiency.refine`,
    `${mineral}.selfSufficiency.mine`,
    `${mineral}.unmet`,
    `${mineral}.unmet.zone`,
  ];
}

/** Every outcome name of every mineral (a sweep's metric list). */
export function allOutcomeNames(): string[] {
  return MINERALS.flatMap((m) => outcomeNamesOf(m.id));
}

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
