/**
 * The browser tests' page for the share controls (test-pages/links.html): a stub scenario
 * store, a Run button that runs the engine in the page (single thread, small scenarios) and
 * prints a SHA-256 of every result array, one styled test chart and a small test map. The
 * real app mounts the same controls (see docs/links.md); this page lets the tests drive them
 * before that wiring exists, under the app's Content-Security-Policy.
 */

import type { RunResults } from '../../src/engine/results.ts';
import { createSimulation } from '../../src/engine/simulation.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { calibratedWorld } from '../../src/scenario/world.ts';
import { isEmbedMode, mountShareControls, SVG_NS } from '../../src/share/index.ts';
import './links-page.css';

function must(result: ReturnType<typeof validateScenario>): Scenario {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

let scenario = must(validateScenario({ version: 1, name: 'Test page default', months: 6, resolution: 1000 }));
let run: { results: RunResults; scenario: Scenario } | null = null;

const page = document.querySelector<HTMLElement>('#page')!;
const title = document.createElement('h1');
title.textContent = 'Share controls test page';
const name = document.createElement('p');
name.id = 'scenario-name';
const json = document.createElement('pre');
json.id = 'scenario-json';
const runButton = document.createElement('button');
runButton.id = 'run';
runButton.type = 'button';
runButton.textContent = 'Run';
const nextSeed = document.createElement('button');
nextSeed.id = 'next-seed';
nextSeed.type = 'button';
nextSeed.textContent = 'Next seed';
const resultsHash = document.createElement('output');
resultsHash.id = 'results-hash';
const shareHost = document.createElement('div');
shareHost.id = 'share';

function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  return element;
}

// A chart styled only by the stylesheet (.test-chart rules in links-page.css), so the SVG export
// must copy the computed styles to look the same on its own.
const chart = svgElement('svg', { class: 'test-chart', viewBox: '0 0 200 100', width: '200', height: '100' });
[30, 70, 50].forEach((h, i) => {
  chart.append(
    svgElement('rect', {
      class: 'bar',
      x: String(20 + i * 60),
      y: String(100 - h),
      width: '40',
      height: String(h),
    }),
  );
});
const label = svgElement('text', { class: 'label', x: '10', y: '15' });
label.textContent = 'Price <USD/t> & share';
chart.append(label);

const map = svgElement('svg', { class: 'test-map', viewBox: '0 0 300 150', width: '300', height: '150' });
map.append(svgElement('path', { class: 'land', d: 'M10 10 L290 10 L150 140 Z' }));

page.append(title, name, json, runButton, nextSeed, resultsHash, chart, map, shareHost);

function render() {
  name.textContent = scenario.name;
  json.textContent = JSON.stringify(scenario);
}

async function fingerprint(results: RunResults): Promise<string> {
  const parts: Uint8Array[] = [];
  for (const series of Object.values(results.series)) parts.push(new Uint8Array(series.buffer));
  parts.push(
    new Uint8Array(results.stockpileTonnes.buffer),
    new Uint8Array(results.conservationError.buffer),
  );
  results.flowTonnes.forEach((f, m) => {
    parts.push(new Uint8Array(f.buffer), new Uint8Array(results.flowKeys[m].buffer));
  });
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const share = mountShareControls(shareHost, {
  getScenario: () => scenario,
  setScenario: (next) => {
    scenario = next;
    run = null;
    resultsHash.textContent = '';
    render();
    share.refresh();
  },
  getResults: () => run,
  getChartSvgs: () => [{ name: 'Test chart', svg: chart }],
  getMap: () => map,
});

runButton.addEventListener('click', async () => {
  resultsHash.textContent = '';
  const current = scenario;
  const results = createSimulation(calibratedWorld(), current).run();
  run = { results, scenario: current };
  share.refresh();
  resultsHash.textContent = await fingerprint(results);
});

nextSeed.addEventListener('click', () => {
  scenario = { ...scenario, seed: scenario.seed + 1 };
  render();
  share.scenarioChanged();
});

render();
document.body.dataset.embed = isEmbedMode() ? '1' : '0';
void share.ready.then(() => {
  document.body.dataset.ready = '1';
});
