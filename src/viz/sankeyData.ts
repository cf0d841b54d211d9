/**
 * The supply chain of one mineral as Sankey columns: where it is mined → where it is refined
 * (→ where magnets are made, for rare earths) → where it is used, from the month's trade flows
 * (summed over a period). Small nodes in each column are grouped as "Other". Pure: results in,
 * nodes and links out; sankey.ts lays them out with d3-sankey.
 *
 * A processed good bought by node k goes on to k's next stage, except the part k's final
 * consumers use: for rare-earth oxide, k's consumption of oxide (capped at what k received)
 * goes to "Used in k" and the rest to "Magnets made in k".
 */
import { forEachFlow } from '../engine/metrics.ts';
import { type RunResults, seriesIndex } from '../engine/results.ts';

export interface SankeyNodeDatum {
  id: string;
  column: number;
  label: string;
  /** Node code, or null for an "Other" group. */
  code: string | null;
  /** Codes grouped into an "Other" node. */
  grouped: string[];
}

export interface SankeyLinkDatum {
  source: string;
  target: string;
  /** Tonnes over the period. */
  tonnes: number;
}

export interface SankeyData {
  columns: string[];
  nodes: SankeyNodeDatum[];
  links: SankeyLinkDatum[];
  /** Tonnes entering the first column. */
  totalTonnes: number;
  from: number;
  to: number;
}

/** Ids of the two user nodes when users are grouped by a zone. */
const INSIDE = '@inside';
const OUTSIDE = '@outside';

const STAGE_COLUMN: Record<string, string> = {
  mine: 'Mined in',
  refine: 'Refined in',
  magnet: 'Magnets made in',
};

/**
 * Links of a mineral's chain over months [from, to): column c holds the producers of stage c,
 * the last column the users.
 */
export function sankeyData(
  results: RunResults,
  mineral: string,
  from: number,
  to: number,
  options: {
    perColumn?: number;
    nameOf?: (code: string) => string;
    /** Links of single months, kept between calls for the same results, mineral and users. */
    monthCache?: Map<number, Map<string, number>>;
    /** Users as two nodes, inside and outside a zone, instead of one node per country. */
    users?: { inside: string; outside: string; members: readonly string[] };
  } = {},
): SankeyData {
  const perColumn = options.perColumn ?? 7;
  const nameOf = options.nameOf ?? ((code: string) => code);
  const { goods } = results.meta;
  const chain = goods.flatMap((g, i) => (g.mineral === mineral ? [{ ...g, index: i }] : []));
  const columns = [...chain.map((g) => STAGE_COLUMN[g.stage] ?? g.stage), 'Used in'];
  const userColumn = chain.length;
  const end = Math.min(to, results.monthsDone);

  // Raw links keyed by "column:code>column:code", summed over the period.
  const raw = new Map<string, number>();
  for (let m = Math.max(0, from); m < end; m++) {
    let month = options.monthCache?.get(m);
    if (!month) {
      month = monthLinks(results, chain, userColumn, m, options.users?.members);
      options.monthCache?.set(m, month);
    }
    for (const [key, t] of month) raw.set(key, (raw.get(key) ?? 0) + t);
  }

  // Throughput per column node: the larger of what flows in and out.
  const inflow = new Map<string, number>();
  const outflow = new Map<string, number>();
  for (const [key, t] of raw) {
    const [s, d] = key.split('>');
    outflow.set(s, (outflow.get(s) ?? 0) + t);
    inflow.set(d, (inflow.get(d) ?? 0) + t);
  }
  const throughput = new Map<string, number>();
  for (const id of new Set([...inflow.keys(), ...outflow.keys()]))
    throughput.set(id, Math.max(inflow.get(id) ?? 0, outflow.get(id) ?? 0));

  // Keep the largest nodes of each column; the rest become that column's "Other".
  const kept = new Set<string>();
  const groupOf = new Map<string, string>();
  const grouped = new Map<number, string[]>();
  for (let c = 0; c < columns.length; c++) {
    const inColumn = [...throughput.entries()]
      .filter(([id]) => id.startsWith(`${c}:`))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    inColumn.forEach(([id], rank) => {
      if (rank < perColumn || inColumn.length === perColumn + 1) kept.add(id);
      else {
        groupOf.set(id, `${c}:other`);
        const list = grouped.get(c) ?? [];
        list.push(id.slice(id.indexOf(':') + 1));
        grouped.set(c, list);
      }
    });
  }
  const links = new Map<string, number>();
  for (const [key, t] of raw) {
    const [s, d] = key.split('>');
    const k = `${groupOf.get(s) ?? s}>${groupOf.get(d) ?? d}`;
    links.set(k, (links.get(k) ?? 0) + t);
  }

  const nodesOut: SankeyNodeDatum[] = [];
  const used = new Set<string>();
  for (const key of links.keys()) for (const id of key.split('>')) used.add(id);
  for (const id of [...used].sort()) {
    const column = Number(id.slice(0, id.indexOf(':')));
    const code = id.slice(id.indexOf(':') + 1);
    if (code === INSIDE || code === OUTSIDE) {
      const label = code === INSIDE ? options.users?.inside : options.users?.outside;
      nodesOut.push({ id, column, label: label ?? code, code: null, grouped: [] });
    } else if (code === 'other') {
      const list = grouped.get(column) ?? [];
      nodesOut.push({ id, column, label: `Other (${list.length})`, code: null, grouped: list });
    } else nodesOut.push({ id, column, label: nameOf(code), code, grouped: [] });
  }
  const linksOut = [...links.entries()]
    .map(([key, tonnes]) => {
      const [source, target] = key.split('>');
      return { source, target, tonnes };
    })
    .sort((a, b) => b.tonnes - a.tonnes);
  let totalTonnes = 0;
  for (const l of linksOut) if (l.source.startsWith('0:')) totalTonnes += l.tonnes;
  return { columns, nodes: nodesOut, links: linksOut, totalTonnes, from: Math.max(0, from), to: end };
}

/** One month's links of a chain (see sankeyData). */
function monthLinks(
  results: RunResults,
  chain: readonly { index: number }[],
  userColumn: number,
  m: number,
  zone: readonly string[] | undefined,
): Map<string, number> {
  const { nodes } = results.meta;
  const N = nodes.length;
  const inZone = zone ? nodes.map((code) => zone.includes(code)) : null;
  const links = new Map<string, number>();
  const add = (c1: number, i: number, c2: number, j: number, t: number) => {
    if (!(t > 0)) return;
    const user = c2 === userColumn && inZone ? (inZone[j] ? INSIDE : OUTSIDE) : nodes[j];
    const key = `${c1}:${nodes[i]}>${c2}:${user}`;
    links.set(key, (links.get(key) ?? 0) + t);
  };
  const consumption = results.series.consumption;
  chain.forEach((good, c) => {
    const last = c === chain.length - 1;
    // What each destination received this month, for the final-use split.
    const received = new Float64Array(N);
    if (!last) forEachFlow(results, m, good.index, (_, j, t) => (received[j] += t));
    forEachFlow(results, m, good.index, (i, j, t) => {
      if (last) {
        add(c, i, userColumn, j, t);
        return;
      }
      const finalUse = Math.min(received[j], consumption[seriesIndex(results.meta, m, good.index, j)]);
      const finalShare = received[j] > 0 ? finalUse / received[j] : 0;
      if (finalShare > 0) add(c, i, userColumn, j, t * finalShare);
      add(c, i, c + 1, j, t * (1 - finalShare));
    });
  });
  return links;
}
