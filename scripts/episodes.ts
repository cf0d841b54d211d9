/**
 * Writes the validation page (`npm run episodes`): docs/validation.md and its charts in
 * docs/validation/, from runs of the calibration and held-out episodes
 * (src/research/validation.ts). Charts no longer made are removed. A unit test regenerates the
 * files and fails when the committed ones differ, so run this after changing the engine, the
 * episodes or the observed figures, and commit the result.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildValidationPage, CHART_DIR, PAGE_PATH } from '../src/research/validationPage.ts';
import { calibratedWorld } from '../src/scenario/world.ts';

const root = resolve(import.meta.dirname, '..');
const files = buildValidationPage(calibratedWorld());

mkdirSync(join(root, CHART_DIR), { recursive: true });
for (const name of readdirSync(join(root, CHART_DIR))) {
  if (name.endsWith('.svg') && !files.has(`${CHART_DIR}/${name}`)) rmSync(join(root, CHART_DIR, name));
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
const page = files.get(PAGE_PATH) ?? '';
const record = page.split('\n').find((l) => l.startsWith('**Track record:**')) ?? '';
console.log(`wrote ${PAGE_PATH} and ${files.size - 1} charts in ${CHART_DIR}/`);
console.log(record.replace(/\*\*/g, ''));
