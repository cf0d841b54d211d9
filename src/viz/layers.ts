/**
 * The stacked <g> layers a D3 view draws into: one per class, appended in drawing order, so a
 * later layer paints over an earlier one.
 */
import type { BaseType, Selection } from 'd3';

export function appendLayers<P extends BaseType>(
  parent: Selection<P, unknown, null, undefined>,
  classNames: readonly string[],
): Selection<SVGGElement, unknown, null, undefined>[] {
  return classNames.map((className) => parent.append('g').attr('class', className));
}
