/**
 * The data behind the research views: an ensemble outcome as a median line over a 5–95% band,
 * a sweep as heatmap cells (row-major, the first parameter down), readable cell text on the
 * colour scale, and outcome names in words.
 */
import { interpolateCividis } from 'd3';
import { describe, expect, it } from 'vitest';
import { allOutcomeNames, outcomeLabel, outcomeNamesOf } from '../../../src/analysis/outcomes.ts';
import { ensembleBands } from '../../../src/research/ensemble.ts';
import { sweepPoints } from '../../../src/research/sweep.ts';
import { ensembleChart } from '../../../src/viz/ensembleChart.ts';
import { heatmapCells, textColourOn } from '../../../src/viz/heatmap.ts';

describe('an ensemble outcome on a chart', () => {
  it('draws the median as the line and the 5th to 95th percentiles as the band, gaps where no run has a number', () => {
    const runs = [
      { x: Float64Array.from([1, 10, Number.NaN]) },
      { x: Float64Array.from([2, 20, Number.NaN]) },
      { x: Float64Array.from([3, 30, Number.NaN]) },
    ];
    const band = ensembleBands(runs).x;
    const { lines, bands } = ensembleChart(band, { id: 'x', colour: '#0072B2' });
    expect(lines).toHaveLength(1);
    expect(Array.from(lines[0].values)).toEqual([2, 20, Number.NaN]);
    expect(lines[0].comparison).toBeUndefined();
    expect(bands).toHaveLength(1);
    expect(Array.from(bands[0].lo).slice(0, 2)).toEqual([1.1, 11]);
    expect(Array.from(bands[0].hi).slice(0, 2)).toEqual([2.9, 29]);
    expect(bands[0].lo[2]).toBeNaN();
    for (let m = 0; m < 2; m++) {
      expect(bands[0].lo[m]).toBeLessThanOrEqual(lines[0].values[m]);
      expect(lines[0].values[m]).toBeLessThanOrEqual(bands[0].hi[m]);
    }
    expect(bands[0].label).toBe('5–95%');
  });
});

describe('a sweep as a heatmap', () => {
  it('puts point i at row ⌊i / columns⌋ and column i mod columns, as the sweep numbers its points', () => {
    const spec = {
      parameters: [
        { path: 'a', values: [1, 2, 3] },
        { path: 'b', values: ['x', 'y'] },
      ],
      reduce: 'last' as const,
    };
    const points = sweepPoints(spec);
    const cells = heatmapCells(3, 2, [10, 11, undefined, 13, 14, 15]);
    for (const cell of cells) {
      expect(points[cell.index].values).toEqual([
        spec.parameters[0].values[cell.row],
        spec.parameters[1].values[cell.col],
      ]);
    }
    // A point still running is NaN: drawn hatched, read as "not run yet".
    expect(cells[2].value).toBeNaN();
    expect(heatmapCells(2, 1, [5, 6]).map((c) => [c.row, c.col])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('writes white on the dark end of the scale and black on the light end (contrast ≥ 4.5)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const rgbToHex = (rgb: string) =>
      `#${(rgb.match(/\d+/g) ?? []).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
    for (let i = 0; i <= 20; i++) {
      const t = i / 20;
      const fill = luminance(rgbToHex(interpolateCividis(t)));
      const text = luminance(textColourOn(t));
      const contrast = (Math.max(fill, text) + 0.05) / (Math.min(fill, text) + 0.05);
      expect(contrast, `t = ${t}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('outcome names in words', () => {
  it('name every outcome of every mineral, with units and formats', () => {
    expect(outcomeLabel('lithium.price.world')).toMatchObject({
      mineral: 'lithium',
      label: 'world price, refined',
      unit: 'USD/t',
      kind: 'price',
    });
    expect(outcomeLabel('cobalt.hhi.refine').label).toBe('HHI, refining');
    expect(outcomeLabel('rare_earths.top3.magnet').format(0.456)).toBe('45.6%');
    expect(outcomeLabel('nickel.unmet.zone')).toMatchObject({
      label: 'unmet demand in the zone',
      yMaxAtLeast: 0.02,
    });
    expect(outcomeNamesOf('rare_earths')).toContain('rare_earths.hhi.magnet');
    expect(allOutcomeNames()).toHaveLength(new Set(allOutcomeNames()).size);
  });
});
