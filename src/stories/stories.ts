/**
 * Guided tours for teachers: each story is a sequence of steps, each step a short text, a
 * scenario, and what to look at (a view, a mineral and stage). Every step has its own link
 * (`#story=<id>&step=<n>` together with the step's scenario), so a class can jump straight in.
 */
import { priceFor } from '../data/calibration';
import { PARTICIPANTS, US_EU_JAPAN } from '../data/groups';
import { presetById } from '../scenario/presets.ts';
import type { ScenarioInput } from '../scenario/schema.ts';

export type StoryView = 'concentration' | 'map' | 'timeseries' | 'sankey';

export interface StoryStep {
  title: string;
  /** What to tell the class, two to four sentences. */
  text: string;
  scenario: ScenarioInput;
  look: {
    view: StoryView;
    mineral: string;
    stage: string;
    /** The time-series chart to open (prices, concentration, selfSufficiency, unmet, money). */
    chart?: 'prices' | 'concentration' | 'selfSufficiency' | 'unmet' | 'money';
    /** A month to stop at or to point to. */
    month?: number;
  };
}

export interface Story {
  id: string;
  title: string;
  summary: string;
  steps: StoryStep[];
}

const TEACHING = { version: 1 as const, resolution: 5000, months: 60 };
const price = (mineral: 'lithium' | 'rare_earths' | 'cobalt', stage: 'refine' | 'magnet') =>
  priceFor(mineral, stage)?.usdPerTonne ?? 0;

const zone = { id: 'zone', name: 'Ministerial zone', members: [...PARTICIPANTS] };
const useuj = { id: 'useujp', name: 'US–EU–Japan', members: [...US_EU_JAPAN] };

/** The magnet ban of the export-ban story (steps 2 and 3). */
const MAGNET_BAN: ScenarioInput = {
  ...TEACHING,
  name: 'Magnet export ban',
  zones: [zone],
  exportControls: [
    {
      exporter: 'CHN',
      mineral: 'rare_earths',
      stage: 'magnet',
      kind: 'ban',
      destinations: ['zone'],
      start: 6,
    },
  ],
};

/** The lithium floor of the price-floor story (steps 2 and 3). */
const LITHIUM_FLOOR: ScenarioInput = {
  ...TEACHING,
  months: 96,
  name: 'Lithium price floor',
  zones: [useuj],
  priceFloors: [
    {
      zone: 'useujp',
      mineral: 'lithium',
      stage: 'refine',
      floor: Math.round(1.3 * price('lithium', 'refine')),
    },
  ],
};

/** The floor story's look at the partners' lithium self-sufficiency in month 72 (steps 2 and 4). */
const LITHIUM_SELF_SUFFICIENCY_M72: Story['steps'][number]['look'] = {
  view: 'timeseries',
  mineral: 'lithium',
  stage: 'refine',
  chart: 'selfSufficiency',
  month: 72,
};

