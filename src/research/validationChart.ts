/**
 * SVG charts of the validation page, made as strings in Node (d3 scales and line paths, no
 * DOM): per episode either time panels (the model's path over months since the event, the
 * observed points, the expectation ranges as shaded bands) or a dot plot (observed beside model
 * per expectation, with its range) for the structural targets. Colours are Okabe–Ito; marker
 * shapes repeat what colour says. Coordinates are rounded so the files are byte-stable.
 */
import { line, scaleLinear } from 'd3';
import { OKABE_ITO } from '../viz/palette.ts';
import type { Format, Panel, ValidationEpisode } from './validation.ts';
import type { EpisodeResult } from './validationRun.ts';

const WIDTH = 760;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
const LINE_COLOURS = [OKABE_ITO.blue, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple];
const OBSERVED = OKABE_ITO.vermillion;
const BAND = '#009E7333';

const r1 = (x: number) => (Math.round(x * 10) / 10).toString();

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A figure as the page shows it: +52%, 42.9%, 1.31, ×12.1. */
export function formatValue(value: number, format: Format): string {
  if (Number.isNaN(value)) return 'no value';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  switch (format) {
    case 'change': {
      const pct = Math.round(100 * value);
      return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)}%`;
    }
    case 'share':
      return `${(100 * value).toFixed(1)}%`;
    case 'ratio':
      return value.toFixed(2);
    case 'multiple':
      return `×${value.toFixed(value >= 10 ? 1 : 2)}`;
  }
}

/** Months from `from` to `to` (dates 'YYYY' = mid-year, as an annual figure; 'YYYY-MM' = mid-month; 'YYYY-MM-DD'; a month counted as 30 days). */
export function monthsBetween(from: string, to: string): number {
  const asMonths = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    if (m === undefined) return y * 12 + 6;
    if (d === undefined) return y * 12 + (m - 1) + 0.5;
    return y * 12 + (m - 1) + (d - 1) / 30;
  };
  return asMonths(to) - asMonths(from);
}

function diamond(x: number, y: number, size: number, colour: string): string {
  return `<path d="M${r1(x)},${r1(y - size)}L${r1(x + size)},${r1(y)}L${r1(x)},${r1(y + size)}L${r1(x - size)},${r1(y)}Z" fill="${colour}" stroke="#fff" stroke-width="1"/>`;
}

function tickLabel(value: number, format: Format): string {
  if (format === 'share') return `${Math.round(100 * value)}%`;
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** A band as values: an expectation's range (a change drawn as an index, 1 + change) or given values. */
function resolveBand(
  episode: ValidationEpisode,
  band: Panel['bands'][number],
): { from: number; to: number; lo: number; hi: number; label: string } {
  if (!('expectation' in band)) return band;
  const e = episode.expectations.find((x) => x.id === band.expectation);
  if (!e) throw new Error(`${episode.id}: a chart band names an unknown expectation ${band.expectation}`);
  const asIndex = (v: number) => (e.format === 'change' ? 1 + v : v);
  const [lo, hi] = e.range;
  const label =
    hi === Number.POSITIVE_INFINITY
      ? `≥ ${formatValue(lo, e.format)}`
      : `${formatValue(lo, e.format)} to ${formatValue(hi, e.format)}`;
  return { from: band.from, to: band.to, lo: asIndex(lo), hi: asIndex(hi), label };
}

/** One time panel at vertical offset `top`; returns the SVG group and its height. */
function timePanel(result: EpisodeResult, panel: Panel, top: number): { svg: string; height: number } {
  const { episode, runs } = result;
  if (!runs) return { svg: '', height: 0 };
  const [k0, k1] = episode.window ?? [0, episode.months - 1 - episode.event.month];
  const margin = { left: 64, right: 24, top: 52, bottom: 40 };
  const height = 270;
  const x = scaleLinear()
    .domain([k0, k1])
    .range([margin.left, WIDTH - margin.right]);
  const lines = panel.lines.map((l) => {
    const pts: [number, number][] = [];
    for (let k = k0; k <= k1; k++) {
      const month = runs.event + k;
      if (month < 0 || month >= runs.scenario.monthsDone) continue;
      const v = l.value(runs, k);
      if (Number.isFinite(v)) pts.push([k, v]);
    }
    return { label: l.label, pts };
  });
  const points = panel.points.map((p) => ({ ...p, k: monthsBetween(episode.event.date, p.date) }));
  const bands = panel.bands.map((b) => resolveBand(episode, b));
  const values = [
    ...lines.flatMap((l) => l.pts.map((p) => p[1])),
    ...points.map((p) => p.value),
    ...bands.flatMap((b) => [b.lo, Number.isFinite(b.hi) ? b.hi : b.lo * 1.4]),
    1,
  ].filter(Number.isFinite);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.08 || 0.1;
  const y = scaleLinear()
    .domain([Math.max(0, lo - pad), hi + pad])
    .nice()
    .range([top + height - margin.bottom, top + margin.top]);
  const [yTop] = y.range().slice(1);
  const yBottom = y.range()[0];
  const parts: string[] = [];
  parts.push(
    `<text x="${margin.left}" y="${top + 18}" font-size="14" font-weight="600">${escapeXml(panel.title)}</text>`,
  );
  // Axes and grid.
  for (const t of y.ticks(5)) {
    parts.push(
      `<line x1="${margin.left}" x2="${WIDTH - margin.right}" y1="${r1(y(t))}" y2="${r1(y(t))}" stroke="#ddd"/>`,
      `<text x="${margin.left - 6}" y="${r1(y(t) + 4)}" font-size="11" text-anchor="end">${tickLabel(t, panel.format)}</text>`,
    );
  }
  for (const t of x.ticks(8)) {
    parts.push(
      `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${r1(yBottom)}" y2="${r1(yBottom + 4)}" stroke="#333"/>`,
      `<text x="${r1(x(t))}" y="${r1(yBottom + 16)}" font-size="11" text-anchor="middle">${t}</text>`,
    );
  }
  parts.push(
    `<line x1="${margin.left}" x2="${WIDTH - margin.right}" y1="${r1(yBottom)}" y2="${r1(yBottom)}" stroke="#333"/>`,
    `<line x1="${r1(x(0))}" x2="${r1(x(0))}" y1="${r1(yTop)}" y2="${r1(yBottom)}" stroke="#333" stroke-dasharray="2 3"/>`,
    `<text x="${r1((margin.left + WIDTH - margin.right) / 2)}" y="${r1(yBottom + 32)}" font-size="11" text-anchor="middle">months since ${escapeXml(episode.event.date)} (model month ${episode.event.month})</text>`,
    `<text transform="translate(16 ${r1((yTop + yBottom) / 2)}) rotate(-90)" font-size="11" text-anchor="middle">${escapeXml(panel.yLabel)}</text>`,
  );
  // Expectation bands, clipped to the plot, labelled under the band.
  const [dLo, dHi] = y.domain();
  const placed: { x: number; y: number; w: number }[] = [];
  const labelAt = (lx: number, ly0: number, text: string) => {
    const w = 5.6 * text.length;
    let ly = ly0;
    while (placed.some((b) => Math.abs(b.y - ly) < 11 && lx < b.x + b.w && b.x < lx + w)) ly += 12;
    placed.push({ x: lx, y: ly, w });
    return ly;
  };
  for (const b of bands) {
    const bx0 = x(Math.max(k0, b.from));
    const bx1 = x(Math.min(k1, b.to));
    const by0 = y(Math.min(dHi, b.hi));
    const by1 = y(Math.max(dLo, b.lo));
    const ly = labelAt(bx0 + 2, by1 + 11, b.label);
    parts.push(
      `<rect x="${r1(bx0)}" y="${r1(by0)}" width="${r1(Math.max(2, bx1 - bx0))}" height="${r1(Math.max(1, by1 - by0))}" fill="${BAND}" stroke="${OKABE_ITO.bluishGreen}" stroke-dasharray="4 2"/>`,
      `<text x="${r1(bx0 + 2)}" y="${r1(ly)}" font-size="10" fill="#00664a">${escapeXml(b.label)}</text>`,
    );
  }
  // Model lines (solid, dashed, dotted repeat the colour).
  const dashes = ['', ' stroke-dasharray="6 3"', ' stroke-dasharray="2 2"'];
  const path = line<[number, number]>()
    .x((p) => Math.round(x(p[0]) * 10) / 10)
    .y((p) => Math.round(y(Math.min(dHi, p[1])) * 10) / 10);
  lines.forEach((l, i) => {
    if (l.pts.length > 0)
      parts.push(
        `<path d="${path(l.pts)}" fill="none" stroke="${LINE_COLOURS[i % LINE_COLOURS.length]}" stroke-width="2"${dashes[i % dashes.length]}/>`,
      );
  });
  // Observed points, labelled; a label that would cover an earlier one moves down a line.
  for (const p of points) {
    if (p.k < k0 || p.k > k1) continue;
    const px = x(p.k);
    const py = y(p.value);
    parts.push(diamond(px, py, 6, OBSERVED));
    // A label that would run past the right edge goes to the left of its point.
    const w = 5.6 * p.label.length;
    const lx = px + 8 + w > WIDTH - 4 ? px - 8 - w : px + 8;
    const ly = labelAt(lx, py - 6, p.label);
    parts.push(
      `<text x="${r1(lx)}" y="${r1(ly)}" font-size="10" fill="#8a3a00">${escapeXml(p.label)}</text>`,
    );
  }
  // Legend under the title, left to right.
  let lx = margin.left;
  const ly = top + 34;
  lines.forEach((l, i) => {
    parts.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${LINE_COLOURS[i % LINE_COLOURS.length]}" stroke-width="2"${dashes[i % dashes.length]}/>`,
      `<text x="${lx + 26}" y="${ly + 4}" font-size="10">${escapeXml(l.label)}</text>`,
    );
    lx += 40 + 6 * l.label.length;
  });
  if (points.length > 0) {
    parts.push(
      diamond(lx + 6, ly, 5, OBSERVED),
      `<text x="${lx + 16}" y="${ly + 4}" font-size="10">observed</text>`,
    );
    lx += 70;
  }
  if (bands.length > 0)
    parts.push(
      `<rect x="${lx}" y="${ly - 6}" width="22" height="12" fill="${BAND}" stroke="${OKABE_ITO.bluishGreen}" stroke-dasharray="4 2"/>`,
      `<text x="${lx + 26}" y="${ly + 4}" font-size="10">expected range</text>`,
    );
  return { svg: parts.join('\n'), height };
}

