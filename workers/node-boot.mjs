// Entry of a Node block worker thread. Node 20 cannot start a .ts worker directly (not even
// with --import tsx), so this plain module registers tsx for the worker's module graph and
// loads the TypeScript entry, as an ES module (a CommonJS-compiled engine runs ~4x slower).
import { tsImport } from 'tsx/esm/api';

await tsImport('./sim.node-worker.ts', import.meta.url);
