/**
 * The map legend: swatches (with the marker shape), a gradient for shares, and the flow arcs'
 * colours and widths. Rebuilt from LegendItem data whenever the colouring changes; plain DOM
 * and d3-built SVG swatches, no HTML strings.
 */
import { symbol, symbolCircle, symbolDiamond, symbolStar } from 'd3';
import { legendSample } from './legendSample';
import type { LegendItem } from './mapColouring';

export interface MapLegend {
  update(items: readonly LegendItem[]): void;
}

const SHAPES = { star: symbolStar, diamond: symbolDiamond, circle: symbolCircle } as const;

export function createMapLegend(container: HTMLElement): MapLegend {
  const legend = document.createElement('ul');
  legend.className = 'map-legend';
  legend.setAttribute('aria-label', 'Map legend');
  container.append(legend);
  let last = '';

  function swatch(item: Extract<LegendItem, { kind: 'swatch' }>, li: HTMLElement) {
    const svg = legendSample(li, 34, 16).attr('class', 'legend-swatch').attr('viewBox', '0 0 34 16');
    svg.append('rect').attr('x', 0).attr('y', 2).attr('width', 16).attr('height', 12).attr('fill', item.fill);
    if (item.hatch) {
      for (let x = -12; x < 16; x += 4) {
        svg
          .append('line')
          .attr('x1', Math.max(0, x))
          .attr('y1', 14 - Math.max(0, -x))
          .attr('x2', Math.min(16, x + 12))
          .attr('y2', 2 + Math.max(0, x + 12 - 16))
          .attr('stroke', '#7a4f00')
          .attr('stroke-width', 1);
      }
    }
    const marker = item.marker;
    if (!marker) return;
    if (marker.shape === 'chip') {
      svg
        .append('rect')
        .attr('x', 19)
        .attr('y', 4)
        .attr('width', 14)
        .attr('height', 8)
        .attr('rx', 4)
        .attr('fill', marker.fill);
    } else {
      svg
        .append('path')
        .attr('transform', 'translate(26,8)')
        .attr('d', symbol(SHAPES[marker.shape], marker.shape === 'star' ? 70 : 55)() ?? '')
        .attr('fill', marker.fill)
        .attr('stroke', marker.stroke ?? '#fff');
    }
  }

  return {
    update(items) {
      const key = JSON.stringify(items);
      if (key === last) return;
      last = key;
      legend.replaceChildren();
      for (const item of items) {
        const li = document.createElement('li');
        li.dataset.kind = item.kind;
        if (item.kind === 'swatch') swatch(item, li);
        else if (item.kind === 'gradient') {
          const bar = document.createElement('span');
          bar.className = 'legend-gradient';
          bar.style.background = `linear-gradient(to right, ${item.colours.join(', ')})`;
          li.append(
            document.createTextNode(`${item.label}: ${item.min}`),
            bar,
            document.createTextNode(item.max),
          );
          legend.append(li);
          continue;
        } else if (item.kind === 'arc') {
          const svg = legendSample(li, 30, 12);
          svg
            .append('path')
            .attr('d', 'M1,9 Q14,1 22,6')
            .attr('fill', 'none')
            .attr('stroke', item.colour)
            .attr('stroke-width', 2.5);
          svg.append('path').attr('d', 'M29,8 L20,9.5 L23,2.5 Z').attr('fill', item.colour);
        }
        const label = document.createElement('span');
        label.textContent = item.label;
        if (item.kind === 'note') label.className = 'legend-note';
        li.append(label);
        legend.append(li);
      }
    },
  };
}
