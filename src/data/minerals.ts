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
import type { Mineral, MineralId, MineralUse, StageId, StageInfo } from './types';

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

export const MINERALS: readonly Mineral[] = [
  {
    id: 'lithium',
    use: 'batteries',
    name: 'Lithium',
    unit: 't Li content',
    stages: [
      stage('lithium', 'mine', 'spodumene concentrate and brine'),
      stage('lithium', 'refine', 'lithium carbonate and hydroxide'),
    ],
  },
  {
    id: 'nickel',
    use: 'batteries',
    name: 'Nickel',
    unit: 't Ni content',
    stages: [
      stage('nickel', 'mine', 'ore and concentrate'),
      stage('nickel', 'refine', 'refined nickel, NPI, matte and intermediates'),
    ],
  },
  {
    id: 'cobalt',
    use: 'batteries',
    name: 'Cobalt',
    unit: 't Co content',
    stages: [
      stage('cobalt', 'mine', 'concentrate and hydroxide'),
      stage('cobalt', 'refine', 'refined cobalt metal and chemicals'),
    ],
  },
  {
    id: 'graphite',
    use: 'batteries',
    name: 'Graphite',
    unit: 't graphite',
    stages: [
      stage('graphite', 'mine', 'natural graphite concentrate (gross weight)'),
      stage('graphite', 'refine', 'processed graphite, incl. synthetic (IEA series)'),
    ],
  },
  {
    id: 'rare_earths',
    use: 'magnets',
    name: 'Rare earths',
    unit: 't REO equivalent',
    stages: [
      stage('rare_earths', 'mine', 'mixed rare-earth concentrate'),
      stage('rare_earths', 'refine', 'separated oxide'),
      stage('rare_earths', 'magnet', 'sintered permanent magnets (contained REO)'),
    ],
  },
  {
    id: 'copper',
    use: 'electronics',
    name: 'Copper',
    unit: 't Cu content',
    stages: [
      stage('copper', 'mine', 'copper concentrate'),
      stage('copper', 'refine', 'refined copper cathode'),
    ],
  },
  {
    id: 'manganese',
    use: 'batteries',
    name: 'Manganese',
    unit: 't Mn content',
    stages: [
      stage('manganese', 'mine', 'manganese ore'),
      stage('manganese', 'refine', 'manganese alloys, electrolytic metal and sulphate'),
    ],
  },
  {
    id: 'silicon',
    use: 'electronics',
    name: 'Silicon',
    unit: 't Si content',
    stages: [stage('silicon', 'mine', 'quartz feed', false), stage('silicon', 'refine', 'silicon metal')],
  },
  {
    id: 'gallium',
    use: 'electronics',
    name: 'Gallium',
    unit: 't Ga',
    stages: [
      stage('gallium', 'mine', 'gallium in alumina-refinery liquor', false),
      stage('gallium', 'refine', 'primary low-purity gallium'),
    ],
  },
  {
    id: 'germanium',
    use: 'electronics',
    name: 'Germanium',
    unit: 't Ge',
    stages: [
      stage('germanium', 'mine', 'germanium in zinc concentrate and coal fly ash', false),
      stage('germanium', 'refine', 'germanium metal and dioxide'),
    ],
  },
  {
    id: 'antimony',
    refiningPlacedAtMine: true,
    use: 'alloys',
    name: 'Antimony',
    unit: 't Sb content',
    stages: [
      stage('antimony', 'mine', 'antimony concentrate'),
      stage('antimony', 'refine', 'antimony metal and trioxide'),
    ],
  },
  {
    id: 'tungsten',
    refiningPlacedAtMine: true,
    use: 'alloys',
    name: 'Tungsten',
    unit: 't W content',
    stages: [
      stage('tungsten', 'mine', 'tungsten concentrate'),
      stage('tungsten', 'refine', 'APT, oxides, carbide and metal powder'),
    ],
  },
  {
    id: 'platinum',
    refiningPlacedAtMine: true,
    use: 'catalysts',
    name: 'Platinum',
    unit: 't Pt',
    stages: [
      stage('platinum', 'mine', 'PGM concentrate and matte (Pt content)'),
      stage('platinum', 'refine', 'refined platinum'),
    ],
  },
  {
    id: 'palladium',
    refiningPlacedAtMine: true,
    use: 'catalysts',
    name: 'Palladium',
    unit: 't Pd',
    stages: [
      stage('palladium', 'mine', 'PGM concentrate and matte (Pd content)'),
      stage('palladium', 'refine', 'refined palladium'),
    ],
  },
];

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
