/**
 * The share, save and export controls, ready to mount anywhere in the app:
 *
 *   const share = mountShareControls(panel, { getScenario, setScenario, getResults, getChartSvgs, getMap });
 *   store.subscribe(() => share.scenarioChanged());   // keeps the address in step
 *
 * On mount (and on every hashchange) the scenario in the address is opened: a good link
 * replaces the scenario through setScenario; a bad one leaves it untouched, shows why, and
 * puts the current scenario back into the address. Links are decoded in a worker
 * (linkDecoder.ts), never on the page's thread. The last link wins, always with its message:
 * a newer link cancels the reading of an older one, and the address is never rewritten over a
 * link that has not been read yet. Every message is plain text (textContent): a scenario name
 * or a field name from a hostile link is never markup.
 */

import { encodeScenario } from '../scenario/codec.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Validation } from '../scenario/validate.ts';
import { addressWith, type LinkView, readAddress, scenarioLink } from './address.ts';
import { embedSnippet } from './embed.ts';
import {
  type FigureText,
  figureSvg,
  imageToPng,
  resultsCsvText,
  resultsJsonText,
  type ShareableResults,
  standaloneSvg,
  svgTextToPng,
} from './exports.ts';
import { downloadBlob, downloadText, fileStem, readScenarioFile, scenarioFileText } from './files.ts';
import { createLinkDecoder, type LinkDecoder } from './linkDecoder.ts';
import './share.css';

export interface ChartRef {
  /** Shown in the list and used in the file name, e.g. "Lithium price". */
  name: string;
  svg: SVGSVGElement;
  /** The chart as a figure that stands alone (title, legend, unit, sources); else the bare SVG. */
  figure?(): { layers: SVGSVGElement[]; text: FigureText } | null;
}

export interface ShareControlsOptions {
  /** The scenario on screen (valid, defaults filled in). */
  getScenario(): Scenario;
  /** Replaces the scenario on screen (from a link or a file; already validated). */
  setScenario(scenario: Scenario): void;
  /** The finished or running run to export; null while there is none. */
  getResults?(): ShareableResults | null;
  /** The charts on screen, for SVG and PNG export. */
  getChartSvgs?(): readonly ChartRef[];
  /** The world map (SVG, or a canvas), for PNG export. */
  getMap?(): SVGSVGElement | HTMLCanvasElement | null;
  /** The whole map as a figure (countries, arcs, markers, title, legend, sources); preferred to getMap. */
  getMapFigure?(): { layers: SVGSVGElement[]; text: FigureText } | null;
  /**
   * The month the views show when the user picked one (null: the latest): copied links and
   * embed snippets carry it as `month=`, so they open where the user was looking.
   */
  getMonth?(): number | null;
  /** Where messages about links and files appear (default: inside the controls). */
  messageHost?: HTMLElement;
  /** Open the scenario in the address on mount and on hashchange (default true). */
  followAddress?: boolean;
  /** Decodes links (default: createLinkDecoder(), a worker per link). */
  linkDecoder?: LinkDecoder;
}

export interface ShareControls {
  readonly element: HTMLElement;
  /** Resolves once the address has been read on mount (or at once when followAddress is false). */
  readonly ready: Promise<void>;
  /** Call after every change to the scenario: the address follows (history.replaceState). */
  scenarioChanged(): void;
  /** Re-reads whether results, charts and a map exist (enables the export buttons). */
  refresh(): void;
  /** Shows messages in the controls' message area (kind "error" is announced as an alert). */
  showMessage(kind: 'error' | 'info', title: string, lines?: readonly string[]): void;
  clearMessage(): void;
  destroy(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { className?: string; text?: string } = {},
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  return element;
}

function button(doc: Document, text: string, action: string): HTMLButtonElement {
  const b = el(doc, 'button', { className: 'share-button', text });
  b.type = 'button';
  b.dataset.action = action;
  return b;
}

export function mountShareControls(container: HTMLElement, options: ShareControlsOptions): ShareControls {
  const doc = container.ownerDocument;
  const win = doc.defaultView!;
  const cleanups: (() => void)[] = [];
  const on = <T extends EventTarget>(target: T, type: string, handler: (event: Event) => void) => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };

  const root = el(doc, 'section', { className: 'share-controls' });
  root.setAttribute('aria-label', 'Share, save and export');
  const heading = el(doc, 'h3', { className: 'share-title', text: 'Share and export' });

