/**
 * `npm run bench`: prints the benchmark figures and writes them as JSON under
 * test-output/bench/. `npm run bench -- --quick` runs smaller sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatEngineBench, runEngineBench } from './engine.ts';

const quick = process.argv.includes('--quick');
const out = resolve(import.meta.dirname, '../../test-output/bench');
mkdirSync(out, { recursive: true });

const engine = runEngineBench({ quick });
console.log(formatEngineBench(engine));
writeFileSync(resolve(out, 'engine.json'), `${JSON.stringify(engine, null, 2)}\n`);
console.log(`\nwritten to ${out}/`);
