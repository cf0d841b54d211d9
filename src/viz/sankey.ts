/**
 * The Sankey view (d3-sankey): a mineral's chain from the countries that mine it, through
 * those that refine it (and make magnets, for rare earths), to those that use it, for the
 * month shown or a period. Column positions come from the data (a stage per column), not from
 * d3-sankey's own depth, so "Used in" is always the last column.
 */
import { select } from 'd3';
import { type SankeyLink, type SankeyNode, sankey, sankeyLinkHorizontal } from 'd3-sankey';
import { setText } from '../present/dom.ts';
import { tonnes } from '../present/format.ts';
import { OKABE_ITO, STAGE_COLOUR } from './palette.ts';
import type { SankeyData, SankeyLinkDatum, SankeyNodeDatum } from './sankeyData.ts';

export interface SankeyView {
  update(data: SankeyData | null, caption: string): void;
}

type Node = SankeyNode<SankeyNodeDatum, SankeyLinkDatum>;
type Link = SankeyLink<SankeyNodeDatum, SankeyLinkDatum>;

const HEIGHT = 330;
const MARGIN = { top: 20, right: 4, bottom: 4, left: 4 };
const COLUMN_STAGE = ['mine', 'refine', 'magnet'];

export function createSankeyView(container: HTMLElement): SankeyView {
  const caption = document.createElement('p');
  caption.className = 'sankey-caption';
  const empty = document.createElement('p');
  empty.className = 'hint';
  empty.textContent = 'No flows yet: run the scenario.';
  const frame = document.createElement('div');
  frame.className = 'sankey-frame';
  container.append(caption, empty, frame);
  const svg = select(frame).append('svg').attr('class', 'sankey-svg').attr('role', 'img');
  const headers = svg.append('g').attr('class', 'sankey-columns');
  const linkLayer = svg.append('g').attr('class', 'sankey-links').attr('fill', 'none');
  const nodeLayer = svg.append('g').attr('class', 'sankey-nodes');
  let width = 0;
  let last: { data: SankeyData | null; caption: string } = { data: null, caption: '' };

  const observer = new ResizeObserver(() => {
    const w = Math.floor(frame.clientWidth);
    if (w > 0 && w !== width) {
      width = w;
      draw(last.data, last.caption);
    }
  });
  observer.observe(frame);

  function draw(data: SankeyData | null, text: string) {
    caption.textContent = text;
    const hasData = !!data && data.links.length > 0;
    empty.hidden = hasData;
    svg.style('display', hasData ? 'block' : 'none');
    if (!data || !hasData) return;
    if (width === 0) width = Math.floor(frame.clientWidth) || 600;
    const columns = data.columns.length;
    svg.attr('width', width).attr('height', HEIGHT).attr('viewBox', `0 0 ${width} ${HEIGHT}`);
    svg.attr('aria-label', `${text}. ${data.links.length} links.`);

    const layout = sankey<SankeyNodeDatum, SankeyLinkDatum>()
      .nodeId((n) => n.id)
      .nodeAlign((n) => (n as Node).column)
      .nodeWidth(10)
      .nodePadding(8)
      .nodeSort((a, b) => (b.value ?? 0) - (a.value ?? 0))
      .extent([
        [MARGIN.left, MARGIN.top],
        [width - MARGIN.right, HEIGHT - MARGIN.bottom],
      ]);
    const graph = layout({
      nodes: data.nodes.map((n) => ({ ...n })),
      links: data.links.map((l) => ({ ...l, value: l.tonnes })),
    });
    const step = columns > 1 ? (width - MARGIN.left - MARGIN.right - 10) / (columns - 1) : 0;

    headers
      .selectAll('text')
      .data(data.columns)
      .join('text')
      .attr('x', (_, i) => MARGIN.left + i * step + (i === columns - 1 ? 10 : 0))
      .attr('y', 12)
      .attr('text-anchor', (_, i) => (i === 0 ? 'start' : i === columns - 1 ? 'end' : 'middle'))
      .text((d) => d);

    linkLayer
      .selectAll<SVGPathElement, Link>('path')
      .data(graph.links)
      .join((enter) => {
        const p = enter.append('path');
        p.append('title');
        return p;
      })
      .attr('d', sankeyLinkHorizontal())
      .attr('stroke', (l) => STAGE_COLOUR[COLUMN_STAGE[(l.source as Node).column]] ?? OKABE_ITO.black)
      .attr('stroke-opacity', 0.42)
      .attr('stroke-width', (l) => Math.max(1, l.width ?? 1))
      .attr('data-source', (l) => (l.source as Node).id)
      .attr('data-target', (l) => (l.target as Node).id)
      .select('title')
      .text((l) => `${(l.source as Node).label} → ${(l.target as Node).label}: ${tonnes(l.value)}`);

    const nodes = nodeLayer
      .selectAll<SVGGElement, Node>('g')
      .data(graph.nodes, (n) => n.id)
      .join((enter) => {
        const g = enter.append('g');
        g.append('rect');
        g.append('text');
        g.append('title');
        return g;
      })
      .attr('data-node', (n) => n.id);
    nodes
      .select('rect')
      .attr('x', (n) => n.x0 ?? 0)
      .attr('y', (n) => n.y0 ?? 0)
      .attr('width', (n) => (n.x1 ?? 0) - (n.x0 ?? 0))
      .attr('height', (n) => Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0)))
      .attr('fill', (n) => (n.code === null ? '#8A8A8A' : '#3B3B3B'));
    nodes
      .select('text')
      .attr('x', (n) => (n.column === columns - 1 ? (n.x0 ?? 0) - 4 : (n.x1 ?? 0) + 4))
      .attr('y', (n) => ((n.y0 ?? 0) + (n.y1 ?? 0)) / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', (n) => (n.column === columns - 1 ? 'end' : 'start'))
      // Labels only where they fit; every node keeps its name and tonnes in a tooltip. Text is
      // set only when it changes: re-setting it makes the browser shape it again.
      .each(function label(n) {
        setText(this as SVGTextElement, (n.y1 ?? 0) - (n.y0 ?? 0) >= 6 ? n.label : '');
      });
    nodes.select('title').text((n) => {
      const others = n.grouped.length ? ` (${n.grouped.join(', ')})` : '';
      return `${data.columns[n.column]} ${n.label}${others}: ${tonnes(n.value ?? 0)}`;
    });
  }

  return {
    update(data, text) {
      last = { data, caption: text };
      draw(data, text);
    },
  };
}
