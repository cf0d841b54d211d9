/**
 * Exports of a run: results as JSON and CSV in the command line's formats (docs/results.md),
 * charts as standalone SVG and PNG, the map as PNG, and figures that stand alone on a slide
 * (`figureSvg`: stacked layers with title, subtitle, unit, legend and a sources footer).
 */

import { type RunSummary, summarise } from '../analysis/summary.ts';
import { resultsCsv, resultsDocument } from '../engine/export.ts';
import type { RunResults } from '../engine/results.ts';
import type { Scenario } from '../scenario/schema.ts';

/** What the app hands over for a results export. */
export interface ShareableResults {
  results: RunResults;
  scenario: Scenario;
  /** The run summary; computed (without a baseline) when the app has none. */
  summary?: RunSummary;
}

/** The results JSON text, exactly what `npm run sim -- --out file.json` writes. */
export function resultsJsonText(run: ShareableResults, options: { flows?: boolean } = {}): string {
  const summary = run.summary ?? summarise(run.results);
  return JSON.stringify(resultsDocument(run.results, run.scenario, summary, options));
}

/** The results CSV text, exactly what `npm run sim -- --format csv --out file.csv` writes. */
export function resultsCsvText(run: ShareableResults): string {
  return resultsCsv(run.results);
}

// --- SVG ---------------------------------------------------------------------------------------

/**
 * Properties copied from the page's stylesheets into a standalone SVG. Inherited ones are
 * written where they differ from the parent element's; the others where they differ from
 * their initial value.
 */
const INHERITED = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'color',
] as const;
const NOT_INHERITED: Record<string, string> = {
  opacity: '1',
  display: 'inline',
  'vector-effect': 'none',
};

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The rendered size of an SVG (falls back on its viewBox, then 800 × 600). */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  if (box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const view = svg.viewBox?.baseVal;
  if (view && view.width > 0 && view.height > 0) return { width: view.width, height: view.height };
  return { width: 800, height: 600 };
}

/**
 * A standalone SVG file of a chart on the page: the styles that the page's CSS gives each
 * element are written into it, so it looks the same anywhere (a paper, a slide, Inkscape).
 * Text stays text; XMLSerializer escapes it.
 */
