import { describe, expect, it } from 'vitest';
import { CLUB, MOU_SIGNATORIES, PARTICIPANTS } from '../../../src/data/groups';
import { sourceByKey } from '../../../src/data/sources.ts';
import { goodIndexOf } from '../../../src/engine/metrics.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { PRESETS } from '../../../src/scenario/presets.ts';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';

describe('presets', () => {
  it('include every named scenario of the engine issue', () => {
    const ids = PRESETS.map((p) => p.id);
    for (const id of [
      'status-quo',
      'ministerial-zone',
      'club',
      'us-eu-japan-floors',
      'us-mexico-plan',
      'china-ree-controls-2025',
      'china-ree-controls-2025-suspended',
      'indonesia-nickel-ore-ban',
      'drc-cobalt-suspension',
      'project-vault',
      'china-antimony-controls-2024',
      'china-tungsten-controls-2025',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s validates, says what it represents and cites sources that exist',
    (_, preset) => {
      const checked = validateScenario(preset.scenario);
      expect(checked.ok ? [] : checked.errors).toEqual([]);
      expect(preset.description.length).toBeGreaterThan(80);
      expect(preset.sources.length).toBeGreaterThan(0);
      for (const key of preset.sources) expect(() => sourceByKey(key)).not.toThrow();
    },
  );

  it('name the right countries', () => {
    expect(PARTICIPANTS).toHaveLength(28 + 27); // 54 delegations (the EU as 14 EUR members + 13 members) + US; see nodes
    expect(MOU_SIGNATORIES).toHaveLength(11);
    expect(CLUB).toEqual(expect.arrayContaining(['USA', 'JPN', 'KOR', 'MYS', 'AUS', 'THA', 'GBR', 'UZB']));
  });

  it('project-vault holds about 12 billion USD of stockpiles', () => {
    const vault = PRESETS.find((p) => p.id === 'project-vault')!;
    const budget = (vault.scenario.stockpiles ?? []).reduce((a, s) => a + s.budgetUsd, 0);
    expect(budget).toBe(12e9);
  });

  it('each changes the run against the status quo (short runs)', () => {
    const world = calibratedWorld();
    const run = (input: object) => {
      const v = validateScenario({ ...input, months: 18, resolution: 2000 });
      if (!v.ok) throw new Error(v.errors.join());
      return createSimulation(world, v.scenario).run();
    };
    const base = run({ version: 1 });
    for (const preset of PRESETS.filter((p) => p.id !== 'status-quo')) {
      const r = run(preset.scenario);
      let differs = false;
      for (let i = 0; i < r.series.price.length && !differs; i++)
        differs = r.series.buyerPrice[i] !== base.series.buyerPrice[i];
      expect(differs, preset.id).toBe(true);
    }
    expect(goodIndexOf(base, 'rare_earths', 'magnet')).toBeGreaterThan(0);
  });

  it("china-antimony-controls-2024 stops China's antimony exports under licence and to the US under the ban, and raises the price outside", () => {
    const world = calibratedWorld();
    const run = (input: object) => {
      const v = validateScenario({ ...input, months: 10, resolution: 3000 });
      if (!v.ok) throw new Error(v.errors.join());
      return createSimulation(world, v.scenario).run();
    };
    const base = run({ version: 1 });
    const controls = run(PRESETS.find((p) => p.id === 'china-antimony-controls-2024')!.scenario);
    const N = base.meta.nodes.length;
    const G = base.meta.goods.length;
    const g = goodIndexOf(base, 'antimony', 'refine');
    const chn = base.meta.nodes.indexOf('CHN');
    const usa = base.meta.nodes.indexOf('USA');
    const at = (r: typeof base, key: 'exports' | 'buyerPrice', month: number, node: number) =>
      r.series[key][(month * G + g) * N + node];
    // Month 2: licences in force since month 1 with a two-month processing delay.
    expect(at(controls, 'exports', 2, chn)).toBeLessThan(0.2 * at(base, 'exports', 2, chn));
    // Month 6: the US ban; US buyers pay more than in the status quo.
    expect(at(controls, 'buyerPrice', 6, usa)).toBeGreaterThan(1.1 * at(base, 'buyerPrice', 6, usa));
  });
});
