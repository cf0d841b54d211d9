/**
 * How edits become the scenario: every change of the draft is validated with
 * validateScenario; a valid draft replaces the scenario (after a short pause while the user
 * types) and the run starts over; an invalid one only shows its messages. The map's zone edits
 * come through here too, with the EU's all-or-none rule.
 */
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import type { Draft } from './editor/draft.ts';
import { LEVERS } from './editor/levers.ts';
import type { RunSession } from './runSession.ts';
import type { Store } from './store.ts';
import { toggleMember } from './zoneMembers.ts';

export interface ScenarioEdits {
  /** The draft changed through an input (`typing`: apply after a pause). */
  draftChanged(typing: boolean): void;
  /** Something other than the editor's inputs replaced the draft (a preset, a link, a file). */
  replaceDraft(draft: Draft): void;
  /** Adds or removes a node in the selected zone (all EU members together); no zone: makes one. */
  toggleInZone(code: string): void;
  onScenario(listener: (scenario: Scenario) => void): void;
}

export function createScenarioEdits(store: Store, session: RunSession): ScenarioEdits {
  let applyTimer: ReturnType<typeof setTimeout> | undefined;

  const scenarioListeners: ((scenario: Scenario) => void)[] = [];

  function applyScenario(scenario: Scenario) {
    if (JSON.stringify(scenario) === JSON.stringify(store.state.scenario)) return;
    store.update((s) => {
      s.scenario = structuredClone(scenario);
      s.run.months = scenario.months;
      if (!scenario.zones.some((z) => z.id === s.view.zoneId)) s.view.zoneId = scenario.zones[0]?.id ?? null;
    });
    session.scenarioChanged();
    for (const listener of scenarioListeners) listener(store.state.scenario);
  }

  /** Validates the draft; a valid one is applied (after a pause while the user types). */
  function draftChanged(typing: boolean) {
    const v = validateScenario(store.state.draft);
    store.update((s) => {
      s.issues = v.ok ? [] : v.issues;
    });
    clearTimeout(applyTimer);
    if (!v.ok) return;
    if (typing) applyTimer = setTimeout(() => applyScenario(v.scenario), 350);
    else applyScenario(v.scenario);
  }

  function replaceDraft(draft: Draft) {
    store.update((s) => {
      s.draft = draft;
      s.draftRevision++;
    });
    draftChanged(false);
  }

  function toggleInZone(code: string) {
    const draft = store.state.draft;
    const zones = Array.isArray(draft.zones) ? (draft.zones as Record<string, unknown>[]) : [];
    let index = zones.findIndex((z) => z.id === store.state.view.zoneId);
    if (index < 0 && zones.length) index = 0;
    if (index < 0) {
      const zone = LEVERS[0].create({ zoneId: null, draft, mineral: store.state.view.mineral });
      zone.members = toggleMember([], code);
      draft.zones = [zone];
      store.update((s) => {
        s.view.zoneId = String(zone.id);
      });
    } else {
      const members = Array.isArray(zones[index].members) ? (zones[index].members as string[]) : [];
      zones[index].members = toggleMember(members, code);
    }
    store.update((s) => {
      s.draftRevision++;
    });
    draftChanged(false);
  }

  return {
    draftChanged,
    replaceDraft,
    toggleInZone,
    onScenario(listener) {
      scenarioListeners.push(listener);
    },
  };
}
