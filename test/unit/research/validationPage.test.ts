/**
 * The validation page (docs/validation.md and docs/validation/*.svg) is what `npm run episodes`
 * makes from today's engine: regenerating it gives byte-identical files. Also: every observed
 * figure names known sources and agrees with the vendored price data, and the verdicts and the
 * comparison can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../../scripts/generate-calibration.mjs';
import { hasSource } from '../../../src/data/sources.ts';
import { OBSERVATIONS, observation } from '../../../src/research/observations.ts';
import { VALIDATION_EPISODES } from '../../../src/research/validation.ts';
import { formatValue, monthsBetween } from '../../../src/research/validationChart.ts';
import {
  CHART_DIR,
  PAGE_PATH,
  PAGE_SETTINGS,
  renderValidation,
} from '../../../src/research/validationPage.ts';
import { type EpisodeResult, judge, runValidation } from '../../../src/research/validationRun.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import { HOOK_TIMEOUT_MS } from '../../timeouts.ts';

const root = resolve(import.meta.dirname, '../../..');
let results: EpisodeResult[];
let files: Map<string, string>;

// The runs are small (5,000 agents) but many; a busy 2-core machine gets a generous timeout.
beforeAll(() => {
  results = runValidation(calibratedWorld(), VALIDATION_EPISODES, PAGE_SETTINGS);
  files = renderValidation(results, PAGE_SETTINGS);
}, HOOK_TIMEOUT_MS);

describe('docs/validation.md', () => {
  it('is exactly what `npm run episodes` makes (run it and commit the result when this fails)', () => {
    const committedCharts = readdirSync(resolve(root, CHART_DIR))
      .filter((name) => name.endsWith('.svg'))
      .map((name) => `${CHART_DIR}/${name}`)
      .sort();
    const made = [...files.keys()].filter((p) => p !== PAGE_PATH).sort();
    expect(committedCharts).toEqual(made);
    for (const [path, content] of files) {
      expect(readFileSync(resolve(root, path), 'utf8'), path).toBe(content);
    }
  });

  it('has a summary row per expectation (groups collapsed) and a section and verdict per episode', () => {
    const page = files.get(PAGE_PATH) ?? '';
    for (const { episode } of results) expect(page).toContain(`## ${episode.id}. ${episode.title}`);
    const summary = page.slice(page.indexOf('## Summary'), page.indexOf('<a id='));
    const rows = summary.split('\n').filter((l) => l.startsWith('| ['));
    const groups = new Set(
      results.flatMap((r) => r.results.map((x) => x.expectation.group ?? x.expectation.id)),
    );
    expect(rows.length).toBe(groups.size);
    for (const row of rows) expect(row).toMatch(/\| (pass|\*\*miss\*\*|not modelled)[^|]*\|$/);
    expect(page).toContain('held out');
  });

  it('changes when a model figure changes (the freshness check can fail)', () => {
    const altered = results.map((r) => ({
      ...r,
      results: r.results.map((x) =>
        x.expectation.id === 'V11.wedge' ? { ...x, model: 9, verdict: 'miss' as const } : x,
      ),
    }));
    expect(renderValidation(altered, PAGE_SETTINGS).get(PAGE_PATH)).not.toBe(files.get(PAGE_PATH));
  });

  it('draws a chart for every episode the model can run, with the observed points and the model path', () => {
    for (const r of results) {
      const chart = files.get(`${CHART_DIR}/${r.episode.id.toLowerCase()}.svg`);
      if (!r.runs || (Array.isArray(r.episode.chart) && r.episode.chart.length === 0)) {
        expect(chart, r.episode.id).toBeUndefined();
        continue;
      }
      expect(chart, r.episode.id).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(chart).not.toContain('NaN');
      if (r.episode.chart === 'dots') expect(chart).toContain('<circle');
      else expect(chart).toMatch(/<path d="M[\d.]+,[\d.]+L/);
    }
  });
});

describe('validation verdicts', () => {
  it('passes inside the range (inclusive), misses outside it or without a number, and marks what is not modelled', () => {
    const e = VALIDATION_EPISODES.find((x) => x.id === 'V11')?.expectations[0];
    if (!e) throw new Error('no V11 expectation');
    expect(judge(e, 1.15)).toBe('pass');
    expect(judge(e, 1.45)).toBe('pass');
    expect(judge(e, 1.1)).toBe('miss');
    expect(judge(e, Number.NaN)).toBe('miss');
    expect(judge(e, null)).toBe('not modelled');
  });

  it('formats figures and aligns dates to months since the event', () => {
    expect(formatValue(0.523, 'change')).toBe('+52%');
    expect(formatValue(-0.8, 'change')).toBe('−80%');
    expect(formatValue(0.429, 'share')).toBe('42.9%');
    expect(formatValue(12.125, 'multiple')).toBe('×12.1');
    expect(monthsBetween('2014-01', '2014-05')).toBe(4);
    expect(monthsBetween('2021-01', '2022')).toBe(17.5);
    expect(monthsBetween('2014-01-01', '2014-01-16')).toBe(0.5);
  });
});

describe('observed figures', () => {
  it('have unique ids and name sources the project knows', () => {
    expect(new Set(OBSERVATIONS.map((o) => o.id)).size).toBe(OBSERVATIONS.length);
    for (const o of OBSERVATIONS) {
      expect(o.sources.length, o.id).toBeGreaterThan(0);
      for (const key of o.sources) expect(hasSource(key), `${o.id}: ${key}`).toBe(true);
    }
    for (const e of VALIDATION_EPISODES.flatMap((x) => x.expectations))
      for (const id of e.observed.ids) expect(() => observation(id), `${e.id}: ${id}`).not.toThrow();
  });

  it('agree with the vendored price data (data/inputs/prices.csv) wherever they are prices', () => {
    const prices = readInputs().prices;
    const factor: Record<string, number> = { 'USD/t': 1, 'USD/kg': 1000, 'USD/lb': 2204.62, 'USD/wet t': 1 };
    const checked = OBSERVATIONS.filter((o) => o.unit in factor || o.unit.startsWith('USD/t '));
    expect(checked.length).toBeGreaterThan(20);
    for (const o of checked) {
      const perTonne = o.value * (factor[o.unit] ?? 1);
      const match = prices.some(
        (row) =>
          o.sources.includes(row.source) &&
          (Math.abs(Number(row.usd_per_tonne) / perTonne - 1) < 0.005 ||
            Number(row.original_value) === o.value),
      );
      expect(match, `${o.id} (${o.value} ${o.unit}) is not in prices.csv`).toBe(true);
    }
  });
});
