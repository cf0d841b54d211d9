/**
 * Market structure per mineral and stage that the production tables do not give: how much of
 * the ready capacity ran in 2024 (utilisation; the rest is idle capacity that restarts within
 * months when prices pay for it), and the stocks held along the chain in months of cover.
 *
 * Few of these figures are published as such. Each row says where it comes from: a source key
 * (src/data/sources.ts) where a source gives the figure, otherwise ESTIMATE (derived from a
 * source, derivation given) or ASSUMPTION (a stated modelling choice with its reason). They set
 * how a control behaves: a stage with much idle capacity outside the restricting country answers
 * a control from that capacity in months; a stage with none answers only through new builds.
 */

export interface StageStructure {
  mineral: string;
  stage: string;
  /** Output in 2024 over ready capacity, 0–1. */
  utilisation: number;
  /** Finished goods held by the stage's producers, months of their output. */
  producerCoverMonths: number;
  /** Stock of this stage's good held by its buyers (next-stage processors or final consumers), months of their use. */
  buyerCoverMonths: number;
  /** Where the figures come from. */
  basis: string;
  sources: string[];
}

/** Defaults where a row gives no stock figures (ASSUMPTION: industry practice of a few weeks to two months of cover). */
const MINE_STOCKS = { producerCoverMonths: 0.5, buyerCoverMonths: 1.5 };
const REFINED_STOCKS = { producerCoverMonths: 1, buyerCoverMonths: 1.5 };

