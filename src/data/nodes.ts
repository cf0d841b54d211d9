/**
 * The places that trade. Array order is the engine's node id: the US host, the 54 delegations
 * of the February 2026 Critical Minerals Ministerial in the order of seed 001's Figure 1 (the
 * European Union as 'EUR'), the non-attending producers (alphabetical by code), then 'ROW'.
 * Keep the order stable: scenario files and results index nodes by position.
 *
 * Inclusion rule for non-attending countries (applied by scripts/generate-calibration.mjs and
 * checked by test/unit/nodes.test.ts): a country becomes a node when it holds at least 1% of
 * world output of a modelled mineral at some stage in a 2023 or 2024 row of the calibration
 * data (shared/data/production.csv, any source). Every other country belongs to 'ROW'.
 *
 * 'EUR' is the European Union delegation modelled as the 14 EU members that did not attend on
 * their own; the 13 that did are their own nodes. All 27 share the EU customs union.
 *
 * Centroids (degrees) sit on the main landmass and feed transport distances and map arcs.
 */
import { agreementsOf } from './agreements';
import { CALIBRATION_NODES } from './calibration';
import { EU_NODE_CODES } from './eu';
import type { Continent, TradeNode } from './types';

type Row = readonly [
  code: string,
  numeric: string,
  name: string,
  continent: Continent,
  lon: number,
  lat: number,
];

/** The host and the 54 delegations, in Figure 1 order after the host. */
const ATTENDING: readonly Row[] = [
  ['USA', '840', 'United States', 'North America', -98.5, 39.5],
  ['AGO', '024', 'Angola', 'Africa', 17.9, -12.3],
  ['COD', '180', 'Democratic Republic of the Congo', 'Africa', 23.6, -2.9],
  ['GIN', '324', 'Guinea', 'Africa', -10.9, 10.4],
  ['KEN', '404', 'Kenya', 'Africa', 37.9, 0.5],
  ['MAR', '504', 'Morocco', 'Africa', -6.3, 31.8],
  ['SLE', '694', 'Sierra Leone', 'Africa', -11.8, 8.5],
  ['ZMB', '894', 'Zambia', 'Africa', 27.8, -13.5],
  ['ARM', '051', 'Armenia', 'Asia', 44.9, 40.2],
  ['BHR', '048', 'Bahrain', 'Asia', 50.56, 26.07],
  ['IND', '356', 'India', 'Asia', 79.0, 22.0],
  ['ISR', '376', 'Israel', 'Asia', 34.9, 31.4],
  ['JPN', '392', 'Japan', 'Asia', 138.3, 36.5],
  ['JOR', '400', 'Jordan', 'Asia', 36.8, 31.2],
  ['KAZ', '398', 'Kazakhstan', 'Asia', 67.3, 48.2],
  ['MYS', '458', 'Malaysia', 'Asia', 101.9, 4.2],
  ['OMN', '512', 'Oman', 'Asia', 56.1, 21.0],
  ['PAK', '586', 'Pakistan', 'Asia', 69.4, 30.0],
  ['PHL', '608', 'Philippines', 'Asia', 122.9, 12.0],
  ['QAT', '634', 'Qatar', 'Asia', 51.2, 25.3],
  ['KOR', '410', 'Republic of Korea', 'Asia', 127.9, 36.4],
  ['SAU', '682', 'Saudi Arabia', 'Asia', 45.1, 24.0],
  ['SGP', '702', 'Singapore', 'Asia', 103.82, 1.35],
  ['THA', '764', 'Thailand', 'Asia', 101.0, 15.1],
  ['ARE', '784', 'United Arab Emirates', 'Asia', 54.3, 23.9],
  ['UZB', '860', 'Uzbekistan', 'Asia', 64.6, 41.4],
  ['BEL', '056', 'Belgium', 'Europe', 4.6, 50.6],
  ['CZE', '203', 'Czechia', 'Europe', 15.3, 49.8],
  ['EST', '233', 'Estonia', 'Europe', 25.0, 58.7],
  // A point among the 14 members (Austria), not their mean, which falls in Italy.
  ['EUR', '', 'European Union (members not attending separately)', 'Europe', 14.6, 47.6],
  ['FIN', '246', 'Finland', 'Europe', 26.0, 64.5],
  ['FRA', '250', 'France', 'Europe', 2.4, 46.6],
  ['DEU', '276', 'Germany', 'Europe', 10.4, 51.1],
  ['GRC', '300', 'Greece', 'Europe', 22.0, 39.3],
  ['ITA', '380', 'Italy', 'Europe', 12.6, 42.8],
  ['LTU', '440', 'Lithuania', 'Europe', 23.9, 55.3],
  ['NLD', '528', 'Netherlands', 'Europe', 5.6, 52.2],
  ['NOR', '578', 'Norway', 'Europe', 9.0, 61.0],
  ['POL', '616', 'Poland', 'Europe', 19.4, 52.1],
  ['ROU', '642', 'Romania', 'Europe', 25.0, 45.9],
  ['SWE', '752', 'Sweden', 'Europe', 16.0, 62.5],
  ['GBR', '826', 'United Kingdom', 'Europe', -2.0, 53.5],
  ['UKR', '804', 'Ukraine', 'Europe', 31.2, 49.0],
  ['CAN', '124', 'Canada', 'North America', -100.0, 56.0],
  ['DOM', '214', 'Dominican Republic', 'North America', -70.2, 18.9],
  ['MEX', '484', 'Mexico', 'North America', -102.5, 23.6],
  ['ARG', '032', 'Argentina', 'South America', -64.5, -36.0],
  ['BOL', '068', 'Bolivia', 'South America', -64.7, -16.3],
  ['BRA', '076', 'Brazil', 'South America', -51.9, -10.8],
  ['ECU', '218', 'Ecuador', 'South America', -78.4, -1.5],
  ['PRY', '600', 'Paraguay', 'South America', -58.4, -23.4],
  ['PER', '604', 'Peru', 'South America', -75.0, -9.2],
  ['AUS', '036', 'Australia', 'Oceania', 134.0, -25.5],
  ['COK', '184', 'Cook Islands', 'Oceania', -159.78, -21.24],
  ['NZL', '554', 'New Zealand', 'Oceania', 172.5, -41.5],
];

