import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVER_LIST } from '../../../src/levers/index.ts';
import { scenarioDocs } from '../../../src/scenario/docs.ts';

describe('docs/scenario.md', () => {
  it('is what the schema generates (run `npm run docs` after changing the schema)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../../docs/scenario.md'), 'utf8');
    expect(committed).toBe(scenarioDocs());
  });

  it('documents every lever with units', () => {
    const docs = scenarioDocs();
    // Every lever of the registry has its section, under its editor title.
    for (const lever of LEVER_LIST) expect(docs).toContain(`## ${lever.title}: \`${lever.key}\` (each item)`);
    expect(docs).toMatch(/USD\/t/);
  });
});
