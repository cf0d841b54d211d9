/**
 * docs/validation.md and its charts (docs/validation/*.svg): the model's track record against
 * the calibration and held-out episodes, made from runs of the engine. `npm run episodes` writes
 * the files; test/unit/research/validationPage.test.ts regenerates them and checks they are unchanged.
 */
import { sourceByKey } from '../data/sources.ts';
import type { SourceKey } from '../data/types.ts';
import { ENGINE_VERSION } from '../engine/results.ts';
import type { World } from '../engine/world.ts';
import { type Observation, observation } from './observations.ts';
import { type Expectation, VALIDATION_EPISODES, type ValidationEpisode } from './validation.ts';
import { episodeChart, formatValue } from './validationChart.ts';
import { type EpisodeResult, runValidation, type ValidationSettings, type Verdict } from './validationRun.ts';

/** Agents and seed of the page's runs: small, so the freshness test stays fast on a busy machine. */
export const PAGE_SETTINGS: ValidationSettings = { resolution: 5000, seed: 1 };

export const PAGE_PATH = 'docs/validation.md';
export const CHART_DIR = 'docs/validation';

const VERDICT_TEXT: Record<Verdict, string> = {
  pass: 'pass',
  miss: '**miss**',
  'not modelled': 'not modelled',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function rangeText(e: Expectation): string {
  const [lo, hi] = e.range;
  if (hi === Number.POSITIVE_INFINITY) return `≥ ${formatValue(lo, e.format)}`;
  return `${formatValue(lo, e.format)} to ${formatValue(hi, e.format)}`;
}

function observedText(e: Expectation): string {
  const keys = [...new Set(e.observed.ids.flatMap((id) => observation(id).sources))];
  const value = e.observed.text ?? formatValue(e.observed.value, e.format);
  return `${value} (${keys.map((k) => `\`${k}\``).join(', ')})`;
}

function modelText(value: number | null, e: Expectation): string {
  return value === null ? '—' : formatValue(value, e.format);
}

/** An observation's value with its unit: a share as %, a change as ±%, a ratio as ×. */
function observedValue(o: Observation): string {
  if (o.unit === 'share') return formatValue(o.value, 'share');
  if (o.unit === 'change') return formatValue(o.value, 'change');
  if (o.unit === 'ratio') return formatValue(o.value, 'multiple');
  return `${o.value.toLocaleString('en', { maximumFractionDigits: 3 })} ${o.unit}`;
}

function chartFile(episode: ValidationEpisode): string {
  return `${episode.id.toLowerCase()}.svg`;
}

function summaryRows(results: EpisodeResult[]): string[] {
  const rows: string[] = [];
  for (const { episode, results: rs } of results) {
    const label = `[${episode.id}](#${episode.id.toLowerCase()})${episode.status === 'held-out' ? ' (held out)' : ''}`;
    const seen = new Set<string>();
    for (const r of rs) {
      const group = r.expectation.group;
      if (!group) {
        rows.push(
          `| ${label} | ${cell(r.expectation.claim)} | ${cell(observedText(r.expectation))} | ${modelText(r.model, r.expectation)} | ${VERDICT_TEXT[r.verdict]} |`,
        );
        continue;
      }
      if (seen.has(group)) continue;
      seen.add(group);
      const members = rs.filter((x) => x.expectation.group === group);
      const passed = members.filter((x) => x.verdict === 'pass').length;
      const gaps = members
        .filter((x) => x.model !== null && Number.isFinite(x.model))
        .map((x) => 100 * Math.abs((x.model as number) - x.expectation.observed.value));
      const worst = gaps.length ? `largest gap ${Math.max(...gaps).toFixed(1)} pp` : '—';
      const keys = [
        ...new Set(
          members.flatMap((x) => x.expectation.observed.ids.flatMap((id) => observation(id).sources)),
        ),
      ];
      rows.push(
        `| ${label} | ${cell(group)} | ${members.length} figures (${keys.map((k) => `\`${k}\``).join(', ')}) | ${worst} | ${passed === members.length ? 'pass' : '**miss**'}: ${passed} of ${members.length} |`,
      );
    }
  }
  return rows;
}

function tally(results: EpisodeResult[], status: ValidationEpisode['status']) {
  const rs = results.filter((r) => r.episode.status === status).flatMap((r) => r.results);
  const judged = rs.filter((r) => r.verdict !== 'not modelled');
  return {
    passed: judged.filter((r) => r.verdict === 'pass').length,
    judged: judged.length,
    notModelled: rs.length - judged.length,
  };
}

function episodeSection(result: EpisodeResult, hasChart: boolean): string[] {
  const { episode, results } = result;
  const lines: string[] = [
    '',
    `<a id="${episode.id.toLowerCase()}"></a>`,
    '',
    `## ${episode.id}. ${episode.title}`,
    '',
    episode.about,
    '',
    '| expectation | range | observed | model | verdict | how the model’s figure is measured |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const e = r.expectation;
    const range = e.rangeNote ? `${rangeText(e)} (${e.rangeNote})` : rangeText(e);
    lines.push(
      `| ${cell(e.claim)} | ${cell(range)} | ${cell(observedText(e))} | ${modelText(r.model, e)} | ${VERDICT_TEXT[r.verdict]} | ${cell(e.how)} |`,
    );
  }
  if (hasChart) {
    const what =
      episode.chart === 'dots'
        ? 'observed (vermillion diamonds) beside the model (blue dots), with each expected range shaded'
        : "the model's path (lines) over months since the event beside the observed points (vermillion diamonds), with the expected ranges shaded";
    lines.push('', `![${episode.id}: ${what}](validation/${chartFile(episode)})`);
  }
  const ids = [...new Set(results.flatMap((r) => r.expectation.observed.ids))];
  lines.push(
    '',
    '<details><summary>Observed figures</summary>',
    '',
    '| figure | date | value | sources |',
    '| --- | --- | --- | --- |',
  );
  for (const id of ids) {
    const o = observation(id);
    const value = observedValue(o);
    const note = o.note ? ` (${o.note})` : '';
    lines.push(
      `| ${cell(o.what + note)} | ${o.date} | ${cell(value)} | ${o.sources.map((k) => `\`${k}\``).join(', ')} |`,
    );
  }
  lines.push('', '</details>');
  return lines;
}

/** The page and its charts, keyed by path relative to the repository root. */
export function renderValidation(
  results: EpisodeResult[],
  settings: ValidationSettings,
): Map<string, string> {
  const files = new Map<string, string>();
  const calibration = tally(results, 'calibration');
  const heldOut = tally(results, 'held-out');
  const keys = new Set<SourceKey>(
    results.flatMap((r) =>
      r.results.flatMap((x) => x.expectation.observed.ids.flatMap((id) => observation(id).sources)),
    ),
  );
  const page: string[] = [
    '# Validation: the model against history',
    '',
    `<!-- Generated by \`npm run episodes\`; do not edit. test/unit/research/validationPage.test.ts regenerates this page and its charts and fails when they differ. -->`,
    '',
    `Every calibration episode of the project's data (structural targets S1–S4 and the historical episodes V2, V10, V11) and the held-out episodes (H1–H5, **not used for calibration**), each with its checkable expectations: the observed figure with its source keys, the model's figure for the same quantity, and a verdict (pass when the model's figure lies in the range). Runs: ${settings.resolution.toLocaleString('en')} agents, seed ${settings.seed}, engine version ${ENGINE_VERSION}, on the world calibrated to 2024 — so a past episode is replayed on today's market structure, not the one of its year. Scenarios, expectations and measures: [src/research/validation.ts](../src/research/validation.ts) and the files it lists; observed figures: [src/research/observations.ts](../src/research/observations.ts); sources: [src/data/sources.ts](../src/data/sources.ts) and the list at the end. The model is described in [model.md](model.md).`,
    '',
    `**Track record:** calibration expectations met: ${calibration.passed} of ${calibration.judged}; held-out expectations met: ${heldOut.passed} of ${heldOut.judged}; not modelled: ${calibration.notModelled + heldOut.notModelled}. A **miss** is the model's, not the data's: the page says plainly where today's engine is wrong.`,
    '',
    '## Summary',
    '',
    '| episode | expectation | observed | model | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...summaryRows(results),
  ];
  for (const result of results) {
    const chart = result.runs ? episodeChart(result, result.episode.about.replace(/\*\*/g, '')) : null;
    if (chart) files.set(`${CHART_DIR}/${chartFile(result.episode)}`, chart);
    page.push(...episodeSection(result, chart !== null));
  }
  page.push('', '## Sources', '');
  for (const key of [...keys].sort()) {
    const s = sourceByKey(key);
    page.push(`- \`${key}\`: ${s.title}. ${s.publisher}, ${s.year}. ${s.url}`);
  }
  page.push('');
  files.set(PAGE_PATH, page.join('\n'));
  return files;
}

/** Runs every validation episode and renders the page and charts. */
export function buildValidationPage(
  world: World,
  settings: ValidationSettings = PAGE_SETTINGS,
): Map<string, string> {
  return renderValidation(runValidation(world, VALIDATION_EPISODES, settings), settings);
}
