/**
 * The registry of levers: every list of the scenario that is a policy or a starting condition,
 * in the scenario's order (the order of fields in a document, a link and docs/scenario.md).
 * It feeds the scenario schema and its reference checks (src/scenario/schema.ts), the engine's
 * monthly tables (compilePolicy, src/engine/policy.ts), the editor (src/ui/editor/) and the
 * docs (src/scenario/docs.ts). Adding a lever: one module beside these, one line here, a test.
 */
import type * as z from 'zod';
import { capacityOverrides } from './capacityOverrides.ts';
import { demandGrowth } from './demandGrowth.ts';
import { disruptions } from './disruptions.ts';
import { exportControls } from './exportControls.ts';
import type { Atoms, Catalog } from './fields.ts';
import { investmentSupport } from './investmentSupport.ts';
import type { Lever, Path, RefChecks } from './lever.ts';
import { offtakes } from './offtakes.ts';
import { permitting } from './permitting.ts';
import { priceFloors } from './priceFloors.ts';
import { priceGapSubsidies } from './priceGapSubsidies.ts';
import { projects } from './projects.ts';
import { recycling } from './recycling.ts';
import { shocks } from './shocks.ts';
import { standards } from './standards.ts';
import { startingStocks } from './startingStocks.ts';
import { stockpiles } from './stockpiles.ts';
import { tariffs } from './tariffs.ts';
import { zones } from './zones.ts';

export const LEVERS = {
  zones,
  tariffs,
  priceFloors,
  priceGapSubsidies,
  exportControls,
  offtakes,
  stockpiles,
  disruptions,
  shocks,
  demandGrowth,
  permitting,
  investmentSupport,
  projects,
  recycling,
  standards,
  startingStocks,
  capacityOverrides,
};

export type LeverKey = keyof typeof LEVERS;

/** The levers in the scenario's order. */
export const LEVER_LIST: readonly Lever<LeverKey>[] = Object.values(LEVERS);

export function leverByKey(key: string): Lever<LeverKey> | undefined {
  return LEVER_LIST.find((l) => l.key === key);
}

/** The scenario's lever lists, keyed as the scenario names them. */
export type LeverLists = {
  [K in LeverKey]: ReturnType<(typeof LEVERS)[K]['list']>;
};

export function leverLists(atoms: Atoms): LeverLists {
  const lists: Partial<Record<LeverKey, z.ZodType>> = {};
  for (const lever of LEVER_LIST) lists[lever.key] = lever.list(atoms);
  return lists as LeverLists;
}

/**
 * Runs every lever's reference and cross-field checks on a parsed scenario, in the scenario's
 * order; messages list what is allowed, so a typo can be fixed from the message alone.
 */
export function checkLevers(
  scenario: { [K in LeverKey]: readonly unknown[] },
  catalog: Catalog,
  issue: (path: Path, message: string) => void,
): void {
  const nodeCodes = new Set(catalog.nodes.map((n) => n.code));
  const zoneIds = new Set((scenario.zones as readonly { id: string }[]).map((z) => z.id));
  const codeList = [...nodeCodes].sort().join(', ');
  const refs: RefChecks = {
    issue,
    euCodes: catalog.nodes.filter((n) => n.euMember).map((n) => n.code),
    node(path, code) {
      if (!nodeCodes.has(code)) issue(path, `unknown node code "${code}"; the node codes are ${codeList}`);
    },
    scope(path, ref, allowWorld) {
      if (ref === 'world') {
        if (!allowWorld) issue(path, '"world" is not allowed here: name a node code or a zone id');
        return;
      }
      if (!nodeCodes.has(ref) && !zoneIds.has(ref)) {
        const zones = zoneIds.size > 0 ? `the zone ids ${[...zoneIds].join(', ')} or ` : '';
        issue(
          path,
          `"${ref}" is neither a node code nor the id of a zone in this scenario; allowed: ${zones}the node codes ${codeList}`,
        );
      }
    },
    zone(path, id) {
      if (!zoneIds.has(id)) {
        const known = zoneIds.size > 0 ? `the zones are ${[...zoneIds].join(', ')}` : 'it has no zones';
        issue(path, `no zone with id "${id}" in this scenario (${known})`);
      }
    },
    good(path, mineral, stage) {
      const m = catalog.minerals.find((x) => x.id === mineral);
      if (m && stage !== 'all' && !m.stages.some((x) => x.id === stage)) {
        issue(path, `${mineral} has no "${stage}" stage (it has: ${m.stages.map((x) => x.id).join(', ')})`);
      }
    },
  };
  for (const lever of LEVER_LIST) lever.checkItems(scenario[lever.key], refs);
}