export const STAGE_STRUCTURE: readonly StageStructure[] = [
  {
    mineral: 'lithium',
    stage: 'mine',
    utilisation: 0.8,
    ...MINE_STOCKS,
    basis:
      'ASSUMPTION: 2024 was a year of oversupply; USGS reports projects postponed and an operation idled owing to low prices, and several Australian spodumene mines went to care and maintenance: about a fifth of ready capacity idle.',
    sources: ['USGS_MCS2025_LITHIUM'],
  },
  {
    mineral: 'lithium',
    stage: 'refine',
    utilisation: 0.6,
    producerCoverMonths: 2,
    buyerCoverMonths: 1.5,
    basis:
      "ASSUMPTION: China's lithium chemical capacity ran well below its size in the 2024 glut (USGS: 'short-term lithium oversupply'); producers held about two months of output.",
    sources: ['USGS_MCS2025_LITHIUM'],
  },
  {
    mineral: 'nickel',
    stage: 'mine',
    utilisation: 0.85,
    ...MINE_STOCKS,
    basis:
      'ASSUMPTION: surplus market (USGS: continued surplus of nickel from Indonesia), mine closures outside Indonesia.',
    sources: ['USGS_MCS2025_NICKEL'],
  },
  {
    mineral: 'nickel',
    stage: 'refine',
    utilisation: 0.75,
    ...REFINED_STOCKS,
    basis:
      'ASSUMPTION: Indonesian NPI and matte capacity grew faster than demand and western refineries were idled (USGS: prices fell on the Indonesian surplus).',
    sources: ['USGS_MCS2025_NICKEL'],
  },
  {
    mineral: 'cobalt',
    stage: 'mine',
    utilisation: 0.9,
    producerCoverMonths: 0.5,
    buyerCoverMonths: 2,
    basis:
      'ASSUMPTION: Congolese mines ran near capacity in 2024 (record output); Chinese refiners held about two months of hydroxide feed.',
    sources: ['USGS_MCS2025_COBALT'],
  },
  {
    mineral: 'cobalt',
    stage: 'refine',
    utilisation: 0.65,
    producerCoverMonths: 2,
    buyerCoverMonths: 1.5,
    basis:
      'ASSUMPTION: USGS: China "increased metal refining capacity throughout the year" into a surplus market; refined stocks of about two months of output.',
    sources: ['USGS_MCS2025_COBALT'],
  },
  {
    mineral: 'graphite',
    stage: 'mine',
    utilisation: 0.75,
    ...MINE_STOCKS,
    basis:
      'ASSUMPTION: surplus of flake concentrate; new mines in Brazil and Tanzania started in 2024 (USGS).',
    sources: ['USGS_MCS2025_GRAPHITE'],
  },
  {
    mineral: 'graphite',
    stage: 'refine',
    utilisation: 0.5,
    ...REFINED_STOCKS,
    basis:
      "ASSUMPTION: China's spherical-graphite and anode capacity is about twice its output (the largest surplus of the modelled stages).",
    sources: ['USGS_MCS2025_GRAPHITE'],
  },
  {
    mineral: 'rare_earths',
    stage: 'mine',
    utilisation: 0.9,
    ...MINE_STOCKS,
    basis: "ASSUMPTION: China's mining quotas and Mountain Pass run close to their limits.",
    sources: ['USGS_MCS2025_RAREEARTHS'],
  },
  {
    mineral: 'rare_earths',
    stage: 'refine',
    utilisation: 0.85,
    ...REFINED_STOCKS,
    basis:
      "ASSUMPTION: separation outside China is small and runs full; China's separation follows its quotas.",
    sources: ['USGS_MCS2025_RAREEARTHS'],
  },
  {
    mineral: 'rare_earths',
    stage: 'magnet',
    utilisation: 0.75,
    producerCoverMonths: 1,
    buyerCoverMonths: 1.5,
    basis:
      'ASSUMPTION: Chinese magnet capacity above output; carmakers outside China held about six weeks of magnets in 2025 (several stopped lines within two months of the April 2025 licences).',
    sources: ['IEA_COMMENTARY_2025_10'],
  },
  {
    mineral: 'copper',
    stage: 'mine',
    utilisation: 0.85,
    ...MINE_STOCKS,
    basis:
      'ASSUMPTION: close to the capacity utilisation the International Copper Study Group reports for mines in recent years (about 80–85%).',
    sources: ['USGS_MCS2025_COPPER'],
  },
  {
    mineral: 'copper',
    stage: 'refine',
    utilisation: 0.82,
    ...REFINED_STOCKS,
    basis: 'ASSUMPTION: as for copper mines; refinery utilisation reported near 80–85%.',
    sources: ['USGS_MCS2025_COPPER'],
  },
  {
    mineral: 'manganese',
    stage: 'mine',
    utilisation: 0.85,
    ...MINE_STOCKS,
    basis:
      'ASSUMPTION: idle plants in Ukraine and a cyclone-hit Australian mine (USGS) beside mines running full.',
    sources: ['USGS_MCS2025_MANGANESE'],
  },
  {
    mineral: 'manganese',
    stage: 'refine',
    utilisation: 0.8,
    ...REFINED_STOCKS,
    basis: 'ASSUMPTION: no published figure; a moderately loose processing market.',
    sources: ['USGS_MCS2025_MANGANESE'],
  },
  {
    mineral: 'silicon',
    stage: 'mine',
    utilisation: 0.7,
    producerCoverMonths: 0,
    buyerCoverMonths: 1,
    basis: 'ASSUMPTION: the co-located quartz feed has the same headroom as the smelters it feeds.',
    sources: ['USGS_MCS2025_SILICON'],
  },
  {
    mineral: 'silicon',
    stage: 'refine',
    utilisation: 0.7,
    ...REFINED_STOCKS,
    basis:
      "ASSUMPTION: China's silicon-metal capacity well above output; USGS reports a US facility idled for poor market conditions.",
    sources: ['USGS_MCS2025_SILICON'],
  },
  {
    mineral: 'gallium',
    stage: 'mine',
    utilisation: 0.69,
    producerCoverMonths: 0,
    buyerCoverMonths: 1,
    basis:
      'ESTIMATE: the co-located alumina-liquor feed has the headroom of the primary gallium plants it feeds.',
    sources: ['USGS_MCS2025_GALLIUM'],
  },
  {
    mineral: 'gallium',
    stage: 'refine',
    utilisation: 0.69,
    ...REFINED_STOCKS,
    basis:
      'USGS MCS 2025: primary low-purity gallium output 760 t in 2024 against a production capacity of 1,100 t/yr (China 750 t of 1,000 t); 760 / 1,100 = 0.69.',
    sources: ['USGS_MCS2025_GALLIUM'],
  },
  {
    mineral: 'germanium',
    stage: 'mine',
    utilisation: 0.85,
    producerCoverMonths: 0,
    buyerCoverMonths: 1,
    basis: 'ASSUMPTION: no published figure; the feed has the headroom of the refineries it feeds.',
    sources: ['USGS_MCS2025_GERMANIUM'],
  },
  {
    mineral: 'germanium',
    stage: 'refine',
    utilisation: 0.85,
    ...REFINED_STOCKS,
    basis: 'ASSUMPTION: no published figure for world refinery capacity.',
    sources: ['USGS_MCS2025_GERMANIUM'],
  },
  {
    mineral: 'antimony',
    stage: 'mine',
    utilisation: 0.85,
    ...MINE_STOCKS,
    basis:
      'ASSUMPTION: no published capacity; world output fell from 106,000 t (2023) to 100,000 t (2024, USGS rounded totals) while the price nearly doubled, so mines ran close to what they could; a sixth of capacity idle as in the other mine stages.',
    sources: ['USGS_MCS2025_ANTIMONY'],
  },
  {
    mineral: 'antimony',
    stage: 'refine',
    utilisation: 0.75,
    ...REFINED_STOCKS,
    basis:
      "ASSUMPTION: Chinese smelters ran short of concentrate in 2024 (the price nearly doubled, USGS); a quarter of smelting capacity idle. Buyers' cover at the default (ASSUMPTION).",
    sources: ['USGS_MCS2025_ANTIMONY'],
  },
  {
    mineral: 'tungsten',
    stage: 'mine',
    utilisation: 0.85,
    ...MINE_STOCKS,
    basis:
      'ASSUMPTION: output outside China rose in 2024 with two new Australian operations and a Korean project neared production (USGS); a sixth of ready capacity idle.',
    sources: ['USGS_MCS2025_TUNGSTEN'],
  },
  {
    mineral: 'tungsten',
    stage: 'refine',
    utilisation: 0.8,
    producerCoverMonths: 1,
    buyerCoverMonths: 2,
    basis:
      'ASSUMPTION: APT and powder plants (seven US companies can convert concentrate and scrap, USGS) with a fifth of capacity idle; carbide makers hold about two months of feed (scrap is an important raw material, USGS, so stocks along the chain are larger than the default).',
    sources: ['USGS_MCS2025_TUNGSTEN'],
  },
  ...(['platinum', 'palladium'] as const).flatMap((mineral) => [
    {
      mineral,
      stage: 'mine',
      utilisation: 0.85,
      ...MINE_STOCKS,
      basis:
        'ASSUMPTION: South African output fell in 2024 on low prices and deep-level costs, and a US operation went to care and maintenance (USGS): about a sixth of ready capacity idle.',
      sources: ['USGS_MCS2025_PGM'],
    },
    {
      mineral,
      stage: 'refine',
      utilisation: 0.75,
      producerCoverMonths: 1,
      buyerCoverMonths: 2,
      basis:
        'ASSUMPTION: refineries sized for the larger mine output of earlier years (South African output fell in 2024, USGS) run with more headroom than the mines, a quarter of capacity idle; precious-metal users hold about two months of metal (more than the default: the metal is small in volume and held as inventory).',
      sources: ['USGS_MCS2025_PGM'],
    },
  ]),
];

export function stageStructure(mineral: string, stage: string): StageStructure {
  const row = STAGE_STRUCTURE.find((r) => r.mineral === mineral && r.stage === stage);
  if (!row) throw new Error(`no market structure for ${mineral} ${stage}`);
  return row;
}
