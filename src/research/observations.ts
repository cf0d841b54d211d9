/**
 * Observed figures of the calibration episodes (shared data, episodes.md: S1–S4, V2, V10, V11)
 * and of the held-out episodes (rare-earth quotas 2010–11, gallium and germanium 2023, DR Congo
 * cobalt 2025, China's rare-earth licences 2025, antimony 2024), vendored here so the app and
 * the tests never read ../shared at run time. Each figure names its source keys
 * (src/data/sources.ts); numbers are copied as the sources give them, in the unit named. The
 * validation page (docs/validation.md) compares them with the model.
 */
import type { SourceKey } from '../data/types.ts';

export interface Observation {
  /** Unique id, prefixed with the episode id. */
  id: string;
  /** What was observed, in words. */
  what: string;
  value: number;
  /** Unit of `value`, e.g. 'USD/t', 'kt', 'share' (0–1). */
  unit: string;
  /** When: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' ('YYYY' is an annual figure). */
  date: string;
  sources: SourceKey[];
  /** How the compiler read or derived it, when not verbatim. */
  note?: string;
}

const share = (
  id: string,
  what: string,
  value: number,
  date: string,
  sources: SourceKey[],
  note?: string,
): Observation => ({ id, what, value, unit: 'share', date, sources, ...(note ? { note } : {}) });

