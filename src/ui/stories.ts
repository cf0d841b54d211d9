/**
 * Guided stories for teachers (issue #7, item 4): a "Stories" menu in the header lists STORIES;
 * opening one shows a step card under the header (the story, "step n of m", the step's title and
 * text, what to look at, previous / next, a link to the step) and does what the step says: its
 * scenario goes into the editor, the views show its mineral, stage and month, the panel and
 * chart to look at are marked, and the scenario runs.
 *
 * Every step has its own link: `#story=<id>&step=<n>&s=<scenario>` (src/share/address.ts). A
 * fresh page opened on it shows that step; the scenario comes from `s` when the link has one
 * (so a teacher's edited step travels too) and from the step otherwise. The address keeps the
 * story while the user edits; closing the story drops it.
 */

import { button, el, setText } from '../present/dom.ts';
import { monthLabel } from '../present/format.ts';
import type { Scenario } from '../scenario/schema.ts';
import { addressWith, isEmbedMode, readAddress, scenarioLink, storyFromAddress } from '../share/address.ts';
import {
  lookText,
  type OpenStep,
  resolveStep,
  STORY_CHART,
  STORY_PANEL,
  stepScenario,
} from '../stories/steps.ts';
import { STORIES } from '../stories/stories.ts';
import type { Draft } from './editor/draft.ts';
import type { AppState, Store } from './store.ts';

export interface StoryOptions {
  store: Store;
  /** Where the panels live (to mark what to look at). */
  root: HTMLElement;
  /** Puts a scenario into the editor as if loaded from a file (validated, applied, re-run when running). */
  replaceDraft(draft: Draft): void;
  /** Starts the run unless it is running or has just finished with this scenario. */
  startRun(): void;
  /** Resolves once the share controls have read the address (and applied its scenario). */
  addressRead: Promise<void>;
}

export interface Stories {
  /** The "Stories" menu for the header. */
  readonly menu: HTMLElement;
  /** The step card, to place under the header. */
  readonly card: HTMLElement;
  /** Opens a step (index from 0): its scenario, view and run. */
  open(storyId: string, index: number): void;
  close(): void;
  update(state: AppState): void;
}

const LOOK_CLASS = 'story-look-target';

