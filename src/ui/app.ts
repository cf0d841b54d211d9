/**
 * App shell: a header and a CSS grid whose centre is the world map, with room for the
 * scenario controls (left), the node details (right) and charts (below) of later issues.
 */
import atlas from 'world-atlas/countries-50m.json';
import { NODES } from '../data/nodes';
import { type CountriesTopology, createMapLegend, createWorldMap, type WorldMap } from '../viz/worldMap';
import { createDetailsPanel } from './detailsPanel';
import { tooltipFor } from './nodeFacts';

function section(tag: 'aside' | 'section', className: string, label: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.setAttribute('aria-label', label);
  return element;
}

export interface App {
  map: WorldMap;
}

export function createApp(root: HTMLElement): App {
  const header = document.createElement('header');
  header.className = 'app-header';
  const title = document.createElement('h1');
  title.textContent = 'Critical-minerals trade simulator';
  const tagline = document.createElement('p');
  tagline.textContent =
    'The delegations of the February 2026 Critical Minerals Ministerial, China, the other large producers and the rest of the world: 2024 calibration data.';
  header.append(title, tagline);

  const main = document.createElement('main');
  main.className = 'app-grid';
  const controls = section('aside', 'panel panel-controls', 'Scenario controls');
  const controlsTitle = document.createElement('h2');
  controlsTitle.textContent = 'Scenario';
  const controlsHint = document.createElement('p');
  controlsHint.className = 'hint';
  controlsHint.textContent =
    'Scenario controls (zones, tariffs, price floors, export controls) arrive in a later release.';
  controls.append(controlsTitle, controlsHint);

  const mapPanel = section('section', 'panel panel-map', 'World map');
  const mapHost = document.createElement('div');
  mapHost.className = 'map-host';
  mapPanel.append(mapHost);
  createMapLegend(mapPanel);

  const details = section('aside', 'panel panel-details', 'Node details');
  const charts = section('section', 'panel panel-charts', 'Charts');
  const chartsHint = document.createElement('p');
  chartsHint.className = 'hint';
  chartsHint.textContent = 'Prices, flows and concentration charts will appear here once a scenario runs.';
  charts.append(chartsHint);

  // Map and charts share the centre column, so a long details panel never stretches the map's row.
  const centre = document.createElement('div');
  centre.className = 'app-centre';
  centre.append(mapPanel, charts);
  main.append(controls, centre, details);
  root.replaceChildren(header, main);

  const panel = createDetailsPanel(details);
  const map = createWorldMap(mapHost, {
    nodes: NODES,
    topology: atlas as unknown as CountriesTopology,
    describe: tooltipFor,
    onSelect: (code) => panel.show(code),
  });
  return { map };
}
