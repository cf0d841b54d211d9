/**
 * The lever registry (src/levers/index.ts) is the one home of each lever: it covers every list
 * of the scenario, each lever's fields carry the editor's metadata, and each lever's new item
 * validates for every mineral (at that mineral's reference price).
 */
import { describe, expect, it } from 'vitest';
import { priceFor } from '../../../src/data/calibration';
import { MINERALS } from '../../../src/data/minerals';
import type { MineralId, StageId } from '../../../src/data/types';
import { LEVER_LIST, LEVERS } from '../../../src/levers/index';
import { LEVER_COMPILERS } from '../../../src/levers/policies';
import { scenarioSchema } from '../../../src/scenario/catalog';
import { validateScenario } from '../../../src/scenario/validate';
import { LEVERS as EDITOR_LEVERS, PARAMETER_GROUPS, SCENARIO_FIELDS } from '../../../src/ui/editor/levers';
import { objectKeys } from '../../../src/ui/editor/schemaInfo';

/** Top-level fields of the scenario that are not levers: run settings and model parameters. */
const NOT_LEVERS = [
  'version',
  'name',
  'description',
  'seed',
  'months',
  'resolution',
  'elasticities',
  'market',
];

describe('the lever registry', () => {
  it('covers every lever field of the scenario schema, in the schema order', () => {
    const levers = Object.keys(scenarioSchema().shape).filter((k) => !NOT_LEVERS.includes(k));
    expect(LEVER_LIST.map((l) => l.key)).toEqual(levers);
    expect(Object.keys(LEVERS)).toEqual(levers);
    // The engine's list of compile steps (no zod in its bundles) names the same levers.
    expect(LEVER_COMPILERS.map((l) => l.key)).toEqual(levers);
    // The editor shows exactly the registry's levers, the run settings and the parameters.
    expect(EDITOR_LEVERS.map((l) => l.key)).toEqual(levers);
    expect([...SCENARIO_FIELDS.map((f) => f.key), ...PARAMETER_GROUPS.map((g) => g.key)].sort()).toEqual(
      NOT_LEVERS.filter((k) => k !== 'version').sort(),
    );
  });

  it('gives every field of every lever a label and a widget (schema metadata)', () => {
    for (const lever of EDITOR_LEVERS) {
      expect(
        lever.fields.map((f) => f.key),
        lever.key,
      ).toEqual(objectKeys([lever.key]));
      for (const f of lever.fields) {
        expect(f.label, `${lever.key}.${f.key}`).not.toBe(f.key);
        expect(f.kind, `${lever.key}.${f.key}`).toBeTruthy();
      }
    }
  });

  it("gives a windowed lever's items its window fields, last, and other levers' items none", () => {
    for (const lever of LEVER_LIST) {
      const keys = objectKeys([lever.key]);
      if (lever.windowed) expect(keys.slice(-3), lever.key).toEqual(['start', 'end', 'announced']);
      else
        expect(
          keys.filter((k) => ['start', 'end', 'announced'].includes(k)),
          lever.key,
        ).toEqual([]);
    }
    // Both kinds are present, so the test checks each.
    expect(new Set(LEVER_LIST.map((l) => l.windowed))).toEqual(new Set([true, false]));
  });

  it('makes a valid new item of every lever for every mineral, priced from that mineral', () => {
    for (const mineral of MINERALS) {
      const draft: Record<string, unknown> = { version: 1 };
      for (const lever of EDITOR_LEVERS) {
        const zoneId = (draft.zones as { id: string }[] | undefined)?.[0]?.id ?? null;
        const item = lever.create({ zoneId, draft, mineral: mineral.id });
        draft[lever.key] = [item];
        if ('mineral' in item && item.mineral !== 'all') expect(item.mineral).toBe(mineral.id);
        for (const f of lever.fields.filter((x) => x.priceHint)) {
          const reference = priceFor(mineral.id as MineralId, item.stage as StageId)?.usdPerTonne;
          if (reference)
            expect(Number(item[f.key]) / reference, `${lever.key}.${f.key}`).toBeGreaterThan(0.2);
          if (reference) expect(Number(item[f.key]) / reference, `${lever.key}.${f.key}`).toBeLessThan(2);
        }
      }
      const v = validateScenario(draft);
      expect(v.ok ? [] : v.errors, mineral.id).toEqual([]);
    }
  });

  it('reports each reference problem at the path of its field', () => {
    const v = validateScenario({
      version: 1,
      offtakes: [
        {
          buyer: 'nowhere',
          seller: 'XXX',
          mineral: 'cobalt',
          stage: 'magnet',
          share: 0.1,
          priceUsdPerTonne: 1,
        },
      ],
      stockpiles: [],
      zones: [{ id: 'a', name: 'A', members: ['USA'], start: 5, end: 5 }],
    });
    if (v.ok) throw new Error('the scenario is invalid');
    expect(v.issues.map((i) => i.path)).toEqual([
      ['zones', 0, 'end'],
      ['offtakes', 0, 'buyer'],
      ['offtakes', 0, 'seller'],
      ['offtakes', 0, 'stage'],
    ]);
  });
});