  const linkGroup = el(doc, 'div', { className: 'share-group' });
  linkGroup.setAttribute('role', 'group');
  linkGroup.setAttribute('aria-label', 'Link');
  const copyButton = button(doc, 'Copy link', 'copy-link');
  const embedButton = button(doc, 'Embed…', 'embed');
  linkGroup.append(copyButton, embedButton);

  const linkBox = el(doc, 'label', { className: 'share-field share-link' });
  linkBox.hidden = true;
  const linkText = el(doc, 'input', { className: 'share-link-text' });
  linkText.readOnly = true;
  linkText.type = 'text';
  linkText.spellcheck = false;
  linkBox.append(el(doc, 'span', { text: 'Link to this scenario' }), linkText);

  const embedBox = el(doc, 'label', { className: 'share-field share-embed' });
  embedBox.hidden = true;
  const embedText = el(doc, 'textarea', { className: 'share-embed-text' });
  embedText.readOnly = true;
  embedText.rows = 4;
  embedText.spellcheck = false;
  const embedPaused = el(doc, 'input');
  embedPaused.type = 'checkbox';
  embedPaused.className = 'share-embed-paused';
  const embedPausedLabel = el(doc, 'label', { className: 'share-embed-option' });
  embedPausedLabel.append(embedPaused, ' Start paused at the month shown (the viewer presses Run)');
  embedBox.append(
    el(doc, 'span', { text: 'Embed snippet (paste into a course page)' }),
    embedText,
    embedPausedLabel,
  );

  const fileGroup = el(doc, 'div', { className: 'share-group' });
  fileGroup.setAttribute('role', 'group');
  fileGroup.setAttribute('aria-label', 'Scenario file');
  const saveButton = button(doc, 'Save scenario', 'save-scenario');
  const loadButton = button(doc, 'Load scenario…', 'load-scenario');
  const fileInput = el(doc, 'input', { className: 'share-file-input' });
  fileInput.type = 'file';
  fileInput.accept = '.json,application/json';
  fileInput.hidden = true;
  fileInput.setAttribute('aria-label', 'Scenario file to load');
  fileGroup.append(saveButton, loadButton, fileInput);

  const exportGroup = el(doc, 'div', { className: 'share-group' });
  exportGroup.setAttribute('role', 'group');
  exportGroup.setAttribute('aria-label', 'Export results');
  const jsonButton = button(doc, 'Results JSON', 'results-json');
  const csvButton = button(doc, 'Results CSV', 'results-csv');
  const mapButton = button(doc, 'Map PNG', 'map-png');
  exportGroup.append(jsonButton, csvButton, mapButton);

  const charts = el(doc, 'details', { className: 'share-charts' });
  const chartsSummary = el(doc, 'summary', { text: 'Export charts' });
  const chartList = el(doc, 'ul', { className: 'share-chart-list' });
  charts.append(chartsSummary, chartList);

  const status = el(doc, 'p', { className: 'share-status' });
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const message = el(doc, 'div', { className: 'share-message' });
  message.hidden = true;
  // Messages go right under the heading (seen first), unless the app puts them elsewhere.
  root.append(heading, ...(options.messageHost ? [] : [message]));
  root.append(linkGroup, linkBox, embedBox, fileGroup, exportGroup, charts, status);
  options.messageHost?.append(message);
  container.append(root);

  const setStatus = (text: string) => {
    status.textContent = text;
  };

  const clearMessage = () => {
    message.hidden = true;
    message.replaceChildren();
    message.removeAttribute('role');
  };

  const showMessage = (kind: 'error' | 'info', title: string, lines: readonly string[] = []) => {
    const heading = el(doc, 'p', { className: 'share-message-title', text: title });
    const list = el(doc, 'ul', { className: 'share-message-list' });
    for (const line of lines) list.append(el(doc, 'li', { text: line }));
    const dismiss = button(doc, 'Dismiss', 'dismiss-message');
    dismiss.addEventListener('click', clearMessage);
    message.className = `share-message share-message-${kind}`;
    // An alert is announced at once; an info note waits its turn.
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    message.replaceChildren(heading, ...(lines.length ? [list] : []), dismiss);
    message.hidden = false;
  };

  const fail = (title: string, error: unknown) =>
    showMessage('error', title, [(error as Error)?.message ?? String(error)]);

  // --- the address ------------------------------------------------------------------------
  // Reads (mount, hashchange) and writes (scenarioChanged) are asynchronous (a worker,
  // compression), so each carries a ticket: only the latest read applies, and a write never
  // lands on top of a newer read or write. `known` is the payload this page last read or wrote:
  // when the address holds another one, a link was pasted whose hashchange has not been handled
  // yet, and writing now would erase it (and its message) before it is read.
  const decoder = options.linkDecoder ?? createLinkDecoder();
  let readTicket = 0;
  let writeTicket = 0;
  let reading = false;
  let destroyed = false;
  let known = readAddress(win.location.hash).payload;
  const addressUnread = () => readAddress(win.location.hash).payload !== known;

