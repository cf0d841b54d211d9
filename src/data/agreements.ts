/**
 * Critical-minerals agreements the United States signed at the February 2026 Ministerial, and
 * the earlier deals the seed articles name. Parties are node codes; the US is a party to all.
 * TradeNode.agreements (nodes.ts) is derived from this list.
 */
import { EU_NODE_CODES } from './eu';
import type { Agreement } from './types';

const MINISTERIAL_DATE = '2026-02-04';

/** The eleven bilateral MoUs or frameworks signed during the Ministerial (seed 001; seed 000 lists the same eleven). */
const ministerialFrameworks: Agreement[] = (
  [
    ['ARG', 'Argentina'],
    ['COK', 'Cook Islands'],
    ['ECU', 'Ecuador'],
    ['GIN', 'Guinea'],
    ['MAR', 'Morocco'],
    ['PRY', 'Paraguay'],
    ['PER', 'Peru'],
    ['PHL', 'Philippines'],
    ['ARE', 'United Arab Emirates'],
    ['GBR', 'United Kingdom'],
    ['UZB', 'Uzbekistan'],
  ] as const
).map(([code, name]) => ({
  id: `US-${code}-2026`,
  name:
    code === 'GBR'
      ? 'US–UK memorandum of understanding on securing the supply of critical minerals and rare earths'
      : `US–${name} critical minerals framework`,
  date: MINISTERIAL_DATE,
  kind: code === 'GBR' ? 'mou' : 'framework',
  parties: ['USA', code],
  source: 'SEED_001_MINISTERIAL',
  note:
    code === 'GBR'
      ? 'Signed at the Ministerial; the UK Department for Business and Trade published its terms on 5 February 2026.'
      : 'One of the eleven MoUs, framework agreements or similar agreements signed at the Ministerial.',
}));

const earlierDeal = (code: string, name: string, source: string, note: string): Agreement => ({
  id: `US-${code}-EARLIER`,
  name: `US–${name} critical minerals deal (before the Ministerial)`,
  date: MINISTERIAL_DATE,
  kind: 'earlier-deal',
  parties: ['USA', code],
  source,
  note: `Reported as already in place on 4 February 2026; the source gives no signing date. ${note}`.trim(),
});

const BURGUM_CLUB =
  "Part of the 'club of nations' for tariff-free critical-minerals trade that Interior Secretary Burgum said already included Japan, South Korea, Malaysia, Australia and Thailand.";

export const AGREEMENTS: readonly Agreement[] = [
  ...ministerialFrameworks,
  {
    id: 'US-MEX-ACTION-PLAN-2026',
    name: 'US–Mexico Action Plan on Critical Minerals',
    date: MINISTERIAL_DATE,
    kind: 'action-plan',
    parties: ['USA', 'MEX'],
    source: 'SEED_002_MEXICO_EU_JAPAN',
    note: 'USTR and the Mexican Economy Ministry; a 60-day window for a first phase, coordinated trade policies including possible price floors and a joint reserve (seed 003).',
  },
  {
    id: 'US-EU-JPN-2026',
    name: 'US–EU–Japan critical minerals partnership (joint statement)',
    date: MINISTERIAL_DATE,
    kind: 'partnership',
    // The EU signs trade agreements for all 27 members (trade is an exclusive EU competence).
    parties: ['USA', 'JPN', ...EU_NODE_CODES],
    source: 'SEED_002_MEXICO_EU_JAPAN',
    note: 'Coordinated plans, possible border-adjusted price floors and stockpile information exchange; the EU and the US committed to an MoU within 30 days (not yet signed in the sources). The EU signs for all 27 members, so every EU node is a party.',
  },
  earlierDeal('JPN', 'Japan', 'SEED_004_TRADE_ZONE', BURGUM_CLUB),
  earlierDeal('AUS', 'Australia', 'SEED_004_TRADE_ZONE', BURGUM_CLUB),
  earlierDeal('SAU', 'Saudi Arabia', 'SEED_004_TRADE_ZONE', ''),
  earlierDeal('KOR', 'Republic of Korea', 'SEED_004_TRADE_ZONE', BURGUM_CLUB),
  earlierDeal('THA', 'Thailand', 'SEED_004_TRADE_ZONE', BURGUM_CLUB),
  earlierDeal('MYS', 'Malaysia', 'SEED_002_MEXICO_EU_JAPAN', BURGUM_CLUB),
];

const byId = new Map(AGREEMENTS.map((a) => [a.id, a]));

export function agreementById(id: string): Agreement {
  const agreement = byId.get(id);
  if (!agreement) throw new Error(`unknown agreement: ${id}`);
  return agreement;
}

/** Ids of the agreements a node is party to, in AGREEMENTS order. */
export function agreementsOf(code: string): string[] {
  return AGREEMENTS.filter((a) => a.parties.includes(code)).map((a) => a.id);
}
