/**
 * The scenario editor: presets, run settings, one section per lever with a row per item (add,
 * remove), and the model parameters. It edits the store's draft; the app validates every edit
 * with validateScenario and only a valid scenario reaches the engine. Each message is shown
 * beside the field its path names (or the nearest enclosing item or section).
 *
 * The editor redraws itself only on structural changes (an item added or removed, a mineral
 * that changes the stage list, a preset) and keeps the focus on the same field when it does;
 * typing in a box never redraws it.
 */
import { sourceByKey } from '../../data/sources';
import { button, el, selectBox } from '../../present/dom.ts';
import { PRESETS } from '../../scenario/presets.ts';
import { type ScenarioIssue, validateScenario } from '../../scenario/validate.ts';
import { displayName, scenarioOrigin } from '../scenarioOrigin.ts';
import type { AppState, Store } from '../store.ts';
import { type Draft, getAt, type Path, pathKey, routeIssues, setAt } from './draft.ts';
import { type FieldContext, fixStage, renderField } from './fields.ts';
import { LEVERS, type LeverSpec, PARAMETER_GROUPS, rescalePrices, SCENARIO_FIELDS } from './levers.ts';
import { isVisible } from './schemaInfo.ts';

export interface ScenarioEditorOptions {
  store: Store;
  /** The draft changed through an input (validate it; apply it when valid, after a pause when typing). */
  onEdit(typing: boolean): void;
  /** A preset was chosen: its scenario (run settings kept) replaces the draft. */
  onPreset(draft: Draft): void;
  /** The user picked the zone the map edits and the charts measure. */
  onSelectZone(id: string): void;
  /**
   * When the page's deferred work may run (app.ts: afterFirstPaintAndMonth): the closed
   * sections' fields are made then, at an idle moment, not while a run's first month is due.
   * Default: at the next idle moment.
   */
  whenSettled?: (work: () => void) => void;
}

export interface ScenarioEditor {
  update(state: AppState): void;
}

/** The Presets box's entry for a scenario that is no preset. */
const OWN = 'own';

/** Run settings a preset leaves as the user set them. */
const KEPT_BY_PRESETS = ['months', 'resolution', 'seed'] as const;

export function presetDraft(presetId: string, current: Draft): Draft {
  const preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) throw new Error(`unknown preset ${presetId}`);
  const input = structuredClone(preset.scenario) as Record<string, unknown>;
  for (const key of KEPT_BY_PRESETS) if (current[key] !== undefined) input[key] = current[key];
  let v = validateScenario(input);
  // A kept setting that is itself invalid gives way to the preset's default.
  if (!v.ok) v = validateScenario(structuredClone(preset.scenario));
  if (!v.ok) throw new Error(`preset ${presetId} is invalid: ${v.errors.join('; ')}`);
  return structuredClone(v.scenario) as Draft;
}

/** Runs `work` when the page is next idle (within IDLE_WITHIN_MS at the latest). */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: IDLE_WITHIN_MS });
  else setTimeout(work, 0);
}
/** The longest a closed section waits for an idle moment to make its fields, ms. */
const IDLE_WITHIN_MS = 3000;

