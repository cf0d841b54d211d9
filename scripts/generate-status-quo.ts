/**
 * Writes src/data/generated/statusQuoScenario.ts (committed, typed as a Scenario): the status-quo preset
 * validated (what presetDraft gives when nothing is kept), what a link to it holds and what a run
 * of it asks for its status-quo twin. validateScenario answers those documents from it (so a page
 * opening on the status quo builds no zod schema before its first month: about 40 ms of a cold
 * page's first second), and the engine's coordinator worker loads it as soon as it has started
 * on a page that opens on it (workers/coordinator.worker.ts), before the page's own load call
 * arrives. A unit test
 * (test/unit/scenario/statusQuoScenario.test.ts) keeps it equal to the preset validated now.
 *
 *   npx tsx scripts/generate-status-quo.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenarioDiff } from '../src/scenario/codec.ts';
import { presetById } from '../src/scenario/presets.ts';
import { SCENARIO_VERSION } from '../src/scenario/schema.ts';
import { validateScenario } from '../src/scenario/validate.ts';
import { statusQuoDocument } from '../src/ui/runSession.ts';

// The schema itself, not the answers made from this file the last time (validate.ts: prebuilt).
const preset = presetById('status-quo');
if (!preset) throw new Error('no status-quo preset');
const checked = validateScenario(structuredClone(preset.scenario), { prebuilt: false });
if (!checked.ok) throw new Error(checked.errors.join('; '));
const file = resolve(import.meta.dirname, '../src/data/generated/statusQuoScenario.ts');
writeFileSync(
  file,
  [
    '// Written by scripts/generate-status-quo.ts: do not edit (a unit test keeps it equal to the status-quo preset validated now).',
    "import type { Scenario } from '../../scenario/schema.ts';",
    '',
    `export const STATUS_QUO_SCENARIO: Scenario = ${JSON.stringify(checked.scenario, null, 2)};`,
    '',
    '/** What a link to it holds, as encodeScenario checks it reads back: its values other than the defaults. */',
    `export const STATUS_QUO_LINK_DOCUMENT: Record<string, unknown> = ${JSON.stringify({ version: SCENARIO_VERSION, ...scenarioDiff(checked.scenario) }, null, 2)};`,
    '',
    '/** What a run of it asks for its status-quo twin (src/ui/runSession.ts: statusQuoFor), which is itself. */',
    `export const STATUS_QUO_TWIN_DOCUMENT: Record<string, unknown> = ${JSON.stringify(statusQuoDocument(checked.scenario), null, 2)};`,
    '',
  ].join('\n'),
);
console.log(`wrote ${file}`);
