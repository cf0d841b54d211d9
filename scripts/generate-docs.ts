/** Writes docs/scenario.md from the scenario schema (`npm run docs`, after scripts/generate-json-schema.ts). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenarioDocs } from '../src/scenario/docs.ts';

const target = resolve(import.meta.dirname, '../docs/scenario.md');
writeFileSync(target, scenarioDocs());
console.log(`wrote ${target}`);