export function standaloneSvg(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(styledClone(svg))}\n`;
}

/** A copy of an SVG on the page with the page's computed styles written into each element. */
export function styledClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const view = svg.ownerDocument.defaultView;
  if (view) {
    const originals = [svg, ...svg.querySelectorAll('*')];
    const copies = [clone, ...clone.querySelectorAll('*')];
    const computed = originals.map((el) => view.getComputedStyle(el));
    const index = new Map<Element, number>(originals.map((el, i) => [el, i]));
    originals.forEach((el, i) => {
      const style = computed[i];
      const parent =
        el === svg || !el.parentElement ? undefined : computed[index.get(el.parentElement) ?? -1];
      const declarations: string[] = [];
      for (const property of INHERITED) {
        const value = style.getPropertyValue(property);
        if (value && (!parent || parent.getPropertyValue(property) !== value)) {
          declarations.push(`${property}: ${value}`);
        }
      }
      for (const [property, initial] of Object.entries(NOT_INHERITED)) {
        const value = style.getPropertyValue(property);
        if (value && value !== initial) declarations.push(`${property}: ${value}`);
      }
      const copy = copies[i] as SVGElement;
      const own = copy.getAttribute('style');
      // The element's own style attribute (e.g. set by d3) is kept and wins over the copy.
      const text = [...declarations, ...(own ? [own] : [])].join('; ');
      if (text) copy.setAttribute('style', text);
    });
  }
  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // Page-only attributes: keyboard focus and a description that lives outside the SVG.
  clone.removeAttribute('tabindex');
  clone.removeAttribute('aria-describedby');
  for (const el of clone.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  return clone;
}

// --- figures that stand alone ------------------------------------------------------------------

/** A legend entry of an exported figure: a line sample (with its dash) or a filled swatch. */
export interface FigureLegendItem {
  label: string;
  colour: string;
  dash?: string | null;
  /** 'note': a line of text under the legend (e.g. what marker shapes mean). */
  kind?: 'line' | 'swatch' | 'arc' | 'note';
  /** Thin grey comparison line (the status quo). */
  thin?: boolean;
}

/** The words around an exported picture, so it can go on a slide on its own. */
export interface FigureText {
  title: string;
  /** Scenario name, month range, "model results". */
  subtitle: string;
  /** The y axis or the map's unit. */
  unit: string;
  legend: readonly FigureLegendItem[];
  /** The data sources, one line. */
  footer: string;
}

/** Lines of at most about `chars` characters, broken at spaces. */
export function wrapLines(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * One SVG document of stacked layers (a chart; or the map's countries, arcs and markers) with a
 * title, a subtitle, the unit, a legend and a footer with the sources: what a slide needs.
 * Layers are drawn at the first layer's size, one over another.
 */
export function figureSvg(
  layers: readonly SVGSVGElement[],
  text: FigureText,
): { svg: string; width: number; height: number } {
  const doc = layers[0].ownerDocument;
  const { width: w0, height: h0 } = svgSize(layers[0]);
  const width = Math.max(Math.round(w0), 420);
  const pad = 12;
  const make = (tag: string, attrs: Record<string, string | number>, content?: string) => {
    const e = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (content !== undefined) e.textContent = content;
    return e;
  };
  const root = make('svg', { xmlns: SVG_NS }) as SVGSVGElement;
  root.setAttribute('font-family', FONT);
  const title = make('title', {}, `${text.title}. ${text.subtitle}`);
  root.append(title);
  // Characters a line holds at a font size (an average glyph is about 0.56 em wide).
  const fits = (size: number) => Math.max(20, Math.floor((width - 2 * pad) / (size * 0.56)));
  let y = pad;
  const lines = (content: string, size: number, attrs: Record<string, string | number>, lead: number) => {
    for (const line of wrapLines(content, fits(size))) {
      y += lead;
      root.append(make('text', { x: pad, y, 'font-size': size, ...attrs }, line));
    }
  };
  lines(text.title, 16, { 'font-weight': 700, fill: '#1d1d1f' }, 18);
  lines(text.subtitle, 12, { fill: '#56565b' }, 16);
  if (text.unit) lines(`Unit: ${text.unit}`, 11, { fill: '#56565b' }, 15);
  y += 8;
  const top = y;
  for (const layer of layers) {
    const clone = styledClone(layer);
    clone.setAttribute('x', '0');
    clone.setAttribute('y', String(top));
    clone.setAttribute('width', String(Math.round(w0)));
    clone.setAttribute('height', String(Math.round(h0)));
    clone.removeAttribute('xmlns');
    root.append(clone);
  }
  y = top + Math.round(h0) + 14;
  // Legend: as many entries a row as fit.
  let x = pad;
  for (const item of text.legend.filter((i) => i.kind !== 'note')) {
    const labelWidth = item.label.length * 6.2 + 34;
    if (x > pad && x + labelWidth > width - pad) {
      x = pad;
      y += 16;
    }
    if (item.kind === 'swatch') {
      root.append(
        make('rect', {
          x,
          y: y - 9,
          width: 18,
          height: 10,
          fill: item.colour,
          stroke: '#8a8a8f',
          'stroke-width': 0.5,
        }),
      );
    } else {
      const line = make('line', {
        x1: x,
        x2: x + 18,
        y1: y - 4,
        y2: y - 4,
        stroke: item.colour,
        'stroke-width': item.thin ? 1.5 : item.kind === 'arc' ? 3 : 2.2,
      });
      if (item.dash) line.setAttribute('stroke-dasharray', item.dash);
      root.append(line);
    }
    root.append(make('text', { x: x + 24, y, 'font-size': 11, fill: '#1d1d1f' }, item.label));
    x += labelWidth;
  }
  y += 4;
  for (const note of text.legend.filter((i) => i.kind === 'note'))
    lines(note.label, 11, { fill: '#1d1d1f', 'font-style': 'italic' }, 15);
  y += 4;
  lines(text.footer, 10, { fill: '#56565b' }, 13);
  const height = y + pad;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.insertBefore(make('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }), title.nextSibling);
  return {
    svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`,
    width,
    height,
  };
}

/** A PNG of SVG text, `scale` times its size. */
export async function svgTextToPng(
  text: string,
  size: { width: number; height: number },
  doc: Document,
  scale = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = doc.createElement('canvas');
    canvas.width = Math.max(1, Math.round(size.width * scale));
    canvas.height = Math.max(1, Math.round(size.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw images (no 2D canvas)');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The first opaque background colour behind an element (for PNGs), or white. */
export function backgroundBehind(element: Element): string {
  const view = element.ownerDocument.defaultView;
  for (let here: Element | null = element; here && view; here = here.parentElement) {
    const colour = view.getComputedStyle(here).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded'))),
      'image/png',
    );
  });
}

/**
 * A PNG of an SVG on the page, `scale` times its rendered size (2 = sharp on most screens and
 * in print). The standalone SVG is drawn through an <img> from a blob: URL, which the page's
 * Content-Security-Policy allows (img-src blob:).
 */
export async function svgToPng(
  svg: SVGSVGElement,
  options: { scale?: number; background?: string } = {},
): Promise<Blob> {
  const scale = options.scale ?? 2;
  const { width, height } = svgSize(svg);
  const doc = svg.ownerDocument;
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = doc.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw images (no 2D canvas)');
    context.fillStyle = options.background ?? backgroundBehind(svg);
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A PNG of a map or chart, whether it is drawn as SVG or on a canvas. */
export function imageToPng(
  image: SVGSVGElement | HTMLCanvasElement,
  options: { scale?: number; background?: string } = {},
): Promise<Blob> {
  if (image instanceof SVGSVGElement) return svgToPng(image, options);
  return canvasBlob(image);
}