/** Dot plot: per expectation (shares), the range, the observed figure and the model's. */
function dotPlot(result: EpisodeResult): { svg: string; height: number } {
  const rows = result.results;
  const margin = { left: 360, right: 24, top: 40, bottom: 40 };
  const rowH = 22;
  const height = margin.top + rows.length * rowH + margin.bottom;
  const x = scaleLinear()
    .domain([0, 1])
    .range([margin.left, WIDTH - margin.right]);
  const parts: string[] = [];
  parts.push(
    `<text x="8" y="18" font-size="14" font-weight="600">${escapeXml(`${result.episode.id}. ${result.episode.title}`)}</text>`,
    diamond(margin.left + 4, 28, 5, OBSERVED),
    `<text x="${margin.left + 14}" y="32" font-size="10">observed</text>`,
    `<circle cx="${margin.left + 84}" cy="28" r="5" fill="${OKABE_ITO.blue}"/>`,
    `<text x="${margin.left + 94}" y="32" font-size="10">model</text>`,
    `<rect x="${margin.left + 140}" y="22" width="22" height="12" fill="${BAND}" stroke="${OKABE_ITO.bluishGreen}" stroke-dasharray="4 2"/>`,
    `<text x="${margin.left + 166}" y="32" font-size="10">expected range</text>`,
  );
  const bottom = margin.top + rows.length * rowH;
  for (const t of x.ticks(10)) {
    parts.push(
      `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${margin.top}" y2="${bottom}" stroke="#e4e4e4"/>`,
      `<text x="${r1(x(t))}" y="${bottom + 16}" font-size="11" text-anchor="middle">${Math.round(100 * t)}%</text>`,
    );
  }
  rows.forEach((row, i) => {
    const cy = margin.top + i * rowH + rowH / 2;
    const e = row.expectation;
    const claim = row.model === null ? `${e.claim} (not modelled)` : e.claim;
    const label = claim.length > 62 ? `${claim.slice(0, 60)}…` : claim;
    parts.push(
      `<text x="${margin.left - 8}" y="${r1(cy + 4)}" font-size="11" text-anchor="end">${escapeXml(label)}</text>`,
    );
    const [lo, hi] = e.range;
    const bx0 = x(Math.max(0, lo));
    const bx1 = x(Math.min(1, hi));
    parts.push(
      `<rect x="${r1(bx0)}" y="${r1(cy - 7)}" width="${r1(Math.max(2, bx1 - bx0))}" height="14" fill="${BAND}" stroke="${OKABE_ITO.bluishGreen}" stroke-dasharray="4 2"/>`,
    );
    parts.push(diamond(x(e.observed.value), cy, 6, OBSERVED));
    if (row.model !== null && Number.isFinite(row.model)) {
      parts.push(
        `<circle cx="${r1(x(Math.max(0, Math.min(1, row.model))))}" cy="${r1(cy)}" r="5" fill="${OKABE_ITO.blue}" fill-opacity="0.85"/>`,
      );
    }
  });
  parts.push(
    `<line x1="${margin.left}" x2="${WIDTH - margin.right}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`,
  );
  return { svg: parts.join('\n'), height };
}

/** The episode's chart as a standalone SVG document, or null when it has none. */
export function episodeChart(result: EpisodeResult, caption: string): string | null {
  const { episode } = result;
  if (!result.runs) return null;
  let body: string;
  let height: number;
  if (episode.chart === 'dots') {
    ({ svg: body, height } = dotPlot(result));
  } else {
    if (episode.chart.length === 0) return null;
    const groups: string[] = [];
    let top = 0;
    for (const panel of episode.chart) {
      const p = timePanel(result, panel, top);
      groups.push(p.svg);
      top += p.height;
    }
    body = groups.join('\n');
    height = top;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="title desc" ${FONT} fill="#222">`,
    `<title id="title">${escapeXml(`${episode.id}. ${episode.title}: model against observed`)}</title>`,
    `<desc id="desc">${escapeXml(caption)}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}
