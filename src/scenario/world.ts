/**
 * The engine's world built from the project's data (here, above both, so src/data imports
 * nothing from the engine): nodes in NODES order, one good per
 * mineral × stage, calibrated output and final demand by node (t/yr), reference prices, the
 * secondary share of refined output, and greenfield potential.
 *
 * Greenfield potential (t/yr of capacity that does not exist yet and could be built when prices
 * pay for it) is a modelling assumption, stated here because the data do not give it:
 * - processing stages: a quarter of the node's own mine output of the mineral (refining near
 *   the mine, as Indonesia did with nickel), plus, in every node that refines some modelled
 *   mineral today by the sources' refining data (industrial capability; refining placed at the
 *   mine for want of data does not count), 2% of the stage's world output;
 * - traded mine stages: none beyond the dormant projects of producing nodes (the engine adds
 *   those in proportion to current output);
 * - co-located feed stages (traded: false): the same as their processing stage, because new
 *   smelters there need their own feed.
 */

import { CONSUMPTION, DEMAND_GROWTH, PRICES, PRODUCTION } from '../data/calibration';
import { stageStructure } from '../data/marketStructure';
import { MINERALS } from '../data/minerals';
import { NODES } from '../data/nodes';
import type { World, WorldGood } from '../engine/world.ts';
import { STATUS_QUO_TARIFFS } from '../levers/tariffs.ts';

const NEAR_MINE_POTENTIAL = 0.25;
const INDUSTRIAL_POTENTIAL = 0.02;

let cached: World | null = null;

/** The calibrated world (built once). */
export function calibratedWorld(): World {
  cached ??= buildWorld();
  return cached;
}

function byNode(figures: readonly { node: string; tonnes: number }[] | undefined): number[] {
  const out = new Array<number>(NODES.length).fill(0);
  for (const f of figures ?? []) {
    const i = NODES.findIndex((n) => n.code === f.node);
    if (i < 0) throw new Error(`calibration names unknown node ${f.node}`);
    out[i] += f.tonnes;
  }
  return out;
}

function buildWorld(): World {
  const goods: WorldGood[] = [];
  const minerals = MINERALS.map((mineral, mineralIndex) => {
    const first = goods.length;
    mineral.stages.forEach((stage, stageIndex) => {
      const production = PRODUCTION.find((p) => p.mineral === mineral.id && p.stage === stage.id);
      const price = PRICES.find((p) => p.mineral === mineral.id && p.stage === stage.id);
      if (!production || !price) throw new Error(`no calibration for ${mineral.id} ${stage.id}`);
      const consumption = CONSUMPTION.find((p) => p.mineral === mineral.id && p.stage === stage.id);
      const secondary = stage.secondaryTonnes ?? 0;
      const structure = stageStructure(mineral.id, stage.id);
      goods.push({
        mineral: mineral.id,
        stage: stage.id,
        mineralIndex,
        stageIndex,
        inputGood: stageIndex === 0 ? -1 : first + stageIndex - 1,
        yield: stage.yield,
        traded: stage.traded,
        referencePrice: price.usdPerTonne,
        output: byNode(production.byNode),
        secondaryShare: production.worldTonnes > 0 ? secondary / production.worldTonnes : 0,
        finalDemand: byNode(consumption?.byNode),
        potential: new Array<number>(NODES.length).fill(0),
        utilisation: structure.utilisation,
        producerCover: structure.producerCoverMonths,
        buyerCover: structure.buyerCoverMonths,
      });
    });
    const growth = DEMAND_GROWTH.find((d) => d.mineral === mineral.id);
    return {
      id: mineral.id,
      name: mineral.name,
      unit: mineral.unit,
      goods: mineral.stages.map((_, i) => first + i),
      demandGrowth: growth?.ratePerYear ?? 0,
    };
  });

  // Industrial capability: nodes that refine some modelled mineral today, by the sources'
  // refining data (not refining placed at the mine for want of data: Rwanda's tungsten
  // concentrate says nothing about building a nickel refinery).
  const industrial = NODES.map((_, n) =>
    goods.some((g) => g.stageIndex > 0 && g.output[n] > 0 && !MINERALS[g.mineralIndex].refiningPlacedAtMine),
  );
  for (const mineral of minerals) {
    const mine = goods[mineral.goods[0]];
    for (const gi of mineral.goods.slice(1)) {
      const good = goods[gi];
      const world = good.output.reduce((a, b) => a + b, 0);
      good.potential = good.output.map((_, n) => {
        const nearMine = good.stageIndex === 1 ? NEAR_MINE_POTENTIAL * mine.output[n] : 0;
        return nearMine + (industrial[n] && NODES[n].code !== 'ROW' ? INDUSTRIAL_POTENTIAL * world : 0);
      });
    }
    if (!mine.traded) mine.potential = [...goods[mineral.goods[1]].potential];
  }

  return {
    nodes: NODES.map((n) => ({
      code: n.code,
      name: n.name,
      lon: n.lon,
      lat: n.lat,
      euMember: n.euMember,
      participant: n.attended || n.host,
    })),
    minerals,
    goods,
    baseTariffs: STATUS_QUO_TARIFFS.map(({ importer, exporter, mineral, stage, rate }) => ({
      importer,
      exporter,
      mineral,
      stage,
      rate,
    })),
  };
}
