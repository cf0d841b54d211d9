/**
 * A legend entry's sample (a swatch, a line, an arc): a small SVG that screen readers skip,
 * since the entry's text says what it stands for.
 */
import { select } from 'd3';

/** Appends a width × height px SVG, hidden from assistive technology, to a legend entry. */
export function legendSample(entry: HTMLElement, width: number, height: number) {
  return select(entry).append('svg').attr('width', width).attr('height', height).attr('aria-hidden', 'true');
}
