/**
 * A sweep as a heatmap: the first parameter's values down, the second's across (one column for
 * a one-parameter sweep), each cell coloured by the chosen metric on a sequential scale that
 * reads for every common colour-vision deficiency (cividis: dark blue to yellow, lightness
 * rising with the value) and labelled with its number, so colour is never the only cue. Cells
 * not run yet are hatched. Keyboard: the grid is one Tab stop; arrow keys move between cells,
 * each of which names its parameters and value for a screen reader. Created once, then
 * update(grid) when points arrive or the metric changes.
 */
import { interpolateCividis, rgb, scaleSequential, select } from 'd3';
import { appendLayers } from './layers.ts';

export interface HeatmapCell {
  /** Grid point index (the sweep's row-major numbering). */
  index: number;
  row: number;
  col: number;
  /** NaN while the point has not run (or the metric is undefined there). */
  value: number;
}

export interface HeatmapGrid {
  rowTitle: string;
  colTitle: string;
  rows: readonly string[];
  cols: readonly string[];
  cells: readonly HeatmapCell[];
  metric: string;
  format: (value: number) => string;
}

/**
 * The grid of a sweep: `values[i]` is point i's metric (undefined while it runs). Points are
 * numbered row-major, the first parameter outer, so point i sits at row ⌊i / cols⌋, column
 * i mod cols.
 */
export function heatmapCells(
  rows: number,
  cols: number,
  values: readonly (number | undefined)[],
): HeatmapCell[] {
  return Array.from({ length: rows * cols }, (_, index) => ({
    index,
    row: Math.floor(index / cols),
    col: index % cols,
    value: values[index] ?? Number.NaN,
  }));
}

