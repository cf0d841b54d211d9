/**
 * The behaviour MODEL.md §7 asks for, each with its tolerance, on the calibrated world at the
 * teaching resolution (5,000 agents). Comparisons are against a baseline with the same seed.
 */
import { describe, expect, it } from 'vitest';
import { CLUB, PARTICIPANTS } from '../../../src/data/groups';
import { consumerPrice, goodIndexOf, unmetShare } from '../../../src/engine/metrics.ts';
import { run, shipped, sum, value } from './helpers.ts';

const zone = [{ id: 'zone', name: 'Ministerial zone', members: [...PARTICIPANTS] }];
const inZone = (code: string) => PARTICIPANTS.includes(code);

describe('an export ban by the dominant refiner to the zone (China, rare-earth magnets, from month 12)', () => {
  const months = 84;
  const ban = {
    exporter: 'CHN',
    mineral: 'rare_earths',
    stage: 'magnet',
    kind: 'ban' as const,
    destinations: ['zone'],
    start: 12,
  };
  const base = run({ months, zones: zone });
  const banned = run({ months, zones: zone, exportControls: [ban] });
  const g = goodIndexOf(banned, 'rare_earths', 'magnet');

  it("raises the zone's price (over 50% within a year) and lowers China's domestic price", () => {
    expect(
      consumerPrice(banned, 24, g, PARTICIPANTS) / consumerPrice(base, 24, g, PARTICIPANTS),
    ).toBeGreaterThan(1.5);
    expect(value(banned, 'price', 24, g, 'CHN') / value(base, 'price', 24, g, 'CHN')).toBeLessThan(0.95);
  });

  it('makes unmet demand appear first and shrink as other capacity comes in after its lag', () => {
    const peak = Math.max(
      ...[13, 14, 15, 16, 17, 18].map((m) => unmetShare(banned, m, 'rare_earths', PARTICIPANTS)),
    );
    expect(peak).toBeGreaterThan(0.02);
    expect(unmetShare(banned, 60, 'rare_earths', PARTICIPANTS)).toBeLessThan(peak / 2);
    // New magnet capacity in the zone, none of which exists in the baseline's first years.
    expect(sum(banned, 'capacity', 72, g, PARTICIPANTS)).toBeGreaterThan(
      2 * sum(base, 'capacity', 72, g, PARTICIPANTS) + 100,
    );
    expect(sum(banned, 'capacity', 12, g, PARTICIPANTS)).toBeCloseTo(
      sum(base, 'capacity', 12, g, PARTICIPANTS),
      6,
    );
  });

  it('is shortened by a stockpile released in the declared disruption (over the two years after the ban)', () => {
    const monthlyZoneUse = sum(base, 'consumption', 11, g, PARTICIPANTS);
    const withStockpile = run({
      months,
      zones: zone,
      exportControls: [ban],
      disruptions: [{ mineral: 'rare_earths', stage: 'magnet', start: 12, end: 36 }],
      stockpiles: [
        {
          name: 'zone magnet reserve',
          holder: 'zone',
          mineral: 'rare_earths',
          stage: 'magnet',
          budgetUsd: 0,
          initialTonnes: 18 * monthlyZoneUse,
          buyBelowUsd: 1,
          releaseAboveUsd: 2 * 140_000,
          releaseOnDisruption: true,
          maxBuyTonnesPerMonth: 0,
          maxReleaseTonnesPerMonth: monthlyZoneUse,
        },
      ],
    });
    const shortage = (r: typeof banned) => {
      let total = 0;
      let months = 0;
      // While the reserve lasts. (When it is spent before new capacity arrives, a shortage
      // returns: docs/model.md discusses it.)
      for (let m = 12; m < 36; m++) {
        const share = unmetShare(r, m, 'rare_earths', PARTICIPANTS);
        total += share;
        if (share > 0.01) months++;
      }
      return { total, months };
    };
    const without = shortage(banned);
    const withReserve = shortage(withStockpile);
    expect(withReserve.total).toBeLessThan(0.5 * without.total);
    expect(withReserve.months).toBeLessThan(without.months);
    expect(withStockpile.stockpileTonnes[30]).toBeLessThan(18 * monthlyZoneUse);
  });
});