export function createStories(options: StoryOptions): Stories {
  const { store, root } = options;
  const win = root.ownerDocument.defaultView ?? window;
  let current: OpenStep | null = null;
  /** The step's scenario as JSON, to tell when the one on screen differs from it. */
  let stepJson = '';
  let comparedWith: Scenario | null = null;
  /** False until the address's scenario (if any) has been applied: no "differs" note before. */
  let settled = false;
  void options.addressRead.then(() => {
    settled = true;
    comparedWith = null;
    store.requestFrame();
  });

  // --- the menu -----------------------------------------------------------------------------
  const menu = el('details', { className: 'stories-menu', attrs: { id: 'stories-menu' } });
  const list = el('ul', { className: 'stories-list' });
  for (const story of STORIES) {
    const open = button(
      story.title,
      () => {
        menu.open = false;
        openStep({ story, index: 0, step: story.steps[0] }, { loadScenario: true, note: null });
      },
      'link story-open',
    );
    open.dataset.story = story.id;
    list.append(
      el('li', {}, [
        open,
        el('span', { className: 'hint', text: ` ${story.summary} (${story.steps.length} steps)` }),
      ]),
    );
  }
  menu.append(el('summary', { text: 'Stories for teachers' }), list);
  // A menu closes on a click elsewhere and on Escape (focus back on its button).
  root.ownerDocument.addEventListener('click', (event) => {
    if (menu.open && !menu.contains(event.target as Node)) menu.open = false;
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !menu.open) return;
    menu.open = false;
    menu.querySelector('summary')?.focus();
  });

  // --- the card -----------------------------------------------------------------------------
  const card = el('section', {
    className: 'story-card',
    attrs: { id: 'story-card', 'aria-labelledby': 'story-step-title' },
  });
  card.hidden = true;
  const kicker = el('p', { className: 'story-kicker', attrs: { id: 'story-kicker' } });
  const closeButton = button('Close story', () => close(), 'small');
  closeButton.id = 'story-close';
  const title = el('h2', { attrs: { id: 'story-step-title' } });
  const text = el('p', { className: 'story-text', attrs: { id: 'story-text' } });
  const look = el('span', { attrs: { id: 'story-look' } });
  const showMe = button('Show me', () => showTarget(), 'small');
  showMe.id = 'story-show';
  const note = el('p', { className: 'story-note', attrs: { id: 'story-note', role: 'status' } });
  note.hidden = true;
  const differs = el('p', { className: 'story-note', attrs: { id: 'story-differs' } });
  differs.hidden = true;
  const reload = button(
    'Load this step’s scenario',
    () => {
      if (current) openStep(current, { loadScenario: true, note: null });
    },
    'small',
  );
  reload.id = 'story-reload';
  differs.append(
    el('span', {
      text: 'The scenario on screen is not this step’s (it was edited, or came with the link). ',
    }),
    reload,
  );
  const previous = button('← Previous', () => go(-1));
  previous.id = 'story-previous';
  const next = button('Next →', () => go(1), 'primary');
  next.id = 'story-next';
  const steps = el('ol', { className: 'story-steps', attrs: { 'aria-label': 'Steps' } });
  const copy = button('Copy link to this step', () => void copyLink(), 'small');
  copy.id = 'story-copy-link';
  const copyStatus = el('span', {
    className: 'hint',
    attrs: { id: 'story-copy-status', role: 'status', 'aria-live': 'polite' },
  });
  const linkField = el('input', {
    className: 'story-link-text',
    attrs: {
      type: 'text',
      readonly: '',
      id: 'story-link',
      'aria-label': 'Link to this step',
      spellcheck: 'false',
    },
  });
  linkField.hidden = true;
  card.append(
    el('div', { className: 'story-head' }, [kicker, closeButton]),
    title,
    text,
    el('p', { className: 'story-look' }, [look, showMe]),
    note,
    differs,
    el('nav', { className: 'story-nav', attrs: { 'aria-label': 'Story steps' } }, [
      previous,
      steps,
      next,
      copy,
      copyStatus,
    ]),
    linkField,
  );

  // --- behaviour ----------------------------------------------------------------------------

  function setAddressStory(open: OpenStep | null) {
    const address = readAddress(win.location.hash);
    const story = open ? { id: open.story.id, step: open.index + 1 } : null;
    const url = addressWith(win.location.href, { ...address, story });
    if (url !== win.location.href) win.history.replaceState(win.history.state, '', url);
  }

  function markTargets(open: OpenStep | null) {
    for (const marked of root.querySelectorAll(`.${LOOK_CLASS}`)) marked.classList.remove(LOOK_CLASS);
    if (!open) return;
    root.querySelector(`.${STORY_PANEL[open.step.look.view]}`)?.classList.add(LOOK_CLASS);
    const chart = open.step.look.chart;
    if (chart)
      root
        .querySelector(`.panel-charts .chart[data-chart="${STORY_CHART[chart]}"]`)
        ?.classList.add(LOOK_CLASS);
  }

  function showTarget() {
    if (!current) return;
    const chart = current.step.look.chart;
    const figure = chart
      ? root.querySelector<HTMLElement>(`.panel-charts .chart[data-chart="${STORY_CHART[chart]}"]`)
      : null;
    const panel = root.querySelector<HTMLElement>(`.${STORY_PANEL[current.step.look.view]}`);
    const target = figure ?? panel;
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    const focusable = figure?.querySelector<SVGSVGElement>('svg.chart-svg');
    if (focusable) focusable.focus({ preventScroll: true });
    else if (panel) {
      panel.tabIndex = -1;
      panel.focus({ preventScroll: true });
    }
  }

  function fillCard(open: OpenStep, noteText: string | null) {
    const { story, index, step } = open;
    card.hidden = false;
    card.dataset.story = story.id;
    card.dataset.step = String(index + 1);
    setText(kicker, `Story: ${story.title} · step ${index + 1} of ${story.steps.length}`);
    setText(title, step.title);
    setText(text, step.text);
    setText(look, `${lookText(step, monthLabel)} `);
    note.hidden = noteText === null;
    setText(note, noteText ?? '');
    previous.disabled = index === 0;
    next.disabled = index === story.steps.length - 1;
    steps.replaceChildren(
      ...story.steps.map((s, i) => {
        const b = button(
          String(i + 1),
          () => openStep({ story, index: i, step: s }, { loadScenario: true, note: null }),
          'small story-step',
        );
        b.setAttribute('aria-label', `Step ${i + 1}: ${s.title}`);
        b.title = s.title;
        if (i === index) b.setAttribute('aria-current', 'step');
        return el('li', {}, [b]);
      }),
    );
    linkField.hidden = true;
    setText(copyStatus, '');
  }

  function openStep(open: OpenStep, how: { loadScenario: boolean; note: string | null }) {
    current = open;
    const scenario = stepScenario(open.step);
    stepJson = JSON.stringify(scenario);
    comparedWith = null;
    setAddressStory(open);
    fillCard(open, how.note);
    const { look: l } = open.step;
    store.update((s) => {
      s.view.mineral = l.mineral;
      s.view.stage = l.stage;
      s.view.month = l.month ?? null;
      s.view.hoverMonth = null;
      if (how.loadScenario) s.view.zoneId = scenario.zones[0]?.id ?? null;
    });
    if (how.loadScenario) {
      options.replaceDraft(structuredClone(scenario) satisfies Draft);
      options.startRun();
    }
    markTargets(open);
  }

  function go(delta: number) {
    if (!current) return;
    const index = current.index + delta;
    const step = current.story.steps[index];
    if (step) openStep({ story: current.story, index, step }, { loadScenario: true, note: null });
  }

  function close() {
    current = null;
    card.hidden = true;
    delete card.dataset.story;
    setAddressStory(null);
    markTargets(null);
  }

  async function copyLink() {
    if (!current) return;
    const link = await scenarioLink(stepScenario(current.step), win.location.href, {
      embed: isEmbedMode(win.location.hash),
      story: { id: current.story.id, step: current.index + 1 },
    });
    if (!link.ok) {
      setText(copyStatus, `No link can be made: ${link.errors.join('; ')}`);
      return;
    }
    linkField.value = link.url;
    try {
      if (!win.navigator.clipboard) throw new Error('no clipboard');
      await win.navigator.clipboard.writeText(link.url);
      setText(copyStatus, 'Link to this step copied.');
    } catch {
      // No clipboard (plain http, an iframe): the link is shown and selected instead.
      linkField.hidden = false;
      linkField.focus();
      linkField.select();
      setText(copyStatus, 'Link selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  }

  /** Opens the step the address names, if any: with the link's scenario when it has one. */
  function followAddress() {
    const ref = storyFromAddress(win.location.hash);
    if (!ref) return;
    if (current && current.story.id === ref.id && current.index + 1 === ref.step) return;
    const resolved = resolveStep(ref);
    if (!resolved) {
      current = null;
      markTargets(null);
      card.hidden = false;
      delete card.dataset.story;
      setText(kicker, 'Stories');
      setText(title, 'This link names a story that does not exist');
      setText(
        text,
        `There is no story “${ref.id}”. Open one from the Stories menu: ${STORIES.map((s) => s.title).join('; ')}.`,
      );
      setText(look, '');
      note.hidden = true;
      differs.hidden = true;
      previous.disabled = true;
      next.disabled = true;
      steps.replaceChildren();
      return;
    }
    const hasScenario = readAddress(win.location.hash).payload !== null;
    openStep(resolved.open, { loadScenario: false, note: resolved.note });
    // The share controls apply the link's scenario; without one, the step's own runs.
    void options.addressRead.then(() => {
      if (current !== resolved.open) return;
      if (!hasScenario) {
        const scenario = stepScenario(resolved.open.step);
        store.update((s) => {
          s.view.zoneId = scenario.zones[0]?.id ?? null;
        });
        options.replaceDraft(structuredClone(scenario) satisfies Draft);
      }
      options.startRun();
    });
  }
  followAddress();
  win.addEventListener('hashchange', followAddress);

  return {
    menu,
    card,
    open(storyId, index) {
      const story = STORIES.find((s) => s.id === storyId);
      const step = story?.steps[index];
      if (story && step) openStep({ story, index, step }, { loadScenario: true, note: null });
    },
    close,
    update(state) {
      if (!current || !settled) {
        differs.hidden = true;
        return;
      }
      if (state.scenario !== comparedWith) {
        comparedWith = state.scenario;
        differs.hidden = JSON.stringify(state.scenario) === stepJson;
      }
    },
  };
}