export function createScenarioEditor(container: HTMLElement, options: ScenarioEditorOptions): ScenarioEditor {
  const { store } = options;
  container.classList.add('scenario-editor');
  const open = new Set<string>(['presets', 'settings', 'zones']);
  let renderedRevision = -1;
  let renderedErrors: ScenarioIssue[] | null = null;
  /** The Presets box's select and what it describes, refreshed when the scenario changes. */
  let presetBox: { select: HTMLSelectElement; describe: () => void } | null = null;
  let presetScenario: unknown = null;
  /**
   * A preset chosen in the box but not loaded, with the preset the scenario on screen came from
   * when it was chosen: kept through re-renders, edits and runs, given up when the scenario comes
   * from another preset (Load preset, a link, a file).
   */
  let pendingPreset: { id: string; from: string | null } | null = null;
  const pendingChoice = (): string | null => {
    const from = scenarioOrigin(store.state.scenario).preset?.id ?? null;
    if (pendingPreset && pendingPreset.from !== from) pendingPreset = null;
    return pendingPreset?.id ?? null;
  };

  const summary = el('div', { className: 'editor-status', attrs: { 'aria-live': 'polite' } });
  const body = el('div', { className: 'editor-body' });
  container.append(el('h2', { text: 'Scenario' }), summary, body);

  const draft = () => store.state.draft;

  function edit(path: Path, value: unknown, structural: boolean, typing = false) {
    const d = draft();
    const last = path[path.length - 1];
    const lever = path.length >= 3 ? LEVERS.find((l) => l.key === path[0]) : undefined;
    const item = lever ? (getAt(d, path.slice(0, -1)) as Record<string, unknown> | undefined) : undefined;
    const before = item ? { mineral: item.mineral, stage: item.stage } : null;
    setAt(d, path, value);
    let redraw = structural;
    if (lever && item && before && (last === 'mineral' || last === 'stage')) {
      const stageSpec = lever.fields.find((f) => f.key === 'stage');
      if (last === 'mineral' && stageSpec) fixStage(item, stageSpec.kind === 'stageOrAll');
      // Prices keep their multiple of the reference: the inputs must show the new numbers.
      if (rescalePrices(lever, item, before)) redraw = true;
    }
    options.onEdit(typing);
    if (redraw) render();
  }

  function zoneIds(): string[] {
    const zones = getAt(draft(), ['zones']);
    return Array.isArray(zones) ? zones.map((z) => String((z as { id?: unknown }).id ?? '')) : [];
  }

  function context(): FieldContext {
    return { draft: draft(), zoneIds: zoneIds(), edit };
  }

  /**
   * A section of the editor. An open section's fields (`content`) are made with it; a closed
   * one's (most sections start closed) when the page is next idle, or at once when it opens
   * first: they would only slow the app's first frame. Until then an issue inside it shows on
   * the section's own line (and its badge), then beside its field.
   */
  function section(
    key: string,
    title: string,
    count: number | null,
    content: () => Node[],
  ): HTMLDetailsElement {
    const details = el('details', { className: 'editor-section', attrs: { 'data-section': key } });
    const head = el('summary', {}, [
      el('span', { text: title, className: 'section-title' }),
      ...(count !== null ? [el('span', { text: String(count), className: 'count' })] : []),
      el('span', { className: 'error-badge', attrs: { 'data-error-badge': key } }),
    ]);
    details.append(
      head,
      el('p', { className: 'field-error', attrs: { 'data-error-for': key, 'aria-live': 'polite' } }),
    );
    let built = false;
    const build = () => {
      built = true;
      head.after(...content());
    };
    /** Builds a section made closed; its issues move from its own line to their fields. */
    const buildLate = () => {
      if (built || !details.isConnected) return;
      build();
      renderedErrors = null;
      showErrors(store.state.issues);
    };
    details.open = open.has(key);
    if (details.open) build();
    else if (options.whenSettled) options.whenSettled(() => whenIdle(buildLate));
    else whenIdle(buildLate);
    details.addEventListener('toggle', () => {
      if (!details.open) {
        open.delete(key);
        return;
      }
      open.add(key);
      buildLate();
    });
    return details;
  }

  /**
   * The Presets box names the scenario on screen: the preset it is, the preset it was edited
   * from ("edited"), or the user's own scenario (a link or a file may carry any of them).
   */
  function presetsSection(): HTMLElement {
    const origin = scenarioOrigin(store.state.scenario);
    const own = el('option', { attrs: { value: OWN } });
    own.disabled = true;
    const select = selectBox(
      PRESETS.map((p) => ({ value: p.id, label: p.title })),
      pendingChoice() ?? origin.preset?.id ?? PRESETS[0].id,
      { id: 'preset-select', 'aria-describedby': 'preset-description' },
    );
    select.prepend(own);
    const description = el('div', { attrs: { id: 'preset-description' }, className: 'preset-description' });
    const describe = () => {
      const scenario = store.state.scenario;
      const now = scenarioOrigin(scenario);
      own.textContent = `Your scenario: ${scenario.name}`;
      own.hidden = now.preset !== null;
      const chosen = PRESETS.find((p) => p.id === select.value);
      const note = (text: string) => el('p', { className: 'preset-origin', text });
      if (!chosen) {
        description.replaceChildren(
          note(
            `“${scenario.name}” is not one of the presets (it came from a link, a file or your edits). Choose a preset and press Load preset to start from one.`,
          ),
        );
        return;
      }
      const sources = el('p', { className: 'preset-sources' }, ['Sources: ']);
      chosen.sources.forEach((key, i) => {
        const cite = el('cite', { text: key, attrs: { title: sourceByKey(key).title } });
        sources.append(...(i > 0 ? [', '] : []), cite);
      });
      const origin =
        now.preset?.id === chosen.id && now.edited
          ? [note(`Edited: the scenario on screen started from this preset and no longer equals it.`)]
          : now.preset?.id !== chosen.id
            ? [
                note(
                  `Not loaded: the scenario on screen is “${displayName(scenario)}”. Press Load preset to replace it with this one.`,
                ),
              ]
            : [];
      description.replaceChildren(...origin, el('p', { text: chosen.description }), sources);
    };
    /** The select follows the scenario (a link, a file, an edit), unless the user is choosing. */
    const follow = () => {
      const now = scenarioOrigin(store.state.scenario);
      if (document.activeElement !== select) select.value = pendingChoice() ?? now.preset?.id ?? OWN;
      describe();
    };
    follow();
    presetBox = { select, describe: follow };
    presetScenario = store.state.scenario;
    select.addEventListener('change', () => {
      const from = scenarioOrigin(store.state.scenario).preset?.id ?? null;
      pendingPreset = select.value !== OWN && select.value !== from ? { id: select.value, from } : null;
      describe();
    });
    const load = button(
      'Load preset',
      () => {
        if (select.value === OWN) return;
        pendingPreset = null;
        options.onPreset(presetDraft(select.value, draft()));
      },
      'primary',
    );
    load.id = 'preset-load';
    return section('presets', 'Presets', null, () => [
      el('div', { className: 'preset-row' }, [
        el('label', { text: 'Preset', attrs: { for: 'preset-select' } }),
        select,
        load,
      ]),
      description,
      el('p', {
        className: 'hint',
        text: 'A preset replaces the policy levers; months, agents and seed stay as set below.',
      }),
    ]);
  }

  function settingsSection(): HTMLElement {
    return section('settings', 'Run settings', null, () => {
      const ctx = context();
      return SCENARIO_FIELDS.map((spec) => renderField(spec, [spec.key], draft(), ctx));
    });
  }

  function itemBlock(lever: LeverSpec, index: number, ctx: FieldContext): HTMLElement {
    const path: Path = [lever.key, index];
    const item = (getAt(draft(), path) ?? {}) as Record<string, unknown>;
    const key = pathKey(path);
    const remove = button(
      'Remove',
      () => {
        const list = [...((getAt(draft(), [lever.key]) as unknown[]) ?? [])];
        list.splice(index, 1);
        edit([lever.key], list, true);
      },
      'small danger',
    );
    remove.setAttribute(
      'aria-label',
      `Remove ${lever.title.toLowerCase()} ${index + 1}: ${lever.label(item)}`,
    );
    remove.dataset.focusKey = `${key}-remove`;
    const head = el('div', { className: 'item-head' }, [
      el('span', { text: `${index + 1}. ${lever.label(item)}`, className: 'item-label' }),
      remove,
    ]);
    const block = el('fieldset', { className: 'lever-item', attrs: { 'data-item': key } }, [
      el('legend', { text: `${lever.title} ${index + 1}`, className: 'visually-hidden' }),
      head,
    ]);
    if (lever.key === 'zones') {
      const radio = el('input', {
        attrs: { type: 'radio', name: 'active-zone', value: String(item.id ?? '') },
      });
      radio.checked =
        store.state.view.zoneId === item.id || (store.state.view.zoneId === null && index === 0);
      radio.addEventListener('change', () => {
        if (radio.checked) options.onSelectZone(String(item.id));
      });
      radio.dataset.focusKey = `${key}-active`;
      block.append(
        el('label', { className: 'inline zone-active' }, [radio, ' Show this zone on the map and charts']),
      );
    }
    for (const spec of lever.fields) {
      if (!isVisible(spec, item)) continue;
      block.append(renderField(spec, [...path, spec.key], item, ctx));
    }
    block.append(
      el('p', { className: 'field-error', attrs: { 'data-error-for': key, 'aria-live': 'polite' } }),
    );
    return block;
  }

  function leverSection(lever: LeverSpec): HTMLElement {
    const list = getAt(draft(), [lever.key]);
    const count = Array.isArray(list) ? list.length : 0;
    return section(lever.key, lever.title, count, () => leverContent(lever));
  }

  function leverContent(lever: LeverSpec): Node[] {
    const ctx = context();
    const list = getAt(draft(), [lever.key]);
    const items = Array.isArray(list) ? list : [];
    const add = button(
      `Add ${lever.one}`,
      () => {
        const next = [
          ...items,
          lever.create({
            zoneId: store.state.view.zoneId ?? zoneIds()[0] ?? null,
            draft: draft(),
            mineral: store.state.view.mineral,
          }),
        ];
        open.add(lever.key);
        edit([lever.key], next, true);
        // Focus the new item's first input, so a keyboard user can fill it in at once.
        const fresh = body.querySelector<HTMLElement>(
          `[data-item="${pathKey([lever.key, next.length - 1])}"] [data-path]`,
        );
        fresh?.focus();
      },
      'small add',
    );
    add.dataset.focusKey = `${lever.key}-add`;
    add.dataset.addLever = lever.key;
    return [
      el('p', { text: lever.summary, className: 'hint' }),
      ...items.map((_, i) => itemBlock(lever, i, ctx)),
      add,
    ];
  }

  function parameterSection(group: (typeof PARAMETER_GROUPS)[number]): HTMLElement {
    return section(group.key, group.title, null, () => {
      const ctx = context();
      const item = (getAt(draft(), [group.key]) ?? {}) as Record<string, unknown>;
      return [
        el('p', { text: group.summary, className: 'hint' }),
        ...group.fields.map((spec) => renderField(spec, [group.key, spec.key], item, ctx)),
      ];
    });
  }

  function render() {
    const active = document.activeElement as HTMLElement | null;
    const focusKey =
      active && container.contains(active)
        ? (active.dataset.focusKey ??
          active.dataset.path ??
          active.closest<HTMLElement>('[data-field]')?.dataset.field ??
          null)
        : null;
    // The first render has no scroll to keep, and reading scrollTop would lay out the whole
    // page, still being built, in the middle of the app's first frame.
    const firstRender = renderedRevision < 0;
    const scroll = firstRender ? 0 : container.scrollTop;
    body.replaceChildren(
      presetsSection(),
      settingsSection(),
      ...LEVERS.map(leverSection),
      ...PARAMETER_GROUPS.map(parameterSection),
    );
    renderedRevision = store.state.draftRevision;
    renderedErrors = null;
    showErrors(store.state.issues);
    if (!firstRender) container.scrollTop = scroll;
    if (focusKey) {
      const target =
        body.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`) ??
        body.querySelector<HTMLElement>(`[data-path="${CSS.escape(focusKey)}"]`) ??
        body.querySelector<HTMLElement>(`[data-field="${CSS.escape(focusKey)}"] [data-path]`);
      target?.focus();
    }
  }

  function showErrors(errors: ScenarioIssue[]) {
    if (renderedErrors === errors) return;
    renderedErrors = errors;
    const slots = [...body.querySelectorAll<HTMLElement>('[data-error-for]')];
    const known = new Set(slots.map((s) => s.dataset.errorFor!));
    const { byField, general } = routeIssues(errors, known);
    for (const slot of slots) {
      const messages = byField.get(slot.dataset.errorFor!) ?? [];
      slot.textContent = messages.join(' · ');
      slot.hidden = messages.length === 0;
    }
    for (const input of body.querySelectorAll<HTMLElement>('[data-path]')) {
      if (byField.has(input.dataset.path!)) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    const perSection = new Map<string, number>();
    for (const [key, messages] of byField) {
      const top = key.split(/[[.]/)[0];
      const section =
        LEVERS.some((l) => l.key === top) || PARAMETER_GROUPS.some((g) => g.key === top) ? top : 'settings';
      perSection.set(section, (perSection.get(section) ?? 0) + messages.length);
    }
    for (const badge of body.querySelectorAll<HTMLElement>('[data-error-badge]')) {
      const n = perSection.get(badge.dataset.errorBadge!) ?? 0;
      badge.textContent = n ? `${n} to fix` : '';
    }
    if (errors.length === 0) {
      summary.className = 'editor-status ok';
      summary.replaceChildren(el('span', { text: 'Valid: edits apply at once.' }));
    } else {
      summary.className = 'editor-status invalid';
      const list = el(
        'ul',
        {},
        general.map((m) => el('li', { text: m })),
      );
      summary.replaceChildren(
        el('strong', {
          text: `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} (shown beside the fields): runs use the last valid scenario.`,
        }),
        ...(general.length ? [list] : []),
      );
    }
  }

  return {
    update(state) {
      if (state.draftRevision !== renderedRevision) render();
      else showErrors(state.issues);
      if (presetBox && state.scenario !== presetScenario) {
        presetScenario = state.scenario;
        presetBox.describe();
      }
    },
  };
}
