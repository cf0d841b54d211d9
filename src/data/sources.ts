/**
 * Every source the project's figures cite, by key. Keys match /work/shared/data/SOURCES.md
 * (the compiled calibration data) where they exist; keys added here: the World Bank WDI
 * manufacturing series (consumption proxy), the five seed articles (agreements) and the map's
 * border data. News items are quoted for the figures only.
 */
import type { Source, SourceKey } from './types';

const USGS_LICENCE = 'public domain (US government work)';
const USGS_PUBLISHER = 'U.S. Geological Survey, National Minerals Information Center';
const usgsWhere = (commodity: string) =>
  `https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-${commodity}.pdf (read as text from GitHub Vanakka/metals-encyclopedia, src/data/usgs/text/mcs2025-${commodity}.txt @ a450489)`;
const usgs = (key: SourceKey, chapter: string, commodity: string): Source => ({
  key,
  title: `Mineral Commodity Summaries 2025: ${chapter}`,
  publisher: USGS_PUBLISHER,
  year: 2025,
  url: usgsWhere(commodity),
  licence: USGS_LICENCE,
});

const quoted = (publisher: string) => `© ${publisher}; figures quoted for reference only`;

export const SOURCES: readonly Source[] = [
  usgs('USGS_MCS2025_LITHIUM', 'Lithium', 'lithium'),
  usgs('USGS_MCS2025_NICKEL', 'Nickel', 'nickel'),
  usgs('USGS_MCS2025_COBALT', 'Cobalt', 'cobalt'),
  usgs('USGS_MCS2025_GRAPHITE', 'Graphite (natural)', 'graphite'),
  usgs('USGS_MCS2025_RAREEARTHS', 'Rare earths', 'rare-earths'),
  usgs('USGS_MCS2025_COPPER', 'Copper', 'copper'),
  usgs('USGS_MCS2025_MANGANESE', 'Manganese', 'manganese'),
  usgs('USGS_MCS2025_SILICON', 'Silicon', 'silicon'),
  usgs('USGS_MCS2025_GALLIUM', 'Gallium', 'gallium'),
  usgs('USGS_MCS2025_GERMANIUM', 'Germanium', 'germanium'),
  {
    key: 'IEA_CMDATA_2025',
    title: 'Critical Minerals Dataset / Data Explorer (2025 edition, base year 2024)',
    publisher: 'International Energy Agency',
    year: 2025,
    url: 'https://www.iea.org/data-and-statistics/data-tools/critical-minerals-data-explorer (read as JSON from GitHub barrytho/uk-critical-minerals-dashboard, data/iea.json @ fc0f643)',
    licence: 'CC BY 4.0 (IEA)',
  },
  {
    key: 'IEA_TOPIC_CM',
    title: 'Critical Minerals (topic page, key findings)',
    publisher: 'International Energy Agency',
    year: 2025,
    url: 'https://www.iea.org/topics/critical-minerals',
    licence: 'CC BY 4.0 (IEA)',
  },
  {
    key: 'IEA_COMMENTARY_2025_10',
    title:
      'IEA commentary on export controls (23 October 2025), as reported: "The mineral chessboard: IEA sounds alarm as China tightens its grip"',
    publisher: 'Rare Earth Exchanges (reporting the International Energy Agency)',
    year: 2025,
    url: 'https://rareearthexchanges.com/news/the-mineral-chessboard-iea-sounds-alarm-as-china-tightens-its-grip',
    licence: quoted('Rare Earth Exchanges'),
  },
  {
    key: 'IEA_GCMO2025_NEWS',
    title:
      'Global Critical Minerals Outlook 2025, as reported: "Limited progress on critical mineral supply diversification"',
    publisher: 'Mexico Business News (reporting the International Energy Agency)',
    year: 2025,
    url: 'https://mexicobusiness.news/mining/news/limited-progress-critical-mineral-supply-diversification-iea',
    licence: quoted('Mexico Business News'),
  },
  {
    key: 'IEA_GCMO2024_SEAISI',
    title: 'Global Critical Minerals Outlook 2024, as reported by SEAISI (3 June 2024)',
    publisher: 'South East Asia Iron and Steel Institute (reporting the International Energy Agency)',
    year: 2024,
    url: 'https://seaisi.org/details/24787?type=news-rooms',
    licence: quoted('SEAISI'),
  },
  {
    key: 'STRATAS_2023_HPMSM',
    title: 'Battery-grade manganese refining market assessment (24 February 2023)',
    publisher: 'Stratas Advisors',
    year: 2023,
    url: 'https://stratasadvisors.com/insights/2023/02242023-midstream-manganese-market-assessment',
    licence: quoted('Stratas Advisors'),
  },
  {
    key: 'REUTERS_GE_2024',
    title: 'Germanium prices soar on China buying speculations (Reuters, 2024)',
    publisher: 'Reuters, via Amwal Al Ghad',
    year: 2024,
    url: 'https://en.amwalalghad.com/germanium-prices-soar-on-china-buying-speculations',
    licence: quoted('Reuters'),
  },
  {
    key: 'PROJECTBLUE_GE_2024',
    title: 'Germanium prices shoot for the moon (8 October 2024)',
    publisher: 'Project Blue',
    year: 2024,
    url: 'https://projectblue.com/blue/news-analysis/1038/germanium-prices-shoot-for-the-moon',
    licence: quoted('Project Blue'),
  },
  {
    key: 'REUTERS_2014_04_09_NI',
    title: 'Philippine nickel ore prices after the Indonesian export ban (Reuters, 9 April 2014)',
    publisher: 'Reuters, via Global Times',
    year: 2014,
    url: 'http://globaltimes.cn/content/853540.shtml',
    licence: quoted('Reuters'),
  },
  {
    key: 'WB_WDI_MVA',
    title:
      'World Development Indicators: Manufacturing, value added (current US$), NV.IND.MANF.CD (data to 2021)',
    publisher: 'World Bank',
    year: 2023,
    url: 'https://data.worldbank.org/indicator/NV.IND.MANF.CD (bulk CSV API_NV.IND.MANF.CD_DS2_en_csv_v2_5363423.csv, read from GitHub Riqard/MFG-598-Final-Project @ 9cce5b4)',
    licence: 'CC BY 4.0 (World Bank)',
  },
  {
    key: 'SEED_000_SCI',
    title:
      'US seeks new international framework for critical minerals trade (Chemistry & Industry news, February 2026)',
    publisher: 'SCI, Chemistry & Industry',
    year: 2026,
    url: 'shared/seeds/000_401dd075e5aa804c.txt (stored copy; original address not in the text)',
    licence: quoted('SCI'),
  },
  {
    key: 'SEED_001_MINISTERIAL',
    title:
      'US government proposes international trade bloc for critical minerals, signs 11 MoUs including with the UK and the UAE (Figure 1: countries represented)',
    publisher: 'automotive trade press (publisher not named in the stored text)',
    year: 2026,
    url: 'shared/seeds/001_d5e7c3c0570556a4.txt (stored copy; original address not in the text)',
    licence: quoted('the publisher'),
  },
  {
    key: 'SEED_002_MEXICO_EU_JAPAN',
    title: 'US unveils critical minerals agreements with Mexico, EU, Japan (Ari Hawkins, 4 February 2026)',
    publisher: 'publisher not named in the stored text (byline Ari Hawkins)',
    year: 2026,
    url: 'shared/seeds/002_cbb0a42054f95156.txt (stored copy; original address not in the text)',
    licence: quoted('the publisher'),
  },
  {
    key: 'SEED_003_MENAFN',
    title: 'U.S. Reveals Global Critical Minerals Partnerships (5 February 2026)',
    publisher: 'MENAFN / EIN Presswire',
    year: 2026,
    url: 'shared/seeds/003_3bf73f957930d021.txt (stored copy; MENAFN id 1110698563)',
    licence: quoted('MENAFN'),
  },
  {
    key: 'SEED_004_TRADE_ZONE',
    title: 'US seeks minerals trade zone in rare Trump move with allies (Reuters/AFP, 4 February 2026)',
    publisher: 'Reuters/AFP, as printed in a daily newspaper (5 February 2026 edition)',
    year: 2026,
    url: 'shared/seeds/004_e9789f3aad7d9c87.txt (stored copy; original address not in the text)',
    licence: quoted('Reuters/AFP'),
  },
  {
    key: 'NATURAL_EARTH_WORLD_ATLAS',
    title: 'world-atlas 2.0.2: countries-50m.json (Natural Earth 1:50m admin-0 countries as TopoJSON)',
    publisher: 'Natural Earth; packaged by Mike Bostock (npm world-atlas)',
    year: 2020,
    url: 'https://github.com/topojson/world-atlas',
    licence: 'Natural Earth: public domain; world-atlas packaging: ISC',
  },
  {
    key: 'EPISODES_V2_NICKEL_2014',
    title:
      'Indonesia nickel ore export ban, January 2014: compiled episode (Bloomberg 13 Jan and 22 Dec 2014, TheStreet May 2014, Reuters 9 Apr 2014, E&MJ 2019 citing Wood Mackenzie, Roskill 2019)',
    publisher: 'Project compilation of news and industry reports (shared/data/episodes.md, V2)',
    year: 2014,
    url: 'http://www.bloomberg.com/news/articles/2014-01-13/nickel-leads-gains-in-base-metals-as-indonesia-bans-ore-exports ; https://www.e-mj.com/departments/markets/indonesia-bans-nickel-ore-exports/ ; https://roskill.com/news/nickel-indonesia-re-imposes-ban-on-nickel-ore-exports/',
    licence: quoted('Bloomberg, TheStreet, Reuters, E&MJ, Roskill'),
  },
  {
    key: 'EPISODES_V10_LITHIUM_2021_24',
    title:
      'Lithium boom and bust 2021–2024: compiled episode from USGS Mineral Commodity Summaries (lithium)',
    publisher: 'U.S. Geological Survey (compiled in shared/data/episodes.md, V10)',
    year: 2025,
    url: 'https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-lithium.pdf',
    licence: USGS_LICENCE,
  },
  {
    key: 'EPISODES_V11_REE_2010_12',
    title:
      'Inside-vs-outside wedges from export taxes, rare earths 2010–2012 (Foreign Policy Journal, 25 May 2012, citing OECD)',
    publisher: 'Foreign Policy Journal (compiled in shared/data/episodes.md, V11)',
    year: 2012,
    url: 'https://www.foreignpolicyjournal.com/2012/05/25/the-case-against-china-on-export-controls-and-world-trade-rules/',
    licence: quoted('Foreign Policy Journal'),
  },
  {
    key: 'DRC_COBALT_2025',
    title:
      'DR Congo cobalt export suspension from 22 February 2025, extended in June, replaced by quotas (Zimbabwe Now, Sept 2025; TRT/Reuters, Sept 2025)',
    publisher: 'Zimbabwe Now; TRT (Reuters-based)',
    year: 2025,
    url: 'https://www.zimbabwenow.co.zw/articles/17580/dr-congo-to-replace-cobalt-export-ban-with-quota-system ; https://www.trtpidgin.com/article/34e848bc6df4',
    licence: quoted('Zimbabwe Now, TRT, Reuters'),
  },
];

const byKey = new Map(SOURCES.map((s) => [s.key, s]));

/** The source with this key; throws on an unknown key so a typo cannot ship silently. */
export function sourceByKey(key: SourceKey): Source {
  const source = byKey.get(key);
  if (!source) throw new Error(`unknown source key: ${key}`);
  return source;
}

export function hasSource(key: SourceKey): boolean {
  return byKey.has(key);
}