describe('a tariff-free zone among countries that otherwise charge 10% MFN (the club)', () => {
  const months = 36;
  const mfn = CLUB.map((importer) => ({ importer, rate: 0.1 }));
  const base = run({ months, tariffs: mfn });
  const zoned = run({ months, tariffs: mfn, zones: [{ id: 'club', name: 'Club', members: [...CLUB] }] });
  const member = (c: string) => CLUB.includes(c);
  const outsider = (c: string) => !CLUB.includes(c);

  it('creates trade inside the zone and diverts imports from outsiders to members', () => {
    let created = 0;
    let diverted = 0;
    for (const g of [
      goodIndexOf(zoned, 'lithium', 'mine'),
      goodIndexOf(zoned, 'copper', 'mine'),
      goodIndexOf(zoned, 'copper', 'refine'),
    ]) {
      // Cross-border trade between members (a member's sales to itself are not trade).
      const inside = (r: typeof base) =>
        zoned.meta.nodes.filter(member).reduce(
          (t, origin) =>
            t +
            shipped(
              r,
              months - 1,
              g,
              (c) => c === origin,
              (c) => member(c) && c !== origin,
            ),
          0,
        );
      created += inside(zoned) - inside(base);
      diverted +=
        shipped(base, months - 1, g, outsider, member) - shipped(zoned, months - 1, g, outsider, member);
    }
    expect(created).toBeGreaterThan(0);
    expect(diverted).toBeGreaterThan(0);
  });
});

describe('a border-adjusted price floor (Ministerial zone, refined lithium at 150% of the reference price)', () => {
  const months = 72;
  const base = run({ months, zones: zone });
  const floored = run({
    months,
    zones: zone,
    priceFloors: [{ zone: 'zone', mineral: 'lithium', stage: 'refine', floor: 1.5 * 74_508 }],
  });
  const g = goodIndexOf(floored, 'lithium', 'refine');
  const outside = floored.meta.nodes.filter((c) => !inZone(c));

  it('expands zone producers, makes zone consumers pay more, raises levy revenue, and lowers the outside price', () => {
    expect(sum(floored, 'capacity', months - 1, g, PARTICIPANTS)).toBeGreaterThan(
      1.1 * sum(base, 'capacity', months - 1, g, PARTICIPANTS),
    );
    expect(consumerPrice(floored, 36, g, PARTICIPANTS)).toBeGreaterThan(
      1.1 * consumerPrice(base, 36, g, PARTICIPANTS),
    );
    let levy = 0;
    for (let m = 0; m < months; m++) levy += sum(floored, 'levyRevenue', m, g, PARTICIPANTS);
    expect(levy).toBeGreaterThan(0);
    expect(consumerPrice(floored, 36, g, outside)).toBeLessThan(consumerPrice(base, 36, g, outside));
  });
});

describe('an ore export ban by a mining node (Indonesia, nickel ore, from month 12)', () => {
  const months = 72;
  // 20,000 agents: at 5,000, shared among 29 goods, Indonesia's refining greenfield is a handful
  // of large projects and the build-out comes in lumps.
  const resolution = 20_000;
  const base = run({ months, resolution });
  const banned = run({
    months,
    resolution,
    exportControls: [{ exporter: 'IDN', mineral: 'nickel', stage: 'mine', kind: 'ban', start: 12 }],
  });
  const ore = goodIndexOf(banned, 'nickel', 'mine');
  const refined = goodIndexOf(banned, 'nickel', 'refine');

  it('stops its ore exports and raises its refining share over the following years', () => {
    expect(value(base, 'exports', 24, ore, 'IDN')).toBeGreaterThan(0);
    expect(value(banned, 'exports', 24, ore, 'IDN')).toBe(0);
    const share = (r: typeof base, m: number) =>
      value(r, 'production', m, refined, 'IDN') / sum(r, 'production', m, refined);
    expect(share(banned, 60) - share(base, 60)).toBeGreaterThan(0.03);
    // A fifth more capacity than the status quo's after four years (measured ×1.23 with 14
    // minerals; history's ×12 from a far smaller base is on the validation page, a miss).
    expect(value(banned, 'capacity', 60, refined, 'IDN')).toBeGreaterThan(
      1.2 * value(base, 'capacity', 60, refined, 'IDN'),
    );
  });
});
