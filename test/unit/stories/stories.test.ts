import { describe, expect, it } from 'vitest';
import { MINERALS } from '../../../src/data/minerals';
import { validateScenario } from '../../../src/scenario/validate.ts';
import { STORIES } from '../../../src/stories/stories.ts';

describe('stories for teachers', () => {
  it('are at least four, each with several steps', () => {
    expect(STORIES.length).toBeGreaterThanOrEqual(4);
    for (const story of STORIES) expect(story.steps.length).toBeGreaterThanOrEqual(3);
    expect(new Set(STORIES.map((s) => s.id)).size).toBe(STORIES.length);
  });

  it.each(
    STORIES.flatMap((story) => story.steps.map((step, i) => [`${story.id} step ${i + 1}`, step] as const)),
  )('%s has a valid scenario and points at a real mineral and stage', (_, step) => {
    const checked = validateScenario(step.scenario);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const mineral = MINERALS.find((m) => m.id === step.look.mineral);
    expect(mineral).toBeDefined();
    expect(mineral!.stages.map((s) => s.id)).toContain(step.look.stage);
    expect(step.text.length).toBeGreaterThan(60);
  });
});