/** Relative luminance (WCAG 2) of a CSS colour. */
function luminance(colour: string): number {
  const { r, g, b } = rgb(colour);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * Black or white text, whichever contrasts more with the cividis colour at `t` (0–1); one of the
 * two always reaches at least 4.5:1.
 */
export function textColourOn(t: number): string {
  const fill = luminance(interpolateCividis(t));
  const onBlack = (fill + 0.05) / 0.05;
  const onWhite = 1.05 / (fill + 0.05);
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}

export interface Heatmap {
  readonly element: HTMLElement;
  readonly svg: SVGSVGElement;
  update(grid: HeatmapGrid): void;
}

/** A cell's height and the range its width is fitted in, px. */
const CELL = { height: 34, minWidth: 64, maxWidth: 150 };
/**
 * Room around the grid, px: the row labels on the left; above, the row title and the column
 * labels (only the title when there is one column); the legend below.
 */
const MARGIN = { left: 120, top: 40, topOneColumn: 22, legend: 44 };

let nextId = 1;

export function createHeatmap(container: HTMLElement): Heatmap {
  const id = nextId++;
  const figure = document.createElement('figure');
  figure.className = 'heatmap';
  const caption = document.createElement('figcaption');
  figure.append(caption);
  container.append(figure);
  const svg = select(figure)
    .append('svg')
    .attr('class', 'heatmap-svg')
    .attr('role', 'group')
    .attr('aria-roledescription', 'heatmap');
  const defs = svg.append('defs');
  const hatch = defs
    .append('pattern')
    .attr('id', `heatmap-pending-${id}`)
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('patternTransform', 'rotate(45)');
  hatch.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#eeeeee');
  hatch
    .append('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 6)
    .attr('stroke', '#bbbbbb')
    .attr('stroke-width', 2);
  const gradient = defs.append('linearGradient').attr('id', `heatmap-ramp-${id}`);
  for (let i = 0; i <= 10; i++) {
    gradient
      .append('stop')
      .attr('offset', `${i * 10}%`)
      .attr('stop-color', interpolateCividis(i / 10));
  }
  const colTitle = svg.append('text').attr('class', 'heatmap-axis-title');
  const rowTitle = svg.append('text').attr('class', 'heatmap-axis-title');
  const [colLabels, rowLabels, cellsLayer, legend] = appendLayers(svg, [
    'heatmap-col-labels',
    'heatmap-row-labels',
    'heatmap-cells',
    'heatmap-legend',
  ]);

  let focusIndex = 0;
  let current: HeatmapGrid | null = null;

  const cellNodes = () => cellsLayer.selectAll<SVGGElement, HeatmapCell>('g.heatmap-cell');
  function focusCell(index: number) {
    focusIndex = index;
    cellNodes().attr('tabindex', (c) => (c.index === focusIndex ? 0 : -1));
    cellNodes()
      .filter((c) => c.index === index)
      .node()
      ?.focus();
  }

  cellsLayer.on('keydown', (event: KeyboardEvent) => {
    if (!current) return;
    const cols = current.cols.length;
    const rows = current.rows.length;
    let row = Math.floor(focusIndex / cols);
    let col = focusIndex % cols;
    if (event.key === 'ArrowRight') col = Math.min(cols - 1, col + 1);
    else if (event.key === 'ArrowLeft') col = Math.max(0, col - 1);
    else if (event.key === 'ArrowDown') row = Math.min(rows - 1, row + 1);
    else if (event.key === 'ArrowUp') row = Math.max(0, row - 1);
    else if (event.key === 'Home') col = 0;
    else if (event.key === 'End') col = cols - 1;
    else return;
    event.preventDefault();
    focusCell(row * cols + col);
  });

  function update(grid: HeatmapGrid) {
    current = grid;
    const width = Math.max(320, Math.floor(figure.clientWidth) || 480);
    const cols = Math.max(1, grid.cols.length);
    const top = grid.cols.length > 1 ? MARGIN.top : MARGIN.topOneColumn;
    const cellW = Math.min(
      CELL.maxWidth,
      Math.max(CELL.minWidth, Math.floor((width - MARGIN.left - 8) / cols)),
    );
    const innerW = cellW * cols;
    const innerH = CELL.height * grid.rows.length;
    const totalW = MARGIN.left + innerW + 8;
    const totalH = top + innerH + MARGIN.legend;
    svg.attr('width', totalW).attr('height', totalH).attr('viewBox', `0 0 ${totalW} ${totalH}`);
    svg.attr(
      'aria-label',
      `Heatmap of ${grid.metric}: ${grid.rowTitle} down, ${grid.colTitle} across. Arrow keys move between cells.`,
    );
    caption.textContent = `${grid.metric} by ${grid.rowTitle}${grid.cols.length > 1 ? ` and ${grid.colTitle}` : ''}`;

    const finite = grid.cells.map((c) => c.value).filter(Number.isFinite);
    const lo = finite.length ? Math.min(...finite) : 0;
    const hi = finite.length ? Math.max(...finite) : 1;
    const scale = scaleSequential(interpolateCividis).domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]);
    const position = (v: number) => (lo === hi ? 0.5 : (v - lo) / (hi - lo));

    colTitle
      .attr('x', MARGIN.left + innerW / 2)
      .attr('y', 12)
      .attr('text-anchor', 'middle')
      .text(grid.cols.length > 1 ? grid.colTitle : '');
    rowTitle.attr('x', 4).attr('y', 12).attr('text-anchor', 'start').text(grid.rowTitle);
    colLabels
      .selectAll('text')
      .data(grid.cols.length > 1 ? grid.cols : [])
      .join('text')
      .attr('x', (_, i) => MARGIN.left + i * cellW + cellW / 2)
      .attr('y', top - 8)
      .attr('text-anchor', 'middle')
      .text((d) => d);
    rowLabels
      .selectAll('text')
      .data(grid.rows)
      .join('text')
      .attr('x', MARGIN.left - 6)
      .attr('y', (_, i) => top + i * CELL.height + CELL.height / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .text((d) => d);

    if (focusIndex >= grid.cells.length) focusIndex = 0;
    const cells = cellsLayer
      .selectAll<SVGGElement, HeatmapCell>('g.heatmap-cell')
      .data(grid.cells, (c) => String(c.index))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'heatmap-cell').attr('role', 'img');
        g.append('rect');
        g.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em');
        return g;
      })
      .attr('data-index', (c) => c.index)
      .attr('tabindex', (c) => (c.index === focusIndex ? 0 : -1))
      .attr('aria-label', (c) => {
        const where = `${grid.rowTitle} ${grid.rows[c.row]}${grid.cols.length > 1 ? `, ${grid.colTitle} ${grid.cols[c.col]}` : ''}`;
        return `${where}: ${Number.isFinite(c.value) ? grid.format(c.value) : 'not run yet'}`;
      })
      .on('focus', (_, c) => {
        focusIndex = c.index;
      });
    cells
      .select('rect')
      .attr('x', (c) => MARGIN.left + c.col * cellW + 1)
      .attr('y', (c) => top + c.row * CELL.height + 1)
      .attr('width', cellW - 2)
      .attr('height', CELL.height - 2)
      .attr('fill', (c) => (Number.isFinite(c.value) ? scale(c.value) : `url(#heatmap-pending-${id})`));
    cells
      .select('text')
      .attr('x', (c) => MARGIN.left + c.col * cellW + cellW / 2)
      .attr('y', (c) => top + c.row * CELL.height + CELL.height / 2)
      // A style, not the fill attribute: the page's text colour rule would win over an attribute.
      .style('fill', (c) => (Number.isFinite(c.value) ? textColourOn(position(c.value)) : '#555555'))
      .text((c) => (Number.isFinite(c.value) ? grid.format(c.value) : '…'));

    // Legend: the ramp with its two ends labelled.
    const legendY = top + innerH + 12;
    const legendW = Math.min(240, innerW);
    legend.selectAll('*').remove();
    legend
      .append('rect')
      .attr('x', MARGIN.left)
      .attr('y', legendY)
      .attr('width', legendW)
      .attr('height', 10)
      .attr('fill', `url(#heatmap-ramp-${id})`);
    legend
      .append('text')
      .attr('x', MARGIN.left)
      .attr('y', legendY + 24)
      .attr('text-anchor', 'start')
      .text(finite.length ? grid.format(lo) : '');
    legend
      .append('text')
      .attr('x', MARGIN.left + legendW)
      .attr('y', legendY + 24)
      .attr('text-anchor', 'end')
      .text(finite.length ? grid.format(hi) : '');
    legend
      .append('text')
      .attr('x', MARGIN.left - 6)
      .attr('y', legendY + 9)
      .attr('text-anchor', 'end')
      .text('scale');
  }

  return { element: figure, svg: svg.node()!, update };
}