export const STORIES: readonly Story[] = [
  {
    id: 'concentration',
    title: 'What is market concentration?',
    summary: 'HHI, top-1 and top-3 shares: why rare-earth refining is riskier than copper mining.',
    steps: [
      {
        title: 'Who refines rare earths?',
        text: 'Open the concentration panel. China separates about nine tenths of the world’s rare-earth oxide (IEA 2024). The Herfindahl–Hirschman index (HHI) adds up the squared market shares in percent: one firm with everything scores 10,000.',
        scenario: { ...TEACHING, name: 'Status quo' },
        look: { view: 'concentration', mineral: 'rare_earths', stage: 'refine' },
      },
      {
        title: 'Compare copper mining',
        text: 'Copper mining is spread over Chile, the DR Congo, Peru, China and many others: its HHI is near 1,000. Competition authorities call a market "highly concentrated" above 1,800 — the dashed line on the chart.',
        scenario: { ...TEACHING, name: 'Status quo' },
        look: { view: 'concentration', mineral: 'copper', stage: 'mine', chart: 'concentration' },
      },
      {
        title: 'Why it matters: a shock at the top',
        text: 'Now China loses 30% of its rare-earth separation capacity for a year, from month 6. Watch the price and unmet demand: when one country holds most of a stage, nobody else can fill the gap quickly.',
        scenario: {
          ...TEACHING,
          name: 'Shock to the dominant refiner',
          shocks: [
            { node: 'CHN', mineral: 'rare_earths', stage: 'refine', capacityLoss: 0.3, start: 6, end: 18 },
          ],
        },
        look: { view: 'timeseries', mineral: 'rare_earths', stage: 'refine', chart: 'prices', month: 12 },
      },
      {
        title: 'The same shock in a spread-out market',
        text: 'Give the same 30% shock to Chile’s copper mines. Chile is the largest copper miner, but with a quarter of the market: the price moves far less and the others make up most of the gap.',
        scenario: {
          ...TEACHING,
          name: 'Shock to the largest copper miner',
          shocks: [{ node: 'CHL', mineral: 'copper', stage: 'mine', capacityLoss: 0.3, start: 6, end: 18 }],
        },
        look: { view: 'timeseries', mineral: 'copper', stage: 'mine', chart: 'prices', month: 12 },
      },
    ],
  },
  {
    id: 'export-ban',
    title: 'What does an export ban do?',
    summary:
      'China stops selling rare-earth magnets to the Ministerial countries: prices, shortages, new capacity.',
    steps: [
      {
        title: 'Before the ban',
        text: 'Magnets for motors and wind turbines: China makes about 94% of the world’s sintered magnets (IEA). Look at the flows on the map: almost every arrow starts in China.',
        scenario: { ...TEACHING, name: 'Status quo', zones: [zone] },
        look: { view: 'map', mineral: 'rare_earths', stage: 'magnet' },
      },
      {
        title: 'The ban',
        text: 'From month 6, China bans magnet exports to the 55 countries of the Ministerial. Inside the zone the price jumps; in China it falls, because Chinese magnet makers have lost their foreign buyers.',
        scenario: MAGNET_BAN,
        look: { view: 'timeseries', mineral: 'rare_earths', stage: 'magnet', chart: 'prices', month: 12 },
      },
      {
        title: 'Shortage first, new plants later',
        text: 'Unmet demand appears at once. New magnet plants in the zone take about two years to build, so the shortage eases only slowly: high prices ration demand first, new capacity arrives later.',
        scenario: MAGNET_BAN,
        look: { view: 'timeseries', mineral: 'rare_earths', stage: 'magnet', chart: 'unmet', month: 40 },
      },
      {
        title: 'Licences instead of a ban',
        text: 'China’s real 2025 controls were licences: applications wait for processing, then only part of the backlog is approved each month. Exports stop at first and come back as approvals arrive; the price outside rises less than under a ban and falls back as the backlog clears. Compare the price with the previous step.',
        scenario: {
          ...TEACHING,
          name: 'Magnet export licences',
          zones: [zone],
          exportControls: [
            {
              exporter: 'CHN',
              mineral: 'rare_earths',
              stage: 'magnet',
              kind: 'licence',
              licenceDelayMonths: 2,
              approvalShare: 0.3,
              licenceFee: 0.2,
              start: 6,
            },
          ],
        },
        look: { view: 'timeseries', mineral: 'rare_earths', stage: 'magnet', chart: 'prices', month: 12 },
      },
    ],
  },
  {
    id: 'price-floor',
    title: 'Can a price floor build new supply?',
    summary: 'A border-adjusted floor for refined lithium in the US–EU–Japan partnership.',
    steps: [
      {
        title: 'Who refines lithium for the partners?',
        text: 'China refines about 70% of the world’s lithium (IEA). Open the time series of self-sufficiency: the share of the US, EU and Japan’s lithium purchases refined inside the partnership.',
        scenario: { ...TEACHING, months: 96, name: 'Status quo', zones: [useuj] },
        look: { view: 'timeseries', mineral: 'lithium', stage: 'refine', chart: 'selfSufficiency' },
      },
      {
        title: 'A floor at 130% of the 2024 price',
        text: 'Imports from outside the partnership now pay a levy that lifts them to the floor. Refiners inside earn more and expand; the levy brings in revenue (money chart).',
        scenario: LITHIUM_FLOOR,
        look: LITHIUM_SELF_SUFFICIENCY_M72,
      },
      {
        title: 'Who pays?',
        text: 'Consumers inside the zone pay more; outside, the price falls, because the zone buys less from everyone else. The floor builds supply at the zone consumers’ expense.',
        scenario: LITHIUM_FLOOR,
        look: { view: 'timeseries', mineral: 'lithium', stage: 'refine', chart: 'prices', month: 48 },
      },
      {
        title: 'Faster with permits and finance',
        text: 'Add faster permitting (12 months to build) and investment support (government equity lowers the return investors demand). Capacity comes sooner; the support has a fiscal cost.',
        scenario: {
          ...LITHIUM_FLOOR,
          name: 'Floor, permits and finance',
          permitting: [{ scope: 'useujp', mineral: 'lithium', buildLagMonths: 12 }],
          investmentSupport: [{ scope: 'useujp', mineral: 'lithium', hurdleReduction: 0.15 }],
        },
        look: LITHIUM_SELF_SUFFICIENCY_M72,
      },
    ],
  },
  {
    id: 'stockpiles',
    title: 'Stockpiles against a shock',
    summary: 'The DR Congo stops cobalt exports; a strategic reserve bridges the gap.',
    steps: [
      {
        title: 'The shock',
        text: 'The DR Congo mines three quarters of the world’s cobalt. From month 6 it stops exporting for a year (as it did in 2025). Its mines store their ore; refiners elsewhere use up their stocks of feed and metal, then run short, and the price of refined cobalt rises. When the ban ends the stored ore comes out and the price falls back.',
        scenario: {
          ...TEACHING,
          name: 'Cobalt export stop',
          exportControls: [
            { exporter: 'COD', mineral: 'cobalt', stage: 'mine', kind: 'ban', start: 6, end: 18 },
          ],
        },
        look: { view: 'timeseries', mineral: 'cobalt', stage: 'refine', chart: 'prices', month: 12 },
      },
      {
        title: 'A reserve in the United States',
        text: 'The US holds 5,000 t of refined cobalt and releases it while the disruption is declared. US buyers see a smaller shortage; watch the reserve’s months of cover fall.',
        scenario: {
          ...TEACHING,
          name: 'Cobalt export stop with a US reserve',
          exportControls: [
            { exporter: 'COD', mineral: 'cobalt', stage: 'mine', kind: 'ban', start: 6, end: 18 },
          ],
          disruptions: [{ mineral: 'cobalt', stage: 'refine', start: 6, end: 18 }],
          stockpiles: [
            {
              name: 'US cobalt reserve',
              holder: 'USA',
              mineral: 'cobalt',
              stage: 'refine',
              budgetUsd: 0,
              initialTonnes: 5000,
              buyBelowUsd: 1,
              releaseAboveUsd: Math.round(2 * price('cobalt', 'refine')),
              maxBuyTonnesPerMonth: 0,
              maxReleaseTonnesPerMonth: 1000,
            },
          ],
        },
        look: { view: 'timeseries', mineral: 'cobalt', stage: 'refine', chart: 'unmet', month: 12 },
      },
      {
        title: 'Project Vault',
        text: 'The US announced a stockpile of about 12 billion dollars in February 2026. Here it buys rare earths, magnets, cobalt, lithium, graphite, nickel, gallium and germanium while prices are normal. Buying also moves prices: watch the money chart and the prices.',
        scenario: { ...(presetById('project-vault')?.scenario ?? {}), ...TEACHING, name: 'Project Vault' },
        look: { view: 'timeseries', mineral: 'cobalt', stage: 'refine', chart: 'money' },
      },
    ],
  },
];

export function storyById(id: string): Story | undefined {
  return STORIES.find((s) => s.id === id);
}
