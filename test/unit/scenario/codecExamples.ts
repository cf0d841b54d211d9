/** Example scenario documents for the codec tests (schema version 1). */
import { MOU_SIGNATORIES } from '../../../src/data/groups';

/**
 * The default scenario with ten edits, as a user makes them in the editor: a name, a seed,
 * the run length, a zone (Burgum's club: 17 members), a price floor, an export ban, a tariff,
 * a supply shock, a demand path and an elasticity.
 */
export const TEN_EDITS = {
  version: 1,
  name: 'Club with floors and a cobalt ban',
  seed: 42,
  months: 60,
  zones: [
    { id: 'club', name: 'Club', members: ['USA', 'JPN', 'KOR', 'MYS', 'AUS', 'THA', ...MOU_SIGNATORIES] },
  ],
  priceFloors: [{ zone: 'club', mineral: 'rare_earths', stage: 'refine', floor: 90000 }],
  exportControls: [{ exporter: 'COD', mineral: 'cobalt', stage: 'mine', kind: 'ban', start: 1, end: 9 }],
  tariffs: [{ importer: 'USA', exporter: 'CHN', rate: 0.25 }],
  shocks: [{ node: 'IDN', mineral: 'nickel', stage: 'mine', capacityLoss: 0.3, start: 12, end: 24 }],
  demandGrowth: [{ mineral: 'lithium', ratePerYear: 0.15 }],
  elasticities: { substitution: 3 },
} as const;

/** Every lever with only its required fields, so every per-lever default is filled in. */
export const EVERY_LEVER = {
  version: 1,
  zones: [{ id: 'club', name: 'Club', members: ['USA', 'AUS'] }],
  tariffs: [{ importer: 'EU', rate: 0.05 }],
  priceFloors: [{ zone: 'club', mineral: 'lithium', stage: 'refine', floor: 15000 }],
  priceGapSubsidies: [{ scope: 'club', mineral: 'cobalt', stage: 'refine', referencePrice: 30000 }],
  exportControls: [{ exporter: 'CHN', mineral: 'gallium', stage: 'all', kind: 'licence' }],
  offtakes: [
    { buyer: 'JPN', seller: 'AUS', mineral: 'lithium', stage: 'mine', share: 0.2, priceUsdPerTonne: 900 },
  ],
  stockpiles: [
    {
      name: 'Reserve',
      holder: 'USA',
      mineral: 'rare_earths',
      stage: 'magnet',
      budgetUsd: 1e9,
      buyBelowUsd: 50000,
      releaseAboveUsd: 80000,
      maxBuyTonnesPerMonth: 100,
      maxReleaseTonnesPerMonth: 200,
    },
  ],
  disruptions: [{ mineral: 'graphite' }],
  shocks: [{ node: 'CHL', mineral: 'copper', stage: 'mine', capacityLoss: 0.1 }],
  demandGrowth: [{ ratePerYear: 0.05 }],
  permitting: [{ scope: 'world', buildLagMonths: 36 }],
  investmentSupport: [{ scope: 'USA', hurdleReduction: 0.1 }],
  projects: [
    {
      name: 'Magnet plant',
      node: 'USA',
      mineral: 'rare_earths',
      stage: 'magnet',
      capacityTonnesPerYear: 1000,
      unitCostUsdPerTonne: 40000,
      startMonth: 24,
    },
  ],
  recycling: [{ mineral: 'cobalt', share: 0.1 }],
  standards: [
    { zone: 'club', mineral: 'nickel', stage: 'refine', requiredShare: 0.5, compliantOrigins: ['AUS'] },
  ],
} as const;
