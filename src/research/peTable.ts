/**
 * The partial-equilibrium benchmark as a table beside the agents (MODEL.md §8): per region,
 * GSIM's world-price, export and welfare changes next to what the agents did. Pure: the page
 * formats the rows; the benchmark itself is solved in a worker (peScenario.ts).
 */
import type { PeComparison } from './peScenario.ts';

export interface PeRow {
  region: string;
  /** Base trade of the region with others (exports + imports at world prices), USD million a year. */
  baseTrade: number;
  /** Proportional changes of the region's world (export) price: GSIM, and the agents over the last 12 months. */
  price: { pe: number; agents: number };
  /** Proportional changes of exports to other regions: GSIM (value at world prices), the agents (tonnes). */
  exports: { pe: number; agents: number };
  /** GSIM welfare changes, USD million a year. */
  pe: { producerSurplus: number; consumerSurplus: number; tariffRevenue: number; welfare: number };
  /** The agents' welfare change over the last 12 months (USD million), when the page supplied it. */
  agentsWelfare: number;
}

export interface PeSummary {
  /** GSIM's change of the world price: exporters' price changes weighted by base sales. */
  peWorldPrice: number;
  /** The agents' change of the production-weighted world price, last 12 months. */
  agentsWorldPrice: number;
  /** False when the scenario changes no border measure on the good: GSIM then predicts no change. */
  bordersChange: boolean;
  /** GSIM world welfare change, USD million a year. */
  peWelfare: number;
}

/** Rows largest trader first; `agentsWelfare(region)` is the agents' figure in USD million (NaN if unknown). */
export function peRows(
  comparison: PeComparison,
  agentsWelfare: (region: string) => number = () => Number.NaN,
): PeRow[] {
  const { input, pe, agents } = comparison;
  const flows = input.flows;
  const rows = pe.byRegion.map((r, i): PeRow => {
    let exports = 0;
    let imports = 0;
    flows.forEach((row, j) => {
      if (j === i) return;
      exports += flows[i][j];
      imports += row[i];
    });
    const sales = exports + flows[i][i];
    const agent = agents[i];
    return {
      region: r.region,
      baseTrade: exports + imports,
      // A region that sells nothing has no world price, one that exports nothing no export change
      // (the agents' series hold a quote or 0/0 there): shown as missing, on both sides.
      price: {
        pe: sales > 0 ? r.worldPriceChange : Number.NaN,
        agents: sales > 0 ? (agent?.priceChange ?? Number.NaN) : Number.NaN,
      },
      exports: {
        pe: exports > 0 ? r.exportValueChange / exports : Number.NaN,
        agents: exports > 0 ? (agent?.exportChange ?? Number.NaN) : Number.NaN,
      },
      pe: {
        producerSurplus: r.producerSurplus,
        consumerSurplus: r.consumerSurplus,
        tariffRevenue: r.tariffRevenue,
        welfare: r.welfare,
      },
      agentsWelfare: agentsWelfare(r.region),
    };
  });
  return rows.sort((a, b) => b.baseTrade - a.baseTrade || a.region.localeCompare(b.region));
}

export function peSummary(comparison: PeComparison): PeSummary {
  const { input, pe } = comparison;
  let weighted = 0;
  let sales = 0;
  input.flows.forEach((row, r) => {
    const x = row.reduce((a, b) => a + b, 0);
    weighted += x * pe.worldPriceChange[r];
    sales += x;
  });
  const bordersChange = input.tariffs0.some((row, r) => row.some((t, v) => t !== input.tariffs1[r][v]));
  return {
    peWorldPrice: sales > 0 ? weighted / sales : 0,
    agentsWorldPrice: comparison.agentWorldPriceChange,
    bordersChange,
    peWelfare: pe.welfare.reduce((a, b) => a + b, 0),
  };
}

/**
 * GSIM's warnings for the notes, with the many "X sells nothing in the base" (every region that
 * only buys the good) folded into one line.
 */
export function peWarnings(warnings: readonly string[]): string[] {
  const idle: string[] = [];
  const rest: string[] = [];
  for (const warning of warnings) {
    const match = /^"([^"]+)" sells nothing in the base/.exec(warning);
    if (match) idle.push(match[1]);
    else rest.push(warning);
  }
  if (idle.length > 0)
    rest.unshift(
      `${idle.length} region${idle.length === 1 ? '' : 's'} sell${idle.length === 1 ? 's' : ''} none of the good in the base (${idle.join(', ')}): ${idle.length === 1 ? 'its' : 'their'} world price stays as it is (in an Armington model a region without sales cannot start selling).`,
    );
  return rest;
}

/** What GSIM leaves out, for the notes under the table (beside the comparison's own notes). */
export const PE_LIMITATIONS: readonly string[] = [
  'GSIM is a comparative static: one good, one year of base flows (the status quo’s first 12 months), no links to other stages or minerals.',
  'It has no stocks, no build lags, no new capacity and no shortages: where the agents differ, look for dynamics.',
  'Export supply elasticity 1.5 for every exporter (Francois and Hall’s example value); demand and substitution elasticities are the scenario’s.',
  'Border measures become tariff powers: a price floor as its levy at the reference price, a licence fee as a tariff, a ban as a prohibitive tariff (levels form).',
];