export const OBSERVATIONS: readonly Observation[] = [
  // S1: refining concentration, IEA Critical Minerals Dataset 2025 (base year 2024).
  ...(
    [
      ['copper', 'CHN', 0.44],
      ['lithium', 'CHN', 0.702],
      ['lithium', 'CHL', 0.204],
      ['lithium', 'ARG', 0.055],
      ['nickel', 'IDN', 0.429],
      ['nickel', 'CHN', 0.313],
      ['cobalt', 'CHN', 0.784],
      ['cobalt', 'FIN', 0.08],
      ['graphite', 'CHN', 0.957],
      ['rare_earths', 'CHN', 0.913],
      ['rare_earths', 'MYS', 0.045],
    ] as const
  ).map(([mineral, node, value]) =>
    share(`S1.${mineral}.${node}`, `${node} share of refined ${mineral.replace('_', ' ')}`, value, '2024', [
      'IEA_CMDATA_2025',
    ]),
  ),
  ...(
    [
      ['copper', 0.572],
      ['lithium', 0.961],
      ['nickel', 0.778],
      ['cobalt', 0.887],
      ['graphite', 0.982],
      ['rare_earths', 0.97],
    ] as const
  ).map(([mineral, value]) =>
    share(
      `S1.${mineral}.top3`,
      `top-3 refiners' share of refined ${mineral.replace('_', ' ')}`,
      value,
      '2024',
      ['IEA_CMDATA_2025'],
    ),
  ),
  share(
    'S1.mean-top3',
    'mean of the six top-3 refining shares',
    0.858,
    '2024',
    ['IEA_CMDATA_2025', 'IEA_TOPIC_CM'],
    'IEA states "86% in 2024" (IEA_TOPIC_CM); 85.8% is the mean of the six dataset shares',
  ),
  // S2: China as refiner.
  share(
    'S2.china-leads',
    'share of 20 energy-related strategic minerals whose leading refiner is China (19 of 20)',
    19 / 20,
    '2024',
    ['IEA_GCMO2025_NEWS'],
  ),
  share(
    'S2.china-mean',
    "China's average share of refining of those minerals (one re-report says about 75%, NAI500_2025)",
    0.7,
    '2024',
    ['IEA_GCMO2025_NEWS', 'NAI500_2025'],
  ),
  share('S2.ree-separation', "China's share of rare-earth separation", 0.91, '2025', [
    'IEA_COMMENTARY_2025_10',
  ]),
  share('S2.magnets', "China's share of permanent-magnet manufacturing", 0.94, '2025', [
    'IEA_COMMENTARY_2025_10',
  ]),
  // S3: mining concentration, USGS MCS 2025 (2024 estimates).
  ...(
    [
      ['cobalt', 'mine', 'COD', 0.76, 'USGS_MCS2025_COBALT'],
      ['cobalt', 'mine', 'IDN', 0.1, 'USGS_MCS2025_COBALT'],
      ['nickel', 'mine', 'IDN', 0.59, 'USGS_MCS2025_NICKEL'],
      ['graphite', 'mine', 'CHN', 0.785, 'USGS_MCS2025_GRAPHITE'],
      ['rare_earths', 'mine', 'CHN', 0.69, 'USGS_MCS2025_RAREEARTHS'],
      ['gallium', 'refine', 'CHN', 0.99, 'USGS_MCS2025_GALLIUM'],
      ['silicon', 'refine', 'CHN', 0.8, 'USGS_MCS2025_SILICON'],
      ['lithium', 'mine', 'AUS', 0.37, 'USGS_MCS2025_LITHIUM'],
      ['copper', 'mine', 'CHL', 0.23, 'USGS_MCS2025_COPPER'],
    ] as const
  ).map(([mineral, stage, node, value, source]) =>
    share(
      `S3.${mineral}.${node}`,
      `${node} share of ${mineral.replace('_', ' ')} ${stage === 'mine' ? 'mine output' : 'output (smelter or by-product recovery, the model’s refine stage)'}`,
      value,
      '2024',
      [source],
      mineral === 'graphite' ? 'USGS gives 78–79%; the middle is used' : undefined,
    ),
  ),
  share('S3.tungsten.CHN', 'CHN share of tungsten mine output (67 of 81 kt)', 0.83, '2024', [
    'USGS_MCS2025_TUNGSTEN',
  ]),
  share('S3.antimony.CHN', 'CHN share of antimony mine output (60 of 100 kt)', 0.6, '2024', [
    'USGS_MCS2025_ANTIMONY',
  ]),
  // S4: trade-dependency structure.
  share(
    'S4.cobalt.COD',
    'DR Congo\'s share of China\'s imports of unprocessed cobalt ("almost entirely")',
    0.95,
    '2022',
    ['IEA_CMMR2023_ALFA'],
    'the source says "relies almost entirely"; read here as 90–100%, middle 95%',
  ),
  share('S4.nickel.PHL', "the Philippines' share of China's nickel ore imports", 0.8, '2022', [
    'IEA_CMMR2023_ALFA',
  ]),
  share('S4.lithium.AUS', "Australia's share of China's lithium imports", 0.6, '2022', ['IEA_CMMR2023_ALFA']),
  ...(
    [
      ['graphite-flake', 'KOR', 0.21],
      ['graphite-flake', 'JPN', 0.2],
      ['graphite-flake', 'DEU', 0.17],
      ['graphite-flake', 'USA', 0.06],
      ['graphite-spherical', 'KOR', 0.49],
      ['graphite-spherical', 'JPN', 0.29],
      ['graphite-spherical', 'USA', 0.19],
    ] as const
  ).map(([product, node, value]) =>
    share(
      `S4.${product}.${node}`,
      `${node} share of China's exports of ${product === 'graphite-flake' ? 'natural flake' : 'spherical'} graphite`,
      value,
      '2024',
      ['USGS_MCS2025_GRAPHITE'],
    ),
  ),
  ...(
    [
      ['BEL', 0.33],
      ['DEU', 0.32],
      ['RUS', 0.25],
      ['JPN', 0.06],
    ] as const
  ).map(([node, value]) =>
    share(
      `S4.germanium.${node}`,
      `${node} share of China's germanium-metal exports (January–August 2024)`,
      value,
      '2024-08',
      ['USGS_MCS2025_GERMANIUM'],
    ),
  ),

  // V2: Indonesia's nickel ore export ban, 12 January 2014.
  share(
    'V2.indonesia-ore-share',
    "Indonesia's share of world nickel ore (775 of 2,374 kt in 2013)",
    775 / 2374,
    '2013',
    ['ETF_MACQUARIE_2014_NI'],
  ),
  {
    id: 'V2.lme-2014-01-13',
    what: 'LME 3-month nickel at the ban (intraday high, 13 January 2014)',
    value: 14190,
    unit: 'USD/t',
    date: '2014-01-13',
    sources: ['BLOOMBERG_2014_01_13_NI'],
  },
  {
    id: 'V2.lme-2014-05',
    what: 'LME 3-month nickel around May 2014 (+38% year to date)',
    value: 19498,
    unit: 'USD/t',
    date: '2014-05',
    sources: ['THESTREET_2014_NI'],
  },
  {
    id: 'V2.lme-2014-high',
    what: 'LME 3-month nickel, 2014 high (May)',
    value: 21625,
    unit: 'USD/t',
    date: '2014-05',
    sources: ['BLOOMBERG_2014_12_22_NI'],
  },
  {
    id: 'V2.lme-2014-12-19',
    what: 'LME 3-month nickel on 19 December 2014 (+12% for the year)',
    value: 15550,
    unit: 'USD/t',
    date: '2014-12-19',
    sources: ['BLOOMBERG_2014_12_22_NI'],
  },
  {
    id: 'V2.ore-2014-02',
    what: 'Philippine 1.9% Ni laterite ore CIF China, late February 2014',
    value: 50,
    unit: 'USD/wet t',
    date: '2014-02-25',
    sources: ['REUTERS_2014_04_09_NI'],
  },
  {
    id: 'V2.ore-2014-04',
    what: 'Philippine 1.9% Ni laterite ore CIF China, early April 2014',
    value: 90,
    unit: 'USD/wet t',
    date: '2014-04-05',
    sources: ['REUTERS_2014_04_09_NI'],
  },
  {
    id: 'V2.phl-exports-2013',
    what: 'Philippine nickel ore exports to China, 2013 (dry basis)',
    value: 29.6,
    unit: 'Mt',
    date: '2013',
    sources: ['EMJ_2019_NI'],
  },
  {
    id: 'V2.phl-exports-2014',
    what: 'Philippine nickel ore exports to China, 2014 (dry basis)',
    value: 36.4,
    unit: 'Mt',
    date: '2014',
    sources: ['EMJ_2019_NI'],
  },
  {
    id: 'V2.idn-refined-2014',
    what: "Indonesia's refined nickel output, 2014",
    value: 24,
    unit: 'kt',
    date: '2014',
    sources: ['ROSKILL_2019_NI'],
  },
  {
    id: 'V2.idn-refined-2018',
    what: "Indonesia's refined nickel output, 2018",
    value: 291,
    unit: 'kt',
    date: '2018',
    sources: ['ROSKILL_2019_NI'],
  },

  // V10: lithium boom and bust, 2021–2024.
  ...(
    [
      ['2021', 14200],
      ['2022', 71100],
      ['2023', 41300],
      ['2024', 14000],
    ] as const
  ).map(
    ([year, value]): Observation => ({
      id: `V10.price-${year}`,
      what: `battery-grade lithium carbonate, ${year} average`,
      value,
      unit: 'USD/t Li₂CO₃',
      date: year,
      sources: ['USGS_MCS2025_LITHIUM'],
    }),
  ),
  ...(
    [
      ['2021', 107, 'USGS_MCS_HIST_LITHIUM_LATRANS'],
      ['2022', 146, 'USGS_MCS_HIST_LITHIUM_LATRANS'],
      ['2023', 204, 'USGS_MCS2025_LITHIUM'],
      ['2024', 240, 'USGS_MCS2025_LITHIUM'],
    ] as const
  ).map(
    ([year, value, source]): Observation => ({
      id: `V10.mine-${year}`,
      what: `world lithium mine output excluding the US, ${year}`,
      value,
      unit: 'kt Li',
      date: year,
      sources: [source],
    }),
  ),
  ...(
    [
      ['2023', 170],
      ['2024', 220],
    ] as const
  ).map(
    ([year, value]): Observation => ({
      id: `V10.consumption-${year}`,
      what: `world lithium consumption, ${year}`,
      value,
      unit: 'kt Li',
      date: year,
      sources: ['USGS_MCS2025_LITHIUM'],
    }),
  ),

  // V11: rare-earth export taxes, 2010–2012.
  {
    id: 'V11.outside-premium',
    what: 'what non-Chinese processors paid over Chinese processors (15–25% export tax, 16% VAT rebate withdrawn): "31% more"',
    value: 1.31,
    unit: 'ratio',
    date: '2012-05',
    sources: ['FPJ_2012_REE'],
  },

  // Held out: China's rare-earth export quotas, 2010–2011.
  {
    id: 'H1.quota-2009',
    what: "China's rare-earth export quota, 2009",
    value: 50000,
    unit: 't',
    date: '2009',
    sources: ['JMB_2010_REE'],
  },
  {
    id: 'H1.quota-2010',
    what: "China's rare-earth export quota, 2010 (about −40%)",
    value: 30000,
    unit: 't',
    date: '2010',
    sources: ['JMB_2010_REE'],
  },
  {
    id: 'H1.la-2010-mid',
    what: 'lanthanum oxide outside China, mid-2010: 3.7× its level at the start of 2010',
    value: 3.7,
    unit: 'ratio',
    date: '2010-07',
    sources: ['JMB_2010_REE'],
  },
  {
    id: 'H1.ce-2010-mid',
    what: 'cerium oxide outside China, mid-2010: 4.6× its level at the start of 2010',
    value: 4.6,
    unit: 'ratio',
    date: '2010-07',
    sources: ['JMB_2010_REE'],
  },
  {
    id: 'H1.la-outside-2011q3',
    what: 'lanthanum oxide, international (FOB China), Q3 2011 average',
    value: 117,
    unit: 'USD/kg',
    date: '2011-08',
    sources: ['MININGCOM_2013_REE'],
  },
  {
    id: 'H1.la-inside-2011-09',
    what: 'lanthanum oxide, China domestic, 23 September 2011 (135,000–145,000 CNY/t at 6.388 CNY/USD)',
    value: 21.917,
    unit: 'USD/kg',
    date: '2011-09-23',
    sources: ['REUTERS_2011_09_23_REE'],
    note: 'USD value converted by the compiler at the rate implied in the article',
  },
  {
    id: 'H1.ce-outside-2011-12',
    what: 'cerium oxide, year-end 2011 (40–45 USD/kg; price basis likely FOB China)',
    value: 42.5,
    unit: 'USD/kg',
    date: '2011-12',
    sources: ['USGS_MCS2016_RAREEARTHS'],
  },
  {
    id: 'H1.ce-inside-2011-09',
    what: 'cerium oxide, China domestic, 23 September 2011 (130,000–160,000 CNY/t at 6.388 CNY/USD)',
    value: 22.7,
    unit: 'USD/kg',
    date: '2011-09-23',
    sources: ['REUTERS_2011_09_23_REE'],
    note: 'USD value converted by the compiler at the rate implied in the article',
  },

  // Held out: China's gallium and germanium export licences from 1 August 2023.
  {
    id: 'H2.ga-outside-2023-06-30',
    what: 'gallium 99.99% in warehouse Rotterdam, 30 June 2023 (250–265 USD/kg)',
    value: 257.5,
    unit: 'USD/kg',
    date: '2023-06-30',
    sources: ['FASTMARKETS_2023_12_GA'],
  },
  {
    id: 'H2.ga-outside-2023-12-15',
    what: 'gallium 99.99% in warehouse Rotterdam, 15 December 2023 (500–600 USD/kg)',
    value: 550,
    unit: 'USD/kg',
    date: '2023-12-15',
    sources: ['FASTMARKETS_2023_12_GA'],
  },
  {
    id: 'H2.ga-outside-2024-03',
    what: 'gallium, Rotterdam, late March 2024',
    value: 575,
    unit: 'USD/kg',
    date: '2024-03',
    sources: ['CHINASCOPE_RFI_2024_GA'],
  },
  {
    id: 'H2.ga-inside-2023-06',
    what: 'primary low-purity gallium in China, June 2023 average',
    value: 240,
    unit: 'USD/kg',
    date: '2023-06',
    sources: ['USGS_MCS2025_GALLIUM'],
  },
  {
    id: 'H2.ga-inside-2024-01',
    what: 'primary low-purity gallium in China, January 2024 average',
    value: 325,
    unit: 'USD/kg',
    date: '2024-01',
    sources: ['USGS_MCS2025_GALLIUM'],
  },
  {
    id: 'H2.ga-exports-2024-01',
    what: "China's gallium exports, January–February 2024, against more than 8,800 kg a year earlier",
    value: 2700 / 8800 - 1,
    unit: 'change',
    date: '2024-02',
    sources: ['CHINASCOPE_RFI_2024_GA'],
    note: 'about 2,700 kg against more than 8,800 kg: the change is at most this',
  },
  {
    id: 'H2.ge-exports-2024',
    what: "China's germanium exports, January–May 2024, year on year",
    value: -0.55,
    unit: 'change',
    date: '2024-05',
    sources: ['REUTERS_GE_2024'],
  },

  // Held out: DR Congo's cobalt export suspension from 22 February 2025.
  {
    id: 'H3.co-before',
    what: 'cobalt benchmark before the suspension (below 10 USD/lb, a nine-year low)',
    value: 10,
    unit: 'USD/lb',
    date: '2025-02',
    sources: ['ZIMNOW_2025_CO'],
    note: 'an upper bound: the price was below this',
  },
  {
    id: 'H3.co-comex-2025-09',
    what: 'cobalt on COMEX, September 2025',
    value: 16,
    unit: 'USD/lb',
    date: '2025-09',
    sources: ['ZIMNOW_2025_CO'],
  },
  {
    id: 'H3.sulphate-china-2025-08',
    what: 'cobalt sulphate in China, August 2025: +90% since January',
    value: 0.9,
    unit: 'change',
    date: '2025-08',
    sources: ['ZIMNOW_2025_CO'],
  },
  {
    id: 'H3.hydroxide-2025-09',
    what: 'cobalt hydroxide: more than 2.5× its lows by September 2025',
    value: 2.5,
    unit: 'ratio',
    date: '2025-09',
    sources: ['GREATMONEY_2025_CO'],
  },

  // Held out: China's April 2025 rare-earth and magnet licences.
  {
    id: 'H4.magnet-wedge',
    what: 'European magnet prices after the April 2025 licences: 6× Chinese domestic prices',
    value: 6,
    unit: 'ratio',
    date: '2025-10',
    sources: ['IEA_COMMENTARY_2025_10'],
  },

  // Held out: China's antimony export licences from September 2024.
  {
    id: 'H5.sb-2024-07',
    what: 'antimony metal (Argus), July 2024',
    value: 8.91,
    unit: 'USD/lb',
    date: '2024-07',
    sources: ['USGS_MCS2025_ANTIMONY'],
  },
  {
    id: 'H5.sb-2024-11',
    what: 'antimony metal (Argus), November 2024',
    value: 17.5,
    unit: 'USD/lb',
    date: '2024-11',
    sources: ['USGS_MCS2025_ANTIMONY'],
  },
];

const byId = new Map(OBSERVATIONS.map((o) => [o.id, o]));

/** The observation with this id; throws on an unknown id so a typo cannot ship silently. */
export function observation(id: string): Observation {
  const o = byId.get(id);
  if (!o) throw new Error(`unknown observation: ${id}`);
  return o;
}

/** The value of the observation with this id. */
export function observed(id: string): number {
  return observation(id).value;
}
