/**
 * The fourteen modelled minerals and their stage chains. Quantities are tonnes of the content named
 * in `unit`, so processing conserves mass; a stage's yield (t out per t in) and secondary
 * supply come from the calibration balance (calibration.ts, STAGE_BALANCE):
 *
 *   world output(stage) = yield × world output(previous stage) + secondary
 *   yield = min(1, output / input), secondary = max(0, output − input)
 *
 * For rare-earth magnets the input is only part of the separated oxide (the rest goes to
 * final users), so magnets are measured in contained REO at yield 1.
 *
 * `traded: false` marks a mine stage that is a co-located by-product feed with no data:
 * silicon's quartz, gallium's alumina-refinery liquor (from bauxite), germanium's zinc
 * concentrate and coal fly ash. Each node's feed equals its refined output.
 */
import { balanceFor } from './calibration';
import {
  type Mineral,
  type MineralId,
  type MineralUse,
  STAGE_IDS,
  type StageId,
  type StageInfo,
} from './types';

function stage(mineral: MineralId, id: StageId, name: string, traded = true): StageInfo {
  const balance = balanceFor(mineral, id);
  if (!balance) throw new Error(`no calibration balance for ${mineral}/${id}`);
  return {
    id,
    name,
    yield: balance.yield,
    traded,
    secondaryTonnes: balance.secondaryTonnes,
    yieldBasis: balance.basis,
  };
}

/** Mine stages that are a co-located by-product feed with no data (`traded: false`, above). */
const UNTRADED_MINE: ReadonlySet<MineralId> = new Set(['silicon', 'gallium', 'germanium']);

/** Minerals whose refining is placed at the mine (Mineral.refiningPlacedAtMine). */
const REFINED_AT_MINE: ReadonlySet<MineralId> = new Set(['antimony', 'tungsten', 'platinum', 'palladium']);

/** One row per mineral, in MINERALS order: id, use, display name and the unit its tonnes count. */
const MINERAL_ROWS: readonly (readonly [id: MineralId, use: MineralUse, name: string, unit: string])[] = [
  ['lithium', 'batteries', 'Lithium', 't Li content'],
  ['nickel', 'batteries', 'Nickel', 't Ni content'],
  ['cobalt', 'batteries', 'Cobalt', 't Co content'],
  ['graphite', 'batteries', 'Graphite', 't graphite'],
  ['rare_earths', 'magnets', 'Rare earths', 't REO equivalent'],
  ['copper', 'electronics', 'Copper', 't Cu content'],
  ['manganese', 'batteries', 'Manganese', 't Mn content'],
  ['silicon', 'electronics', 'Silicon', 't Si content'],
  ['gallium', 'electronics', 'Gallium', 't Ga'],
  ['germanium', 'electronics', 'Germanium', 't Ge'],
  ['antimony', 'alloys', 'Antimony', 't Sb content'],
  ['tungsten', 'alloys', 'Tungsten', 't W content'],
  ['platinum', 'catalysts', 'Platinum', 't Pt'],
  ['palladium', 'catalysts', 'Palladium', 't Pd'],
];

/** What each stage of a mineral yields, in STAGE_IDS order: mine, refine and, for rare earths, magnet. */
const STAGE_PRODUCTS: Readonly<Record<MineralId, readonly string[]>> = {
  lithium: ['spodumene concentrate and brine', 'lithium carbonate and hydroxide'],
  nickel: ['ore and concentrate', 'refined nickel, NPI, matte and intermediates'],
  cobalt: ['concentrate and hydroxide', 'refined cobalt metal and chemicals'],
  graphite: [
    'natural graphite concentrate (gross weight)',
    'processed graphite, incl. synthetic (IEA series)',
  ],
  rare_earths: [
    'mixed rare-earth concentrate',
    'separated oxide',
    'sintered permanent magnets (contained REO)',
  ],
  copper: ['copper concentrate', 'refined copper cathode'],
  manganese: ['manganese ore', 'manganese alloys, electrolytic metal and sulphate'],
  silicon: ['quartz feed', 'silicon metal'],
  gallium: ['gallium in alumina-refinery liquor', 'primary low-purity gallium'],
  germanium: ['germanium in zinc concentrate and coal fly ash', 'germanium metal and dioxide'],
  antimony: ['antimony concentrate', 'antimony metal and trioxide'],
  tungsten: ['tungsten concentrate', 'APT, oxides, carbide and metal powder'],
  platinum: ['PGM concentrate and matte (Pt content)', 'refined platinum'],
  palladium: ['PGM concentrate and matte (Pd content)', 'refined palladium'],
};

export const MINERALS: readonly Mineral[] = MINERAL_ROWS.map(([id, use, name, unit]) => ({
  id,
  ...(REFINED_AT_MINE.has(id) ? { refiningPlacedAtMine: true } : {}),
  use,
  name,
  unit,
  stages: STAGE_PRODUCTS[id].map((product, i) =>
    stage(id, STAGE_IDS[i], product, !(i === 0 && UNTRADED_MINE.has(id))),
  ),
}));

/**
 * The uses that group the minerals in pickers, in display order, each with its label. Copper
 * and silicon sit with electronics (wiring, power and semiconductors: their largest uses);
 * manganese with batteries (the use the Ministerial's statements name); antimony with alloys
 * (lead alloys and ammunition are its largest US use, USGS MCS 2025).
 */
export const MINERAL_USES: readonly { id: MineralUse; label: string }[] = [
  { id: 'batteries', label: 'Batteries' },
  { id: 'magnets', label: 'Magnets' },
  { id: 'electronics', label: 'Electronics and power' },
  { id: 'alloys', label: 'Alloys and hard metals' },
  { id: 'catalysts', label: 'Catalysts' },
];

/** The minerals grouped by use, in MINERAL_USES order (minerals keep their MINERALS order). */
export function mineralsByUse(): { use: MineralUse; label: string; minerals: Mineral[] }[] {
  return MINERAL_USES.map((u) => ({
    use: u.id,
    label: u.label,
    minerals: MINERALS.filter((m) => m.use === u.id),
  }));
}

const byId = new Map(MINERALS.map((m) => [m.id, m]));

export function mineralById(id: MineralId): Mineral {
  const mineral = byId.get(id);
  if (!mineral) throw new Error(`unknown mineral: ${id}`);
  return mineral;
}

/** Stages that have final consumers: the last stage, and for rare earths the separated oxide too. */
export function finalStages(id: MineralId): StageId[] {
  const stages = mineralById(id).stages.map((s) => s.id);
  return id === 'rare_earths' ? ['refine', 'magnet'] : [stages[stages.length - 1]];
}

/** The minerals as picker options grouped by use (one <optgroup> per use), in MINERAL_USES order. */
export function mineralOptions(): { value: MineralId; label: string; group: string }[] {
  return mineralsByUse().flatMap((g) =>
    g.minerals.map((m) => ({ value: m.id, label: m.name, group: g.label })),
  );
}
