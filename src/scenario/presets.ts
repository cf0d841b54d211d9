/**
 * Named scenarios. Each says what it represents and cites the seed article or source it comes
 * from; where a source gives no number (a floor level, a stockpile's split between minerals),
 * the text says which assumption was made. Months count from 0 = January 2026.
 */
import { priceFor } from '../data/calibration';
import { CLUB, PARTICIPANTS, US_EU_JAPAN, US_MEXICO } from '../data/groups';
import type { MineralId, SourceKey, StageId } from '../data/types';
import type { ScenarioInput } from './schema.ts';

export interface Preset {
  id: string;
  title: string;
  description: string;
  sources: SourceKey[];
  scenario: ScenarioInput;
}

/** A price floor at `multiple` × the 2024 reference price (rounded to 3 significant digits), USD/t. */
function floorAt(mineral: MineralId, stage: StageId, multiple: number): number {
  const reference = priceFor(mineral, stage)?.usdPerTonne;
  if (!reference) throw new Error(`no reference price for ${mineral} ${stage}`);
  const value = reference * multiple;
  const digits = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.round(value / digits) * digits;
}

/** The refined products the partnership statements single out (rare earths, magnets, battery minerals, Ga, Ge). */
const FLOOR_GOODS: readonly [MineralId, StageId][] = [
  ['rare_earths', 'refine'],
  ['rare_earths', 'magnet'],
  ['lithium', 'refine'],
  ['cobalt', 'refine'],
  ['graphite', 'refine'],
  ['gallium', 'refine'],
  ['germanium', 'refine'],
];

const floors = (zone: string, multiple: number) =>
  FLOOR_GOODS.map(([mineral, stage]) => ({ zone, mineral, stage, floor: floorAt(mineral, stage, multiple) }));

const CHINA_REE_APRIL = {
  exporter: 'CHN',
  mineral: 'rare_earths',
  kind: 'licence' as const,
  licenceDelayMonths: 2,
  approvalShare: 0.5,
  licenceFee: 0,
  note: 'April 2025: licences required for exports of seven rare earths and magnets (seed 001). Applications take two months (the 45 working days of the rules); half the backlog is approved each month (an assumption).',
};

