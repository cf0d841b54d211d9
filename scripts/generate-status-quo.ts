/**
 * Writes src/data/generated/statusQuoScenario.ts (committed, typed as a Scenario): the status-quo preset as the
 * app opens with it (presetDraft then validateScenario), which the engine's coordinator worker
 * loads as soon as it has started on a page that opens on it (workers/coordinator.worker.ts),
 * before the page's own load call arrives. The worker uses that load only for a scenario equal
 * to it in every value, so a stale file costs speed, not numbers; a unit test
 * (test/unit/scenario/statusQuoScenario.test.ts) keeps it current.
 *
 *   npx tsx scripts/generate-status-quo.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateScenario } from '../src/scenario/validate.ts';
import { presetDraft } from '../src/ui/editor/scenarioEditor.ts';

// As the app's initialState (src/ui/app.ts) makes it.
const checked = validateScenario(presetDraft('status-quo', {}));
if (!checked.ok) throw new Error(checked.errors.join('; '));
const file = resolve(import.meta.dirname, '../src/data/generated/statusQuoScenario.ts');
writeFileSync(
  file,
  [
    "// Written by scripts/generate-status-quo.ts: do not edit (a unit test keeps it equal to the app's opening scenario).",
    "import type { Scenario } from '../../scenario/schema.ts';",
    '',
    `export const STATUS_QUO_SCENARIO: Scenario = ${JSON.stringify(checked.scenario, null, 2)};`,
    '',
  ].join('\n'),
);
console.log(`wrote ${file}`);
