import { describe, expect, it } from 'vitest';
import { EU_MEMBERS } from '../../../src/data/groups';
import { PRESETS } from '../../../src/scenario/presets';
import { validateScenario } from '../../../src/scenario/validate';
import { getAt, pathKey, routeIssues, setAt } from '../../../src/ui/editor/draft';
import { unitOf } from '../../../src/ui/editor/fields';
import { LEVERS, PARAMETER_GROUPS, QUICK_SETS, SCENARIO_FIELDS } from '../../../src/ui/editor/levers';
import { presetDraft } from '../../../src/ui/editor/scenarioEditor';
import { fieldInfo, objectKeys } from '../../../src/ui/editor/schemaInfo';
import { toggleMember } from '../../../src/ui/zoneMembers';

describe('the editor covers the scenario schema', () => {
  it('has a section for every list and object of the schema, and a widget for every field', () => {
    const top = objectKeys([]);
    const covered = new Set([
      'version',
      ...SCENARIO_FIELDS.map((f) => f.key),
      ...LEVERS.map((l) => l.key),
      ...PARAMETER_GROUPS.map((g) => g.key),
    ]);
    expect(top.filter((k) => !covered.has(k))).toEqual([]);
    for (const lever of LEVERS) {
      expect(lever.fields.map((f) => f.key).sort(), lever.key).toEqual(objectKeys([lever.key]).sort());
    }
    for (const group of PARAMETER_GROUPS) {
      expect(group.fields.map((f) => f.key).sort(), group.key).toEqual(objectKeys([group.key]).sort());
    }
  });

  it('makes new items that validate, in a scenario with a zone', () => {
    const draft: Record<string, unknown> = { version: 1 };
    for (const lever of LEVERS) {
      const item = lever.create({
        zoneId: (draft.zones as { id: string }[] | undefined)?.[0]?.id ?? null,
        draft,
        mineral: 'lithium',
      });
      draft[lever.key] = [...((draft[lever.key] as unknown[]) ?? []), item];
      const v = validateScenario(draft);
      expect(v.ok ? [] : v.errors, lever.key).toEqual([]);
    }
    // A second zone gets its own id.
    const second = LEVERS[0].create({ zoneId: null, draft, mineral: 'lithium' });
    expect(second.id).not.toBe((draft.zones as { id: string }[])[0].id);
  });

  it('reads help, units and bounds from the schema', () => {
    const rate = fieldInfo(['tariffs', 0, 'rate']);
    expect(rate).toMatchObject({ type: 'number', min: 0, max: 10, int: false, nullable: false });
    expect(rate.description).toContain('fraction');
    expect(fieldInfo(['months'])).toMatchObject({ int: true, min: 1, max: 600, hasDefault: true });
    expect(fieldInfo(['zones', 3, 'end'])).toMatchObject({ nullable: true, int: true });
    expect(fieldInfo(['priceFloors', 0, 'floor'])).toMatchObject({ min: 0, minExclusive: true });
    expect(fieldInfo(['exportControls', 0, 'kind']).enumValues).toEqual(['ban', 'quota', 'licence']);
    expect(() => fieldInfo(['tariffs', 0, 'nonsense'])).toThrow();
    expect(unitOf(fieldInfo(['priceFloors', 0, 'floor']).description)).toBe('USD/t');
    expect(unitOf(fieldInfo(['stockpiles', 0, 'maxBuyTonnesPerMonth']).description)).toBe('t/month');
    expect(unitOf(fieldInfo(['projects', 0, 'capacityTonnesPerYear']).description)).toBe('t/yr');
    expect(unitOf(fieldInfo(['zones', 0, 'internalTariff']).description)).toBe('fraction');
    expect(unitOf(fieldInfo(['market', 'freightUsdPerTonneKm']).description)).toBe('USD/t·km');
    expect(unitOf(fieldInfo(['stockpiles', 0, 'budgetUsd']).description)).toBe('USD');
    expect(unitOf(fieldInfo(['permitting', 0, 'buildLagMonths']).description)).toBe('months');
  });
});