/** Non-attending countries that pass the inclusion rule (see the generated calibration). */
const PRODUCERS: readonly Row[] = [
  ['CHL', '152', 'Chile', 'South America', -71.0, -35.7],
  ['CHN', '156', 'China', 'Asia', 104.2, 35.9],
  ['CIV', '384', "Côte d'Ivoire", 'Africa', -5.5, 7.6],
  ['CUB', '192', 'Cuba', 'North America', -79.0, 21.6],
  ['GAB', '266', 'Gabon', 'Africa', 11.6, -0.8],
  ['GHA', '288', 'Ghana', 'Africa', -1.0, 7.9],
  ['IDN', '360', 'Indonesia', 'Asia', 113.9, -2.0],
  ['MDG', '450', 'Madagascar', 'Africa', 46.9, -18.8],
  ['MMR', '104', 'Myanmar', 'Asia', 96.0, 21.9],
  ['MOZ', '508', 'Mozambique', 'Africa', 35.5, -18.7],
  ['NAM', '516', 'Namibia', 'Africa', 18.5, -22.0],
  ['NCL', '540', 'New Caledonia', 'Oceania', 165.6, -21.3],
  ['NGA', '566', 'Nigeria', 'Africa', 8.7, 9.1],
  ['PNG', '598', 'Papua New Guinea', 'Oceania', 144.0, -6.3],
  ['PRK', '408', 'North Korea', 'Asia', 127.2, 40.2],
  ['RUS', '643', 'Russia', 'Europe', 96.7, 61.5],
  ['RWA', '646', 'Rwanda', 'Africa', 29.9, -2.0],
  ['TJK', '762', 'Tajikistan', 'Asia', 71.0, 38.9],
  ['TUR', '792', 'Türkiye', 'Asia', 35.2, 39.0],
  ['TZA', '834', 'Tanzania', 'Africa', 34.9, -6.4],
  ['VNM', '704', 'Vietnam', 'Asia', 105.9, 17.5],
  ['ZAF', '710', 'South Africa', 'Africa', 24.7, -29.0],
  ['ZWE', '716', 'Zimbabwe', 'Africa', 29.2, -19.0],
];

