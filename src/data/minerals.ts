/**
 * The ten modelled minerals and their stage chains. Quantities are tonnes of the content named
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
import type { Mineral, MineralId, StageId, StageInfo } from './types';

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
    name: 'Lithium',
    unit: 't Li content',
    stages: [
      stage('lithium', 'mine', 'spodumene concentrate and brine'),
      stage('lithium', 'refine', 'lithium carbonate and hydroxide'),
    ],
  },
  {
    id: 'nickel',
    name: 'Nickel',
    unit: 't Ni content',
    stages: [
      stage('nickel', 'mine', 'ore and concentrate'),
      stage('nickel', 'refine', 'refined nickel, NPI, matte and intermediates'),
    ],
  },
  {
    id: 'cobalt',
    name: 'Cobalt',
    unit: 't Co content',
    stages: [
      stage('cobalt', 'mine', 'concentrate and hydroxide'),
      stage('cobalt', 'refine', 'refined cobalt metal and chemicals'),
    ],
  },
  {
    id: 'graphite',
    name: 'Graphite',
    unit: 't graphite',
    stages: [
      stage('graphite', 'mine', 'natural graphite concentrate (gross weight)'),
      stage('graphite', 'refine', 'processed graphite, incl. synthetic (IEA series)'),
    ],
  },
  {
    id: 'rare_earths',
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
    name: 'Copper',
    unit: 't Cu content',
    stages: [
      stage('copper', 'mine', 'copper concentrate'),
      stage('copper', 'refine', 'refined copper cathode'),
    ],
  },
  {
    id: 'manganese',
    name: 'Manganese',
    unit: 't Mn content',
    stages: [
      stage('manganese', 'mine', 'manganese ore'),
      stage('manganese', 'refine', 'manganese alloys, electrolytic metal and sulphate'),
    ],
  },
  {
    id: 'silicon',
    name: 'Silicon',
    unit: 't Si content',
    stages: [stage('silicon', 'mine', 'quartz feed', false), stage('silicon', 'refine', 'silicon metal')],
  },
  {
    id: 'gallium',
    name: 'Gallium',
    unit: 't Ga',
    stages: [
      stage('gallium', 'mine', 'gallium in alumina-refinery liquor', false),
      stage('gallium', 'refine', 'primary low-purity gallium'),
    ],
  },
  {
    id: 'germanium',
    name: 'Germanium',
    unit: 't Ge',
    stages: [
      stage('germanium', 'mine', 'germanium in zinc concentrate and coal fly ash', false),
      stage('germanium', 'refine', 'germanium metal and dioxide'),
    ],
  },
];

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