  const writeAddress = async () => {
    const ticket = ++writeTicket;
    const encoded = await encodeScenario(options.getScenario());
    if (destroyed || ticket !== writeTicket || reading || addressUnread()) return;
    if (!encoded.ok) {
      // An invalid scenario is the editor's to report; the address keeps the last valid one.
      return;
    }
    // The embed flag and a story step stay as they are: only the scenario changed.
    const { embed, story, view } = readAddress(win.location.hash);
    const url = addressWith(win.location.href, { payload: encoded.payload, embed, story, view });
    known = encoded.payload;
    if (url !== win.location.href) win.history.replaceState(win.history.state, '', url);
  };

  const apply = (checked: Validation, source: 'link' | 'file', name?: string): boolean => {
    if (!checked.ok) {
      const title =
        source === 'link'
          ? 'This link could not be opened. The scenario shown is unchanged.'
          : `${name ? `"${name}"` : 'The file'} could not be loaded. The scenario shown is unchanged.`;
      showMessage('error', title, checked.errors);
      return false;
    }
    try {
      options.setScenario(checked.scenario);
    } catch (error) {
      fail('The scenario could not be shown.', error);
      return false;
    }
    if (checked.notes?.length)
      showMessage(
        'info',
        `This ${source} was made by an older version of the simulator; the scenario is shown.`,
        checked.notes,
      );
    else clearMessage();
    if (source === 'file') setStatus(`Loaded ${name ? `"${name}"` : 'the file'}.`);
    return true;
  };

  const readFromAddress = async () => {
    const ticket = ++readTicket;
    reading = true;
    try {
      const { payload } = readAddress(win.location.hash);
      known = payload;
      const decoded = payload === null ? null : await decoder.decode(payload);
      if (destroyed || ticket !== readTicket) return;
      reading = false;
      if (decoded) apply(decoded, 'link');
      // Good link: the address becomes its canonical form. Bad link or none: the address shows
      // the scenario on screen, so it always holds the whole scenario.
      await writeAddress();
    } finally {
      if (ticket === readTicket) reading = false;
    }
  };

  const followAddress = options.followAddress !== false;
  if (followAddress) on(win, 'hashchange', () => void readFromAddress());
  const ready = followAddress ? readFromAddress() : Promise.resolve();

  // --- buttons ----------------------------------------------------------------------------
  const showAndCopy = async (
    box: HTMLElement,
    field: HTMLInputElement | HTMLTextAreaElement,
    text: string,
    what: string,
  ) => {
    field.value = text;
    box.hidden = false;
    try {
      if (!win.navigator.clipboard) throw new Error('no clipboard');
      await win.navigator.clipboard.writeText(text);
      setStatus(`${what} copied to the clipboard (${text.length.toLocaleString('en')} characters).`);
    } catch {
      // No clipboard (plain http, an iframe without permission): the text is selected instead.
      field.focus();
      field.select();
      setStatus(`${what} selected above: press Ctrl+C (⌘C on a Mac) to copy it.`);
    }
  };

  on(copyButton, 'click', async () => {
    // A story step open in the address travels with the link.
    const { story } = readAddress(win.location.hash);
    const link = await scenarioLink(options.getScenario(), win.location.href, {
      story,
      view: linkView(false),
    });
    if (!link.ok) return showMessage('error', 'No link can be made for this scenario.', link.errors);
    await showAndCopy(linkBox, linkText, link.url, 'Link');
  });

  /** The view a copied link carries: the month picked (if any), and paused when asked. */
  const linkView = (paused: boolean): LinkView | null => {
    const month = options.getMonth?.() ?? null;
    return month === null && !paused ? null : { month, paused };
  };

  const embed = async () => {
    const scenario = options.getScenario();
    const link = await scenarioLink(scenario, win.location.href, {
      embed: true,
      view: linkView(embedPaused.checked),
    });
    if (!link.ok) return showMessage('error', 'No embed snippet can be made for this scenario.', link.errors);
    await showAndCopy(embedBox, embedText, embedSnippet(link.url, { title: scenario.name }), 'Embed snippet');
  };
  on(embedButton, 'click', () => void embed());
  on(embedPaused, 'change', () => void embed());

