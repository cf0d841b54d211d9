#!/usr/bin/env node
/**
 * Compares the vendored inputs in data/inputs/ with the shared calibration data in
 * ../shared/data/ (the team's compiled copy), file by file where both exist. Prints what
 * differs and exits 1 on a difference; exits 0 with a note when ../shared is absent (CI clones
 * without it). Files made for this project (WDI extract, delegations, EU members) have no
 * shared counterpart and are listed as local.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = resolve(root, 'data/inputs');
const shared = resolve(root, '../shared/data');

if (!existsSync(shared)) {
  console.log(`note: ${shared} is absent; nothing to compare (data/inputs/ is the copy the app uses).`);
  process.exit(0);
}

let differences = 0;
for (const name of readdirSync(inputs).sort()) {
  const theirs = resolve(shared, name);
  if (!existsSync(theirs)) {
    console.log(`local   ${name} (no counterpart in shared/data)`);
    continue;
  }
  const a = readFileSync(resolve(inputs, name), 'utf8').split('\n');
  const b = readFileSync(theirs, 'utf8').split('\n');
  if (a.join('\n') === b.join('\n')) {
    console.log(`same    ${name}`);
    continue;
  }
  differences++;
  console.log(`DIFFERS ${name}: ${a.length} lines here, ${b.length} in shared/data`);
  const mine = new Set(a);
  const other = new Set(b);
  const onlyHere = a.filter((line) => !other.has(line)).slice(0, 5);
  const onlyThere = b.filter((line) => !mine.has(line)).slice(0, 5);
  for (const line of onlyHere) console.log(`  - ${line}`);
  for (const line of onlyThere) console.log(`  + ${line}`);
}
if (differences > 0) {
  console.log(
    `${differences} file(s) differ: copy the shared version into data/inputs/ and run \`npm run data\`.`,
  );
  process.exit(1);
}
