/**
 * The scenario in the page address. The fragment (after "#") holds URL-encoded parameters:
 *
 *   #s=<version>.<data>          the whole scenario and its seed (src/scenario/codec.ts)
 *   #embed=1&s=<version>.<data>  the same, shown without editing controls (an iframe on a
 *                                course page; the app reads isEmbedMode())
 *   #story=<id>&step=<n>&s=...   a step of a guided story (src/stories/): the step card, what
 *                                to look at, and the scenario; without `s`, the step's own
 *                                scenario. `n` counts from 1, as the card does.
 *   #month=<m>&paused=1&s=...    how the run opens (`LinkView`): the month the views show
 *                                (0 = January 2026), and whether the run stops there (paused)
 *                                rather than running on to its end.
 *
 * The fragment, not the query: it never reaches the server (no logs, no "URI too long" from a
 * static host), and changing it does not reload the page. `embed` and the story come first so
 * that a link cut short loses scenario data (reported as damaged) rather than the flags.
 * Old links (`#s=...`, `#embed=1&s=...`) read exactly as before.
 */
import { decodeScenario, type Encoding, encodeScenario } from '../scenario/codec.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Validation } from '../scenario/validate.ts';

export const SCENARIO_PARAM = 's';
export const EMBED_PARAM = 'embed';
export const STORY_PARAM = 'story';
export const STEP_PARAM = 'step';
export const MONTH_PARAM = 'month';
export const PAUSED_PARAM = 'paused';

/** A step of a guided story, as the address names it. */
export interface StoryRef {
  /** The story's id (lower-case letters, digits and "-"); whether it exists is the app's to check. */
  id: string;
  /** The step, counting from 1. */
  step: number;
}

/**
 * How a link opens its run: the month the views show, and whether the run pauses there. A link
 * opens running; with `paused` it stops at `month` (at once, when no month is named).
 */
export interface LinkView {
  /** Month the views show, 0 = January 2026; null: the latest month. */
  month: number | null;
  paused: boolean;
}

/** Months a link may name: the schema's longest run is 600 months. */
const MAX_LINK_MONTH = 1199;

/** The link's view in the parameters: a month that is not a whole number 0–1199 is ignored. */
function viewOf(p: URLSearchParams): LinkView {
  const text = p.get(MONTH_PARAM)?.trim() ?? '';
  const month = /^\d{1,4}$/.test(text) && Number(text) <= MAX_LINK_MONTH ? Number(text) : null;
  return { month, paused: p.get(PAUSED_PARAM) === '1' };
}

export interface AddressState {
  /** The scenario payload (`1.xxxx`), or null when the address holds none. */
  payload: string | null;
  /** True when the page should show the scenario without editing controls. */
  embed: boolean;
  /** The story step the page shows; absent or null: none. */
  story?: StoryRef | null;
  /** How the run opens; absent: the latest month, running. */
  view?: LinkView | null;
}

const STORY_ID = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_STEP = 999;

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/**
 * The story step in the parameters: null without a well-formed story id. A step that is not a
 * whole number from 1 reads as step 1 (a hand-edited link still opens the story).
 */
function storyOf(p: URLSearchParams): StoryRef | null {
  const id = p.get(STORY_PARAM)?.trim() ?? '';
  if (!STORY_ID.test(id)) return null;
  const text = p.get(STEP_PARAM)?.trim() ?? '';
  const step = /^\d{1,3}$/.test(text) ? Number(text) : 1;
  return { id, step: Math.min(MAX_STEP, Math.max(1, step)) };
}

/** Reads a fragment ("#s=..." or "s=..."). */
export function readAddress(hash: string): AddressState {
  const p = params(hash);
  const payload = p.get(SCENARIO_PARAM);
  const story = storyOf(p);
  const view = viewOf(p);
  return {
    payload: payload === null ? null : payload.trim(),
    embed: p.get(EMBED_PARAM) === '1',
    // Only when there is one: a plain scenario link reads as it always did.
    ...(story ? { story } : {}),
    ...(view.month !== null || view.paused ? { view } : {}),
  };
}

/** The fragment for a payload, with "#". */
export function addressHash(state: AddressState): string {
  const parts: string[] = [];
  if (state.embed) parts.push(`${EMBED_PARAM}=1`);
  const story = state.story;
  if (story && STORY_ID.test(story.id)) {
    const step = Math.min(MAX_STEP, Math.max(1, Math.floor(story.step) || 1));
    parts.push(`${STORY_PARAM}=${story.id}`, `${STEP_PARAM}=${step}`);
  }
  const view = state.view;
  if (view && view.month !== null && Number.isInteger(view.month) && view.month >= 0)
    parts.push(`${MONTH_PARAM}=${Math.min(MAX_LINK_MONTH, view.month)}`);
  if (view?.paused) parts.push(`${PAUSED_PARAM}=1`);
  // The payload is base64url with a "1." prefix: no character needs escaping.
  if (state.payload !== null) parts.push(`${SCENARIO_PARAM}=${state.payload}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

/** `base` (any URL of the app) with its fragment replaced by the scenario's. */
export function addressWith(base: string, state: AddressState): string {
  const url = new URL(base);
  url.hash = addressHash(state);
  return url.href;
}

/** True when the address asks for the embedded view (`#embed=1&s=...`). */
export function isEmbedMode(hash: string = globalThis.location?.hash ?? ''): boolean {
  return readAddress(hash).embed;
}

/**
 * The link that opens `scenario`: `base` with `#s=...` (and `embed=1` when asked; with a story
 * step, `story=<id>&step=<n>` too).
 */
export async function scenarioLink(
  scenario: Scenario,
  base: string,
  options: { embed?: boolean; story?: StoryRef | null; view?: LinkView | null } = {},
): Promise<{ ok: true; url: string } | { ok: false; errors: string[] }> {
  const encoded: Encoding = await encodeScenario(scenario);
  if (!encoded.ok) return encoded;
  return {
    ok: true,
    url: addressWith(base, {
      payload: encoded.payload,
      embed: options.embed === true,
      story: options.story ?? null,
      view: options.view ?? null,
    }),
  };
}

/** The story step the address names, or null. */
export function storyFromAddress(hash: string = globalThis.location?.hash ?? ''): StoryRef | null {
  return readAddress(hash).story ?? null;
}

/** How the address asks the run to open, or null for the default (latest month, running). */
export function linkViewFromAddress(hash: string = globalThis.location?.hash ?? ''): LinkView | null {
  return readAddress(hash).view ?? null;
}

/** The scenario in an address fragment: null when there is none, else the validation. */
export async function scenarioFromAddress(hash: string): Promise<Validation | null> {
  const { payload } = readAddress(hash);
  if (payload === null) return null;
  return decodeScenario(payload);
}
