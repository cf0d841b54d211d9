/**
 * The engine's workers are bundled without zod: they import only the levers' compile steps
 * (src/levers/policies.ts) and the status quo's tariffs, and the lever definitions beside them
 * (schemas, editor parts) must drop out of their bundles. A definition the bundler cannot prove
 * free of side effects (a call not marked pure, a namespace's property read) keeps itself and
 * zod with it: tens of kB each worker parses and evaluates before its first month.
 */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/**
 * The modules in the bundle of `entry` (a path from the repository's root) that kept some code,
 * bundled on its own as vite bundles a worker.
 */
async function bundledModules(entry: string): Promise<string[]> {
  const output = (await build({
    root,
    configFile: false,
    logLevel: 'silent',
    worker: { format: 'es' },
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      rolldownOptions: { input: resolve(root, entry) },
    },
  })) as Rolldown.RolldownOutput;
  return output.output.flatMap((item) =>
    item.type === 'chunk'
      ? Object.entries(item.modules)
          .filter(([, module]) => module.renderedLength > 0)
          .map(([id]) => id)
      : [],
  );
}

describe("the engine workers' bundles", () => {
  it('leave zod and the lever definitions out', async () => {
    for (const entry of ['workers/sim.worker.ts', 'workers/coordinator.worker.ts']) {
      const modules = await bundledModules(entry);
      // The bundle does hold the levers' compile steps, so finding no zod in it means something.
      expect(
        modules.some((id) => id.endsWith('src/levers/policies.ts')),
        `${entry} compiles the levers`,
      ).toBe(true);
      expect(
        modules.filter((id) => /[/\\]node_modules[/\\]zod[/\\]/.test(id)),
        `${entry} bundles zod`,
      ).toEqual([]);
    }
  });
});
