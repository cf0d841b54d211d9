/**
 * The model's track record: every calibration episode of the shared data (episodes.md: the
 * structural targets S1–S4, V2 Indonesia 2014, V10 lithium 2021–24, V11 export-tax wedges) and
 * the held-out episodes (not used for calibration), each a scenario with its checkable
 * expectations and chart panels (src/research/validationEpisode.ts). `npm run episodes` runs
 * them and writes docs/validation.md (src/research/validationPage.ts).
 */
import type { ValidationEpisode } from './validationEpisode.ts';
import { HELD_OUT_EPISODES } from './validationHeldOut.ts';
import { SHOCK_EPISODES } from './validationShocks.ts';
import { STRUCTURE_EPISODES } from './validationStructure.ts';

export type { Expectation, Format, Panel, Runs, ValidationEpisode } from './validationEpisode.ts';

/** Every episode of the page, calibration first, then held out. */
export const VALIDATION_EPISODES: readonly ValidationEpisode[] = [
  ...STRUCTURE_EPISODES,
  ...SHOCK_EPISODES,
  ...HELD_OUT_EPISODES,
];
