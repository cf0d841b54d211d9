/**
 * The model's track record: every calibration episode of the shared data (episodes.md: the
 * structural targets S1–S4, V2 Indonesia 2014, V10 lithium 2021–24, V11 export-tax wedges) and
 * the held-out episodes (not used for calibration), each a scenario with its checkable
 * expectations and chart panels (src/research/validationEpisode.ts), one module an episode in
 * src/research/validationEpisodes/ (the structural targets, built alike, share validationStructure.ts). `npm run episodes` runs
 * them and writes docs/validation.md (src/research/validationPage.ts).
 */
import type { ValidationEpisode } from './validationEpisode.ts';
import { H1 } from './validationEpisodes/h1ReeQuota2010.ts';
import { H2 } from './validationEpisodes/h2GalliumLicences2023.ts';
import { H3 } from './validationEpisodes/h3CobaltSuspension2025.ts';
import { H4 } from './validationEpisodes/h4RareEarthLicences2025.ts';
import { H5 } from './validationEpisodes/h5AntimonyLicences2024.ts';
import { V2 } from './validationEpisodes/v2NickelOreBan2014.ts';
import { V10 } from './validationEpisodes/v10LithiumBoom2021.ts';
import { V11 } from './validationEpisodes/v11ExportTaxWedge2010.ts';
import { STRUCTURE_EPISODES } from './validationStructure.ts';

export type { Expectation, Format, Panel, Runs, ValidationEpisode } from './validationEpisode.ts';

/** Every episode of the page, calibration first, then held out. */
export const VALIDATION_EPISODES: readonly ValidationEpisode[] = [
  ...STRUCTURE_EPISODES,
  V2,
  V10,
  V11,
  H1,
  H2,
  H3,
  H4,
  H5,
];
