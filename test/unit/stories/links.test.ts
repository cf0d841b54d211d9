/**
 * Story steps in the address (`#story=<id>&step=<n>&s=...`): read and written beside the
 * scenario and the embed flag, old links unchanged, and every step's link opening that step
 * with its scenario.
 */
import { describe, expect, it } from 'vitest';
import {
  addressHash,
  addressWith,
  readAddress,
  scenarioFromAddress,
  scenarioLink,
  storyFromAddress,
} from '../../../src/share/address.ts';
import {
  allSteps,
  lookText,
  resolveStep,
  STORY_CHART,
  STORY_PANEL,
  stepScenario,
} from '../../../src/stories/steps.ts';
import { STORIES } from '../../../src/stories/stories.ts';

describe('story steps in the address', () => {
  it('read the story and the step beside the scenario and the embed flag', () => {
    expect(readAddress('#story=concentration&step=2&s=1.abc')).toEqual({
      payload: '1.abc',
      embed: false,
      story: { id: 'concentration', step: 2 },
    });
    expect(readAddress('#embed=1&story=export-ban&step=3&s=1.x').story).toEqual({
      id: 'export-ban',
      step: 3,
    });
    // Without a scenario: the step's own scenario opens (the app's part).
    expect(readAddress('#story=stockpiles&step=1')).toEqual({
      payload: null,
      embed: false,
      story: { id: 'stockpiles', step: 1 },
    });
    // A missing or broken step reads as the first; a malformed story id as no story.
    expect(storyFromAddress('#story=price-floor')).toEqual({ id: 'price-floor', step: 1 });
    expect(storyFromAddress('#story=price-floor&step=two')).toEqual({ id: 'price-floor', step: 1 });
    expect(storyFromAddress('#story=price-floor&step=0')).toEqual({ id: 'price-floor', step: 1 });
    expect(storyFromAddress('#story=%3Cimg%3E&step=2')).toBeNull();
    expect(storyFromAddress('#story=&step=2')).toBeNull();
    expect(storyFromAddress('#s=1.abc')).toBeNull();
  });

  it('keep old links exactly as they were', () => {
    expect(readAddress('#s=1.abc')).toStrictEqual({ payload: '1.abc', embed: false });
    expect(readAddress('#embed=1&s=1.abc')).toStrictEqual({ payload: '1.abc', embed: true });
    expect(addressHash({ payload: '1.abc', embed: false })).toBe('#s=1.abc');
    expect(addressHash({ payload: '1.abc', embed: false, story: null })).toBe('#s=1.abc');
  });

  it('write the flags first and the scenario last, so a cut link loses data, not the step', () => {
    expect(addressHash({ payload: '1.abc', embed: true, story: { id: 'concentration', step: 2 } })).toBe(
      '#embed=1&story=concentration&step=2&s=1.abc',
    );
    expect(
      addressWith('https://x.org/app/#old', { payload: null, embed: false, story: { id: 'a-b', step: 4 } }),
    ).toBe('https://x.org/app/#story=a-b&step=4');
    // Anything that is not a story id is never written.
    expect(addressHash({ payload: '1.x', embed: false, story: { id: 'A&s=evil', step: 1 } })).toBe('#s=1.x');
  });
});

describe('every story step', () => {
  it.each(allSteps().map(({ story, index }) => [`${story.id} step ${index + 1}`, story.id, index] as const))(
    '%s has a link that opens that step with its scenario',
    async (_, id, index) => {
      const story = STORIES.find((s) => s.id === id)!;
      const scenario = stepScenario(story.steps[index]);
      const link = await scenarioLink(scenario, 'https://x.org/app/', { story: { id, step: index + 1 } });
      if (!link.ok) throw new Error(link.errors.join('; '));
      const hash = new URL(link.url).hash;
      expect(hash).toMatch(new RegExp(`^#story=${id}&step=${index + 1}&s=1\\.`));
      const ref = storyFromAddress(hash)!;
      expect(resolveStep(ref)).toEqual({ open: { story, index, step: story.steps[index] }, note: null });
      expect(await scenarioFromAddress(hash)).toEqual({ ok: true, scenario });
      // What to look at names a panel, and a chart the time series has.
      expect(STORY_PANEL[story.steps[index].look.view]).toMatch(/^panel-/);
      const chart = story.steps[index].look.chart;
      if (chart) expect(['price', 'hhi', 'self', 'unmet', 'money']).toContain(STORY_CHART[chart]);
    },
  );

  it('opens the last step for a step past the end, and nothing for an unknown story', () => {
    const last = resolveStep({ id: 'concentration', step: 99 })!;
    expect(last.open.index).toBe(STORIES[0].steps.length - 1);
    expect(last.note).toMatch(/has 4 steps, not 99/);
    expect(resolveStep({ id: 'no-such-story', step: 1 })).toBeNull();
  });

  it('says what to look at in words', () => {
    const step = STORIES.find((s) => s.id === 'concentration')!.steps[2];
    expect(lookText(step, (m) => `M${m}`)).toBe(
      'Look at the time series, “Prices paid”: Rare earths, refining, around M12 (month 12).',
    );
    expect(lookText(STORIES[0].steps[0], String)).toBe(
      'Look at the concentration panel: Rare earths, refining.',
    );
  });
});