describe('the draft and its messages', () => {
  it('reads and writes by path, and deletes on undefined', () => {
    const draft: Record<string, unknown> = { tariffs: [{ rate: 0.1 }] };
    setAt(draft, ['tariffs', 0, 'rate'], 0.2);
    setAt(draft, ['elasticities', 'demandByMineral', 'lithium'], -1);
    expect(getAt(draft, ['tariffs', 0, 'rate'])).toBe(0.2);
    expect(getAt(draft, ['elasticities', 'demandByMineral', 'lithium'])).toBe(-1);
    setAt(draft, ['tariffs', 0, 'rate'], undefined);
    expect(draft.tariffs).toEqual([{}]);
    expect(pathKey(['zones', 0, 'members', 3])).toBe('zones[0].members[3]');
  });

  it('routes each validation message to the nearest field that has an input', () => {
    const v = validateScenario({
      version: 1,
      zones: [{ id: 'z', name: 'Z', members: ['USA', 'XXX', 'FRA'] }],
      tariffs: [{ importer: 'DEU', rate: 20 }],
      priceFloors: [{ zone: 'nope', mineral: 'lithium', stage: 'magnet', floor: 100 }],
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const known = new Set([
      'zones[0].members',
      'tariffs[0].importer',
      'tariffs[0].rate',
      'priceFloors[0].zone',
      'priceFloors[0].stage',
      'priceFloors',
    ]);
    const { byField, general } = routeIssues(v.issues, known);
    expect(byField.get('tariffs[0].rate')?.[0]).toMatch(/10/);
    expect(byField.get('tariffs[0].importer')?.[0]).toContain('use importer "EU"');
    expect(byField.get('zones[0].members')?.join(' ')).toContain('[1]: unknown node code "XXX"');
    expect(byField.get('zones[0].members')?.join(' ')).toContain('customs union');
    expect(byField.get('priceFloors[0].zone')?.[0]).toContain('no zone with id "nope"');
    expect(byField.get('priceFloors[0].stage')?.[0]).toContain('lithium has no "magnet" stage');
    expect(general).toEqual([]);
    // Every line the validator writes is its issue's path and message.
    expect(v.errors).toEqual(
      v.issues.map((i) => `${i.path === null ? '' : `${pathKey(i.path)}: `}${i.message}`),
    );
    // An issue of the whole document has no path and stays general.
    const notObject = validateScenario(null);
    if (notObject.ok) throw new Error('null is no scenario');
    expect(notObject.issues[0].path).toBeNull();
    expect(routeIssues(notObject.issues, known).general).toEqual(notObject.errors);
  });
});

describe('presets and zones', () => {
  it('loads each preset with the run settings kept', () => {
    for (const preset of PRESETS) {
      const draft = presetDraft(preset.id, { months: 24, resolution: 2000, seed: 9 });
      expect(draft).toMatchObject({ months: 24, resolution: 2000, seed: 9 });
      expect(validateScenario(draft).ok, preset.id).toBe(true);
    }
    // An invalid kept setting falls back to the preset's default.
    expect(presetDraft('status-quo', { months: 0 }).months).toBe(120);
  });

  it('adds and removes the whole EU for any EU member', () => {
    const withEu = toggleMember(['USA'], 'FRA');
    expect(withEu.sort()).toEqual(['USA', ...EU_MEMBERS].sort());
    expect(toggleMember(withEu, 'EUR')).toEqual(['USA']);
    expect(toggleMember(['USA', 'CHN'], 'CHN')).toEqual(['USA']);
    // A zone with only part of the EU (from a file) loses all of it on a click.
    expect(toggleMember(['USA', 'DEU'], 'DEU')).toEqual(['USA']);
    expect(toggleMember(['USA', 'DEU'], 'FRA').length).toBe(1 + EU_MEMBERS.length);
  });

  it('offers the quick sets of the Ministerial', () => {
    expect(QUICK_SETS.map((q) => q.id)).toEqual([
      'participants',
      'mou',
      'club',
      'us-eu-japan',
      'us-mexico',
      'eu',
    ]);
    expect(QUICK_SETS.find((q) => q.id === 'mou')?.members).toHaveLength(11);
    for (const set of QUICK_SETS) {
      const v = validateScenario({ version: 1, zones: [{ id: 'z', name: 'Z', members: [...set.members] }] });
      expect(v.ok, set.id).toBe(true);
    }
  });
});
