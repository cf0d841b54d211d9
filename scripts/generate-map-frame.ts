/**
 * Writes src/data/generated/mapFrame.ts (committed): the app's world map's frame (its fitted
 * projection, the ocean's outline and the node markers' places) as src/viz/mapFrame.ts makes it
 * for the app's nodes at the map's size, so a cold page reads it rather than making it in its
 * first second. Run by `npm run docs`; a unit test (test/unit/viz/mapFrame.test.ts) keeps it
 * equal to what mapFrame.ts makes now.
 *
 *   npx tsx scripts/generate-map-frame.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NODES } from '../src/data/nodes.ts';
import { MAP_HEIGHT, MAP_WIDTH, makeMapFrame } from '../src/viz/mapFrame.ts';

const file = resolve(import.meta.dirname, '../src/data/generated/mapFrame.ts');
const frame = makeMapFrame(NODES, MAP_WIDTH, MAP_HEIGHT);
writeFileSync(
  file,
  [
    '// Written by scripts/generate-map-frame.ts (`npm run docs`): do not edit (a unit test keeps it equal to what src/viz/mapFrame.ts makes).',
    "import type { MapFrame } from '../../viz/mapFrame.ts';",
    '',
    'export const MAP_FRAME: MapFrame = {',
    `  width: ${frame.width},`,
    `  height: ${frame.height},`,
    `  scale: ${frame.scale},`,
    `  translate: ${JSON.stringify(frame.translate)},`,
    `  sphere: ${JSON.stringify(frame.sphere)},`,
    '  markers: [',
    ...frame.markers.map((m) => `    ${JSON.stringify(m)},`),
    '  ],',
    '};',
    '',
  ].join('\n'),
);
console.log(`wrote ${file}`);