/** The 14 EU members that did not attend separately, drawn as 'EUR' (ISO numeric). */
export const EU_REST: readonly { code: string; numeric: string; name: string }[] = [
  { code: 'AUT', numeric: '040', name: 'Austria' },
  { code: 'BGR', numeric: '100', name: 'Bulgaria' },
  { code: 'HRV', numeric: '191', name: 'Croatia' },
  { code: 'CYP', numeric: '196', name: 'Cyprus' },
  { code: 'DNK', numeric: '208', name: 'Denmark' },
  { code: 'HUN', numeric: '348', name: 'Hungary' },
  { code: 'IRL', numeric: '372', name: 'Ireland' },
  { code: 'LVA', numeric: '428', name: 'Latvia' },
  { code: 'LUX', numeric: '442', name: 'Luxembourg' },
  { code: 'MLT', numeric: '470', name: 'Malta' },
  { code: 'PRT', numeric: '620', name: 'Portugal' },
  { code: 'SVK', numeric: '703', name: 'Slovakia' },
  { code: 'SVN', numeric: '705', name: 'Slovenia' },
  { code: 'ESP', numeric: '724', name: 'Spain' },
];

const EU_NODES = new Set(EU_NODE_CODES);

const inclusion = new Map(
  CALIBRATION_NODES.filter((n) => n.kind === 'producer').map((n) => [n.code, n.inclusion ?? []]),
);

const EXTRA_NOTES: Record<string, string> = {
  USA: 'Host of the Ministerial.',
  EUR: 'The European Union delegation, modelled as the 14 EU members that did not attend separately: Austria, Bulgaria, Croatia, Cyprus, Denmark, Hungary, Ireland, Latvia, Luxembourg, Malta, Portugal, Slovakia, Slovenia and Spain.',
  NCL: 'A French overseas territory outside the EU customs territory, so not an EU member node.',
  COK: 'Not in the World Bank manufacturing series, so its estimated consumption is 0 t.',
};

function toNode(row: Row, attended: boolean): TradeNode {
  const [code, numeric, name, continent, lon, lat] = row;
  const reasons = inclusion.get(code);
  const notes = [
    reasons
      ? `Did not attend; a node because it holds at least 1% of world output: ${reasons.join('; ')}.`
      : '',
    EXTRA_NOTES[code] ?? '',
  ].filter(Boolean);
  return {
    code,
    numeric: numeric === '' ? null : numeric,
    name,
    continent,
    lon,
    lat,
    attended,
    host: code === 'USA',
    euMember: EU_NODES.has(code),
    territory: code === 'EUR' ? EU_REST.map((m) => m.numeric) : [numeric],
    agreements: agreementsOf(code),
    ...(notes.length ? { note: notes.join(' ') } : {}),
  };
}

const REST_OF_WORLD: TradeNode = {
  code: 'ROW',
  numeric: null,
  name: 'Rest of world',
  continent: 'World',
  // For distances: a point between the main remaining producers and consumers (Africa, the
  // Middle East, South-East Asia, Latin America); the map draws the marker in the Atlantic.
  lon: 20,
  lat: 10,
  attended: false,
  host: false,
  euMember: false,
  territory: [],
  agreements: [],
  note: 'Every country that is neither a delegation nor a producer with at least 1% of world output of a modelled mineral, plus the source rows "Other countries" and "Rest of world". Iran, for example, is here: its largest share of a modelled mineral in 2023–2024 is 0.5% (antimony mining).',
  marker: { lon: -30, lat: -38 },
};

export const NODES: readonly TradeNode[] = [
  ...ATTENDING.map((row) => toNode(row, true)),
  ...PRODUCERS.map((row) => toNode(row, false)),
  REST_OF_WORLD,
];

const indexByCode = new Map(NODES.map((node, i) => [node.code, i]));

/** The engine's node id: the node's position in NODES. Throws on an unknown code. */
export function nodeIndex(code: string): number {
  const i = indexByCode.get(code);
  if (i === undefined) throw new Error(`unknown node: ${code}`);
  return i;
}

export function nodeByCode(code: string): TradeNode {
  return NODES[nodeIndex(code)];
}

export function isNode(code: string): boolean {
  return indexByCode.has(code);
}

/** 'host', 'delegation', 'producer' (did not attend) or 'rest' (ROW). */
export type NodeCategory = 'host' | 'delegation' | 'producer' | 'rest';

export function nodeCategory(node: TradeNode): NodeCategory {
  if (node.host) return 'host';
  if (node.attended) return 'delegation';
  return node.code === 'ROW' ? 'rest' : 'producer';
}
