import { describe, expect, it } from 'vitest';
import { createResults } from '../../../src/engine/results';
import {
  duration,
  monthLabel,
  percent,
  pointsChange,
  shortName,
  signedInt,
  tonnes,
  usd,
  usdPerTonne,
} from '../../../src/present/format.ts';
import { resultsDigest } from '../../../src/ui/runControls';

describe('formats', () => {
  it('writes months from January 2026', () => {
    expect(monthLabel(0)).toBe('Jan 2026');
    expect(monthLabel(14)).toBe('Mar 2027');
    expect(monthLabel(119)).toBe('Dec 2035');
  });

  it('writes quantities, prices, money and changes', () => {
    expect(tonnes(12345.6)).toBe('12,346 t');
    expect(tonnes(61.74)).toBe('61.7 t');
    expect(tonnes(2_500_000)).toBe('2.5M t');
    expect(usdPerTonne(74508.2)).toBe('74,508 USD/t');
    expect(usd(1.234e9)).toBe('USD 1.23 bn');
    expect(percent(0.1234)).toBe('12.3%');
    expect(pointsChange(-0.012)).toBe('−1.2 pp');
    expect(signedInt(1234)).toBe('+1,234');
    expect(duration(75)).toBe('1 min 15 s');
    expect(shortName('COD')).toBe('DR Congo');
    expect(shortName('CHN')).toBe('China');
  });

  it('gives equal runs equal digests and a change a new one', () => {
    const meta = {
      scenarioName: 'x',
      seed: 1,
      months: 2,
      agentCount: 1,
      blockCount: 1,
      nodes: ['A', 'B'],
      goods: [{ mineral: 'm', stage: 'mine' }],
      minerals: ['m'],
      stockpiles: [],
      zones: [],
    };
    const a = createResults(meta);
    const b = createResults(meta);
    a.monthsDone = b.monthsDone = 2;
    a.series.price.set([1, 2, 3, 4]);
    b.series.price.set([1, 2, 3, 4]);
    expect(resultsDigest(a)).toBe(resultsDigest(b));
    b.series.price[3] = 4.000001;
    expect(resultsDigest(a)).not.toBe(resultsDigest(b));
  });
});