export const PRESETS: readonly Preset[] = [
  {
    id: 'status-quo',
    title: 'Status quo',
    description:
      'The world as calibrated to 2024 (USGS MCS 2025, IEA Critical Minerals Dataset 2025), with demand growing at the IEA STEPS pace (2024–2030) and the tariffs in force in February 2026: the US fentanyl-related tariff on China at 10% (seed 001). No zone, floor, control or stockpile.',
    sources: ['SEED_001_MINISTERIAL', 'IEA_CMDATA_2025', 'USGS_MCS2025_LITHIUM'],
    scenario: { version: 1, name: 'Status quo' },
  },
  {
    id: 'ministerial-zone',
    title: 'Ministerial preferential trade zone',
    description:
      'The preferential trade zone Vice President Vance proposed at the Ministerial: all 55 participants (the 54 delegations, the EU as all 27 members, and the US) trade tariff-free, and border-adjusted price floors ("adjustable tariffs that uphold pricing integrity") protect refined rare earths, magnets, lithium, cobalt, graphite, gallium and germanium. The floor level is an assumption: 120% of the 2024 reference price (the Ministerial named no level).',
    sources: ['SEED_001_MINISTERIAL', 'SEED_004_TRADE_ZONE'],
    scenario: {
      version: 1,
      name: 'Ministerial preferential trade zone',
      zones: [{ id: 'ministerial', name: 'Ministerial zone', members: [...PARTICIPANTS], internalTariff: 0 }],
      priceFloors: floors('ministerial', 1.2),
    },
  },
  {
    id: 'club',
    title: "Burgum's tariff-free club",
    description:
      'The "club of nations" Interior Secretary Burgum described: tariff-free trade in critical minerals among the US, Japan, South Korea, Malaysia, Australia and Thailand (deals before the Ministerial, seed 002) and the eleven countries that signed MoUs or frameworks at the Ministerial (Argentina, Cook Islands, Ecuador, Guinea, Morocco, Paraguay, Peru, Philippines, UAE, UK, Uzbekistan; seed 001). Tariffs on critical minerals are mostly near zero today, so tariff-free trade inside only matters against a tariff outside: the club here applies a common 10% tariff to non-members (an assumption, not in the sources). No price floor.',
    sources: ['SEED_002_MEXICO_EU_JAPAN', 'SEED_001_MINISTERIAL'],
    scenario: {
      version: 1,
      name: "Burgum's tariff-free club",
      zones: [{ id: 'club', name: 'Club', members: [...CLUB], internalTariff: 0, externalTariff: 0.1 }],
    },
  },
  {
    id: 'us-eu-japan-floors',
    title: 'US–EU–Japan partnership with price floors',
    description:
      'The US, the EU (all 27 members) and Japan coordinate trade in critical minerals with border-adjusted price floors (seeds 000, 002, 003). Floors at 120% of the 2024 reference price on refined rare earths, magnets, lithium, cobalt, graphite, gallium and germanium (an assumption: the partners named no level).',
    sources: ['SEED_000_SCI', 'SEED_002_MEXICO_EU_JAPAN', 'SEED_003_MENAFN'],
    scenario: {
      version: 1,
      name: 'US–EU–Japan partnership with price floors',
      zones: [{ id: 'useujp', name: 'US–EU–Japan', members: [...US_EU_JAPAN], internalTariff: 0 }],
      priceFloors: floors('useujp', 1.2),
    },
  },
  {
    id: 'us-mexico-plan',
    title: 'US–Mexico action plan with a joint reserve',
    description:
      "The US–Mexico Action Plan on Critical Minerals (seeds 002, 003): coordinated trade policies, tariff-free trade between the two, and a joint critical-minerals reserve. The reserve's size and targets are assumptions: USD 1 billion each for separated rare earths and magnets, bought while the landed price in the US is below 120% of the 2024 reference price and released above 180% of it or in a declared disruption.",
    sources: ['SEED_002_MEXICO_EU_JAPAN', 'SEED_003_MENAFN'],
    scenario: {
      version: 1,
      name: 'US–Mexico action plan with a joint reserve',
      zones: [{ id: 'usmx', name: 'US–Mexico', members: [...US_MEXICO], internalTariff: 0 }],
      stockpiles: (['refine', 'magnet'] as const).map((stage) => ({
        name: `US–Mexico reserve: rare earths (${stage === 'refine' ? 'separated oxide' : 'magnets'})`,
        holder: 'usmx',
        mineral: 'rare_earths',
        stage,
        budgetUsd: 1e9,
        buyBelowUsd: floorAt('rare_earths', stage, 1.2),
        releaseAboveUsd: floorAt('rare_earths', stage, 1.8),
        maxBuyTonnesPerMonth: stage === 'refine' ? 500 : 150,
        maxReleaseTonnesPerMonth: stage === 'refine' ? 1000 : 300,
      })),
    },
  },
  {
    id: 'china-ree-controls-2025',
    title: "China's 2025 rare-earth export controls",
    description:
      "China's rare-earth export controls as announced in 2025 (seed 001): from April 2025 licences for separated rare earths and magnets to every destination (applications processed in two months, half the backlog approved each month: an assumption), and the October 2025 expansion to five more elements, modelled on magnets as a 6-month processing delay, a quarter of the backlog approved each month and a 20% fee (assumptions). Both in force from January 2026. Exports outside China stop for the processing delay, then recover as approvals come; meanwhile the export price stays above China's domestic price (the rent of the licences, held by the exporting firms) and buyers outside draw on their stocks.",
    sources: ['SEED_001_MINISTERIAL', 'IEA_COMMENTARY_2025_10'],
    scenario: {
      version: 1,
      name: "China's 2025 rare-earth export controls",
      exportControls: [
        { ...CHINA_REE_APRIL, stage: 'refine' },
        {
          ...CHINA_REE_APRIL,
          stage: 'magnet',
          licenceDelayMonths: 6,
          approvalShare: 0.25,
          licenceFee: 0.2,
          note: 'October 2025 expansion (five more elements, stricter approvals): 6-month processing, a quarter of the backlog approved a month and a 20% fee (assumptions).',
        },
      ],
    },
  },
  {
    id: 'china-ree-controls-2025-suspended',
    title: "China's rare-earth controls with the one-year suspension",
    description:
      'As china-ree-controls-2025, but with the one-year suspension agreed at the Trump–Xi meeting in October 2025 (seed 001): the October expansion is suspended until November 2026 (month 10), while the April licences stay in force.',
    sources: ['SEED_001_MINISTERIAL'],
    scenario: {
      version: 1,
      name: "China's rare-earth controls, one-year suspension",
      exportControls: [
        { ...CHINA_REE_APRIL, stage: 'refine' },
        { ...CHINA_REE_APRIL, stage: 'magnet', end: 10 },
        {
          ...CHINA_REE_APRIL,
          stage: 'magnet',
          licenceDelayMonths: 6,
          approvalShare: 0.25,
          licenceFee: 0.2,
          start: 10,
          note: 'October 2025 expansion, back in force after the one-year suspension (assumptions: 6-month processing, a quarter of the backlog approved a month, 20% fee).',
        },
      ],
    },
  },
  {
    id: 'china-antimony-controls-2024',
    title: "China's 2024 antimony export controls",
    description:
      "China's antimony controls replayed on the model's clock, month 0 standing for August 2024 (the calibration year is 2024, so the status quo is the market the controls met; the charts date months from January 2026, so read month 1 as September 2024 and month 4 as December 2024). Announced in August 2024 (month 0), licences for exports of antimony ore, metal and oxides were required from 15 September 2024 (month 1): applications take two months (the 45 working days of China's dual-use rules) and a third of the backlog is approved each month (an assumption: Chinese antimony exports fell 97% from September to October 2024, and the price nearly doubled, USD 8.91/lb in July to 17.50/lb in November). From 3 December 2024 (month 4) exports to the United States were banned; the ban was suspended on 9 November 2025 (month 15) until 27 November 2026, and the licences stayed. Watch China's exports stop for the processing delay, the price outside China rise, the US draw on stocks and turn to Tajikistan, Russia, Bolivia and Myanmar.",
    sources: ['USGS_MCS2025_ANTIMONY', 'REUTERS_2024_12_03_SB', 'BT_2025_11_09_SB'],
    scenario: {
      version: 1,
      name: "China's 2024 antimony export controls",
      exportControls: [
        ...(['mine', 'refine'] as const).map((stage) => ({
          exporter: 'CHN',
          mineral: 'antimony',
          stage,
          kind: 'licence' as const,
          licenceDelayMonths: 2,
          approvalShare: 1 / 3,
          announced: 0,
          start: 1,
          note: 'Licences for antimony ore, metal and oxides from 15 September 2024 (announced in August): two months of processing, a third of the backlog approved a month (an assumption).',
        })),
        ...(['mine', 'refine'] as const).map((stage) => ({
          exporter: 'CHN',
          mineral: 'antimony',
          stage,
          kind: 'ban' as const,
          destinations: ['USA'],
          start: 4,
          end: 15,
          note: 'Ban on exports to the United States from 3 December 2024, suspended from 9 November 2025.',
        })),
      ],
    },
  },
  {
    id: 'china-tungsten-controls-2025',
    title: "China's 2025 tungsten export controls",
    description:
      "China's tungsten controls replayed on the model's clock, month 0 standing for February 2025 (the charts date months from January 2026). On 4 February 2025 China's Ministry of Commerce and customs put ammonium paratungstate, tungsten oxides and carbide and certain tungsten alloys under export licences, in effect the same day (month 0, unannounced): refined tungsten, not concentrate. Applications take two months and half the backlog is approved each month (assumptions, as for the April 2025 rare-earth licences). China mined 83% of the world's tungsten in 2024 (USGS); watch refined exports from China stop for two months, the price outside rise, and concentrate from Vietnam, Rwanda, Bolivia and Russia go to refiners outside China.",
    sources: ['XINHUA_2025_02_04_W', 'USGS_MCS2025_TUNGSTEN'],
    scenario: {
      version: 1,
      name: "China's 2025 tungsten export controls",
      exportControls: [
        {
          exporter: 'CHN',
          mineral: 'tungsten',
          stage: 'refine',
          kind: 'licence',
          licenceDelayMonths: 2,
          approvalShare: 0.5,
          start: 0,
          note: 'Licences for APT, tungsten oxides, carbide and alloys from 4 February 2025: two months of processing, half the backlog approved a month (assumptions).',
        },
      ],
    },
  },
  {
    id: 'indonesia-nickel-ore-ban',
    title: 'Indonesia bans nickel ore exports',
    description:
      'An ore export ban by the largest nickel miner, as Indonesia did in January 2014 (and again in 2020): from month 12, no nickel ore leaves Indonesia. Watch Indonesian ore exports stop, the outside price rise, other miners (the Philippines) sell more, and Indonesian refining grow over the following years (episode V2).',
    sources: ['EPISODES_V2_NICKEL_2014'],
    scenario: {
      version: 1,
      name: 'Indonesia bans nickel ore exports',
      exportControls: [{ exporter: 'IDN', mineral: 'nickel', stage: 'mine', kind: 'ban', start: 12 }],
    },
  },
  {
    id: 'drc-cobalt-suspension',
    title: 'DR Congo suspends cobalt exports',
    description:
      "The DR Congo's suspension of cobalt exports (from 22 February 2025, extended in June, replaced by quotas in October 2025): modelled as an eight-month ban on cobalt concentrate and hydroxide exports from month 1, then a quota of half the 2024 export volume (an assumption standing in for the announced quotas). Congolese mines store their output through the ban (its end is known) rather than close; refiners abroad draw down their feed and refined stocks and the refined price rises; the stored ore comes out when exports resume and pulls prices back. Under the quota the export price stays above the Congolese price: the quota's rent, held by the exporting firms.",
    sources: ['DRC_COBALT_2025', 'USGS_MCS2025_COBALT'],
    scenario: {
      version: 1,
      name: 'DR Congo suspends cobalt exports',
      exportControls: [
        { exporter: 'COD', mineral: 'cobalt', stage: 'mine', kind: 'ban', start: 1, end: 9 },
        {
          exporter: 'COD',
          mineral: 'cobalt',
          stage: 'mine',
          kind: 'quota',
          quotaTonnesPerMonth: 9000,
          start: 9,
          note: 'About half of the 2024 monthly exports (DRC mined 220 kt in 2024, USGS) — an assumption for the announced quotas.',
        },
      ],
    },
  },
  {
    id: 'project-vault',
    title: 'Project Vault: a US stockpile of about USD 12 billion',
    description:
      'Project Vault, the "nearly $12 billion" US bid to stockpile critical minerals unveiled on 2 February 2026 (seed 004). The split across minerals is an assumption: USD 2 billion each for separated rare earths, magnets, refined cobalt and lithium, USD 1 billion each for refined graphite, nickel, gallium and germanium. The stockpile buys below 110% of the reference price and releases above 150% of it or in a declared disruption.',
    sources: ['SEED_004_TRADE_ZONE', 'SEED_003_MENAFN'],
    scenario: {
      version: 1,
      name: 'Project Vault',
      stockpiles: (
        [
          ['rare_earths', 'refine', 2e9],
          ['rare_earths', 'magnet', 2e9],
          ['cobalt', 'refine', 2e9],
          ['lithium', 'refine', 2e9],
          ['graphite', 'refine', 1e9],
          ['nickel', 'refine', 1e9],
          ['gallium', 'refine', 1e9],
          ['germanium', 'refine', 1e9],
        ] as const
      ).map(([mineral, stage, budgetUsd]) => {
        const reference = floorAt(mineral, stage, 1);
        // Spends the budget over about five years at the reference price.
        const perMonth = Math.max(1, Math.round(budgetUsd / reference / 60));
        return {
          name: `Project Vault: ${mineral.replace('_', ' ')} (${stage})`,
          holder: 'USA',
          mineral,
          stage,
          budgetUsd,
          buyBelowUsd: floorAt(mineral, stage, 1.1),
          releaseAboveUsd: floorAt(mineral, stage, 1.5),
          maxBuyTonnesPerMonth: perMonth,
          maxReleaseTonnesPerMonth: perMonth * 2,
        };
      }),
    },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
