import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDocs } from '../../src/scenario/docs.ts';

describe('docs/scenario.md', () => {
  it('is what the schema generates (run `npm run docs` after changing the schema)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../docs/scenario.md'), 'utf8');
    expect(committed).toBe(scenarioDocs());
  });

  it('documents every lever with units', () => {
    const docs = scenarioDocs();
    for (const field of [
      'zones',
      'tariffs',
      'priceFloors',
      'exportControls',
      'stockpiles',
      'recycling',
      'standards',
    ]) {
      expect(docs).toContain(`## \`${field}\``);
    }
    expect(docs).toMatch(/USD\/t/);
  });
});
