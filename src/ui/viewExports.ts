/**
 * "Download data", SVG and PNG for one view (a chart, the map), as Our World in Data's grapher
 * offers them: the numbers behind the picture as CSV with a metadata JSON beside it (the link
 * that opens the scenario again, seed, version, sources), and the picture with its title,
 * legend, unit, scenario name, month range, "model results" and a sources footer.
 */
import packageJson from '../../package.json';
import { csvText, type DownloadMetadata, dataSources, sourcesLine } from '../analysis/viewData.ts';
import { ENGINE_VERSION } from '../engine/results.ts';
import { button, el } from '../present/dom.ts';
import { monthLabel } from '../present/format.ts';
import { scenarioLink } from '../share/address.ts';
import { type FigureLegendItem, type FigureText, figureSvg, svgTextToPng } from '../share/exports.ts';
import { downloadBlob, downloadText, fileStem } from '../share/files.ts';
import type { TimeSeriesChart } from '../viz/timeSeries.ts';
import { type AppState, runName, type Store } from './store.ts';

/** The numbers behind a view. */
export interface ViewTable {
  title: string;
  description: string;
  columns: { name: string; unit: string }[];
  rows: (string | number)[][];
}

export interface ViewSource {
  /** For file names and labels, e.g. "Prices paid". */
  name: string;
  data(): ViewTable | null;
  /** The picture's layers (one SVG, or the map's three) and its words; null: nothing drawn yet. */
  figure?(): { layers: SVGSVGElement[]; text: FigureText } | null;
}

/** "Model results for “Club”, Jan 2026–Dec 2027 (24 months, seed 1)". */
export function figureSubtitle(state: AppState, month?: number): string {
  const results = state.results;
  const done = results?.monthsDone ?? 0;
  const span =
    month !== undefined
      ? monthLabel(month)
      : done > 0
        ? `${monthLabel(0)}–${monthLabel(done - 1)}`
        : 'no months yet';
  return `Model results for “${runName(state)}”, ${span} (seed ${(state.resultsScenario ?? state.scenario).seed})`;
}

export const FIGURE_FOOTER = sourcesLine();

/**
 * A time-series chart as a figure that stands alone: its title, `subtitle`, unit, a legend of its
 * lines (the status quo once) and bands, and the sources. Null before it has data.
 */
export function chartFigure(
  chart: TimeSeriesChart,
  subtitle: string,
): { layers: SVGSVGElement[]; text: FigureText } | null {
  const snap = chart.snapshot();
  if (!snap.data) return null;
  const seen = new Set<string>();
  const legend: FigureLegendItem[] = snap.data.lines.flatMap((l) => {
    const label = l.comparison ? 'status quo' : l.label;
    if (seen.has(label)) return [];
    seen.add(label);
    return [{ label, colour: l.colour, dash: l.comparison ? null : l.dash, thin: l.comparison }];
  });
  for (const band of snap.data.bands ?? [])
    legend.push({ label: band.label, colour: band.colour, kind: 'swatch' as const });
  return {
    layers: [chart.svg],
    text: { title: snap.title, subtitle, unit: snap.unit, legend, footer: FIGURE_FOOTER },
  };
}

export function createViewActions(store: Store, source: ViewSource, id: string): HTMLElement {
  const status = el('span', { className: 'hint', attrs: { role: 'status' } });
  const stem = () => `${fileStem(runName(store.state))}.${fileStem(source.name, id)}`;

  const data = button('Download data', () => void downloadData(), 'small');
  data.id = `${id}-data`;
  data.setAttribute('aria-label', `${source.name}: download the data (CSV and metadata JSON)`);

  async function downloadData() {
    const state = store.state;
    const table = source.data();
    if (!table || !state.results) {
      status.textContent = 'Run the scenario first.';
      return;
    }
    const scenario = state.resultsScenario ?? state.scenario;
    const link = await scenarioLink(scenario, globalThis.location.href, {
      view: state.view.month === null ? null : { month: state.view.month, paused: false },
    });
    const results = state.results;
    const metadata: DownloadMetadata = {
      title: table.title,
      description: table.description,
      scenarioLink: link.ok ? link.url : '',
      scenarioName: runName(state),
      seed: scenario.seed,
      months: scenario.months,
      agents: scenario.resolution,
      monthRange: results.monthsDone > 0 ? `${monthLabel(0)}–${monthLabel(results.monthsDone - 1)}` : '',
      version: { app: packageJson.version, engine: ENGINE_VERSION },
      kind: 'model results',
      columns: table.columns,
      sources: dataSources(),
    };
    const doc = data.ownerDocument;
    downloadText(
      csvText(
        table.columns.map((c) => c.name),
        table.rows,
      ),
      `${stem()}.csv`,
      'text/csv',
      doc,
    );
    downloadText(
      `${JSON.stringify(metadata, null, 2)}\n`,
      `${stem()}.metadata.json`,
      'application/json',
      doc,
    );
    status.textContent = `${source.name}: data downloaded (CSV and metadata JSON).`;
  }

  const parts: HTMLElement[] = [data];
  if (source.figure) {
    const figure = source.figure.bind(source);
    const svg = button(
      'SVG',
      () => {
        const f = figure();
        if (!f) return;
        downloadText(figureSvg(f.layers, f.text).svg, `${stem()}.svg`, 'image/svg+xml', svg.ownerDocument);
        status.textContent = `${source.name} exported as SVG.`;
      },
      'small',
    );
    svg.id = `${id}-svg`;
    svg.setAttribute('aria-label', `${source.name}: SVG with title, legend and sources`);
    const png = button(
      'PNG',
      async () => {
        const f = figure();
        if (!f) return;
        const made = figureSvg(f.layers, f.text);
        try {
          downloadBlob(
            await svgTextToPng(made.svg, made, png.ownerDocument),
            `${stem()}.png`,
            png.ownerDocument,
          );
          status.textContent = `${source.name} exported as PNG.`;
        } catch (error) {
          status.textContent = `${source.name} could not be exported: ${(error as Error).message}`;
        }
      },
      'small',
    );
    png.id = `${id}-png`;
    png.setAttribute('aria-label', `${source.name}: PNG with title, legend and sources`);
    parts.push(svg, png);
  }
  return el('div', { className: 'view-data-actions' }, [...parts, status]);
}
