/**
 * What the app needs to show a story step: the step a link names (checked against STORIES),
 * the step's scenario with every default filled in, and what to look at in words and as the
 * app's panels and charts. Pure: no DOM, no address.
 */
import { MINERALS } from '../data/minerals';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { STORIES, type Story, type StoryStep, type StoryView, storyById } from './stories.ts';

/** A story and one of its steps (index from 0). */
export interface OpenStep {
  story: Story;
  index: number;
  step: StoryStep;
}

/**
 * The step a link names (`step` counts from 1): null for an unknown story; a step past the end
 * opens the last one, with a note saying so.
 */
export function resolveStep(ref: {
  id: string;
  step: number;
}): { open: OpenStep; note: string | null } | null {
  const story = storyById(ref.id);
  if (!story) return null;
  const wanted = Math.max(1, Math.floor(ref.step) || 1);
  const index = Math.min(wanted, story.steps.length) - 1;
  const note =
    wanted > story.steps.length
      ? `“${story.title}” has ${story.steps.length} steps, not ${wanted}: this is the last one.`
      : null;
  return { open: { story, index, step: story.steps[index] }, note };
}

/** The step's scenario, validated (defaults filled in), as the editor and the engine take it. */
export function stepScenario(step: StoryStep): Scenario {
  const checked = validateScenario(step.scenario);
  if (!checked.ok) throw new Error(`story step “${step.title}”: ${checked.errors.join('; ')}`);
  return checked.scenario;
}

/** The chart (its `data-chart` in the time-series panel) a step's `look.chart` names. */
export const STORY_CHART: Record<NonNullable<StoryStep['look']['chart']>, string> = {
  prices: 'price',
  concentration: 'hhi',
  selfSufficiency: 'self',
  unmet: 'unmet',
  money: 'money',
};

const CHART_TITLES: Record<string, string> = {
  price: 'Prices paid',
  hhi: 'Concentration (HHI)',
  self: 'Zone self-sufficiency',
  unmet: 'Unmet demand',
  money: 'Money',
};

/** The panel (its CSS class) each kind of view lives in. */
export const STORY_PANEL: Record<StoryView, string> = {
  concentration: 'panel-concentration',
  map: 'panel-map',
  timeseries: 'panel-charts',
  sankey: 'panel-sankey',
};

const VIEW_NAMES: Record<StoryView, string> = {
  concentration: 'the concentration panel',
  map: 'the map',
  timeseries: 'the time series',
  sankey: 'the supply chain',
};

const STAGE_WORDS: Record<string, string> = { mine: 'mining', refine: 'refining', magnet: 'magnets' };

/** "Look at the time series, “Prices paid”: Rare earths, refining, around month 12." */
export function lookText(step: StoryStep, monthLabel: (month: number) => string): string {
  const { look } = step;
  const mineral = MINERALS.find((m) => m.id === look.mineral)?.name ?? look.mineral;
  const chart = look.chart ? `, “${CHART_TITLES[STORY_CHART[look.chart]]}”` : '';
  const month = look.month === undefined ? '' : `, around ${monthLabel(look.month)} (month ${look.month})`;
  return `Look at ${VIEW_NAMES[look.view]}${chart}: ${mineral}, ${STAGE_WORDS[look.stage] ?? look.stage}${month}.`;
}

/** Every story and step, for menus: `[story, step index]`. */
export function allSteps(): { story: Story; index: number }[] {
  return STORIES.flatMap((story) => story.steps.map((_, index) => ({ story, index })));
}
