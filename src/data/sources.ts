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

/** The chapters of the Mineral Commodity Summaries 2025 cited: key, chapter title, file's commodity name. */
const USGS_CHAPTERS: readonly (readonly [key: SourceKey, chapter: string, commodity: string])[] = [
  ['USGS_MCS2025_LITHIUM', 'Lithium', 'lithium'],
  ['USGS_MCS2025_NICKEL', 'Nickel', 'nickel'],
  ['USGS_MCS2025_COBALT', 'Cobalt', 'cobalt'],
  ['USGS_MCS2025_GRAPHITE', 'Graphite (natural)', 'graphite'],
  ['USGS_MCS2025_RAREEARTHS', 'Rare earths', 'rare-earths'],
  ['USGS_MCS2025_COPPER', 'Copper', 'copper'],
  ['USGS_MCS2025_MANGANESE', 'Manganese', 'manganese'],
  ['USGS_MCS2025_SILICON', 'Silicon', 'silicon'],
  ['USGS_MCS2025_GALLIUM', 'Gallium', 'gallium'],
  ['USGS_MCS2025_GERMANIUM', 'Germanium', 'germanium'],
  ['USGS_MCS2025_TUNGSTEN', 'Tungsten', 'tungsten'],
  ['USGS_MCS2025_ANTIMONY', 'Antimony', 'antimony'],
  ['USGS_MCS2025_PGM', 'Platinum-group metals', 'platinum-group'],
];

const quoted = (publisher: string) => `© ${publisher}; figures quoted for reference only`;

