import { describe, expect, it } from 'vitest';
import {
  againstStatusQuo,
  calibrationEpisode,
  type Panel,
  type Runs,
  readAt,
  readMean,
  readPeak,
} from '../../../src/research/validationEpisode.ts';

// A path that ignores the runs: 1 + k/10 at month k since the event, falling after month 8.
const rising = Object.assign((_runs: Runs, k: number) => (k <= 8 ? 1 + k / 10 : 1.8 - (k - 8) / 10), {
  what: 'the rising path',
});
const other = (_runs: Runs, k: number) => k;
const runs = {} as Runs;

function episodeReading() {
  return calibrationEpisode({
    id: 'T',
    title: 'test',
    about: 'test',
    run: { scenario: { months: 24 }, event: { month: 0, date: '2020-01', what: 'the test' } },
    expectations: [
      {
        id: 'T.at',
        claim: 'c',
        format: 'change',
        range: [0, 1],
        observed: { value: 0.5, ids: [] },
        reads: readAt(rising, 7),
      },
      {
        id: 'T.mean',
        claim: 'c',
        format: 'ratio',
        range: [0, 2],
        observed: { value: 1, ids: [] },
        reads: readMean(rising, 5, 7),
      },
      {
        id: 'T.peak',
        claim: 'c',
        format: 'multiple',
        range: [1, 2],
        observed: { value: 1.5, ids: [] },
        reads: readPeak(rising, 6, 12),
      },
    ],
    chart: [
      againstStatusQuo('drawn', rising, { points: [], bands: [['T.at', 0, 3]] }),
      againstStatusQuo('not drawn', other, { points: [] }),
    ],
  });
}

describe('expectations that read a path', () => {
  it('give the figure at, the mean over or the peak over their months, a change as the index minus 1', () => {
    const [at, mean, peak] = episodeReading().expectations;
    expect(at?.model?.(runs)).toBeCloseTo(0.7, 12);
    expect(mean?.model?.(runs)).toBeCloseTo((1.5 + 1.6 + 1.7) / 3, 12);
    expect(peak?.model?.(runs)).toBeCloseTo(1.8, 12);
  });

  it('band every panel that draws their path over the months they read, before the bands the panel names', () => {
    const chart = episodeReading().chart as Panel[];
    expect(chart[0]?.bands).toEqual([
      { expectation: 'T.at', from: 6, to: 8 },
      { expectation: 'T.mean', from: 5, to: 7 },
      { expectation: 'T.peak', from: 6, to: 12 },
      { expectation: 'T.at', from: 0, to: 3 },
    ]);
    expect(chart[1]?.bands).toEqual([]);
  });
});
