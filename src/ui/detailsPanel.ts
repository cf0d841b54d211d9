/**
 * Side panel with the selected node's details: name, attendance, agreements with the US, and
 * output by mineral and stage with the share of the world and the source of each figure.
 * Built with createElement and textContent only.
 */
import { CALIBRATION_YEAR } from '../data/calibration';
import { nodeByCode } from '../data/nodes';
import {
  agreementsOfNode,
  attendanceLabel,
  formatShare,
  formatTonnes,
  outputFacts,
  stageLabel,
} from './nodeFacts';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

export interface DetailsPanel {
  show(code: string): void;
  clear(): void;
}

/**
 * `extra` adds controls under the node's name (the app's "add to zone" button).
 */
export function createDetailsPanel(
  container: HTMLElement,
  extra?: (code: string) => HTMLElement | null,
  onClose?: () => void,
): DetailsPanel {
  container.classList.add('details-panel');
  container.setAttribute('aria-live', 'polite');

  function clear() {
    container.replaceChildren(
      el('h2', 'Node details'),
      el(
        'p',
        'Select a country or a marker on the map (click, or Tab then Enter) to see its attendance, its agreements with the US and its output.',
        'hint',
      ),
    );
    delete container.dataset.node;
  }

  function show(code: string) {
    const node = nodeByCode(code);
    const parts: HTMLElement[] = [];
    const heading = el('h2', node.name, 'details-name');
    const close = el('button', 'Close', 'small details-close');
    close.type = 'button';
    close.setAttribute('aria-label', `Close the details of ${node.name}`);
    close.addEventListener('click', () => {
      clear();
      onClose?.();
    });
    parts.push(el('div', undefined, 'details-head'));
    parts[0].append(heading, close);
    parts.push(el('p', attendanceLabel(node), 'details-status'));
    if (node.euMember)
      parts.push(el('p', 'Member of the EU customs union (one common external tariff).', 'details-eu'));
    const more = extra?.(code);
    if (more) parts.push(more);

    parts.push(el('h3', 'Agreements with the US'));
    const agreements = agreementsOfNode(node);
    if (agreements.length === 0) parts.push(el('p', 'None in the sources.', 'hint'));
    else {
      const list = el('ul', undefined, 'details-agreements');
      for (const a of agreements) {
        const item = el('li');
        item.append(el('span', a.name), el('span', ` (${a.date}, ${a.source})`, 'source-key'));
        list.append(item);
      }
      parts.push(list);
    }

    parts.push(el('h3', `Output, ${CALIBRATION_YEAR}`));
    const facts = outputFacts(code);
    if (facts.length === 0) parts.push(el('p', 'No output of the modelled minerals in the data.', 'hint'));
    else {
      const table = el('table', undefined, 'details-output');
      const head = el('thead');
      const headRow = el('tr');
      for (const title of ['Mineral, stage (source)', 't/yr', 'Share of world'])
        headRow.append(el('th', title));
      head.append(headRow);
      const body = el('tbody');
      for (const f of facts) {
        const row = el('tr');
        row.dataset.mineral = f.mineral;
        row.dataset.stage = f.stage;
        const what = el('td');
        const cite = el('cite', f.source);
        cite.title = f.note ? `${f.sourceTitle}. ${f.note}` : f.sourceTitle;
        what.append(el('span', `${f.mineralName}, ${stageLabel(f.stage).toLowerCase()}`), cite);
        const tonnes = el('td', formatTonnes(f.tonnes), 'num');
        tonnes.title = f.unit;
        row.append(what, tonnes, el('td', formatShare(f.share), 'num'));
        body.append(row);
      }
      table.append(head, body);
      parts.push(table);
      parts.push(
        el('p', 'Hover a source key for its title and, for estimates, how the figure was made.', 'hint'),
      );
    }
    if (node.note) parts.push(el('p', node.note, 'details-note'));
    container.replaceChildren(...parts);
    container.dataset.node = code;
  }

  clear();
  return { show, clear };
}