export const SOURCES: readonly Source[] = [
  ...USGS_CHAPTERS.map(([key, chapter, commodity]) => usgs(key, chapter, commodity)),
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
  // Sources of single figures of the episodes (src/research/observations.ts), as listed in
  // shared/data/SOURCES.md with the stored address that was read.
  {
    key: 'USGS_MCS2016_RAREEARTHS',
    title: 'Mineral Commodity Summaries 2016: Rare earths (year-end oxide prices 2011–2015)',
    publisher: USGS_PUBLISHER,
    year: 2016,
    url: 'https://docslib.org/doc/1659904/mineral-commodity-summaries-2016 (text excerpt of the chapter)',
    licence: USGS_LICENCE,
  },
  {
    key: 'USGS_MCS_HIST_LITHIUM_LATRANS',
    title:
      'USGS Mineral Commodity Summaries 2019–2025, lithium world mine production tables (third-party transcription)',
    publisher: USGS_PUBLISHER,
    year: 2025,
    url: 'GitHub Latrans2004/999.9, data/review/lithium-usgs-history/extraction.csv @ 371e02e',
    licence: USGS_LICENCE,
  },
  {
    key: 'IEA_GCMO2025_MND',
    title:
      'Global Critical Minerals Outlook 2025, as reported by marketnewsdata.com (Yahoo Finance summary, 21 May 2025)',
    publisher: 'marketnewsdata.com (reporting the International Energy Agency)',
    year: 2025,
    url: 'https://marketnewsdata.com/?p=111672',
    licence: quoted('marketnewsdata.com'),
  },
  {
    key: 'IEA_CMMR2023_ALFA',
    title:
      'Critical Minerals Market Review 2023, as reported: "China joins global hunt to diversify mineral supplies: IEA"',
    publisher: 'Alfa-Bridge (reporting Nikkei and the International Energy Agency)',
    year: 2023,
    url: 'https://alfa-bridge.com/china-joins-global-hunt-to-diversify-mineral-supplies-iea/',
    licence: quoted('Alfa-Bridge, Nikkei'),
  },
  {
    key: 'NAI500_2025',
    title: 'Weekly market recap, May 23: IEA warns of mounting risks in critical minerals concentration',
    publisher: 'NAI500 (reporting the International Energy Agency)',
    year: 2025,
    url: 'https://nai500.com/blog/2025/05/weekly-market-recap-may-23-iea-warns-of-mounting-risks-in-critical-minerals-concentration-for-clean-energy/',
    licence: quoted('NAI500'),
  },
  {
    key: 'BLOOMBERG_2014_01_13_NI',
    title: 'Nickel leads gains in base metals as Indonesia bans ore exports (Bloomberg, 13 January 2014)',
    publisher: 'Bloomberg',
    year: 2014,
    url: 'http://www.bloomberg.com/news/articles/2014-01-13/nickel-leads-gains-in-base-metals-as-indonesia-bans-ore-exports',
    licence: quoted('Bloomberg'),
  },
  {
    key: 'THESTREET_2014_NI',
    title:
      'The race is on: Philippines considers banning shipments of unprocessed nickel (TheStreet, May 2014)',
    publisher: 'TheStreet',
    year: 2014,
    url: 'https://www.thestreet.com/story/12875232/1/the-race-is-on-philippines-considers-banning-shipments-of-unprocessed-nickel.html',
    licence: quoted('TheStreet'),
  },
  {
    key: 'BLOOMBERG_2014_12_22_NI',
    title: 'Nickel shortage propels Philippines mining boom (Ian Sayson, Bloomberg News, 21 December 2014)',
    publisher: 'Bloomberg, via Republic of Mining',
    year: 2014,
    url: 'http://www.republicofmining.com/2014/12/22/nickel-shortage-propels-philippines-mining-boom-southeast-asia-by-ian-sayson-bloomberg-news-december-21-2014/',
    licence: quoted('Bloomberg'),
  },
  {
    key: 'ETF_MACQUARIE_2014_NI',
    title: 'With Indonesian ban in place, from where will nickel come? (ETF.com, 2014, citing Macquarie)',
    publisher: 'ETF.com',
    year: 2014,
    url: 'https://www.etf.com/sections/features-and-news/5997-with-indonesian-ban-in-place-from-where-will-nickel-come',
    licence: quoted('ETF.com'),
  },
  {
    key: 'EMJ_2019_NI',
    title: 'Indonesia bans nickel ore exports (E&MJ, 2019, citing Wood Mackenzie)',
    publisher: 'Engineering & Mining Journal',
    year: 2019,
    url: 'https://www.e-mj.com/departments/markets/indonesia-bans-nickel-ore-exports/',
    licence: quoted('E&MJ'),
  },
  {
    key: 'ROSKILL_2019_NI',
    title: 'Nickel: Indonesia re-imposes ban on nickel ore exports (Roskill, 2019)',
    publisher: 'Roskill',
    year: 2019,
    url: 'https://roskill.com/news/nickel-indonesia-re-imposes-ban-on-nickel-ore-exports/',
    licence: quoted('Roskill'),
  },
  {
    key: 'FPJ_2012_REE',
    title:
      'The case against China on export controls and world trade rules (Foreign Policy Journal, 25 May 2012, citing OECD)',
    publisher: 'Foreign Policy Journal',
    year: 2012,
    url: 'https://www.foreignpolicyjournal.com/2012/05/25/the-case-against-china-on-export-controls-and-world-trade-rules/',
    licence: quoted('Foreign Policy Journal'),
  },
  {
    key: 'JMB_2010_REE',
    title: 'China export quota cut lifts rare earth oxides price (Japan Metal Bulletin, 2010)',
    publisher: 'Japan Metal Bulletin',
    year: 2010,
    url: 'http://www.japanmetalbulletin.com/?p=4991',
    licence: quoted('Japan Metal Bulletin'),
  },
  {
    key: 'MININGCOM_2013_REE',
    title:
      "China's 2013 rare earth production, export caps can't stop prices diving (MINING.COM, January 2013)",
    publisher: 'MINING.COM',
    year: 2013,
    url: 'https://mining.com/chinas-2013-rare-earth-output-export-caps-cant-stop-prices-falling-87874',
    licence: quoted('MINING.COM'),
  },
  {
    key: 'REUTERS_2011_09_23_REE',
    title: 'China rare earth prices (Reuters price table, 23 September 2011)',
    publisher: 'Reuters',
    year: 2011,
    url: 'http://www.reuters.com/article/2011/09/23/china-rareearth-idUSL3E7KN1FZ20110923',
    licence: quoted('Reuters'),
  },
  {
    key: 'FASTMARKETS_2023_12_GA',
    title: 'A make-or-break year for non-Chinese gallium market: 2024 preview (Fastmarkets, December 2023)',
    publisher: 'Fastmarkets',
    year: 2023,
    url: 'https://fastmarkets.com/insights/a-make-or-break-year-for-non-chinese-gallium-market-2024-preview',
    licence: quoted('Fastmarkets'),
  },
  {
    key: 'CHINASCOPE_RFI_2024_GA',
    title:
      'Gallium prices and Chinese exports after the export controls (Chinascope summarising RFI, 12 April 2024)',
    publisher: 'Chinascope (summarising Radio France Internationale)',
    year: 2024,
    url: 'http://chinascope.org/archives/34911',
    licence: quoted('Chinascope, RFI'),
  },
  {
    key: 'ZIMNOW_2025_CO',
    title: 'DR Congo to replace cobalt export ban with quota system (Zimbabwe Now, September 2025)',
    publisher: 'Zimbabwe Now',
    year: 2025,
    url: 'https://www.zimbabwenow.co.zw/articles/17580/dr-congo-to-replace-cobalt-export-ban-with-quota-system',
    licence: quoted('Zimbabwe Now'),
  },
  {
    key: 'GREATMONEY_2025_CO',
    title: 'Cobalt after the DR Congo export quotas (GreatMoneyNews citing Bloomberg, 22 September 2025)',
    publisher: 'GreatMoneyNews (reporting Bloomberg)',
    year: 2025,
    url: 'https://greatmoneynews.com/?p=7392',
    licence: quoted('GreatMoneyNews, Bloomberg'),
  },
  // China's controls on antimony (2024) and tungsten (2025): the presets of src/scenario/presets.ts.
  {
    key: 'REUTERS_2024_12_03_SB',
    title:
      'China bans exports of gallium, germanium, antimony to US (Reuters, 3 December 2024), as reported: ban in principle from 3 December 2024; licences for antimony exports since 15 September 2024; Chinese antimony exports down 97% in October from September',
    publisher: 'Reuters, as reported by Nexus News and Anewz',
    year: 2024,
    url: 'https://www.reuters.com/markets/commodities/china-bans-exports-gallium-germanium-antimony-us-2024-12-03 (read at https://nexusnews.pro/china-cracks-down-on-us-export-of-critical-minerals-amid-escalating-trade-tensions and https://anewz.tv/world/world-news/869/china-halts-key-mineral-exports-to-us/news)',
    licence: quoted('Reuters, Nexus News, Anewz'),
  },
  {
    key: 'BT_2025_11_09_SB',
    title:
      'China suspends ban on exports of gallium, germanium, antimony to US (Business Times, 9 November 2025): the December 2024 ban suspended from 9 November 2025 to 27 November 2026; licences stay',
    publisher: 'The Business Times (Singapore)',
    year: 2025,
    url: 'https://www.businesstimes.com.sg/international/china-suspends-ban-exports-gallium-germanium-antimony-us',
    licence: quoted('The Business Times'),
  },
  {
    key: 'XINHUA_2025_02_04_W',
    title:
      'China announces export controls on items related to tungsten, tellurium, bismuth, molybdenum, indium (Xinhua, 4 February 2025): Ministry of Commerce and General Administration of Customs, in effect the same day; ammonium paratungstate, tungsten oxides and carbide, certain alloys',
    publisher: 'Xinhua, as reported by Big News Network and World Today News',
    year: 2025,
    url: 'https://bignewsnetwork.com/news/275019500/1st-ld-writethru-china-announces-export-controls-on-items-related-to-tungsten-tellurium-bismuth-molybdenum-indium ; https://world-today-news.com/china-implements-export-controls-on-tungsten-cricket-bismuth-molybdenum-and-indium-items',
    licence: quoted('Xinhua'),
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
