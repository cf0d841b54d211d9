/**
 * Scenario links, files, exports and the embed snippet (docs/links.md). The app mounts
 * mountShareControls; the functions below are the same features without the buttons.
 */
export {
  addressWith,
  isEmbedMode,
  type LinkView,
  linkViewFromAddress,
  readAddress,
  type StoryRef,
  scenarioFromAddress,
  scenarioLink,
  storyFromAddress,
} from './address.ts';
export {
  type ChartRef,
  mountShareControls,
  type ShareControls,
  type ShareControlsOptions,
} from './controls.ts';
export { embedSnippet, escapeHtmlAttribute } from './embed.ts';
export {
  imageToPng,
  resultsCsvText,
  resultsJsonText,
  type ShareableResults,
  SVG_NS,
  standaloneSvg,
  svgToPng,
} from './exports.ts';
export { downloadBlob, downloadText, fileStem, readScenarioFile, scenarioFileText } from './files.ts';
