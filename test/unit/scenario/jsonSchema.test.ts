/**
 * The scenario's JSON Schema the code reads (src/data/generated/scenarioJsonSchema.ts, written
 * at build time) is what z.toJSONSchema makes from the zod schema now: a stale one would give
 * the editor old fields and links old defaults.
 */
import { describe, expect, it } from 'vitest';
import { buildScenarioJsonSchema, nodeAt, scenarioJsonSchema } from '../../../src/scenario/jsonSchema.ts';

describe('the generated scenario JSON Schema', () => {
  it('equals what the zod schema makes (else: npm run docs)', () => {
    expect(scenarioJsonSchema()).toStrictEqual(buildScenarioJsonSchema());
  });

  it('holds the levers and their metadata', () => {
    expect(nodeAt(['exportControls', 0, 'quotaTonnesPerMonth'])?.type).toBe('number');
    expect(nodeAt(['months'])?.default).toBe(120);
  });
});
