/**
 * Writes src/data/generated/scenarioJsonSchema.ts (committed): the scenario's JSON Schema as
 * z.toJSONSchema makes it from the zod schema (src/scenario/jsonSchema.ts), so the page reads it
 * rather than making it in its first second. Run by `npm run docs`; a unit test
 * (test/unit/scenario/jsonSchema.test.ts) keeps it equal to what the schema makes now.
 *
 *   npx tsx scripts/generate-json-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildScenarioJsonSchema } from '../src/scenario/jsonSchema.ts';

const file = resolve(import.meta.dirname, '../src/data/generated/scenarioJsonSchema.ts');
writeFileSync(
  file,
  [
    '// Written by scripts/generate-json-schema.ts (`npm run docs`): do not edit (a unit test keeps it equal to the schema).',
    "import type { JsonNode } from '../../scenario/jsonSchema.ts';",
    '',
    `export const SCENARIO_JSON_SCHEMA: JsonNode = ${JSON.stringify(buildScenarioJsonSchema(), null, 1)};`,
    '',
  ].join('\n'),
);
console.log(`wrote ${file}`);
