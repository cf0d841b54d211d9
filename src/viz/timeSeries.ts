/**
 * A small time-series chart: months on x, one metric on y, several lines (the scenario's in
 * colour, the status quo's thin and grey behind them), optional shaded bands (an ensemble's
 * 5–95% range behind its median), optional threshold lines (HHI 1,800),
 * and a crosshair that reads every line's value at a month. The crosshair follows the pointer
 * or the arrow keys (the chart is focusable); a click or Enter picks that month for the other
 * views. Created once, then update(data) on each frame that has something new.
 */
import { area, axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import { monthLabel } from '../present/format.ts';
import { legendSample } from './legendSample';

export interface ChartLine {
  id: string;
  label: string;
  colour: string;
  /** SVG dash array, so colour is never the only cue. */
  dash?: string;
  values: ArrayLike<number>;
  /** Drawn thin and grey behind the others (the status quo). */
  comparison?: boolean;
}

/** A shaded range between two series (an ensemble's 5th and 95th percentiles), drawn behind the lines. */
export interface ChartBand {
  id: string;
  label: string;
  colour: string;
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
}

export interface ChartData {
  /** Length of the run: the x axis spans months 0 … months − 1. */
  months: number;
  lines: readonly ChartLine[];
  bands?: readonly ChartBand[];
  thresholds?: readonly { value: number; label: string }[];
  /** Crosshair month (from any chart), or null. */
  hoverMonth: number | null;
  /** Month the other views show (a faint marker). */
  shownMonth: number | null;
}

export interface ChartOptions {
  title: string;
  /** Unit shown under the title, e.g. 'USD/t (model)'. */
  unit: string;
  format: (value: number) => string;
  axisFormat?: (value: number) => string;
  /** Fixed lower bound (0 for shares and money); the upper bound follows the data. */
  yMin?: number;
  /** Smallest upper bound, e.g. 1 for shares. */
  yMaxAtLeast?: number;
  onHover(month: number | null): void;
  onPick(month: number): void;
}

export interface TimeSeriesChart {
  readonly element: HTMLElement;
  readonly svg: SVGSVGElement;
  update(data: ChartData): void;
  /** What the chart shows now (its title may name the mineral), for exports and tables. */
  snapshot(): { title: string; unit: string; format: (v: number) => string; data: ChartData | null };
}

/**
 * A chart's numbers as rows: month, date, each line of the scenario, then the status quo's.
 * One row per month drawn; empty cells where a line has no value.
 */
export function chartRows(
  data: ChartData,
  format?: (v: number) => string,
): {
  header: string[];
  rows: (string | number)[][];
} {
  const lines = [...data.lines.filter((l) => !l.comparison), ...data.lines.filter((l) => l.comparison)];
  const header = ['month', 'date', ...lines.map((l) => (l.comparison ? `status quo: ${l.label}` : l.label))];
  const months = lines.reduce((a, l) => Math.max(a, l.values.length), 0);
  const rows: (string | number)[][] = [];
  for (let m = 0; m < months; m++) {
    rows.push([
      m,
      monthLabel(m),
      ...lines.map((l) => {
        const v = l.values[m];
        if (v === undefined || !Number.isFinite(v)) return '';
        return format ? format(v) : v;
      }),
    ]);
  }
  return { header, rows };
}

/**
 * Months to tick on the x axis: every year or two for long runs; for runs of up to three years,
 * every 1, 2, 3 or 6 months, as the width allows (about 44 px a label), so a 12-month run reads
 * "2026, Feb, Mar, …" rather than a lone "2026".
 */
export function monthTicks(months: number, width: number): number[] {
  const room = Math.max(2, Math.floor(width / 44));
  const steps = months > 36 ? [12, 24, 36, 60] : [1, 2, 3, 6, 12];
  const step = steps.find((s) => Math.ceil(months / s) <= room) ?? steps[steps.length - 1];
  const ticks: number[] = [];
  for (let m = 0; m < months; m += step) ticks.push(m);
  return ticks;
}

/** A tick's label: the year at January, else the month's name. */
export function tickLabel(month: number): string {
  const label = monthLabel(month);
  return month % 12 === 0 ? label.slice(4) : label.slice(0, 3);
}

const HEIGHT = 150;
/** Bands are light enough for the lines over them to keep their contrast. */
const BAND_OPACITY = 0.28;
const MARGIN = { top: 8, right: 10, bottom: 20, left: 44 };
/** A chart's width, px, until its figure's width is known (and where it is hidden). */
const PROVISIONAL_WIDTH = 300;

let chartCount = 0;

export function createTimeSeries(container: HTMLElement, options: ChartOptions): TimeSeriesChart {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  const caption = document.createElement('figcaption');
  const title = document.createElement('strong');
  title.textContent = options.title;
  const unit = document.createElement('span');
  unit.className = 'chart-unit';
  unit.textContent = options.unit;
  caption.append(title, unit);
  const legend = document.createElement('ul');
  legend.className = 'chart-legend';
  const readout = document.createElement('p');
  readout.className = 'chart-readout';
  readout.setAttribute('aria-live', 'off');
  figure.append(caption, legend);
  container.append(figure);

  const svg = select(figure)
    .append('svg')
    .attr('class', 'chart-svg')
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', options.title)
    .attr('aria-describedby', null);
  // How to read the chart from the keyboard: a description on the page only, so an exported
  // SVG (which copies the chart's own attributes) carries the title alone.
  const keys = document.createElement('span');
  keys.className = 'visually-hidden chart-keys';
  keys.id = `chart-keys-${++chartCount}`;
  keys.textContent = 'Use the left and right arrow keys to read months, Enter to show a month.';
  figure.append(keys);
  svg.attr('aria-describedby', keys.id);
  figure.append(readout);
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const xAxis = plot.append('g').attr('class', 'axis axis-x');
  const yAxis = plot.append('g').attr('class', 'axis axis-y');
  const thresholdLayer = plot.append('g').attr('class', 'thresholds');
  const shownLine = plot.append('line').attr('class', 'shown-month');
  const bandsLayer = plot.append('g').attr('class', 'bands');
  const linesLayer = plot.append('g').attr('class', 'lines');
  const crosshair = plot.append('line').attr('class', 'crosshair').style('display', 'none');
  const dots = plot.append('g').attr('class', 'dots');
  const overlay = plot.append('rect').attr('class', 'overlay').attr('fill', 'transparent');

  let data: ChartData | null = null;
  let width = 0;
  let legendKey = '';
  let lastScaleKey = '';
  let grown: { key: string; length: number; lo: number; hi: number } | null = null;

  const x = scaleLinear();
  const y = scaleLinear();

  const monthAt = (clientX: number) => {
    const box = (overlay.node() as SVGRectElement).getBoundingClientRect();
    const m = Math.round(x.invert(clientX - box.left));
    return Math.max(0, Math.min((data?.months ?? 1) - 1, m));
  };
  overlay
    .on('pointermove', (event: PointerEvent) => options.onHover(monthAt(event.clientX)))
    .on('pointerleave', () => options.onHover(null))
    .on('click', (event: MouseEvent) => options.onPick(monthAt(event.clientX)));
  svg.on('keydown', (event: KeyboardEvent) => {
    if (!data) return;
    const last = Math.max(0, longest(data) - 1);
    const current = data.hoverMonth ?? Math.min(data.shownMonth ?? last, last);
    let next: number | null = current;
    if (event.key === 'ArrowLeft') next = Math.max(0, current - 1);
    else if (event.key === 'ArrowRight') next = Math.min(last, current + 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else if (event.key === 'Escape') next = null;
    else if (event.key === 'Enter' || event.key === ' ') {
      options.onPick(current);
      event.preventDefault();
      return;
    } else return;
    event.preventDefault();
    options.onHover(next);
  });
  svg.on('blur', () => options.onHover(null));

  // Redraw at the real pixel width, so text stays the same size in every layout.
  const observer = new ResizeObserver(() => {
    const w = Math.floor(figure.clientWidth);
    if (w > 0 && w !== width) {
      width = w;
      if (data) draw(data);
    }
  });
  observer.observe(figure);

  function longest(d: ChartData): number {
    const lines = d.lines.reduce((a, l) => (l.comparison ? a : Math.max(a, l.values.length)), 0);
    return (d.bands ?? []).reduce((a, b) => Math.max(a, b.lo.length), lines);
  }

  function drawLegend(d: ChartData) {
    const bands = d.bands ?? [];
    const key = [
      ...bands.map((b) => `band:${b.id}${b.colour}`),
      ...d.lines.map((l) => `${l.id}${l.colour}${l.dash}`),
    ].join();
    if (key === legendKey) return;
    legendKey = key;
    legend.replaceChildren();
    for (const b of bands) {
      const li = document.createElement('li');
      const sample = legendSample(li, 18, 10);
      sample
        .append('rect')
        .attr('width', 18)
        .attr('height', 10)
        .attr('fill', b.colour)
        .attr('fill-opacity', BAND_OPACITY);
      const text = document.createElement('span');
      text.textContent = b.label;
      li.append(text);
      legend.append(li);
    }
    const seen = new Set<string>();
    for (const l of d.lines) {
      const label = l.comparison ? 'status quo' : l.label;
      if (seen.has(label)) continue;
      seen.add(label);
      const li = document.createElement('li');
      const sample = legendSample(li, 18, 8);
      sample
        .append('line')
        .attr('x1', 0)
        .attr('x2', 18)
        .attr('y1', 4)
        .attr('y2', 4)
        .attr('stroke', l.colour)
        .attr('stroke-width', l.comparison ? 1.5 : 2.2)
        .attr('stroke-dasharray', l.comparison ? null : (l.dash ?? null));
      const text = document.createElement('span');
      text.textContent = label;
      li.append(text);
      legend.append(li);
    }
  }

  function draw(d: ChartData) {
    // Before the ResizeObserver's first report (it comes before the first paint of a figure on
    // screen, and redraws at the real width) a provisional width: reading clientWidth here would
    // lay out the whole page in the middle of the app's first frame, once for every chart.
    if (width === 0) width = PROVISIONAL_WIDTH;
    const innerW = Math.max(40, width - MARGIN.left - MARGIN.right);
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    svg.attr('width', width).attr('height', HEIGHT).attr('viewBox', `0 0 ${width} ${HEIGHT}`);
    x.domain([0, Math.max(1, d.months - 1)]).range([0, innerW]);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const l of d.lines) {
      for (let i = 0; i < l.values.length; i++) {
        const v = l.values[i];
        if (Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    for (const b of d.bands ?? []) {
      for (const values of [b.lo, b.hi]) {
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (Number.isFinite(v)) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
        }
      }
    }
    for (const t of d.thresholds ?? []) hi = Math.max(hi, t.value * 1.05);
    if (!Number.isFinite(lo)) {
      lo = 0;
      hi = options.yMaxAtLeast ?? 1;
    }
    // While a run grows, the y range only widens, so the axis does not jump (or redraw) with
    // every month; a new run or another set of lines starts afresh.
    const linesKey = `${d.months}|${d.lines.map((l) => l.id).join()}`;
    const length = longest(d);
    if (grown && grown.key === linesKey && length >= grown.length) {
      lo = Math.min(lo, grown.lo);
      hi = Math.max(hi, grown.hi);
    }
    if (Number.isFinite(lo) && Number.isFinite(hi)) grown = { key: linesKey, length, lo, hi };
    if (options.yMin !== undefined) lo = Math.min(options.yMin, lo);
    if (options.yMaxAtLeast !== undefined) hi = Math.max(hi, options.yMaxAtLeast);
    if (hi - lo < Math.abs(hi) * 1e-6 || hi === lo) {
      hi = hi === 0 ? 1 : hi * 1.05;
      lo = options.yMin ?? (lo === 0 ? 0 : lo * 0.95);
    }
    y.domain([lo, hi]).range([innerH, 0]).nice(4);

    // Axes and thresholds only change with the scales: skip them on frames that just add months.
    const scaleKey = `${width}|${y.domain().join()}|${d.months}|${longest(d) === 0}`;
    const scalesChanged = scaleKey !== lastScaleKey;
    lastScaleKey = scaleKey;
    if (scalesChanged) drawAxes(d, innerW, innerH);

    const path = line<number>()
      .defined((v) => Number.isFinite(v))
      .x((_, i) => x(i))
      .y((v) => y(v));
    // Comparison lines first, so the scenario's lines are drawn over them.
    const ordered = [...d.lines].sort((a, b) => Number(!!b.comparison) - Number(!!a.comparison));
    linesLayer
      .selectAll<SVGPathElement, ChartLine>('path')
      .data(ordered, (l) => l.id)
      .join('path')
      .attr('class', (l) => (l.comparison ? 'series comparison' : 'series'))
      .attr('data-series', (l) => l.id)
      .attr('fill', 'none')
      .attr('stroke', (l) => l.colour)
      .attr('stroke-width', (l) => (l.comparison ? 1.2 : 2))
      .attr('stroke-dasharray', (l) => l.dash ?? null)
      .each(function drawLine(l) {
        // A line's path changes only when months arrive or the scales move.
        const key = `${scaleKey}|${l.values.length}`;
        // Metric series are views of one cached array per run and metric: the buffer says which.
        const source = (l.values as { buffer?: unknown }).buffer ?? l.values;
        const element = this as SVGPathElement & { __drawn?: string; __source?: unknown };
        if (element.__drawn === key && element.__source === source) return;
        element.__drawn = key;
        element.__source = source;
        element.setAttribute('d', path(Array.from(l.values)) ?? '');
      })
      .order();

    bandsLayer
      .selectAll<SVGPathElement, ChartBand>('path')
      .data(d.bands ?? [], (b) => b.id)
      .join('path')
      .attr('class', 'band')
      .attr('data-band', (b) => b.id)
      .attr('fill', (b) => b.colour)
      .attr('fill-opacity', BAND_OPACITY)
      .attr('stroke', 'none')
      .attr('d', (b) => {
        const shape = area<number>()
          .defined((i) => Number.isFinite(b.lo[i]) && Number.isFinite(b.hi[i]))
          .x((i) => x(i))
          .y0((i) => y(b.lo[i]))
          .y1((i) => y(b.hi[i]));
        const months = Math.min(b.lo.length, b.hi.length);
        return shape(Array.from({ length: months }, (_, i) => i)) ?? '';
      });

    const shown = d.shownMonth;
    shownLine
      .style('display', shown === null ? 'none' : 'inline')
      .attr('x1', x(shown ?? 0))
      .attr('x2', x(shown ?? 0))
      .attr('y1', 0)
      .attr('y2', innerH);

    const hover = d.hoverMonth;
    crosshair
      .style('display', hover === null ? 'none' : 'inline')
      .attr('x1', x(hover ?? 0))
      .attr('x2', x(hover ?? 0))
      .attr('y1', 0)
      .attr('y2', innerH);
    const atHover =
      hover === null ? [] : d.lines.filter((l) => !l.comparison && Number.isFinite(l.values[hover]));
    dots
      .selectAll('circle')
      .data(atHover, (l) => (l as ChartLine).id)
      .join('circle')
      .attr('r', 3)
      .attr('cx', x(hover ?? 0))
      .attr('cy', (l) => y(l.values[hover ?? 0]))
      .attr('fill', (l) => l.colour);

    drawLegend(d);
    readout.textContent = readoutText(d);
  }

  function drawAxes(d: ChartData, innerW: number, innerH: number) {
    const ticks = monthTicks(d.months, innerW);
    xAxis.attr('transform', `translate(0,${innerH})`).call(
      axisBottom(x)
        .tickValues(ticks)
        .tickFormat((m) => tickLabel(Number(m)))
        .tickSizeOuter(0),
    );
    yAxis.call(
      axisLeft(y)
        .ticks(4)
        // No data yet: an unlabelled axis rather than a made-up range.
        .tickFormat((v) => (longest(d) === 0 ? '' : (options.axisFormat ?? options.format)(Number(v))))
        .tickSizeOuter(0),
    );
    overlay.attr('width', innerW).attr('height', innerH);

    thresholdLayer
      .selectAll('g.threshold')
      .data(d.thresholds ?? [])
      .join((enter) => {
        const g = enter.append('g').attr('class', 'threshold');
        g.append('line');
        g.append('text');
        return g;
      })
      .each(function drawThreshold(t) {
        const g = select(this);
        g.select('line').attr('x1', 0).attr('x2', innerW).attr('y1', y(t.value)).attr('y2', y(t.value));
        g.select('text')
          .attr('x', innerW - 2)
          .attr('y', y(t.value) - 3)
          .attr('text-anchor', 'end')
          .text(t.label);
      });
  }

  function readoutText(d: ChartData): string {
    // The crosshair's month, else the month the other views show ("Month shown"), else the last.
    const last = longest(d) - 1;
    const month = d.hoverMonth ?? (last < 0 ? null : Math.min(d.shownMonth ?? last, last));
    if (month === null) return 'No months yet.';
    const comparison = new Map(d.lines.filter((l) => l.comparison).map((l) => [l.label, l.values[month]]));
    const parts: string[] = [];
    for (const l of d.lines) {
      if (l.comparison) continue;
      const v = l.values[month];
      if (v === undefined) continue;
      const sq = comparison.get(l.label);
      parts.push(
        `${l.label} ${options.format(v)}${sq === undefined ? '' : ` (status quo ${options.format(sq)})`}`,
      );
    }
    for (const b of d.bands ?? []) {
      const lo = b.lo[month];
      const hi = b.hi[month];
      if (lo !== undefined && hi !== undefined)
        parts.push(`${b.label} ${options.format(lo)}–${options.format(hi)}`);
    }
    return `${monthLabel(month)}: ${parts.join(' · ')}`;
  }

  const chart: TimeSeriesChart = {
    element: figure,
    svg: svg.node() as SVGSVGElement,
    update(next) {
      data = next;
      draw(next);
    },
    snapshot: () => ({
      title: title.textContent ?? options.title,
      unit: options.unit,
      format: options.format,
      data,
    }),
  };
  CHART_OF_FIGURE.set(figure, chart);
  return chart;
}

/** Each chart by its figure element, so a page-wide export can find what any chart draws. */
export const CHART_OF_FIGURE = new WeakMap<Element, TimeSeriesChart>();