  const stem = () => fileStem(options.getScenario().name);

  on(saveButton, 'click', () => {
    const scenario = options.getScenario();
    downloadText(scenarioFileText(scenario), `${stem()}.scenario.json`, 'application/json', doc);
    setStatus('Scenario saved as a file.');
  });

  on(loadButton, 'click', () => fileInput.click());
  on(fileInput, 'change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    const checked = await readScenarioFile(file);
    if (apply(checked, 'file', file.name)) await writeAddress();
  });

  const withResults = (write: (run: ShareableResults) => void) => {
    const run = options.getResults?.() ?? null;
    if (!run) return setStatus('There are no results to export yet: run the scenario first.');
    try {
      write(run);
    } catch (error) {
      fail('The export failed.', error);
    }
  };
  on(jsonButton, 'click', () =>
    withResults((run) => {
      downloadText(resultsJsonText(run), `${stem()}.results.json`, 'application/json', doc);
      setStatus('Results exported as JSON.');
    }),
  );
  on(csvButton, 'click', () =>
    withResults((run) => {
      downloadText(resultsCsvText(run), `${stem()}.results.csv`, 'text/csv', doc);
      setStatus('Results exported as CSV.');
    }),
  );

  on(mapButton, 'click', async () => {
    const map = options.getMap?.() ?? null;
    const figure = options.getMapFigure?.() ?? null;
    if (!map && !figure) return setStatus('There is no map to export.');
    try {
      if (figure) {
        const made = figureSvg(figure.layers, figure.text);
        downloadBlob(await svgTextToPng(made.svg, made, doc), `${stem()}.map.png`, doc);
      } else if (map) downloadBlob(await imageToPng(map), `${stem()}.map.png`, doc);
      setStatus('Map exported as PNG.');
    } catch (error) {
      fail('The map could not be exported.', error);
    }
  });

  const fillChartList = () => {
    const list = options.getChartSvgs?.() ?? [];
    chartList.replaceChildren();
    if (list.length === 0) {
      chartList.append(el(doc, 'li', { className: 'share-hint', text: 'No charts yet.' }));
      return;
    }
    list.forEach((chart, i) => {
      const row = el(doc, 'li', { className: 'share-chart' });
      const name = el(doc, 'span', { className: 'share-chart-name', text: chart.name });
      const svgButton = button(doc, 'SVG', `chart-svg-${i}`);
      const pngButton = button(doc, 'PNG', `chart-png-${i}`);
      svgButton.setAttribute('aria-label', `${chart.name}: SVG`);
      pngButton.setAttribute('aria-label', `${chart.name}: PNG`);
      const file = `${stem()}.${fileStem(chart.name, `chart-${i + 1}`)}`;
      svgButton.addEventListener('click', () => {
        try {
          const figure = chart.figure?.() ?? null;
          const text = figure ? figureSvg(figure.layers, figure.text).svg : standaloneSvg(chart.svg);
          downloadText(text, `${file}.svg`, 'image/svg+xml', doc);
          setStatus(`${chart.name} exported as SVG.`);
        } catch (error) {
          fail('The chart could not be exported.', error);
        }
      });
      pngButton.addEventListener('click', async () => {
        try {
          const figure = chart.figure?.() ?? null;
          const made = figure ? figureSvg(figure.layers, figure.text) : null;
          downloadBlob(
            made ? await svgTextToPng(made.svg, made, doc) : await imageToPng(chart.svg),
            `${file}.png`,
            doc,
          );
          setStatus(`${chart.name} exported as PNG.`);
        } catch (error) {
          fail('The chart could not be exported.', error);
        }
      });
      row.append(name, svgButton, pngButton);
      chartList.append(row);
    });
  };
  on(charts, 'toggle', () => {
    if (charts.open) fillChartList();
  });

  const refresh = () => {
    const hasResults = (options.getResults?.() ?? null) !== null;
    jsonButton.disabled = !hasResults;
    csvButton.disabled = !hasResults;
    mapButton.hidden = !options.getMap;
    mapButton.disabled = !(options.getMap?.() ?? options.getMapFigure?.() ?? null);
    charts.hidden = !options.getChartSvgs;
    if (charts.open) fillChartList();
  };
  refresh();

  return {
    element: root,
    ready,
    scenarioChanged: () => void writeAddress(),
    refresh,
    showMessage,
    clearMessage,
    destroy() {
      destroyed = true;
      decoder.dispose();
      for (const cleanup of cleanups.splice(0)) cleanup();
      root.remove();
      message.remove();
    },
  };
}
